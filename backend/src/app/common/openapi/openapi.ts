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

import { ValidationTypes } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { defaultConverters } from 'class-validator-jsonschema/build/defaultConverters.js';

const require = createRequire(import.meta.url);
const REF = '#/components/schemas/';
const ref = (name: string) => ({ $ref: `${REF}${name}` });

type Converter = (meta: { name?: string }, options: unknown) => SchemaObject | undefined;
const customDefault = defaultConverters[ValidationTypes.CUSTOM_VALIDATION] as unknown as Converter;
/** Range checks such as `@IsSaneDate()` add nothing to a field's type in the document. */
const RANGE_ONLY = new Set(['isSaneDate']);

/** Request DTO schemas from their class-validator rules. */
function validatorSchemas(): Record<string, SchemaObject> {
  return validationMetadatasToSchemas({
    refPointerPrefix: REF,
    additionalConverters: {
      isSaneDate: {},
      [ValidationTypes.CUSTOM_VALIDATION]: ((meta, options) =>
        meta.name && RANGE_ONLY.has(meta.name)
          ? {}
          : customDefault(meta, options)) as Converter as never,
    },
  }) as Record<string, SchemaObject>;
}

/**
 * Completes the generated document from the one definition of each type in @radfleet/shared:
 * response interfaces and enums (JSON Schema generated from the TypeScript at build time) and
 * request DTOs (from their class-validator rules, so limits and formats are documented too).
 */
export function completeDocument(document: OpenAPIObject): OpenAPIObject {
  const shared = require('@radfleet/shared/schemas.json') as Record<string, SchemaObject>;
  const validators = validatorSchemas();
  // Nested DTOs (arrays of objects) are typed from the TypeScript, since shared avoids class-transformer's
  // @Type and class-validator alone only knows "Object" there.
  for (const [name, schema] of Object.entries(validators)) {
    for (const [prop, propSchema] of Object.entries(schema.properties ?? {})) {
      const fromTs = shared[name]?.properties?.[prop];
      const json = JSON.stringify(propSchema);
      if (json.includes(`${REF}Object"`) || json.includes(`${REF}Array"`))
        schema.properties![prop] = fromTs ?? { type: 'object' };
    }
  }
  document.components ??= {};
  document.components.schemas = {
    ...document.components.schemas,
    ...shared,
    ...validators,
  };
  const tags = new Set(
    Object.values(document.paths).flatMap((ops) =>
      Object.values(ops as Record<string, { tags?: string[] }>).flatMap((op) => op?.tags ?? []),
    ),
  );
  document.tags = [...tags].sort().map((name) => ({ name }));
  return resolveBuiltinRefs(document);
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
  const schemas = validatorSchemas();
  const schema = schemas[dto.name];
  if (!schema?.properties) throw new Error(`no class-validator schema for ${dto.name}`);
  const required = new Set(schema.required ?? []);
  return applyDecorators(
    ...Object.entries(schema.properties).map(([name, s]) =>
      ApiQuery({ name, required: required.has(name), schema: s as SchemaObject }),
    ),
  );
}

/** The `content` of an error answer: `application/problem+json` (RFC 9457). */
export const PROBLEM = { 'application/problem+json': { schema: ref('ProblemDetails') } };
const problem = PROBLEM;

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

/** Reflection sometimes names a JavaScript built-in (`Object`, `Array`) where a schema belongs. */
function resolveBuiltinRefs<T>(node: T): T {
  if (Array.isArray(node)) return node.map(resolveBuiltinRefs) as T;
  if (node === null || typeof node !== 'object') return node;
  const ref = (node as { $ref?: unknown }).$ref;
  if (ref === `${REF}Object`) return { type: 'object' } as T;
  if (ref === `${REF}Array`) return { type: 'array', items: {} } as T;
  if (typeof ref === 'string' && Object.keys(node).length > 1) {
    // OpenAPI 3.0 ignores the siblings of a $ref (nullable, description): wrap it so they count.
    const { $ref, ...rest } = node as unknown as { $ref: string };
    return { ...resolveBuiltinRefs(rest), allOf: [{ $ref }] } as T;
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolveBuiltinRefs(v)])) as T;
}
