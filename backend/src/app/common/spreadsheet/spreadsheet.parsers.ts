/**
 * Pure parsers for cell values as Russian-locale Excel and LibreOffice write them. Each takes what
 * a reader found in a cell (text from a CSV; text, number, boolean or Date from an xlsx) and
 * returns the value or a structured error. Nothing here throws on bad input.
 */
import type {
  ColumnSpec,
  EnumValueSpec,
  IssueParams,
  ValueError,
  ValueErrorCode,
} from './spreadsheet.types.js';

/** A cell showing a spreadsheet error (`#N/A`, `#DIV/0!`); `error: ''` is a formula without a saved result. */
export interface CellErrorValue {
  readonly error: string;
}

/** What a reader hands to the parsers for one cell. */
export type CellInput = string | number | boolean | Date | CellErrorValue | null | undefined;

export type ParseResult<T> =
  | { readonly ok: true; readonly value: T | null }
  | { readonly ok: false; readonly error: ValueError };

export type ParsedValue = string | number | boolean;

const DAY_MS = 86_400_000;
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function ok<T>(value: T | null): ParseResult<T> {
  return { ok: true, value };
}

function fail<T>(code: ValueErrorCode, message: string, params?: IssueParams): ParseResult<T> {
  return { ok: false, error: params ? { code, message, params } : { code, message } };
}

export function isCellErrorValue(input: unknown): input is CellErrorValue {
  return (
    typeof input === 'object' && input !== null && !(input instanceof Date) && 'error' in input
  );
}

function cellError<T>(input: CellErrorValue): ParseResult<T> {
  return input.error === ''
    ? fail(
        'CELL_ERROR',
        'The formula in this cell has no saved result; open the file in Excel and save it again.',
        {
          value: '',
        },
      )
    : fail('CELL_ERROR', `The cell shows the spreadsheet error ${input.error}.`, {
        value: input.error,
      });
}

/** Shortens a value for a message: `"…"`-quoted text of at most 40 characters. */
function shown(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

const ZERO_WIDTH = /\u200B|\u200C|\u200D|\u2060|\uFEFF/g;
const SPACE_LIKE = /[\u00A0\u2007\u2009\u202F]/g;

/** Trims, drops zero-width characters and turns no-break and thin spaces into plain spaces. */
export function cleanText(text: string): string {
  return text.replace(ZERO_WIDTH, '').replace(SPACE_LIKE, ' ').trim();
}

/** Latin letters that look like Cyrillic ones, mapped to one form so `MPT` (Latin) matches `МРТ`. */
const CONFUSABLES: Readonly<Record<string, string>> = {
  а: 'a',
  в: 'b',
  е: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
};

/**
 * The comparison form of a header or an enum label: case-, whitespace-, punctuation- and
 * ё/е-insensitive, and blind to Latin look-alikes typed for Cyrillic letters (and back).
 * `№` becomes `no` (Unicode compatibility form).
 */
export function normalizeLabel(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, '')
    .replace(/[авекмнорстух]/g, (c) => CONFUSABLES[c] ?? c);
}

/** A lone dash (`-`, `–`, `—`) is how many sheets say "none"; typed columns read it as empty. */
function isDashOnly(text: string): boolean {
  return /^[-\u2012\u2013\u2014\u2212]+$/.test(text);
}

function inputText(input: string | number | boolean | Date): string {
  if (input instanceof Date)
    return Number.isNaN(input.getTime()) ? 'Invalid Date' : input.toISOString();
  return String(input);
}

