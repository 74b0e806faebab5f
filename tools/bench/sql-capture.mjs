// Preloaded into the backend by the load bench (`node --import ./sql-capture.mjs main.js`): records
// the exact SQL text and parameters of every query the pg driver sends, so the bench can run the
// very queries an endpoint ran, directly, without the API. It patches `pg.Client#query`, under the
// pool and under TypeORM, so nothing is missed or rewritten. Off at start (the demo load is not of
// interest); SIGWINCH switches it on and off (Nest's shutdown hooks take SIGUSR2; SIGWINCH is
// ignored by default, so a stray one does no harm). Each query is one JSON line appended, synchronously, to
// the file named by BENCH_SQL_LOG when it completes (with its start and end, so the bench can tell
// which queries of a request ran at the same time), before the caller sees the result.
import { appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const file = process.env.BENCH_SQL_LOG;
if (file) {
  const require = createRequire(join(import.meta.dirname, '../../backend/package.json'));
  const pg = require('pg');
  let on = false;
  process.on('SIGWINCH', () => {
    on = !on;
  });
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (config, values, callback) {
    const text = typeof config === 'string' ? config : config?.text;
    // Streams and cursors (a `submit` method) are left alone: the read routes do not use them.
    if (!on || typeof text !== 'string' || typeof config?.submit === 'function') {
      return query.call(this, config, values, callback);
    }
    const params = typeof config === 'object' && config.values ? config.values : values;
    const start = performance.now();
    const write = () =>
      appendFileSync(
        file,
        JSON.stringify({
          text,
          values: Array.isArray(params) ? params : undefined,
          start,
          end: performance.now(),
        }) + '\n',
      );
    const cb = typeof values === 'function' ? values : callback;
    if (typeof cb === 'function') {
      const wrapped = (err, res) => {
        write();
        cb(err, res);
      };
      return typeof values === 'function'
        ? query.call(this, config, wrapped)
        : query.call(this, config, values, wrapped);
    }
    const result = query.call(this, config, values);
    // Registered before the caller's own await, so the line is written before the caller goes on.
    result?.then?.(write, write);
    return result;
  };
}
