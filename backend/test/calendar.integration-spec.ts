import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarService } from '../src/app/calendar/calendar.service.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('the city calendar in the database', () => {
  let t: TestApp;
  let ds: DataSource;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('holds the production calendar after start, equal to the shared definition', async () => {
    const [row] = await ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM city_calendar_day
        WHERE working AND day BETWEEN '2026-01-01' AND '2026-12-31'`,
    );
    expect(row?.n).toBe(247);
    const off = await ds.query<{ day: string }[]>(
      `SELECT day FROM city_calendar_day
        WHERE NOT working AND extract(isodow FROM day) < 6 AND day BETWEEN '2026-01-09' AND '2026-12-31'
        ORDER BY day`,
    );
    expect(off.map((r) => r.day)).toEqual([
      '2026-01-09',
      '2026-02-23',
      '2026-03-09',
      '2026-05-01',
      '2026-05-11',
      '2026-06-12',
      '2026-11-04',
      '2026-12-31',
    ]);
  });

  it('writes nothing at a second sync, and repairs a day changed by hand', async () => {
    const calendar = t.app.get(CalendarService);
    expect(await calendar.sync()).toBe(0);
    await ds.query(`UPDATE city_calendar_day SET working = true WHERE day = '2026-12-31'`);
    expect(await calendar.sync()).toBe(1);
  });

  it("runs every session in the city's time zone, whatever the server's", async () => {
    const [row] = await ds.query<{ tz: string }[]>(`SELECT current_setting('TimeZone') AS tz`);
    expect(row?.tz).toBe('Europe/Moscow');
    const [day] = await ds.query<{ d: string }[]>(
      `SELECT ('2025-12-31T21:30:00Z'::timestamptz)::date AS d`,
    );
    expect(day?.d).toBe('2026-01-01');
  });
});