// ---------------------------------------------------------------------------------------------
// Dates

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function isoDate(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** `2024-02-29` → `29.02.2024`, the way a Russian user reads dates in messages. */
export function formatRuDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function checkedDate(y: number, m: number, d: number, raw: string): ParseResult<string> {
  const params = { value: shown(raw) };
  if (m < 1 || m > 12) {
    return fail(
      'INVALID_DATE',
      `"${shown(raw)}" is not a valid date: there is no month ${m}.`,
      params,
    );
  }
  if (y < 1900 || y > 9999) {
    return fail(
      'INVALID_DATE',
      `"${shown(raw)}" is not a valid date: the year ${y} is out of range.`,
      params,
    );
  }
  const days = daysInMonth(y, m);
  if (d < 1 || d > days) {
    return fail(
      'INVALID_DATE',
      `"${shown(raw)}" is not a valid date: ${MONTH_NAMES[m - 1]} ${y} has ${days} days.`,
      params,
    );
  }
  return ok(isoDate(y, m, d));
}

function checkedTime(
  h: string | undefined,
  min: string | undefined,
  s: string | undefined,
): boolean {
  if (h === undefined) return true;
  return Number(h) <= 23 && Number(min) <= 59 && (s === undefined || Number(s) <= 59);
}

/** Two-digit years the way Excel reads them: 00-29 are 2000-2029, 30-99 are 1930-1999. */
function fullYear(text: string): number {
  const y = Number(text);
  if (text.length === 4) return y;
  return y < 30 ? 2000 + y : 1900 + y;
}

const MONTH_WORDS: readonly [RegExp, number][] = [
  [/^(янв(ар[ья])?|jan(uary)?)$/, 1],
  [/^(фев(р(ал[ья])?)?|feb(ruary)?)$/, 2],
  [/^(мар(т|та)?|mar(ch)?)$/, 3],
  [/^(апр(ел[ья])?|apr(il)?)$/, 4],
  [/^(ма[йя]|may)$/, 5],
  [/^(июн[ья]?|jun[e]?)$/, 6],
  [/^(июл[ья]?|jul[y]?)$/, 7],
  [/^(авг(уста?)?|aug(ust)?)$/, 8],
  [/^(сент?(ябр[ья])?|sept?(ember)?)$/, 9],
  [/^(окт(ябр[ья])?|oct(ober)?)$/, 10],
  [/^(ноя(бр[ья])?|nov(ember)?)$/, 11],
  [/^(дек(абр[ья])?|dec(ember)?)$/, 12],
];

const DMY =
  /^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?$/;
const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const DAY_MONTH_WORD_YEAR = /^(\d{1,2})\s+([a-zа-яё]+)\.?\s+(\d{4})$/i;

function parseDateText(raw: string): ParseResult<string> {
  // "15.01.2024 г." and "15 января 2024 года" are how Russian documents write dates.
  const text = cleanText(raw)
    .replace(/\s*(?:г\.?|года)$/u, '')
    .trim();
  const invalid = (): ParseResult<string> =>
    fail('INVALID_DATE', `"${shown(raw)}" is not a date; expected dd.mm.yyyy, e.g. 31.12.2024.`, {
      value: shown(raw),
      expected: 'dd.mm.yyyy',
    });

  let m = DMY.exec(text);
  if (m) {
    if (!checkedTime(m[5], m[6], m[7])) return invalid();
    return checkedDate(fullYear(m[4]), Number(m[3]), Number(m[1]), raw);
  }
  m = ISO.exec(text);
  if (m) {
    if (!checkedTime(m[4], m[5], m[6])) return invalid();
    return checkedDate(Number(m[1]), Number(m[2]), Number(m[3]), raw);
  }
  m = DAY_MONTH_WORD_YEAR.exec(text);
  if (m) {
    const word = m[2].toLowerCase().replace(/ё/g, 'е');
    const month = MONTH_WORDS.find(([re]) => re.test(word))?.[1];
    if (month !== undefined) return checkedDate(Number(m[3]), month, Number(m[1]), raw);
  }
  return invalid();
}

/**
 * An Excel serial day number as an ISO date. The 1900 system counts 1 as 1900-01-01 and keeps
 * Lotus's phantom 1900-02-29 as 60, so serials from 61 on are one day behind a plain count; the
 * 1904 system (old Mac workbooks) counts 0 as 1904-01-01. The time of day is dropped.
 */
export function excelSerialToIsoDate(serial: number, date1904 = false): ParseResult<string> {
  const params = { value: String(serial) };
  if (!Number.isFinite(serial)) return fail('INVALID_DATE', `${serial} is not a date.`, params);
  // Round to the millisecond first so that 45306.99999999999 (float noise for 45307) is 45307.
  const day = Math.floor(Math.round(serial * DAY_MS) / DAY_MS);
  let ms: number;
  if (date1904) {
    if (day < 0) return fail('INVALID_DATE', `${serial} is not a date serial number.`, params);
    ms = Date.UTC(1904, 0, 1) + day * DAY_MS;
  } else {
    if (day < 1) return fail('INVALID_DATE', `${serial} is not a date serial number.`, params);
    if (day === 60) {
      return fail(
        'INVALID_DATE',
        '29.02.1900 does not exist (Excel counts it by mistake).',
        params,
      );
    }
    ms = Date.UTC(1900, 0, 1) + (day < 60 ? day - 1 : day - 2) * DAY_MS;
  }
  const d = new Date(ms);
  if (d.getUTCFullYear() > 9999)
    return fail('INVALID_DATE', `${serial} is beyond the year 9999.`, params);
  return ok(isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()));
}

