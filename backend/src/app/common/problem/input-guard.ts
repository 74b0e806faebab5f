import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import type { FieldError } from '@radfleet/shared';
import type { NextFunction, Request, Response } from 'express';
import { DomainException, ErrorKind } from './domain.exception.js';

/**
 * The edge of the API: text the database, the validator or the audit log cannot take is refused
 * with a 400 naming the field before any guard, pipe or service sees it.
 *
 * - NUL (PostgreSQL refuses 0x00 in text) and lone UTF-16 surrogates (not Unicode; JSON encoders
 *   and the database choke on them) in any string or key of the body, the query or a route parameter;
 * - keys that reach JavaScript prototypes (`__proto__`, `constructor`, `prototype`);
 * - JSON nested deeper than {@link MAX_JSON_DEPTH}, measured on the raw bytes before parsing, so
 *   that nothing recursive (class-transformer, class-validator) ever walks a deep tree.
 */
export const MAX_JSON_DEPTH = 32;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export class InputGuardException extends DomainException {
  constructor(errors: FieldError[]) {
    super('INVALID_CHARACTERS', ErrorKind.BAD_INPUT, 'The request has invalid fields.', {
      errors,
    });
  }
}

/** Why a string cannot be accepted, or null when it can. */
export function badText(s: string): string | null {
  if (s.includes('\u0000')) return 'must not contain the NUL character';
  if (LONE_SURROGATE.test(s)) return 'must not contain unpaired UTF-16 surrogates';
  return null;
}

/**
 * The first unacceptable string, key or prototype key in a parsed value, found without recursion.
 * Only plain objects and arrays are walked (an uploaded file's Buffer is not text).
 */
export function findBadInput(value: unknown, root: string): FieldError | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const why = badText(v);
      if (why) return { field: path || 'body', message: `${path || 'body'} ${why}` };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push([item, `${path}[${i}]`]));
      continue;
    }
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) continue;
    for (const key of Object.keys(v)) {
      const field = path ? `${path}.${key}` : key;
      const why = badText(key);
      if (why) return { field: path || 'body', message: `a field name ${why}` };
      if (PROTOTYPE_KEYS.has(key))
        return { field, message: `${field} is not an allowed field name` };
      stack.push([(v as Record<string, unknown>)[key], field]);
    }
  }
  return null;
}

/**
 * The nesting depth of raw JSON bytes (brackets outside strings), counted in one pass without
 * recursion; stops as soon as `limit` is exceeded.
 */
export function jsonDepthExceeds(buf: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** The error `verifyJsonDepth` raises inside the body parser; `rejectUnreadableBody` maps it. */
export const TOO_DEEP = 'entity.too.deep';

/** The `verify` hook of the JSON body parser: refuses deep JSON before it is parsed. */
export function verifyJsonDepth(_req: unknown, _res: unknown, buf: Buffer): void {
  if (jsonDepthExceeds(buf, MAX_JSON_DEPTH))
    // A plain error with a status: body-parser passes it on as it is (its own would be a 403).
    throw Object.assign(new Error('too deep'), { type: TOO_DEEP, status: 400 });
}

/** The 400 answer to JSON nested deeper than {@link MAX_JSON_DEPTH}. */
export function tooDeepException(): DomainException {
  return new DomainException(
    'BODY_TOO_DEEP',
    ErrorKind.BAD_INPUT,
    `The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`,
    {
      errors: [
        { field: 'body', message: `body must not nest deeper than ${MAX_JSON_DEPTH} levels` },
      ],
    },
  );
}

/** Headers the application reads, checked like the body. */
const CHECKED_HEADERS = ['x-request-id'];

/** Express middleware after the body parsers: checks the body, the query and the headers the app reads. */
export function guardInput(req: Request, _res: Response, next: NextFunction): void {
  const bad =
    findBadInput(req.body, '') ??
    findBadInput({ ...(req.query as Record<string, unknown>) }, '') ??
    CHECKED_HEADERS.map((h) => {
      const v = req.headers[h];
      return typeof v === 'string' && badText(v)
        ? { field: h, message: `header ${h} ${badText(v)}` }
        : null;
    }).find((e) => e !== null) ??
    null;
  next(bad ? new InputGuardException([bad]) : undefined);
}

/**
 * The same check as a global pipe, for what only exists once the route is known: route parameters
 * and the text fields of multipart forms.
 */
@Injectable()
export class InputGuardPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const root = metadata.type === 'param' && metadata.data ? metadata.data : '';
    const bad = findBadInput(value, root);
    if (bad) throw new InputGuardException([bad]);
    return value;
  }
}
