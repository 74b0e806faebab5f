import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createServer } from 'node:net';

export function freePort() {
  return new Promise((ok) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** Starts the built backend and resolves with the milliseconds until /api/health answers 200. */
export async function startBackend(root, env) {
  const port = await freePort();
  const started = performance.now();
  const proc = spawn(process.execPath, [join(root, 'backend/dist/main.js')], {
    env: { ...process.env, LOG_LEVEL: 'warn', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`backend exited with ${proc.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const ms = performance.now() - started;
  return {
    ms,
    url,
    stop: () =>
      new Promise((ok) => {
        proc.on('exit', ok);
        proc.kill('SIGTERM');
      }),
  };
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
