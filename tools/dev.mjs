#!/usr/bin/env node
// `npm run dev`: live reload for both apps. shared and the backend recompile on save and the backend
// restarts (node --watch); the Angular dev server on http://localhost:4200 reloads the browser and
// proxies /api to the backend on http://localhost:3000.
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const first = spawnSync(
  'npx',
  ['nx', 'run-many', '-t', 'build', '-p', '@radfleet/shared', '@radfleet/backend'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (first.status !== 0) process.exit(first.status ?? 1);

const children = [
  ['shared', 'npx', ['tsc', '-p', 'shared/tsconfig.lib.json', '--watch', '--preserveWatchOutput']],
  [
    'backend:tsc',
    'npx',
    ['tsc', '-p', 'backend/tsconfig.build.json', '--watch', '--preserveWatchOutput'],
  ],
  [
    'backend',
    process.execPath,
    ['--watch-path=backend/dist', '--watch-path=shared/dist', 'backend/dist/main.js'],
  ],
  [
    'frontend',
    'npx',
    ['ng', 'serve', '--proxy-config', 'proxy.conf.json'],
    resolve(root, 'frontend'),
  ],
].map(([name, cmd, args, cwd]) => {
  const child = spawn(cmd, args, {
    cwd: cwd ?? root,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: '1' },
  });
  child.on('exit', (code) => console.log(`[dev] ${name} exited with ${code}`));
  return child;
});

const stop = () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(0), 8000).unref();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
