import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import * as highsModule from 'highs';
import type { LpResult, SolveFn } from './scenario-solver.js';

type Loader = (typeof highsModule)['default']['default'];
type Highs = Awaited<ReturnType<Loader>>;
// An ES module import of this CommonJS-typed package: the loader is the default export at run time.
const exported = highsModule.default as unknown as Loader | { default: Loader };
const loadHighs: Loader = typeof exported === 'function' ? exported : exported.default;

/** Column values of a legacy HiGHS result, by name. */
function values(columns: Record<string, { Primal?: number }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, c] of Object.entries(columns)) if (c.Primal !== undefined) out[k] = c.Primal;
  return out;
}

let instance: Promise<Highs> | null = null;

/**
 * HiGHS in this thread. It blocks the event loop while it solves: for tests, the benchmark and
 * the demo loader, never for a request (the API runs solves in a worker, below).
 */
export const solveInProcess: SolveFn = async (lp, options) => {
  const highs = await (instance ??= loadHighs());
  const t0 = performance.now();
  try {
    const r = highs.solve(lp, options as Parameters<Highs['solve']>[1]);
    return {
      status: r.Status,
      objective: r.ObjectiveValue,
      values: values(r.Columns as Record<string, { Primal?: number }>),
      ms: performance.now() - t0,
    };
  } catch (e) {
    instance = null;
    throw e;
  }
};

/**
 * The worker's code. It is evaluated (a CommonJS script with `require`), so it runs the same
 * from the TypeScript sources under test and from the built backend.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const loadHighs = require(workerData.highsPath);
let highs = null;
parentPort.on('message', async (msg) => {
  try {
    highs = highs || (await loadHighs());
    const t0 = performance.now();
    const r = highs.solve(msg.lp, msg.options);
    const values = {};
    for (const [k, c] of Object.entries(r.Columns)) if (c.Primal !== undefined) values[k] = c.Primal;
    parentPort.postMessage({ id: msg.id, ok: true, status: r.Status, objective: r.ObjectiveValue, values, ms: performance.now() - t0 });
  } catch (e) {
    highs = null;
    parentPort.postMessage({ id: msg.id, ok: false, error: String(e && e.message ? e.message : e) });
  }
});
`;

interface WorkerReply {
  id: number;
  ok: boolean;
  status?: string;
  objective?: number;
  values?: Record<string, number>;
  ms?: number;
  error?: string;
}

/** HiGHS in a worker thread, so that a long solve leaves the API responsive. One per run. */
export class WorkerSolver {
  private readonly worker: Worker;
  private seq = 0;
  private readonly pending = new Map<
    number,
    { resolve: (r: LpResult) => void; reject: (e: Error) => void }
  >();

  constructor() {
    const highsPath = createRequire(import.meta.url).resolve('highs');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { highsPath } });
    this.worker.on('message', (m: WorkerReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok)
        p.resolve({ status: m.status!, objective: m.objective!, values: m.values!, ms: m.ms! });
      else p.reject(new Error(m.error ?? 'HiGHS failed'));
    });
    this.worker.on('error', (e) => this.failAll(e));
    this.worker.on('exit', (code) => this.failAll(new Error(`solver worker exited (${code})`)));
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  readonly solve: SolveFn = (lp, options) =>
    new Promise<LpResult>((resolve, reject) => {
      const id = ++this.seq;
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, lp, options });
    });

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