/** exceljs's serial 0 (1899-12-30), the origin of its linear conversion. */
const EXCELJS_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * A Date from exceljs as an ISO date. exceljs turns a serial into a Date at that wall-clock time
 * in UTC, so the UTC fields are the date the user typed (local fields would shift it by the server's
 * offset). Before March 1900 its linear count misses the phantom leap day; those go back through the
 * serial so they agree with Excel.
 */
export function excelDateToIsoDate(date: Date): ParseResult<string> {
  const t = date.getTime();
  if (Number.isNaN(t))
    return fail('INVALID_DATE', 'The cell holds an invalid date.', { value: 'Invalid Date' });
  if (t < Date.UTC(1900, 2, 1)) return excelSerialToIsoDate((t - EXCELJS_EPOCH_MS) / DAY_MS);
  return ok(isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()));
}

/**
 * Parses a date: an Excel serial number, a Date from exceljs, or text in `dd.mm.yyyy`, `d.m.yyyy`,
 * `dd.mm.yy`, `dd/mm/yyyy`, `dd-mm-yyyy`, ISO `yyyy-mm-dd` (optionally with a time), or
 * `15 января 2024`, optionally followed by `г.`. Returns an ISO `yyyy-mm-dd` string.
 */
export function parseDate(
  input: CellInput,
  options: { date1904?: boolean } = {},
): ParseResult<string> {
  if (input === null || input === undefined) return ok(null);
  if (isCellErrorValue(input)) return cellError(input);
  if (input instanceof Date) return excelDateToIsoDate(input);
  if (typeof input === 'number') return excelSerialToIsoDate(input, options.date1904);
  if (typeof input === 'boolean') {
    return fail('INVALID_DATE', `"${String(input)}" is not a date.`, { value: String(input) });
  }
  const text = cleanText(input);
  if (text === '' || isDashOnly(text)) return ok(null);
  return parseDateText(input);
}

// ---------------------------------------------------------------------------------------------
// Numbers

interface DecimalParts {
  readonly negative: boolean;
  /** Integer digits without leading zeros (`'0'` at least). */
  readonly int: string;
  /** Fraction digits without trailing zeros (may be empty). */
  readonly frac: string;
  /** The separator the text used, for hints. */
  readonly separator?: string;
}

function parts(negative: boolean, int: string, frac: string, separator?: string): DecimalParts {
  const i = int.replace(/^0+(?=\d)/, '') || '0';
  const f = frac.replace(/0+$/, '');
  return { negative: negative && (i !== '0' || f !== ''), int: i, frac: f, separator };
}

/**
 * A number's decimal digits as Excel shows them: 15 significant digits, which drops binary noise
 * such as 0.30000000000000004 and keeps 1234567.89 exact.
 */
function decimalFromNumber(x: number): DecimalParts {
  const [mantissa, exponent] = Math.abs(x).toPrecision(15).split('e');
  const [ip, fp = ''] = mantissa.split('.');
  const digits = ip + fp;
  const point = ip.length + (exponent ? Number(exponent) : 0);
  if (point <= 0) return parts(x < 0, '0', '0'.repeat(-point) + digits);
  if (point >= digits.length) return parts(x < 0, digits + '0'.repeat(point - digits.length), '');
  return parts(x < 0, digits.slice(0, point), digits.slice(point));
}

const GROUP_SPACE = '[ \\u00A0\\u2007\\u2009\\u202F]';
const GROUPED = new RegExp(`^\\d{1,3}(?:${GROUP_SPACE}\\d{3})+(?:[.,]\\d+)?$`);
const GROUP_SPACES = new RegExp(GROUP_SPACE, 'g');
const CURRENCY_SUFFIX = /\s*(?:₽|руб\.?|р\.?|rub\.?)$/iu;

