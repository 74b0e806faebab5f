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

/**
 * Starts the built backend and resolves with the milliseconds until /api/health answers 200;
 * `nodeArgs` go to node before the script (e.g. `--import` of a preload).
 */
export async function startBackend(root, env, nodeArgs = []) {
  const port = await freePort();
  const started = performance.now();
  const proc = spawn(process.execPath, [...nodeArgs, join(root, 'backend/dist/main.js')], {
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
    pid: proc.pid,
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

/** Signs in through the API and returns the Authorization header. */
export async function signIn(url, email, password = 'radfleet-demo') {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status}`);
  return { Authorization: `Bearer ${(await res.json()).accessToken}` };
}

/** Times `n` runs of an async function; returns the p50, p95 and max in milliseconds. */
export async function timeIt(n, fn) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times) };
}

/** Resident memory of a process in MiB: `VmRSS` now and `VmHWM` (the peak since the last reset). */
export async function memory(pid) {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

/** Resets a process's peak-RSS counter (Linux: writing 5 to clear_refs). */
export async function resetPeak(pid) {
  const { writeFile } = await import('node:fs/promises');
  await writeFile(`/proc/${pid}/clear_refs`, '5').catch(() => undefined);
}
