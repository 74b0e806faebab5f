import { type IsoDate, type IsoTimestamp } from './types.js';

/**
 * Calendar arithmetic on day numbers (days since 1970-01-01) and on local minutes (minutes since
 * 1970-01-01 00:00 Moscow time, UTC+3 all year since 2014). Pure: no clock, no time zone database.
 */

const MS_PER_DAY = 86_400_000;
export const MINUTES_PER_DAY = 1_440;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of an ISO date. @throws RangeError for anything but a real `YYYY-MM-DD` date. */
export function parseIsoDate(text: IsoDate): number {
  const m = ISO_DATE.exec(text);
  if (!m) {
    throw new RangeError(`Expected a date as YYYY-MM-DD, got "${text}"`);
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`Not a calendar date: "${text}"`);
  }
  return ms / MS_PER_DAY;
}

export function formatIsoDate(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function dayFromParts(year: number, month: number, dayOfMonth: number): number {
  return Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY;
}

export function dateParts(day: number): { year: number; month: number; day: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday: 0 Monday … 5 Saturday, 6 Sunday. */
export function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** The same calendar date `years` later (29 February becomes 28 February). */
export function addYears(day: number, years: number): number {
  const p = dateParts(day);
  const target = dayFromParts(p.year + years, p.month, 1);
  const lastOfMonth = dateParts(dayFromParts(p.year + years, p.month + 1, 0)).day;
  return target + Math.min(p.day, lastOfMonth) - 1;
}

/** The same day of the month `months` later, clamped to the month's last day. */
export function addMonths(day: number, months: number): number {
  const p = dateParts(day);
  const first = dayFromParts(p.year, p.month + months, 1);
  const q = dateParts(first);
  const lastOfMonth = dateParts(dayFromParts(q.year, q.month + 1, 0)).day;
  return first + Math.min(p.day, lastOfMonth) - 1;
}

// Working days and holidays: the city's production calendar in shared (isWorkingDay,
// isPublicHoliday), with the decreed transfers; this module has no holiday list of its own.

/** A Moscow-time timestamp from local minutes since the epoch. */
export function formatTimestamp(localMinutes: number): IsoTimestamp {
  const minutes = Math.round(localMinutes);
  const day = Math.floor(minutes / MINUTES_PER_DAY);
  const inDay = minutes - day * MINUTES_PER_DAY;
  const hh = String(Math.floor(inDay / 60)).padStart(2, '0');
  const mm = String(inDay % 60).padStart(2, '0');
  return `${formatIsoDate(day)}T${hh}:${mm}:00+03:00`;
}

/** Local minutes since the epoch of a timestamp written by `formatTimestamp` (any offset accepted). */
export function parseTimestamp(text: IsoTimestamp): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) {
    throw new RangeError(`Not a timestamp: "${text}"`);
  }
  return ms / 60_000 + 180;
}
