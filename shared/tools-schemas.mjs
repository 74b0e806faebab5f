// Writes dist/schemas.json: a JSON Schema for every exported response interface and enum of
// @radfleet/shared, so the backend's OpenAPI document describes responses from their one definition.
import { writeFileSync } from 'node:fs';
import { createGenerator } from 'ts-json-schema-generator';

const generator = createGenerator({
  path: 'src/**/*.ts',
  tsconfig: 'tsconfig.lib.json',
  type: '*',
  expose: 'export',
  topRef: true,
  jsDoc: 'extended',
  skipTypeCheck: true,
  additionalProperties: true,
});
const schema = generator.createSchema('*');
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