function decimalFromText(raw: string): DecimalParts | ValueError {
  const value = shown(raw);
  const invalid = (detail = ''): ValueError => ({
    code: 'INVALID_NUMBER',
    message: `"${value}" is not a number${detail}.`,
    params: { value },
  });
  let s = raw
    .replace(ZERO_WIDTH, '')
    .trim()
    .replace(/\u2212/g, '-')
    .replace(CURRENCY_SUFFIX, '');
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s.startsWith('-');
    s = s.slice(1);
  }
  if (/^[\d.,]*e[+-]?\d+$/i.test(s))
    return invalid('; scientific notation is not accepted, format the cell as a number');
  if (/[ \u00A0\u2007\u2009\u202F]/.test(s)) {
    if (!GROUPED.test(s))
      return invalid('; spaces may only separate groups of three digits, e.g. 1 234 567,89');
    s = s.replace(GROUP_SPACES, '');
  }
  const separators = s.match(/[.,]/g)?.length ?? 0;
  if (separators > 1) {
    return {
      code: 'INVALID_NUMBER',
      message: `"${value}" is ambiguous: write the decimal part after one comma and separate thousands with spaces, e.g. 1 234 567,89.`,
      params: { value },
    };
  }
  const m = /^(\d*)(?:([.,])(\d+))?$/.exec(s);
  if (!m || (m[1] === '' && m[3] === undefined)) return invalid();
  return parts(negative, m[1], m[3] ?? '', m[2]);
}

function decimalParts(input: string | number | boolean | Date): DecimalParts | ValueError {
  if (typeof input === 'number') {
    if (!Number.isFinite(input))
      return {
        code: 'INVALID_NUMBER',
        message: 'The cell holds no finite number.',
        params: { value: String(input) },
      };
    return decimalFromNumber(input);
  }
  if (input instanceof Date) {
    const iso = excelDateToIsoDate(input);
    const shownDate = iso.ok && iso.value ? formatRuDate(iso.value) : 'a date';
    return {
      code: 'INVALID_NUMBER',
      message: `The cell holds a date (${shownDate}), not a number; Excel may have turned the number into a date — format the cell as a number.`,
      params: { value: shownDate },
    };
  }
  if (typeof input === 'boolean') {
    return {
      code: 'INVALID_NUMBER',
      message: `"${String(input)}" is not a number.`,
      params: { value: String(input) },
    };
  }
  return decimalFromText(input);
}

function isValueError(x: DecimalParts | ValueError): x is ValueError {
  return 'code' in x;
}

function emptyNumberInput(input: CellInput): boolean {
  if (input === null || input === undefined) return true;
  if (typeof input !== 'string') return false;
  const text = cleanText(input);
  return text === '' || isDashOnly(text);
}

/**
 * Parses a decimal (money, quantities) into an exact string: `'1 234 567,89 ₽'` → `'1234567.89'`.
 * Accepts spaces, no-break and narrow no-break spaces between thousands, a comma or a point as the
 * decimal separator, a trailing `₽`/`руб.`/`р.`, and numbers typed in xlsx. Rejects mixed or repeated
 * separators (`1.234,56`, `1,234,567`) as ambiguous. With `scale`, more fraction digits is an error
 * and the result has exactly `scale` digits.
 */
export function parseDecimal(
  input: CellInput,
  options: { scale?: number } = {},
): ParseResult<string> {
  if (emptyNumberInput(input)) return ok(null);
  if (isCellErrorValue(input)) return cellError(input);
  const p = decimalParts(input as string | number | boolean | Date);
  if (isValueError(p)) return { ok: false, error: p };
  const { scale } = options;
  if (scale !== undefined && p.frac.length > scale) {
    const value = shown(inputText(input as string | number | boolean | Date));
    const hint =
      p.frac.length === 3 && p.separator !== undefined
        ? ` If you meant ${p.int}${p.frac} write it without the "${p.separator}" or with a space: ${p.int} ${p.frac}.`
        : '';
    return fail(
      'TOO_MANY_DECIMALS',
      `"${value}" has ${p.frac.length} digits after the decimal separator; at most ${scale} are allowed.${hint}`,
      { value, scale },
    );
  }
  const frac = scale !== undefined ? p.frac.padEnd(scale, '0') : p.frac;
  return ok(`${p.negative ? '-' : ''}${p.int}${frac ? `.${frac}` : ''}`);
}

