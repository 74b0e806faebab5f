import type { EntityManager } from 'typeorm';
import { rebuildFacilityRollup } from './utilisation.service.js';
import { generateUtilisationByDevice } from '../demo/generator/utilisation.js';
import type { DemoCity } from '../demo/generator/types.js';

const CHUNK = 50_000;

/**
 * When the table is empty (a first start), drops its primary key, foreign keys and indexes and
 * returns the function that recreates them exactly as they were (definitions read from the
 * catalogue), all inside the caller's transaction: building them once over the loaded rows is
 * about three times faster than maintaining them row by row. A table with rows is left alone.
 */
export async function dropIndexesIfEmpty(
  em: Pick<EntityManager, 'query'>,
  table: string,
): Promise<() => Promise<void>> {
  const rows: unknown[] = await em.query(`SELECT 1 FROM "${table}" LIMIT 1`);
  if (rows.length > 0) return async () => undefined;
  const constraints: { name: string; def: string; type: string }[] = await em.query(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS def, contype AS type
       FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('p', 'f', 'u')
      ORDER BY contype DESC`,
    [table],
  );
  const indexes: { name: string; def: string }[] = await em.query(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid = $1::regclass
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)`,
    [table],
  );
  // Constraints of this table only: nothing references daily_utilisation.
  for (const c of constraints) await em.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${c.name}"`);
  for (const i of indexes) await em.query(`DROP INDEX "${i.name}"`);
  return async () => {
    for (const c of [...constraints].reverse())
      await em.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${c.name}" ${c.def}`);
    // A partitioned table's index reads "ON ONLY parent": recreate it on every partition too.
    for (const i of indexes) await em.query(i.def.replace(' ON ONLY ', ' ON '));
  };
}

/** A growable column of 32-bit integers (the loader holds ~9 M rows at 10× in ~140 MB, not ~1 GB of objects). */
class IntColumn {
  data = new Int32Array(1 << 16);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
}

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

/**
 * Loads the demo city's utilisation in the caller's transaction: the daily archive history of every
 * digital, connected device (~0.9 M rows at scale 1, ~8.7 M at 10×) and the monthly hand counts of
 * analogue ones, then both rollups (per device and month; per month, facility and modality), then
 * ANALYZE so that the first queries after the load are planned on real statistics.
 *
 * The generator yields device by device; the rows are held in integer columns and written in day
 * order (a counting sort), as the archive sync writes them, so that one day's rows of the whole city
 * sit on a few pages of their month's partition (the partial months of a period are read by day).
 * The monthly partitions of the whole span are created first, the table's keys and indexes are
 * built once after the rows (dropIndexesIfEmpty). Rows go in as `INSERT … SELECT FROM unnest(…)` of
 * CHUNK rows each, with devices sent as indexes into one uuid array so that each chunk stays small.
 */
export async function loadDemoUtilisation(
  em: EntityManager,
  city: DemoCity,
  deviceIds: ReadonlyMap<string, string>,
): Promise<{ daily: number; monthly: number; insertMs: number; rollupMs: number }> {
  const started = performance.now();
  // Sorts, hash aggregates and index builds of the load in memory rather than in temporary files.
  await em.query("SET LOCAL work_mem = '256MB'");
  await em.query("SET LOCAL maintenance_work_mem = '512MB'");
  const ids = [...new Set(deviceIds.values())];
  const indexOf = new Map(ids.map((id, i) => [id, i + 1]));
  const sql = `INSERT INTO daily_utilisation (device_id, day, source, studies, images, monthly)
    SELECT ($1::uuid[])[d], y, $2, s, i, $3
      FROM unnest($4::int[], $5::date[], $6::int[], $7::int[]) AS u(d, y, s, i)`;
  let dev: number[] = [];
  let day: string[] = [];
  let studies: number[] = [];
  let images: number[] = [];
  const flush = async (source: string, monthly: boolean) => {
    if (dev.length === 0) return;
    await em.query(sql, [ids, source, monthly, dev, day, studies, images]);
    dev = [];
    day = [];
    studies = [];
    images = [];
  };

  await em.query('SELECT ensure_daily_utilisation_partitions($1::date, $2::date)', [
    city.params.historyStart,
    city.params.today,
  ]);
  const restore = await dropIndexesIfEmpty(em, 'daily_utilisation');

  // Device by device from the generator into columns; the day as a number of days since the start.
  const first = dayNumber(city.params.historyStart);
  const cols = {
    dev: new IntColumn(),
    day: new IntColumn(),
    studies: new IntColumn(),
    images: new IntColumn(),
  };
  let lastDay = 0;
  for (const { inventoryNumber, rows } of generateUtilisationByDevice(city)) {
    const d = indexOf.get(deviceIds.get(inventoryNumber) ?? '');
    if (d === undefined) continue;
    for (const r of rows) {
      const n = dayNumber(r.date) - first;
      cols.dev.push(d);
      cols.day.push(n);
      cols.studies.push(r.studies);
      cols.images.push(r.images);
      if (n > lastDay) lastDay = n;
    }
  }
  const daily = cols.dev.length;
  // Counting sort by day: `order` lists the rows day by day (devices in generator order within a day).
  const starts = new Int32Array(lastDay + 2);
  for (let k = 0; k < daily; k++) starts[cols.day.data[k]! + 1]!++;
  for (let n = 1; n < starts.length; n++) starts[n]! += starts[n - 1]!;
  const order = new Int32Array(daily);
  for (let k = 0; k < daily; k++) order[starts[cols.day.data[k]!]!++] = k;
  const isoOf: string[] = [];
  for (let n = 0; n <= lastDay; n++)
    isoOf.push(new Date((first + n) * DAY_MS).toISOString().slice(0, 10));
  for (const k of order) {
    dev.push(cols.dev.data[k]!);
    day.push(isoOf[cols.day.data[k]!]!);
    studies.push(cols.studies.data[k]!);
    images.push(cols.images.data[k]!);
    if (dev.length >= CHUNK) await flush('ARCHIVE', false);
  }
  await flush('ARCHIVE', false);

  let monthly = 0;
  for (const c of city.monthlyCounts) {
    const d = indexOf.get(deviceIds.get(c.inventoryNumber) ?? '');
    if (d === undefined) continue;
    dev.push(d);
    day.push(`${c.month}-01`);
    studies.push(c.studies);
    images.push(c.images);
    monthly++;
    if (dev.length >= CHUNK) await flush('MANUAL', true);
  }
  await flush('MANUAL', true);
  await restore();

  const inserted = performance.now();
  await em.query(
    `INSERT INTO monthly_utilisation (device_id, month, studies, images, active_days)
     SELECT device_id, date_trunc('month', day)::date, sum(studies)::int, sum(images)::bigint,
            (count(*) FILTER (WHERE NOT monthly AND studies > 0))::int
       FROM daily_utilisation
      GROUP BY device_id, date_trunc('month', day)`,
  );
  await rebuildFacilityRollup(em);
  await em.query('ANALYZE daily_utilisation, monthly_utilisation, utilisation_rollup');
  return {
    daily,
    monthly,
    insertMs: Math.round(inserted - started),
    rollupMs: Math.round(performance.now() - inserted),
  };
}
