import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { signIn, startBackend, timeIt } from './backend.mjs';

const require = createRequire(import.meta.url);
const SCALE = 10;
const YEARS = 5;
const CHUNK = 20_000;

/**
 * Utilisation at 10× scale over 5 years. The built backend loads the 10× demo city (3 years of
 * daily history); the bench then adds the two years before it from the same generator (the city's
 * devices do not depend on the history length), straight into the backend's embedded PostgreSQL,
 * with their monthly rollup. Then it times, through the API: the city-wide monthly rollup over
 * 5 years (by modality, district and facility), and one device's daily series over a year.
 */
export async function run(root) {
  const dir = mkdtempSync(join(tmpdir(), 'radfleet-bench-util-'));
  chmodSync(dir, 0o755);
  const { app, db, loadMs, counts, meta } = await prepare(root, dir);
  try {
    return await measure(app, db, loadMs, counts, meta);
  } finally {
    await db.end().catch(() => undefined);
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts the backend on `dir` (loading the 10× city on a first start) and adds the earlier years once. */
export async function prepare(root, dir) {
  const app = await startBackend(root, {
    DATA_DIR: dir,
    DEMO_SCALE: String(SCALE),
    SCHEDULER: 'false',
  });
  const pg = require(require.resolve('pg', { paths: [join(root, 'backend')] }));
  const port = Number(readFileSync(join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[3]);
  const db = new pg.Client({
    connectionString: `postgres://radfleet:radfleet@127.0.0.1:${port}/radfleet`,
  });
  await db.connect();
  const loadStarted = performance.now();
  const raw = (await db.query("SELECT value FROM app_meta WHERE key = 'demo'")).rows[0].value;
  const meta = typeof raw === 'string' ? JSON.parse(raw) : raw;
  const extended =
    (await db.query("SELECT 1 FROM app_meta WHERE key = 'bench-utilisation'")).rows.length > 0;
  if (!extended) await extend(root, db, meta);
  const loadMs = performance.now() - loadStarted;
  const { rows: counts } = await db.query(
    `SELECT (SELECT count(*) FROM daily_utilisation)::int AS daily, (SELECT count(*) FROM monthly_utilisation)::int AS monthly,
            (SELECT min(day)::text FROM daily_utilisation) AS first`,
  );
  return { app, db, loadMs, counts, meta };
}

async function extend(root, db, meta) {
  {
    const { generateCity } = await import(
      pathToFileURL(join(root, 'backend/dist/app/demo/generator/index.js')).href
    );
    const { generateUtilisationByDevice } = await import(
      pathToFileURL(join(root, 'backend/dist/app/demo/generator/utilisation.js')).href
    );
    const city = generateCity({ seed: meta.seed, today: meta.today, years: YEARS, scale: SCALE });
    const loadedFrom = (
      await db.query('SELECT min(day)::text AS d FROM daily_utilisation WHERE NOT monthly')
    ).rows[0].d;
    const ids = new Map(
      (await db.query('SELECT id, inventory_number FROM devices')).rows.map((r) => [
        r.inventory_number,
        r.id,
      ]),
    );
    await db.query('BEGIN');
    let d = [];
    let y = [];
    let s = [];
    let i = [];
    const flush = async () => {
      if (d.length === 0) return;
      await db.query(
        `INSERT INTO daily_utilisation (device_id, day, source, studies, images)
         SELECT d, y, 'ARCHIVE', s, i FROM unnest($1::uuid[], $2::date[], $3::int[], $4::int[]) AS u(d, y, s, i)`,
        [d, y, s, i],
      );
      d = [];
      y = [];
      s = [];
      i = [];
    };
    for (const batch of generateUtilisationByDevice(city)) {
      const id = ids.get(batch.inventoryNumber);
      if (!id) continue;
      for (const r of batch.rows) {
        if (r.date >= loadedFrom) break;
        d.push(id);
        y.push(r.date);
        s.push(r.studies);
        i.push(r.images);
      }
      if (d.length >= CHUNK) await flush();
    }
    await flush();
    // The months before and including the old first month, recomputed from the days.
    await db.query(`DELETE FROM monthly_utilisation WHERE month <= date_trunc('month', $1::date)`, [
      loadedFrom,
    ]);
    await db.query(
      `INSERT INTO monthly_utilisation (device_id, month, studies, images, active_days)
       SELECT device_id, date_trunc('month', day)::date, sum(studies)::int, sum(images)::bigint,
              (count(*) FILTER (WHERE NOT monthly AND studies > 0))::int
         FROM daily_utilisation WHERE day < (date_trunc('month', $1::date) + interval '1 month')::date
        GROUP BY device_id, date_trunc('month', day)`,
      [loadedFrom],
    );
    await db.query("INSERT INTO app_meta (key, value) VALUES ('bench-utilisation', '{}')");
    await db.query('COMMIT');
    await db.query('VACUUM ANALYZE daily_utilisation');
    await db.query('VACUUM ANALYZE monthly_utilisation');
  }
}

/** Times the API on the prepared data. */
export async function measure(app, db, loadMs, counts, meta) {
  {
    const auth = await signIn(app.url, 'admin@radfleet.demo');
    const get = async (path) => {
      const res = await fetch(`${app.url}${path}`, { headers: auth });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const from = counts[0].first.slice(0, 7) + '-01';
    const to = meta.today;
    const rollup = (groupBy) =>
      `/api/utilisation/summary?groupBy=${groupBy}&granularity=month&from=${from}&to=${to}`;
    for (let k = 0; k < 3; k++) await get(rollup('modality')); // warm-up
    const byModality = await timeIt(20, () => get(rollup('modality')));
    const byDistrict = await timeIt(10, () => get(rollup('district')));
    const byFacility = await timeIt(10, () => get(rollup('facility')));

    const devices = (
      await db.query(
        'SELECT device_id FROM monthly_utilisation GROUP BY device_id ORDER BY device_id LIMIT 200',
      )
    ).rows.map((r) => r.device_id);
    const yearAgo = new Date(Date.parse(`${to}T00:00:00Z`) - 364 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const series = (k) =>
      `/api/utilisation/devices/${devices[k % devices.length]}?granularity=day&from=${yearAgo}&to=${to}`;
    for (let k = 0; k < 20; k++) await get(series(k)); // warm-up
    const oneDevice = await timeIt(200, (k) => get(series(k)));

    return [
      {
        figure: `first start with the 10× demo city (3 years of days) to healthy`,
        value: (app.ms / 1000).toFixed(1),
        unit: 's',
        target: 'recorded',
      },
      {
        figure: `daily rows at 10× over ${YEARS} years (first day ${counts[0].first})`,
        value: counts[0].daily,
        unit: 'rows',
        target: 'recorded',
      },
      {
        figure: `adding the 2 earlier years (rows + rollup + analyze)`,
        value: (loadMs / 1000).toFixed(1),
        unit: 's',
        target: 'recorded',
      },
      {
        figure: `city monthly rollup by modality, ${YEARS} years, p95`,
        value: byModality.p95.toFixed(0),
        unit: 'ms',
        target: '< 300 ms',
        pass: byModality.p95 < 300,
      },
      {
        figure: `city monthly rollup by district, ${YEARS} years, p95`,
        value: byDistrict.p95.toFixed(0),
        unit: 'ms',
        target: '< 300 ms',
        pass: byDistrict.p95 < 300,
      },
      {
        figure: `city monthly rollup by facility, ${YEARS} years, p95`,
        value: byFacility.p95.toFixed(0),
        unit: 'ms',
        target: '< 300 ms',
        pass: byFacility.p95 < 300,
      },
      {
        figure: `one device's daily series for a year, p95`,
        value: oneDevice.p95.toFixed(1),
        unit: 'ms',
        target: '< 20 ms',
        pass: oneDevice.p95 < 20,
      },
    ];
  }
}
