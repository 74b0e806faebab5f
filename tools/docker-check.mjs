#!/usr/bin/env node
// Static checks of docker/Dockerfile and docker/compose.yaml: no Docker engine runs on the build
// machines, so these catch what a `docker build` / `docker compose config` would.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '..');
const problems = [];
const check = (ok, message) => {
  if (!ok) problems.push(message);
};

// ---- Dockerfile ----
const dockerfile = readFileSync(join(root, 'docker/Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
const lines = dockerfile
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const args = Object.fromEntries(
  lines
    .filter((l) => l.startsWith('ARG '))
    .map((l) => l.slice(4).split('='))
    .filter((kv) => kv.length === 2),
);
const stages = [];
for (const l of lines) {
  const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(l);
  if (from)
    stages.push({
      image: from[1].replace(/\$\{(\w+)\}/g, (_, k) => args[k] ?? ''),
      name: from[2],
      lines: [],
    });
  else stages.at(-1)?.lines.push(l);
}
check(stages.length >= 2, 'Dockerfile: expected a multi-stage build');
for (const s of stages)
  check(
    /^node:(22|24)[\w.-]*-slim$/.test(s.image),
    `Dockerfile: stage ${s.name} uses ${s.image}, not a Node 22/24 slim image`,
  );
const names = new Set(stages.map((s) => s.name));
const dockerignore = readFileSync(join(root, '.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter(Boolean);
for (const s of stages) {
  for (const l of s.lines.filter((x) => /^COPY\s/i.test(x))) {
    const parts = l.split(/\s+/).slice(1);
    const from = parts.find((p) => p.startsWith('--from='));
    const paths = parts.filter((p) => !p.startsWith('--'));
    const sources = paths.slice(0, -1);
    if (from) {
      check(names.has(from.slice(7)), `Dockerfile: ${l} names an unknown stage`);
      continue;
    }
    for (const src of sources) {
      check(existsSync(join(root, src)), `Dockerfile: COPY source ${src} does not exist`);
      check(
        !dockerignore.some((d) => d.replace(/^\*\*\//, '') === src.replace(/\/$/, '')),
        `Dockerfile: COPY source ${src} is excluded by .dockerignore`,
      );
    }
  }
}
const runtime = stages.at(-1);
const rt = runtime?.lines.join('\n') ?? '';
check(
  /^USER\s+(?!root\b|0\b)\S+/m.test(rt),
  'Dockerfile: the runtime stage must run as a non-root USER',
);
check(
  /^HEALTHCHECK .*\/api\/health/m.test(rt),
  'Dockerfile: the runtime stage needs a HEALTHCHECK on /api/health',
);
const cmd = /^CMD\s+\[(.*)\]/m.exec(rt);
check(cmd !== null, 'Dockerfile: the runtime stage needs an exec-form CMD');
if (cmd) {
  const main = JSON.parse(`[${cmd[1]}]`).find((a) => a.endsWith('.js'));
  check(
    main === 'backend/dist/main.js',
    `Dockerfile: CMD runs ${main}, expected backend/dist/main.js`,
  );
}
for (const built of [
  'shared/dist/index.js',
  'backend/dist/main.js',
  'frontend/dist/browser/index.html',
]) {
  const dir = built.split('/').slice(0, -1).join('/');
  check(rt.includes(dir.replace(/\/$/, '')), `Dockerfile: the runtime stage does not copy ${dir}`);
  if (process.argv.includes('--after-build'))
    check(
      existsSync(join(root, built)),
      `build output ${built} is missing: the image would lack it`,
    );
}

// ---- compose.yaml ----
const compose = parse(readFileSync(join(root, 'docker/compose.yaml'), 'utf8'));
const services = compose?.services ?? {};
check(services.app && services.db, 'compose: services app and db are required');
if (services.db) {
  check(
    /^postgres:18(\b|$)/.test(services.db.image),
    `compose: db image is ${services.db.image}, expected postgres:18`,
  );
  check(Boolean(services.db.healthcheck), 'compose: db needs a healthcheck');
  const vol = (services.db.volumes ?? []).map(String).find((v) => v.includes(':'));
  const volName = vol?.split(':')[0];
  check(
    volName && compose.volumes && volName in compose.volumes,
    'compose: db must keep its data in a declared named volume',
  );
}
if (services.app) {
  const ctx = resolve(join(root, 'docker'), services.app.build?.context ?? '.');
  check(ctx === root, `compose: app build context is ${ctx}, expected the repository root`);
  check(
    existsSync(join(ctx, services.app.build?.dockerfile ?? 'Dockerfile')),
    'compose: app dockerfile not found from its context',
  );
  const url = String(services.app.environment?.DATABASE_URL ?? '');
  check(
    /^postgres(ql)?:\/\/[^@]+@db:5432\/\w+/.test(url),
    `compose: app DATABASE_URL must point at the db service (${url})`,
  );
  check(
    services.app.depends_on?.db?.condition === 'service_healthy',
    'compose: app must wait for a healthy db',
  );
  check(
    (services.app.ports ?? []).some((p) => String(p).endsWith(':3000')),
    'compose: app must publish port 3000',
  );
}

if (problems.length > 0) {
  console.error(problems.map((p) => `✗ ${p}`).join('\n'));
  process.exit(1);
}
console.log('docker/Dockerfile and docker/compose.yaml pass the static checks');
