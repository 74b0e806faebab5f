import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../src/app/database/embedded-postgres.js';

export const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** The built backend (`dist/main.js`) as a real child process, as `npm start` runs it. */
export class BackendProcess {
  output = '';
  readonly exited: Promise<number | null>;

  private constructor(
    readonly proc: ChildProcess,
    readonly port: number,
  ) {
    proc.stdout?.on('data', (c: Buffer) => (this.output += c.toString()));
    proc.stderr?.on('data', (c: Buffer) => (this.output += c.toString()));
    this.exited = new Promise((ok) => proc.on('exit', (code) => ok(code)));
  }

  static async start(env: Record<string, string>): Promise<BackendProcess> {
    if (!existsSync(MAIN))
      throw new Error(`${MAIN} is missing: build the backend first (npm run build)`);
    const port = env.PORT ? Number(env.PORT) : await freePort();
    const proc = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        LOG_LEVEL: 'info',
        PORT: String(port),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new BackendProcess(proc, port);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async waitHealthy(
    timeoutMs = 60_000,
  ): Promise<{ status: string; database: string; version: string }> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (this.proc.exitCode !== null)
        throw new Error(`backend exited with ${this.proc.exitCode}:\n${this.output}`);
      try {
        const res = await fetch(`${this.url}/api/health`);
        if (res.status === 200)
          return (await res.json()) as { status: string; database: string; version: string };
      } catch {
        /* not listening yet */
      }
      if (Date.now() > until)
        throw new Error(`backend not healthy after ${timeoutMs} ms:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.proc.exitCode === null) this.proc.kill(signal);
    return this.exited;
  }
}

/** PIDs of postgres server processes whose command line names the folder. */
export function postgresProcessesFor(dir: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', `postgres.*${dir}`], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

/** Whether a process runs (a zombie waiting for its parent to reap it does not). */
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}
