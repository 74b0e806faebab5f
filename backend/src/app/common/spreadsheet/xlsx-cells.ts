/**
 * Report values as exceljs cells: dates at the city's wall-clock time, exact numbers, booleans in
 * the report's language, text cut to Excel's limit; and how wide each shows. Used by xlsx.writer.ts.
 */
import ExcelJS from 'exceljs';
import type {
  ReportCellType,
  ReportLanguage,
  ReportValue,
  XlsxReportOptions,
} from './xlsx.writer.js';

const BOOLEAN_LABELS: Record<ReportLanguage, { true: string; false: string }> = {
  ru: { true: 'Да', false: 'Нет' },
  en: { true: 'Yes', false: 'No' },
};

/** Excel's limit for the text of one cell. */
const MAX_CELL_TEXT = 32_767;

// ---------------------------------------------------------------------------------------------
// Values

export interface ValueContext {
  readonly booleanLabels: { readonly true: string; readonly false: string };
  readonly wallClock: Intl.DateTimeFormat;
}

export function makeContext(options: XlsxReportOptions): ValueContext {
  return {
    booleanLabels: options.booleanLabels ?? BOOLEAN_LABELS[options.language],
    wallClock: new Intl.DateTimeFormat('en-GB', {
      timeZone: options.timeZone ?? 'Europe/Moscow',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    }),
  };
}

/** The instant's wall-clock time in the zone, as a Date whose UTC fields hold it (what exceljs writes). */
function wallClockDate(instant: Date, format: Intl.DateTimeFormat, withTime: boolean): Date {
  const parts: Record<string, number> = {};
  for (const p of format.formatToParts(instant))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return withTime
    ? new Date(
        Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second),
      )
    : new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toDate(value: ReportValue, ctx: ValueContext, withTime: boolean, header: string): Date {
  if (typeof value === 'string') {
    const m = ISO_DATE.exec(value);
    if (m) return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    const parsed = new Date(value);
    if (!Number.isNaN(parsed.getTime())) return wallClockDate(parsed, ctx.wallClock, withTime);
  } else if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return wallClockDate(value, ctx.wallClock, withTime);
  }
  throw new TypeError(`Report column "${header}": ${String(value)} is not a date.`);
}

function toNumber(value: ReportValue, header: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  throw new TypeError(`Report column "${header}": ${String(value)} is not a number.`);
}

export function toCellValue(
  type: ReportCellType,
  value: ReportValue,
  ctx: ValueContext,
  header: string,
): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'string': {
      const text =
        value instanceof Date
          ? toDate(value, ctx, false, header).toISOString().slice(0, 10)
          : String(value);
      return text.length > MAX_CELL_TEXT ? `${text.slice(0, MAX_CELL_TEXT - 1)}…` : text;
    }
    case 'integer':
    case 'decimal':
    case 'money':
    case 'percent':
      return toNumber(value, header);
    case 'date':
      return toDate(value, ctx, false, header);
    case 'datetime':
      return toDate(value, ctx, true, header);
    case 'boolean':
      return value ? ctx.booleanLabels.true : ctx.booleanLabels.false;
  }
}

/** Roughly how many characters a value takes on screen in its format. */
export function displayLength(type: ReportCellType, value: ExcelJS.CellValue): number {
  if (value === null || value === undefined) return 0;
  switch (type) {
    case 'date':
      return 10;
    case 'datetime':
      return 16;
    case 'percent':
      return 7;
    case 'integer':
    case 'decimal':
    case 'money': {
      const digits = String(Math.trunc(Math.abs(Number(value)))).length;
      const grouped = digits + Math.floor((digits - 1) / 3);
      return (
        grouped +
        (type === 'integer' ? 0 : 3) +
        (type === 'money' ? 2 : 0) +
        (Number(value) < 0 ? 1 : 0)
      );
    }
    default:
      return Math.max(
        ...String(value)
          .split('\n')
          .map((line) => line.length),
      );
  }
}
