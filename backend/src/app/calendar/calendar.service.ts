import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { calendarYear } from '@radfleet/shared';
import type { DataSource } from 'typeorm';
import { cityToday } from '../common/calendar.js';

/** The first year the calendar table covers: older than any device the fleet still has. */
export const CALENDAR_FIRST_YEAR = 1990;
/** How many years past the current one the table covers (planning horizons look ahead). */
export const CALENDAR_YEARS_AHEAD = 16;

/**
 * Keeps `city_calendar_day` equal to the shared production calendar: at every start it writes the
 * days that differ (none, after the first start, until a new decree is added to the calendar).
 */
@Injectable()
export class CalendarService implements OnModuleInit {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    await this.sync();
  }

  /** Writes the calendar of the covered years in one statement; answers how many days changed. */
  async sync(today = cityToday()): Promise<number> {
    const last = Number(today.slice(0, 4)) + CALENDAR_YEARS_AHEAD;
    const days: string[] = [];
    const working: boolean[] = [];
    for (let year = CALENDAR_FIRST_YEAR; year <= last; year++) {
      for (const d of calendarYear(year)) {
        days.push(d.day);
        working.push(d.working);
      }
    }
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO city_calendar_day (day, working)
       SELECT * FROM unnest($1::date[], $2::boolean[])
       ON CONFLICT (day) DO UPDATE SET working = EXCLUDED.working
         WHERE city_calendar_day.working IS DISTINCT FROM EXCLUDED.working
       RETURNING day`,
      [days, working],
    );
    return rows.length;
  }
}
