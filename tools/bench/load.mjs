import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile, signIn, startBackend } from './backend.mjs';
import { listQueries } from './devices.mjs';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');

const CONNECTIONS = 20;
const DURATION_S = Number(process.env.BENCH_LOAD_SECONDS ?? 30);
/** Side-by-side timing of each route, one request and one raw-SQL replay at a time. */
const PAIRED = { min: 30, max: 300, ms: 6_000 };

/**
 * Load on the main read routes at city scale (the demo city): `autocannon` sends a mix of them over
 * 20 connections for 30 s and reports p50, p99, throughput and errors, overall and by route. Then,
 * in the same run and on the same database, each route's requests are timed against the raw SQL
 * they run: the bench server is started with `sql-capture.mjs` preloaded, which records the exact
 * SQL text and parameters the pg driver sends for each request (the sign-in check included), and
 * the bench replays those statements with pg, with the same concurrency as the request had (queries
 * that overlapped run at the same time on separate connections).
 */
export async function run(root) {
  const dir = mkdtempSync(join(tmpdir(), 'radfleet-bench-load-'));
  chmodSync(dir, 0o755);
  try {
    // First start: loads the demo city; the scheduler's first round raises the silent-device alerts.
    progress('first start: loading the demo city');
    let app = await startBackend(root, { DATA_DIR: dir });
    try {
      const auth = await signIn(app.url, 'admin@radfleet.demo');
      for (let i = 0; i < 60; i++) {
        const res = await fetch(`${app.url}/api/alerts?pageSize=1`, { headers: auth });
        if (res.ok && (await res.json()).total > 0) break;
        await new Promise((r) => setTimeout(r, 500));
      }
    } finally {
      await app.stop();
    }
    progress(`loaded in ${(app.ms / 1000).toFixed(0)} s; restarting with the SQL capture`);
    // Second start on the same data: no scheduler (its rounds would mix into the captured SQL).
    const log = join(dir, 'sql.ndjson');
    app = await startBackend(root, { DATA_DIR: dir, SCHEDULER: 'false', BENCH_SQL_LOG: log }, [
      '--import',
      join(import.meta.dirname, 'sql-capture.mjs'),
    ]);
    const pg = require(require.resolve('pg', { paths: [join(root, 'backend')] }));
    const port = Number(readFileSync(join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[3]);
    const pool = new pg.Pool({
      connectionString: `postgres://radfleet:radfleet@127.0.0.1:${port}/radfleet`,
      max: 10,
    });
    try {
      return await measure(app, pool, log);
    } finally {
      await pool.end().catch(() => undefined);
      await app.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function progress(text) {
  console.log(`  … ${text}`);
}

/** The mix: each route with a few variants of its query, as the pages ask them. */
async function routes(url, auth) {
  const get = async (path) => (await fetch(`${url}${path}`, { headers: auth })).json();
  const facilities = (await get('/api/facilities?pageSize=5')).items;
  const devices = (await get('/api/devices?pageSize=50&sort=inventoryNumber')).items;
  const year = new Date().getUTCFullYear();
  return [
    {
      name: 'device list (filtered, sorted, 100/page)',
      kind: 'list',
      paths: listQueries(facilities.map((f) => f.id))
        .slice(0, 9)
        .map((q) => `/api/devices?${q}`),
    },
    {
      name: 'one device',
      kind: 'item',
      paths: devices.filter((_, i) => i % 10 === 0).map((d) => `/api/devices/${d.id}`),
    },
    {
      name: 'facility list',
      kind: 'list',
      paths: [
        '/api/facilities',
        '/api/facilities?district=SAO&sort=name',
        '/api/facilities?q=больница&pageSize=50',
      ],
    },
    {
      name: 'contract list',
      kind: 'list',
      paths: [
        '/api/contracts',
        '/api/contracts?type=SERVICE,LIFECYCLE&sort=-endDate',
        '/api/contracts?expiringWithinDays=90&sort=endDate&pageSize=50',
      ],
    },
    {
      name: 'utilisation summary (rollup)',
      kind: 'summary',
      paths: [
        '/api/utilisation/summary',
        '/api/utilisation/summary?groupBy=district',
        '/api/utilisation/summary?groupBy=facility&granularity=week',
        `/api/utilisation/summary?groupBy=modality&granularity=month&from=${year - 3}-01-01`,
      ],
    },
    {
      name: 'alerts',
      kind: 'list',
      paths: ['/api/alerts', '/api/alerts?type=SILENT_DEVICE'],
    },
  ];
}

async function measure(app, pool, log) {
  const auth = await signIn(app.url, 'admin@radfleet.demo');
  const mix = await routes(app.url, auth);
  for (const route of mix) {
    for (const path of route.paths) {
      for (let k = 0; k < 2; k++) {
        const res = await fetch(`${app.url}${path}`, { headers: auth });
        if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      }
    }
  }

  progress('capturing the SQL of each request');
  // The SQL of every request, captured one request at a time.
  process.kill(app.pid, 'SIGWINCH');
  await new Promise((r) => setTimeout(r, 200));
  const size = () => {
    try {
      return statSync(log).size;
    } catch {
      return 0;
    }
  };
  for (const route of mix) {
    route.sql = [];
    for (const path of route.paths) {
      const before = size();
      const res = await fetch(`${app.url}${path}`, { headers: auth });
      await res.arrayBuffer();
      const lines = readFileSync(log).subarray(before).toString('utf8').split('\n');
      const queries = lines.filter(Boolean).map((l) => JSON.parse(l));
      if (queries.length === 0) throw new Error(`no SQL captured for ${path}`);
      route.sql.push(waves(queries));
    }
  }
  process.kill(app.pid, 'SIGWINCH');

  progress(`load: ${CONNECTIONS} connections for ${DURATION_S} s`);
  const load = await loadMix(app.url, auth, mix);
  progress('API and raw SQL side by side');

  // API and raw SQL side by side, one at a time, alternating, so that both see the same machine.
  for (const route of mix) {
    const api = [];
    const sql = [];
    const started = performance.now();
    for (let i = 0; i < PAIRED.max; i++) {
      if (i >= PAIRED.min && performance.now() - started > PAIRED.ms) break;
      const v = i % route.paths.length;
      let t0 = performance.now();
      const res = await fetch(`${app.url}${route.paths[v]}`, { headers: auth });
      if (!res.ok) throw new Error(`${route.paths[v]}: ${res.status}`);
      await res.arrayBuffer();
      api.push(performance.now() - t0);
      t0 = performance.now();
      await replay(pool, route.sql[v]);
      sql.push(performance.now() - t0);
    }
    route.paired = {
      n: api.length,
      api: { p50: percentile(api, 50), p99: percentile(api, 99) },
      sql: { p50: percentile(sql, 50), p99: percentile(sql, 99) },
      queries: route.sql.map((w) => w.flat().length),
    };
  }
  return report(load, mix);
}

/** Groups a request's queries into waves: those that overlapped in time ran together. */
function waves(queries) {
  const out = [];
  let end = -Infinity;
  for (const q of queries.sort((a, b) => a.start - b.start)) {
    if (out.length > 0 && q.start < end) out.at(-1).push(q);
    else out.push([q]);
    end = Math.max(end, q.end);
  }
  return out;
}

/** Runs the captured statements as the request did: wave after wave, a wave's queries at once. */
async function replay(pool, requestWaves) {
  for (const wave of requestWaves) {
    await Promise.all(wave.map((q) => pool.query(q.text, q.values)));
  }
}

/** The autocannon run over the whole mix, with each response's latency kept by route. */
async function loadMix(url, auth, mix) {
  const requests = [];
  // Interleave the routes so that every connection cycles through all of them.
  const longest = Math.max(...mix.map((r) => r.paths.length));
  for (let v = 0; v < longest; v++) {
    for (const route of mix) {
      const path = route.paths[v % route.paths.length];
      requests.push({ method: 'GET', path, headers: auth, route: route.name });
    }
  }
  const byRoute = new Map(mix.map((r) => [r.name, { times: [], errors: 0 }]));
  let clients = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests,
    setupClient: (client) => {
      // Each connection starts at another place in the mix, so every route is asked from the start.
      for (let k = clients++ % requests.length; k > 0; k--) client.requestIterator.nextRequest();
      // With one request in flight per connection, the answered request is still the current one.
      client.on('response', (status, _bytes, ms) => {
        const entry = byRoute.get(client.requestIterator.currentRequest.route);
        if (!entry) return;
        entry.times.push(ms);
        if (status >= 400) entry.errors++;
      });
    },
  });
  return { result, byRoute };
}

function report({ result, byRoute }, mix) {
  const errors = result.errors + result.timeouts + result.non2xx;
  const rows = [
    {
      figure: `mix of ${mix.length} read routes, ${CONNECTIONS} connections, ${DURATION_S} s: requests`,
      value: result.requests.total,
      unit: 'req',
      target: 'recorded',
    },
    {
      figure: 'throughput',
      value: result.requests.average.toFixed(0),
      unit: 'req/s',
      target: 'recorded',
    },
    {
      figure: 'latency p50 (all routes)',
      value: result.latency.p50,
      unit: 'ms',
      target: 'recorded',
    },
    {
      figure: 'latency p99 (all routes)',
      value: result.latency.p99,
      unit: 'ms',
      target: 'recorded',
    },
    {
      figure: 'errors (connection, timeouts, non-2xx)',
      value: errors,
      unit: '',
      target: '0',
      pass: errors === 0,
    },
  ];
  for (const route of mix) {
    const { times, errors: routeErrors } = byRoute.get(route.name);
    const p50 = percentile(times, 50);
    const p99 = percentile(times, 99);
    const target = route.kind === 'summary' ? 500 : route.kind === 'list' ? 250 : undefined;
    rows.push({
      figure: `${route.name}: p50 under load (${times.length} req, ${routeErrors} errors)`,
      value: p50?.toFixed(0) ?? 'n/a',
      unit: 'ms',
      target: 'recorded',
    });
    rows.push({
      figure: `${route.name}: p99 under load`,
      value: p99?.toFixed(0) ?? 'n/a',
      unit: 'ms',
      target: target === undefined ? 'recorded' : `< ${target} ms`,
      pass:
        target === undefined ? undefined : times.length > 0 && p99 < target && routeErrors === 0,
    });
  }
  for (const route of mix) {
    const p = route.paired;
    const ratio = p.api.p50 / p.sql.p50;
    rows.push({
      figure: `${route.name}: API p50 / p99, one at a time (n=${p.n})`,
      value: `${p.api.p50.toFixed(1)} / ${p.api.p99.toFixed(1)}`,
      unit: 'ms',
      target: 'recorded',
    });
    rows.push({
      figure: `${route.name}: raw SQL p50 / p99 (${p.queries.join('/')} queries)`,
      value: `${p.sql.p50.toFixed(1)} / ${p.sql.p99.toFixed(1)}`,
      unit: 'ms',
      target: 'recorded',
    });
    rows.push({
      figure: `${route.name}: API / raw SQL at p50`,
      value: ratio.toFixed(2),
      unit: '×',
      target: '≤ 2',
      pass: ratio <= 2,
    });
  }
  return rows;
}
