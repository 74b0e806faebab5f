/**
 * The city's calendar: its time zone, "today", and the Russian production calendar of working days.
 * Every figure that needs a date, a working day or "today" takes it from here (backend SQL gets the
 * same days through the `city_calendar_day` table filled from this module at start-up).
 *
 * Pure: calendar arithmetic on ISO dates (`YYYY-MM-DD`), no clock but the `now` passed in.
 */

/** The city's time zone unless `CITY_TIME_ZONE` says otherwise. */
export const DEFAULT_CITY_TIME_ZONE = 'Europe/Moscow';

/** A calendar day, `YYYY-MM-DD`. */
export type IsoDay = string;

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The city's date at `now`, `YYYY-MM-DD`, whatever the process's own time zone. */
export function cityDateOf(now: Date, timeZone: string = DEFAULT_CITY_TIME_ZONE): IsoDay {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** Day number (days since 1970-01-01) of an ISO date. @throws RangeError for anything else. */
export function dayNumber(day: IsoDay): number {
  const m = ISO_DAY.exec(day);
  if (!m) throw new RangeError(`Expected a date as YYYY-MM-DD, got "${day}"`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== day) {
    throw new RangeError(`Not a calendar date: "${day}"`);
  }
  return ms / DAY_MS;
}

export function isoDayOf(dayNo: number): IsoDay {
  return new Date(dayNo * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: IsoDay, n: number): IsoDay {
  return isoDayOf(dayNumber(day) + n);
}

/** Whole days from `from` to `to` (0 for the same day, negative when `to` is earlier). */
export function daysBetween(from: IsoDay, to: IsoDay): number {
  return dayNumber(to) - dayNumber(from);
}

/** ISO weekday: 1 Monday … 6 Saturday, 7 Sunday. */
export function isoWeekday(day: IsoDay): number {
  return ((((dayNumber(day) + 3) % 7) + 7) % 7) + 1;
}

/** The same date `years` later; 29 February becomes 28 February in a common year. */
export function addYears(day: IsoDay, years: number): IsoDay {
  return addMonths(day, years * 12);
}

/** The same day of the month `months` later, clamped to that month's last day. */
export function addMonths(day: IsoDay, months: number): IsoDay {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const first = Date.UTC(y, m - 1 + months, 1);
  const last = new Date(Date.UTC(y, m + months, 0)).getUTCDate();
  return isoDayOf(first / DAY_MS + Math.min(d, last) - 1);
}

/**
 * Non-working public holidays of the Labour Code of the Russian Federation, art. 112 part 1:
 * 1–6 and 8 January (New Year holidays), 7 January, 23 February, 8 March, 1 and 9 May, 12 June,
 * 4 November. As `MM-DD`.
 */
export const RUSSIAN_PUBLIC_HOLIDAYS: readonly string[] = [
  '01-01',
  '01-02',
  '01-03',
  '01-04',
  '01-05',
  '01-06',
  '01-07',
  '01-08',
  '02-23',
  '03-08',
  '05-01',
  '05-09',
  '06-12',
  '11-04',
];

/** One year's decreed transfers: weekdays made days off, and Saturdays/Sundays made working days. */
export interface ProductionCalendarYear {
  /** Weekdays that are days off by transfer (including art. 112 part 2 transfers). */
  readonly daysOff: readonly IsoDay[];
  /** Saturdays or Sundays that are working days by transfer. */
  readonly workingWeekends: readonly IsoDay[];
  /** The decree (Постановление Правительства РФ) that set the year's transfers. */
  readonly source: string;
}

/**
 * The decreed production calendars, year by year. A year not listed here follows art. 112 alone: a
 * holiday other than the New Year holidays that falls on a Saturday or Sunday moves the day off to
 * the next working day; the New Year holidays' weekend days are not moved (their transfer needs a
 * decree). Add each year's decree when it is published (usually in the autumn before).
 */
export const PRODUCTION_CALENDAR: Readonly<Record<number, ProductionCalendarYear>> = {
  2015: {
    daysOff: ['2015-01-09', '2015-03-09', '2015-05-04', '2015-05-11'],
    workingWeekends: [],
    source: 'Постановление Правительства РФ о переносе выходных дней в 2015 году',
  },
  2016: {
    daysOff: ['2016-02-22', '2016-03-07', '2016-05-02', '2016-05-03', '2016-06-13'],
    workingWeekends: ['2016-02-20'],
    source: 'Постановление Правительства РФ о переносе выходных дней в 2016 году',
  },
  2017: {
    daysOff: ['2017-02-24', '2017-05-08', '2017-11-06'],
    workingWeekends: [],
    source: 'Постановление Правительства РФ о переносе выходных дней в 2017 году',
  },
  2018: {
    daysOff: ['2018-03-09', '2018-04-30', '2018-05-02', '2018-06-11', '2018-11-05', '2018-12-31'],
    workingWeekends: ['2018-04-28', '2018-06-09', '2018-12-29'],
    source: 'Постановление Правительства РФ о переносе выходных дней в 2018 году',
  },
  2019: {
    daysOff: ['2019-05-02', '2019-05-03', '2019-05-10'],
    workingWeekends: [],
    source: 'Постановление Правительства РФ о переносе выходных дней в 2019 году',
  },
  2020: {
    daysOff: ['2020-02-24', '2020-03-09', '2020-05-04', '2020-05-05', '2020-05-11'],
    workingWeekends: [],
    source: 'Постановление Правительства РФ о переносе выходных дней в 2020 году',
  },
  2021: {
    daysOff: ['2021-02-22', '2021-05-03', '2021-05-10', '2021-06-14', '2021-11-05', '2021-12-31'],
    workingWeekends: ['2021-02-20'],
    source: 'Постановление Правительства РФ о переносе выходных дней в 2021 году',
  },
  2022: {
    daysOff: ['2022-03-07', '2022-05-02', '2022-05-03', '2022-05-10', '2022-06-13'],
    workingWeekends: ['2022-03-05'],
    source: 'Постановление Правительства РФ о переносе выходных дней в 2022 году',
  },
  2023: {
    daysOff: ['2023-02-24', '2023-05-08', '2023-11-06'],
    workingWeekends: [],
    source: 'Постановление Правительства РФ о переносе выходных дней в 2023 году',
  },
  2024: {
    daysOff: ['2024-04-29', '2024-04-30', '2024-05-10', '2024-12-30', '2024-12-31'],
    workingWeekends: ['2024-04-27', '2024-11-02', '2024-12-28'],
    source: 'Постановление Правительства РФ о переносе выходных дней в 2024 году',
  },
  2025: {
    daysOff: ['2025-05-02', '2025-05-08', '2025-06-13', '2025-11-03', '2025-12-31'],
    workingWeekends: ['2025-11-01'],
    source: 'Постановление Правительства РФ о переносе выходных дней в 2025 году',
  },
  2026: {
    daysOff: ['2026-01-09', '2026-03-09', '2026-05-11', '2026-12-31'],
    workingWeekends: [],
    source: 'Постановление Правительства РФ о переносе выходных дней в 2026 году',
  },
};

const HOLIDAYS = new Set(RUSSIAN_PUBLIC_HOLIDAYS);
const yearCache = new Map<number, { off: ReadonlySet<IsoDay>; working: ReadonlySet<IsoDay> }>();

/** Art. 112 part 2 for a year without a decree: weekend holidays (not 1–8 January) move forward. */
function statutoryTransfers(year: number): IsoDay[] {
  const moved: IsoDay[] = [];
  const taken = new Set<IsoDay>();
  for (const md of RUSSIAN_PUBLIC_HOLIDAYS) {
    if (md.startsWith('01-')) continue;
    const day = `${year}-${md}`;
    if (isoWeekday(day) < 6) continue;
    const inYear = (d: IsoDay): boolean => d.startsWith(`${year}-`);
    let next = addDays(day, 1);
    while (
      inYear(next) &&
      (isoWeekday(next) >= 6 || HOLIDAYS.has(next.slice(5)) || taken.has(next))
    ) {
      next = addDays(next, 1);
    }
    if (inYear(next)) {
      taken.add(next);
      moved.push(next);
    }
  }
  return moved;
}

function transfersOf(year: number): { off: ReadonlySet<IsoDay>; working: ReadonlySet<IsoDay> } {
  let cached = yearCache.get(year);
  if (!cached) {
    const decreed = PRODUCTION_CALENDAR[year];
    cached = decreed
      ? { off: new Set(decreed.daysOff), working: new Set(decreed.workingWeekends) }
      : { off: new Set(statutoryTransfers(year)), working: new Set() };
    yearCache.set(year, cached);
  }
  return cached;
}

/** True when the production calendar of `day`'s year comes from a decree, not art. 112 alone. */
export function isDecreedYear(year: number): boolean {
  return PRODUCTION_CALENDAR[year] !== undefined;
}

/** A working day of the Russian production calendar (five-day week). */
export function isWorkingDay(day: IsoDay): boolean {
  const t = transfersOf(Number(day.slice(0, 4)));
  if (t.working.has(day)) return true;
  if (t.off.has(day) || HOLIDAYS.has(day.slice(5))) return false;
  return isoWeekday(day) < 6;
}

/** A non-working public holiday (art. 112 part 1), whatever the weekday. */
export function isPublicHoliday(day: IsoDay): boolean {
  return HOLIDAYS.has(day.slice(5));
}

/** Working days from `from` to `to`, both included (0 when `to` is before `from`). */
export function workingDaysBetween(from: IsoDay, to: IsoDay): number {
  let n = 0;
  for (let d = dayNumber(from), end = dayNumber(to); d <= end; d++) {
    if (isWorkingDay(isoDayOf(d))) n++;
  }
  return n;
}

/** Every day of a year with whether it is a working day, for loading into the database. */
export function calendarYear(year: number): { day: IsoDay; working: boolean }[] {
  const days: { day: IsoDay; working: boolean }[] = [];
  for (let d = dayNumber(`${year}-01-01`), end = dayNumber(`${year}-12-31`); d <= end; d++) {
    const day = isoDayOf(d);
    days.push({ day, working: isWorkingDay(day) });
  }
  return days;
}
