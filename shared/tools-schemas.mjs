// Writes dist/schemas.json: a JSON Schema for every exported response interface and enum of
// @radfleet/shared, so the backend's OpenAPI document describes responses from their one definition.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';

const generator = createGenerator({
  path: 'src/index.ts',
  tsconfig: 'tsconfig.lib.json',
  type: '*',
  expose: 'export',
  topRef: true,
  jsDoc: 'extended',
  skipTypeCheck: true,
  additionalProperties: true,
});
// Response interfaces, type aliases and enums only: request DTO classes are described from their
// class-validator rules by the backend (and a mixin base such as PartialDto is beyond this generator).
const names = new Set();
for (const file of readdirSync('src', { recursive: true })) {
  if (!String(file).endsWith('.ts') || String(file).endsWith('.spec.ts')) continue;
  const text = readFileSync(join('src', String(file)), 'utf8');
  // Generic types (Paged<T>) have no schema of their own; the backend documents them per use.
  for (const m of text.matchAll(
    /^export (?:interface|type|enum) ([A-Z][A-Za-z0-9]*)(?!<|[A-Za-z0-9])/gm,
  ))
    names.add(m[1]);
  // DTO classes too, so that nested request objects have item types; mixins (PartialDto) are skipped.
  for (const m of text.matchAll(/^export class ([A-Z][A-Za-z0-9]*)\b(?! extends PartialDto)/gm))
    names.add(m[1]);
}
const schema = { definitions: {} };
for (const name of [...names].sort()) {
  Object.assign(schema.definitions, generator.createSchema(name).definitions);
}
// Only data shapes: plain functions and constants exported beside them are left out.
const runtime = await import('./dist/index.js');
const isHelper = (name) => {
  const v = runtime[name];
  return (
    (typeof v === 'function' && !/^class\b/.test(Function.prototype.toString.call(v))) ||
    (v !== undefined && typeof v !== 'function' && typeof v === 'object' && !isEnum(v))
  );
};
function isEnum(v) {
  return Object.values(v).every((x) => typeof x === 'string' || typeof x === 'number');
}
const definitions = Object.fromEntries(
  Object.entries(schema.definitions ?? {}).filter(
    ([name, d]) => /^[A-Z][A-Za-z0-9]*$/.test(name) && typeof d === 'object' && !isHelper(name),
  ),
);
/** JSON Schema → the OpenAPI 3.0 dialect: `type: [T, 'null']` becomes `type: T, nullable: true`. */
function toOpenApi30(node) {
  if (Array.isArray(node)) return node.map(toOpenApi30);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) out[k] = toOpenApi30(v);
  if (Array.isArray(out.type)) {
    const types = out.type.filter((t) => t !== 'null');
    if (types.length < out.type.length) out.nullable = true;
    if (types.length === 1) out.type = types[0];
    else {
      delete out.type;
      out.anyOf = types.map((t) => ({ type: t }));
    }
  }
  if (Array.isArray(out.anyOf) && out.anyOf.some((s) => s.type === 'null')) {
    out.anyOf = out.anyOf.filter((s) => s.type !== 'null');
    out.nullable = true;
    if (out.anyOf.length === 1) {
      Object.assign(out, out.anyOf[0]);
      delete out.anyOf;
    }
  }
  if (out.const !== undefined) {
    out.enum = [out.const];
    delete out.const;
  }
  return out;
}

// OpenAPI refs point into components/schemas, not #/definitions.
const json = JSON.stringify(toOpenApi30(definitions)).replaceAll(
  '#/definitions/',
  '#/components/schemas/',
);
writeFileSync('dist/schemas.json', json);
console.log(`shared: ${Object.keys(definitions).length} schemas written to dist/schemas.json`);
