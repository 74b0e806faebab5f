#!/usr/bin/env node
// The API contract, linted: builds the OpenAPI document from the built backend (Nest's preview mode,
// so no database and no server), writes it to a temporary file and runs Spectral over it with the
// OAS ruleset and RadFleet's own rules (.spectral.yaml). Exits non-zero on any error.
// Needs `npx nx run-many -t build -p @radfleet/shared @radfleet/backend` first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'backend/dist/app');
if (!existsSync(join(dist, 'create-app.js'))) {
  console.error('api-lint: backend/dist is missing; build the backend first.');
  process.exit(2);
}
await import('reflect-metadata');
const { generateOpenApiDocument } = await import(pathToFileURL(join(dist, 'create-app.js')).href);
const { loadConfig } = await import(pathToFileURL(join(dist, 'config/app.config.js')).href);
const document = await generateOpenApiDocument(
  loadConfig({ LOG_LEVEL: 'silent', SCHEDULER: 'false', API_DOCS: 'true' }),
);

const dir = mkdtempSync(join(tmpdir(), 'radfleet-api-lint-'));
const file = join(dir, 'openapi.json');
writeFileSync(file, JSON.stringify(document, null, 2));
console.log(`api-lint: ${Object.keys(document.paths).length} paths → ${file}`);
const spectral = spawnSync(
  'npx',
  [
    'spectral',
    'lint',
    file,
    '--ruleset',
    join(root, '.spectral.yaml'),
    '--fail-severity',
    'error',
    '--format',
    'stylish',
  ],
  { cwd: root, stdio: 'inherit' },
);
rmSync(dir, { recursive: true, force: true });
process.exit(spectral.status ?? 1);