/** Parses a whole number; the same notations as `parseDecimal`, without a fraction. */
export function parseInteger(input: CellInput): ParseResult<number> {
  if (emptyNumberInput(input)) return ok(null);
  if (isCellErrorValue(input)) return cellError(input);
  const p = decimalParts(input as string | number | boolean | Date);
  if (isValueError(p)) return { ok: false, error: p };
  const value = shown(inputText(input as string | number | boolean | Date));
  if (p.frac !== '') {
    const hint =
      p.frac.length === 3 && p.separator !== undefined
        ? ` If you meant ${p.int}${p.frac}, write it without the "${p.separator}".`
        : '';
    return fail('INVALID_INTEGER', `"${value}" is not a whole number.${hint}`, { value });
  }
  const n = Number(`${p.negative ? '-' : ''}${p.int}`);
  if (!Number.isSafeInteger(n)) return fail('OUT_OF_RANGE', `"${value}" is too large.`, { value });
  return ok(n);
}

// ---------------------------------------------------------------------------------------------
// Booleans, enums, text

const TRUE_WORDS = new Set(['да', 'д', 'yes', 'y', 'true', 'истина', '1', '+', '✓', '✔']);
const FALSE_WORDS = new Set(['нет', 'н', 'no', 'n', 'false', 'ложь', '0', '-', '–', '—']);

/** Parses да/нет, yes/no, true/false, ИСТИНА/ЛОЖЬ (Russian Excel's TRUE/FALSE), 1/0, +/-. */
export function parseBoolean(input: CellInput): ParseResult<boolean> {
  if (input === null || input === undefined) return ok(null);
  if (isCellErrorValue(input)) return cellError(input);
  if (typeof input === 'boolean') return ok(input);
  if (typeof input === 'number' && (input === 0 || input === 1)) return ok(input === 1);
  const text = input instanceof Date ? '' : cleanText(String(input));
  if (typeof input === 'string' && text === '') return ok(null);
  const word = text.toLowerCase().replace(/ё/g, 'е');
  if (TRUE_WORDS.has(word)) return ok(true);
  if (FALSE_WORDS.has(word)) return ok(false);
  const value = shown(input instanceof Date ? inputText(input) : String(input));
  return fail('INVALID_BOOLEAN', `"${value}" is not yes or no; write да or нет.`, { value });
}

const enumIndexes = new WeakMap<readonly EnumValueSpec[], Map<string, string>>();

/** Maps every normalized value and alias to its value; throws if two values share a label. */
export function buildEnumIndex(values: readonly EnumValueSpec[]): Map<string, string> {
  const cached = enumIndexes.get(values);
  if (cached) return cached;
  const index = new Map<string, string>();
  for (const v of values) {
    for (const label of [v.value, ...v.aliases]) {
      const key = enumKey(label);
      const taken = index.get(key);
      if (taken !== undefined && taken !== v.value) {
        throw new Error(`Enum label "${label}" of "${v.value}" is ambiguous with "${taken}".`);
      }
      index.set(key, v.value);
    }
  }
  enumIndexes.set(values, index);
  return index;
}

/** The label of an enum value a template offers: its first alias, or the value itself. */
export function enumLabel(value: EnumValueSpec): string {
  return value.aliases[0] ?? value.value;
}

function enumKey(label: string): string {
  const key = normalizeLabel(label);
  return key === '' ? cleanText(label).toLowerCase() : key;
}

/** Finds the enum value whose value or alias matches the text, insensitive like headers. */
export function parseEnum(input: CellInput, values: readonly EnumValueSpec[]): ParseResult<string> {
  if (emptyNumberInput(input)) return ok(null);
  if (isCellErrorValue(input)) return cellError(input);
  const text = inputText(input as string | number | boolean | Date);
  const found = buildEnumIndex(values).get(enumKey(text));
  if (found !== undefined) return ok(found);
  const allowed = values.map(enumLabel).join(', ');
  const value = shown(cleanText(text));
  return fail('UNKNOWN_VALUE', `Unknown value "${value}"; expected one of: ${allowed}.`, {
    value,
    allowed,
  });
}

