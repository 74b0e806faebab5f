import { createRequire } from 'node:module';
import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiCreatedResponse,
  ApiQuery,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  type OpenAPIObject,
  type SchemaObject,
} from '@nestjs/swagger';

import { validationMetadatasToSchemas } from 'class-validator-jsonschema';

const require = createRequire(import.meta.url);
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/**
 * Completes the generated document from the one definition of each type in @radfleet/shared:
 * response interfaces and enums (JSON Schema generated from the TypeScript at build time) and
 * request DTOs (from their class-validator rules, so limits and formats are documented too).
 */
export function completeDocument(document: OpenAPIObject): OpenAPIObject {
  const shared = require('@radfleet/shared/schemas.json') as Record<string, SchemaObject>;
  const validators = validationMetadatasToSchemas({
    refPointerPrefix: '#/components/schemas/',
  }) as Record<string, SchemaObject>;
  document.components ??= {};
  document.components.schemas = {
    ...document.components.schemas,
    ...shared,
    ...validators,
  };
  return document;
}

/** The 200 answer is the named shared type. */
export const ApiOkOf = (name: string, description?: string) =>
  ApiOkResponse({ schema: ref(name), description });
export const ApiCreatedOf = (name: string, description?: string) =>
  ApiCreatedResponse({ schema: ref(name), description });

/** The 200 answer is a page of the named shared type. */
export const ApiPagedOf = (name: string) =>
  ApiOkResponse({
    schema: {
      type: 'object',
      required: ['items', 'total', 'page', 'pageSize'],
      properties: {
        items: { type: 'array', items: ref(name) },
        total: { type: 'integer' },
        page: { type: 'integer' },
        pageSize: { type: 'integer' },
      },
    },
  });

/** Documents every property of a query DTO class from its class-validator rules. */
export function ApiQueryOf(dto: { name: string }): MethodDecorator {
  const schemas = validationMetadatasToSchemas({
    refPointerPrefix: '#/components/schemas/',
  }) as Record<string, SchemaObject>;
  const schema = schemas[dto.name];
  if (!schema?.properties) throw new Error(`no class-validator schema for ${dto.name}`);
  const required = new Set(schema.required ?? []);
  return applyDecorators(
    ...Object.entries(schema.properties).map(([name, s]) =>
      ApiQuery({ name, required: required.has(name), schema: s as SchemaObject }),
    ),
  );
}

const problem = { 'application/problem+json': { schema: ref('ProblemDetails') } };

/** Error answers of a signed-in route, all `application/problem+json`. */
export function ApiProblems(
  ...statuses: (400 | 404 | 409 | 429)[]
): MethodDecorator & ClassDecorator {
  const all = [
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No valid access token.', content: problem }),
    ApiForbiddenResponse({
      description: 'The role or facility scope does not allow this.',
      content: problem,
    }),
  ];
  if (statuses.includes(400))
    all.push(
      ApiBadRequestResponse({
        description: 'Invalid input; `errors` lists the fields.',
        content: problem,
      }),
    );
  if (statuses.includes(404))
    all.push(ApiNotFoundResponse({ description: 'Not found.', content: problem }));
  if (statuses.includes(409))
    all.push(ApiConflictResponse({ description: 'Stale version or duplicate.', content: problem }));
  if (statuses.includes(429))
    all.push(ApiTooManyRequestsResponse({ description: 'Too many attempts.', content: problem }));
  return applyDecorators(...all);
}
