import { ValidateBy, type ValidationOptions } from 'class-validator';

/** The calendar range every date field accepts unless a field says otherwise. */
export const SANE_DATE_MIN = '1900-01-01';
export const SANE_DATE_MAX = '2100-12-31';

/** The calendar day (`YYYY-MM-DD`) of a date, month, timestamp or Date, or null if it has none. */
function calendarDay(value: unknown): string | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    const y = value.getUTCFullYear();
    if (y < 0 || y > 9999) return y < 0 ? '0000-01-01' : '9999-12-31';
    return value.toISOString().slice(0, 10);
  }
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(value.trim());
  if (!m) return null;
  return `${m[1]}-${m[2]}-${m[3] ?? '01'}`;
}

/**
 * A date (`YYYY-MM-DD`, `YYYY-MM`, an ISO 8601 timestamp or a Date) within a sane calendar range,
 * 1900-01-01..2100-12-31 unless given. Values of the wrong shape pass here: the field's format
 * validator reports them. Put it on every date field of every DTO: the database refuses year 0,
 * and nothing in a city's fleet happened before 1900 or is planned after 2100.
 */
export function IsSaneDate(
  range: { min?: string; max?: string } = {},
  options?: ValidationOptions,
): PropertyDecorator {
  const min = range.min ?? SANE_DATE_MIN;
  const max = range.max ?? SANE_DATE_MAX;
  return ValidateBy(
    {
      name: 'isSaneDate',
      constraints: [min, max],
      validator: {
        validate: (value: unknown) => {
          const day = calendarDay(value);
          return day === null || (day >= min && day <= max);
        },
        defaultMessage: (args) => `${args?.property ?? 'date'} must be between ${min} and ${max}`,
      },
    },
    options,
  );
}
