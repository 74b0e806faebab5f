import type { EntityManager } from 'typeorm';
import { rebuildFacilityRollup } from './utilisation.service.js';
import { generateUtilisationByDevice } from '../demo/generator/utilisation.js';
import type { DemoCity } from '../demo/generator/types.js';

const CHUNK = 20_000;

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

/**
 * Loads the demo city's utilisation in the caller's transaction: the daily archive history of every
 * digital, connected device (~0.9 M rows at scale 1) and the monthly hand counts of analogue ones,
 * then both rollups (per device and month; per month, facility and modality). The monthly partitions
 * of the whole span are created first. Rows go in as `INSERT … SELECT FROM unnest(…)` of ~20,000 rows each,
 * with devices sent as indexes into one uuid array so that each chunk stays small.
 */
export async function loadDemoUtilisation(
  em: EntityManager,
  city: DemoCity,
  deviceIds: ReadonlyMap<string, string>,
): Promise<{ daily: number; monthly: number; insertMs: number; rollupMs: number }> {
  const started = performance.now();
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
  let daily = 0;
  const restore = await dropIndexesIfEmpty(em, 'daily_utilisation');
  for (const { inventoryNumber, rows } of generateUtilisationByDevice(city)) {
    const d = indexOf.get(deviceIds.get(inventoryNumber) ?? '');
    if (d === undefined) continue;
    for (const r of rows) {
      dev.push(d);
      day.push(r.date);
      studies.push(r.studies);
      images.push(r.images);
    }
    daily += rows.length;
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
  return {
    daily,
    monthly,
    insertMs: Math.round(inserted - started),
    rollupMs: Math.round(performance.now() - inserted),
  };
}