/**
 * Text as the user sees it: trimmed, no-break spaces made plain. Numbers typed in xlsx come back
 * without binary noise (`12345`, not `12345.000000001`); dates as ISO dates.
 */
export function parseText(
  input: CellInput,
  options: { maxLength?: number } = {},
): ParseResult<string> {
  if (input === null || input === undefined) return ok(null);
  if (isCellErrorValue(input)) return cellError(input);
  let text: string;
  if (typeof input === 'number') {
    const p = decimalFromNumber(input);
    text = `${p.negative ? '-' : ''}${p.int}${p.frac ? `.${p.frac}` : ''}`;
  } else if (input instanceof Date) {
    const iso = excelDateToIsoDate(input);
    if (!iso.ok)
      return fail('INVALID_TEXT', 'The cell holds an invalid date.', { value: 'Invalid Date' });
    text = iso.value ?? '';
  } else {
    text = cleanText(String(input));
  }
  if (text === '') return ok(null);
  const { maxLength } = options;
  if (maxLength !== undefined && text.length > maxLength) {
    return fail(
      'TOO_LONG',
      `The text is ${text.length} characters long; at most ${maxLength} are allowed.`,
      {
        value: shown(text),
        length: text.length,
        maxLength,
      },
    );
  }
  return ok(text);
}

// ---------------------------------------------------------------------------------------------
// One cell against its column spec

function outOfRange<T>(
  value: string,
  min: number | string | undefined,
  max: number | string | undefined,
  shownValue: string,
): ParseResult<T> {
  const bound = (b: number | string): string =>
    typeof b === 'string' ? formatRuDate(b) : String(b);
  const range =
    min !== undefined && max !== undefined
      ? `between ${bound(min)} and ${bound(max)}`
      : min !== undefined
        ? `at least ${bound(min)}`
        : `at most ${bound(max as number | string)}`;
  const params: Record<string, string | number> = { value };
  if (min !== undefined) params.min = min;
  if (max !== undefined) params.max = max;
  return fail('OUT_OF_RANGE', `${shownValue} is out of range: it must be ${range}.`, params);
}

function checkNumberRange<T extends number | string>(
  result: ParseResult<T>,
  spec: ColumnSpec,
): ParseResult<T> {
  if (!result.ok || result.value === null) return result;
  const n = Number(result.value);
  const min = typeof spec.min === 'number' ? spec.min : undefined;
  const max = typeof spec.max === 'number' ? spec.max : undefined;
  if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
    return outOfRange(String(result.value), min, max, String(result.value));
  }
  return result;
}

function checkDateRange(result: ParseResult<string>, spec: ColumnSpec): ParseResult<string> {
  if (!result.ok || result.value === null) return result;
  const min = typeof spec.min === 'string' ? spec.min : undefined;
  const max = typeof spec.max === 'string' ? spec.max : undefined;
  if ((min !== undefined && result.value < min) || (max !== undefined && result.value > max)) {
    return outOfRange(result.value, min, max, `The date ${formatRuDate(result.value)}`);
  }
  return result;
}

/**
 * Parses one cell by its column spec: type, `required`, `maxLength`, `min`/`max`, `scale`, enum
 * values. Returns `{ ok: true, value: null }` for an empty optional cell.
 */
export function parseCellValue(
  spec: ColumnSpec,
  input: CellInput,
  context: { date1904?: boolean } = {},
): ParseResult<ParsedValue> {
  let result: ParseResult<ParsedValue>;
  switch (spec.type) {
    case 'string':
      result = parseText(input, { maxLength: spec.maxLength });
      break;
    case 'integer':
      result = checkNumberRange(parseInteger(input), spec);
      break;
    case 'decimal':
      result = checkNumberRange(parseDecimal(input, { scale: spec.scale }), spec);
      break;
    case 'date':
      result = checkDateRange(parseDate(input, context), spec);
      break;
    case 'boolean':
      result = parseBoolean(input);
      break;
    case 'enum':
      result = parseEnum(input, spec.enumValues ?? []);
      break;
  }
  if (result.ok && result.value === null && spec.required) {
    return fail('REQUIRED', 'A value is required.');
  }
  return result;
}
