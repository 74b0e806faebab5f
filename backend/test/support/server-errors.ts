import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * Every 5xx the application answers during a test fails that test (a 500 is a bug; see
 * `fail-on-server-errors.ts`, a setup file of the integration project). A test that provokes one
 * on purpose, such as a 503 with the database stopped, says so with {@link allowServerErrors}.
 */
interface State {
  seen: string[];
  allowed: Set<number>;
}

const KEY = Symbol.for('radfleet.test.serverErrors');
const state = ((globalThis as Record<symbol, State | undefined>)[KEY] ??= {
  seen: [],
  allowed: new Set(),
});

/** Records every answer >= 500 of this server. */
export function watchServerErrors(server: Server): void {
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    res.on('finish', () => {
      if (res.statusCode >= 500 && !state.allowed.has(res.statusCode))
        state.seen.push(`${req.method} ${req.url?.slice(0, 200)} → ${res.statusCode}`);
    });
  });
}

/** Lets the current test receive these 5xx statuses. Reset after each test. */
export function allowServerErrors(...statuses: number[]): void {
  for (const s of statuses) state.allowed.add(s);
}

/** The 5xx answers seen since the last call, forgetting them and the allowances. */
export function takeServerErrors(): string[] {
  const seen = state.seen;
  state.seen = [];
  state.allowed.clear();
  return seen;
}
