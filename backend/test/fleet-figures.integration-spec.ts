import {
  ageYears,
  DeviceStatus,
  endOfLife,
  isInstalledOn,
  isPastLife,
  remainingLifeMonths,
  wholeMonthsBetween,
  type DeviceDates,
} from '@radfleet/shared';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ageYearsSql,
  endOfLifeSql,
  installedOnSql,
  pastLifeSql,
  remainingLifeMonthsSql,
  wholeMonthsBetweenSql,
} from '../src/app/devices/fleet-figures.sql.js';
import { TestDatabase } from './support/test-database.js';

/** The SQL twins must answer exactly what the shared definitions answer, on any dates. */
describe('fleet figures: SQL equals the shared definitions', () => {
  let db: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    db = await TestDatabase.create();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  const day = fc
    .date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2030-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
  const edgeDay = fc.constantFrom(
    '2016-02-29',
    '2024-02-29',
    '2026-01-31',
    '2026-02-28',
    '2025-12-31',
  );
  const anyDay = fc.oneof(day, edgeDay);
  const dates: fc.Arbitrary<DeviceDates> = fc.record({
    status: fc.constantFrom(...Object.values(DeviceStatus)),
    commissioningDate: fc.option(anyDay, { nil: null }),
    yearOfManufacture: fc.option(fc.integer({ min: 1995, max: 2030 }), { nil: null }),
    decommissionedOn: fc.option(anyDay, { nil: null }),
  });

  it('agree on installed base, age, end of life and whole months', async () => {
    await fc.assert(
      fc.asyncProperty(
        dates,
        anyDay,
        anyDay,
        fc.integer({ min: 1, max: 20 }),
        async (d, today, other, life) => {
          const { rows } = await client.query(
            `SELECT ${installedOnSql('d', '$5::date')} AS installed,
                  ${ageYearsSql('d', '$5::date')} AS age,
                  ${endOfLifeSql('d', '$6::int')}::text AS eol,
                  ${wholeMonthsBetweenSql('$5::date', '$7::date')} AS months,
                  ${pastLifeSql(endOfLifeSql('d', '$6::int'), '$5::date')} AS past,
                  ${remainingLifeMonthsSql(endOfLifeSql('d', '$6::int'), '$5::date')} AS remaining
             FROM (SELECT $1::varchar AS status, $2::date AS commissioning_date,
                          $3::int AS year_of_manufacture, $4::date AS decommissioned_on) d`,
            [
              d.status,
              d.commissioningDate,
              d.yearOfManufacture,
              d.decommissionedOn,
              today,
              life,
              other,
            ],
          );
          const r = rows[0] as {
            installed: boolean | null;
            age: number | null;
            eol: string | null;
            months: number;
            past: boolean;
            remaining: number | null;
          };
          expect(r.installed ?? false).toBe(isInstalledOn(d, today));
          expect(r.age).toBe(ageYears(d, today));
          expect(r.eol).toBe(endOfLife(d, life));
          expect(r.months).toBe(wholeMonthsBetween(today, other));
          expect(r.past).toBe(isPastLife(endOfLife(d, life), today));
          expect(r.remaining).toBe(remainingLifeMonths(endOfLife(d, life), today));
        },
      ),
      { numRuns: 300, seed: 20261202 },
    );
  });
});
