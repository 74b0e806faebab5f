import { describe, expect, it } from 'vitest';
import { columnLetter, compileColumns, matchHeader } from './spreadsheet.headers.js';
import {
  excelDateToIsoDate,
  excelSerialToIsoDate,
  normalizeLabel,
  parseBoolean,
  parseCellValue,
  parseDate,
  parseDecimal,
  parseEnum,
  parseInteger,
  parseText,
  type ParseResult,
} from './spreadsheet.parsers.js';
import type { ColumnSpec } from './spreadsheet.types.js';

function value<T>(result: ParseResult<T>): T | null {
  if (!result.ok)
    throw new Error(`expected a value, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function error<T>(result: ParseResult<T>): { code: string; message: string } {
  if (result.ok) throw new Error(`expected an error, got ${String(result.value)}`);
  return result.error;
}

describe('parseDate', () => {
  it.each([
    ['31.12.2024', '2024-12-31'],
    ['01.02.2024', '2024-02-01'],
    ['1.2.2024', '2024-02-01'],
    ['29.02.2024', '2024-02-29'],
    ['15.01.98', '1998-01-15'],
    ['15.01.29', '2029-01-15'],
    ['15.01.30', '1930-01-15'],
    ['15/01/2024', '2024-01-15'],
    ['15-01-2024', '2024-01-15'],
    ['2024-01-15', '2024-01-15'],
    ['2024-01-15T10:30:00', '2024-01-15'],
    ['2024-01-15T23:30:00+03:00', '2024-01-15'],
    ['2024-01-15 10:30', '2024-01-15'],
    ['15.01.2024 10:30', '2024-01-15'],
    ['15.01.2024 10:30:59', '2024-01-15'],
    ['15.01.2024 г.', '2024-01-15'],
    ['  15.01.2024\u00A0', '2024-01-15'],
    ['15 января 2024', '2024-01-15'],
    ['3 мая 2021 г.', '2021-05-03'],
    ['1 сент. 2020', '2020-09-01'],
    ['7 March 2023', '2023-03-07'],
  ])('reads %j as %s', (text, iso) => {
    expect(value(parseDate(text))).toBe(iso);
  });

  it.each([
    ['31.02.2024', 'February 2024 has 29 days'],
    ['29.02.2023', 'February 2023 has 28 days'],
    ['31.04.2024', 'April 2024 has 30 days'],
    ['00.01.2024', 'January 2024 has 31 days'],
    ['15.13.2024', 'there is no month 13'],
    ['2024-02-30', 'February 2024 has 29 days'],
    ['01.01.1899', 'the year 1899 is out of range'],
  ])('rejects the impossible date %j, saying why', (text, why) => {
    const e = error(parseDate(text));
    expect(e.code).toBe('INVALID_DATE');
    expect(e.message).toContain(why);
    expect(e.message).toContain(text);
  });

  it.each([
    'завтра',
    '2024',
    '15.01',
    '15.01.2024 25:00',
    '20240115',
    '15..01.2024',
    '1 фыв 2024',
    'true',
  ])('rejects %j as not a date', (text) => {
    expect(error(parseDate(text)).code).toBe('INVALID_DATE');
  });

  it('treats empty text, a dash and null as no value', () => {
    expect(value(parseDate(''))).toBeNull();
    expect(value(parseDate('  '))).toBeNull();
    expect(value(parseDate('—'))).toBeNull();
    expect(value(parseDate(null))).toBeNull();
    expect(value(parseDate(undefined))).toBeNull();
  });

  it('reads Excel serial numbers in the 1900 system, leap-year bug included', () => {
    expect(value(excelSerialToIsoDate(1))).toBe('1900-01-01');
    expect(value(excelSerialToIsoDate(59))).toBe('1900-02-28');
    expect(error(excelSerialToIsoDate(60)).message).toContain('29.02.1900 does not exist');
    expect(value(excelSerialToIsoDate(61))).toBe('1900-03-01');
    expect(value(excelSerialToIsoDate(25569))).toBe('1970-01-01');
    expect(value(excelSerialToIsoDate(45292))).toBe('2024-01-01');
    expect(value(excelSerialToIsoDate(45351))).toBe('2024-02-29');
    expect(value(excelSerialToIsoDate(45292.75))).toBe('2024-01-01');
    // Float noise just under the next day is the next day.
    expect(value(excelSerialToIsoDate(45292.99999999999))).toBe('2024-01-02');
    expect(value(excelSerialToIsoDate(2958465))).toBe('9999-12-31');
    expect(error(excelSerialToIsoDate(0)).code).toBe('INVALID_DATE');
    expect(error(excelSerialToIsoDate(-5)).code).toBe('INVALID_DATE');
    expect(error(excelSerialToIsoDate(2958466)).code).toBe('INVALID_DATE');
    expect(error(excelSerialToIsoDate(Number.NaN)).code).toBe('INVALID_DATE');
  });

  it('reads serials in the 1904 system', () => {
    expect(value(excelSerialToIsoDate(0, true))).toBe('1904-01-01');
    expect(value(excelSerialToIsoDate(43830, true))).toBe('2024-01-01');
    expect(value(parseDate(43830, { date1904: true }))).toBe('2024-01-01');
  });

  it('reads exceljs Dates by their UTC fields, whatever the server time zone', () => {
    // exceljs turns serial 45306 (15.01.2024) into 2024-01-15T00:00Z; in Moscow that is 03:00,
    // in New York the evening before: only the UTC fields give the date the user typed.
    expect(value(parseDate(new Date(Date.UTC(2024, 0, 15))))).toBe('2024-01-15');
    expect(value(parseDate(new Date(Date.UTC(2024, 0, 15, 23, 59, 59))))).toBe('2024-01-15');
    // exceljs's linear conversion of serial 1 gives 1899-12-31; Excel means 1900-01-01.
    expect(value(excelDateToIsoDate(new Date(Date.UTC(1899, 11, 31))))).toBe('1900-01-01');
    expect(value(excelDateToIsoDate(new Date(Date.UTC(1900, 2, 1))))).toBe('1900-03-01');
    expect(error(parseDate(new Date(Number.NaN))).code).toBe('INVALID_DATE');
  });

  it('reports a spreadsheet error cell as CELL_ERROR', () => {
    expect(error(parseDate({ error: '#N/A' }))).toMatchObject({
      code: 'CELL_ERROR',
      message: expect.stringContaining('#N/A'),
    });
    expect(error(parseDate({ error: '' })).message).toContain('no saved result');
  });
});

describe('parseDecimal', () => {
  it.each([
    ['1 234 567,89', '1234567.89'],
    ['1\u00A0234\u00A0567,89', '1234567.89'],
    ['1\u202F234\u202F567,89', '1234567.89'],
    ['1234.5', '1234.5'],
    ['1234,5', '1234.5'],
    ['1234,50', '1234.5'],
    ['0,1', '0.1'],
    [',5', '0.5'],
    ['007', '7'],
    ['-12,30', '-12.3'],
    ['\u221212,3', '-12.3'],
    ['+5', '5'],
    ['-0', '0'],
    ['1 234 567,89 ₽', '1234567.89'],
    ['1 234 567,89₽', '1234567.89'],
    ['1 500 руб.', '1500'],
    ['1500 руб', '1500'],
    ['1500 р.', '1500'],
    ['1500 RUB', '1500'],
    ['12345678901234567890,12', '12345678901234567890.12'],
  ])('reads %j as %s', (text, exact) => {
    expect(value(parseDecimal(text))).toBe(exact);
  });

  it('keeps typed xlsx numbers exact as Excel shows them, without binary noise', () => {
    expect(value(parseDecimal(1234567.89))).toBe('1234567.89');
    expect(value(parseDecimal(0.1 + 0.2))).toBe('0.3');
    expect(value(parseDecimal(-0.5))).toBe('-0.5');
    expect(value(parseDecimal(1e21))).toBe('1000000000000000000000');
    expect(value(parseDecimal(1.5e-7))).toBe('0.00000015');
    expect(value(parseDecimal(42))).toBe('42');
  });

  it('pads to the scale and rejects more fraction digits than the scale, with a hint for 12,345', () => {
    expect(value(parseDecimal('1234,5', { scale: 2 }))).toBe('1234.50');
    expect(value(parseDecimal('1234', { scale: 2 }))).toBe('1234.00');
    // A formula's float noise (1.1 * 1.1 = 1.2100000000000002) is not an extra decimal.
    expect(value(parseDecimal(1.1 * 1.1, { scale: 2 }))).toBe('1.21');
    expect(error(parseDecimal(99.999999999999, { scale: 2 })).code).toBe('TOO_MANY_DECIMALS');
    const e = error(parseDecimal('12,345', { scale: 2 }));
    expect(e.code).toBe('TOO_MANY_DECIMALS');
    expect(e.message).toContain('If you meant 12345');
    expect(error(parseDecimal(0.125, { scale: 2 })).code).toBe('TOO_MANY_DECIMALS');
  });

  it.each([
    ['1.234,56', 'ambiguous'],
    ['1,234.56', 'ambiguous'],
    ['1,234,567', 'ambiguous'],
    ['1.234.567', 'ambiguous'],
    ['12 34', 'groups of three digits'],
    ['1 2345', 'groups of three digits'],
    ['1,5E+3', 'scientific notation'],
    ['12abc', 'is not a number'],
    ['$100', 'is not a number'],
    ['100 €', 'is not a number'],
    ['5,', 'is not a number'],
    ['.', 'is not a number'],
    ['--5', 'is not a number'],
    ['N/A', 'is not a number'],
  ])('rejects %j (%s)', (text, why) => {
    const e = error(parseDecimal(text));
    expect(e.code).toBe('INVALID_NUMBER');
    expect(e.message).toContain(why);
  });

  it('rejects a date where a number belongs, naming the date', () => {
    const e = error(parseDecimal(new Date(Date.UTC(2024, 4, 1))));
    expect(e.code).toBe('INVALID_NUMBER');
    expect(e.message).toContain('01.05.2024');
    expect(error(parseDecimal(true)).code).toBe('INVALID_NUMBER');
    expect(error(parseDecimal(Number.POSITIVE_INFINITY)).code).toBe('INVALID_NUMBER');
  });

  it('treats empty text and a dash as no value', () => {
    expect(value(parseDecimal(''))).toBeNull();
    expect(value(parseDecimal('-'))).toBeNull();
    expect(value(parseDecimal(null))).toBeNull();
  });
});

describe('parseInteger', () => {
  it('reads whole numbers, grouped or typed', () => {
    expect(value(parseInteger('10 000'))).toBe(10000);
    expect(value(parseInteger('12,00'))).toBe(12);
    expect(value(parseInteger(' 42 '))).toBe(42);
    expect(value(parseInteger(42))).toBe(42);
    expect(value(parseInteger(-3))).toBe(-3);
    expect(value(parseInteger(''))).toBeNull();
  });

  it('rejects fractions, hinting at a thousands separator, and numbers beyond 2^53', () => {
    expect(error(parseInteger('1,5')).code).toBe('INVALID_INTEGER');
    expect(error(parseInteger(2.5)).code).toBe('INVALID_INTEGER');
    const e = error(parseInteger('1,234'));
    expect(e.code).toBe('INVALID_INTEGER');
    expect(e.message).toContain('If you meant 1234');
    expect(error(parseInteger('99999999999999999999')).code).toBe('OUT_OF_RANGE');
    expect(error(parseInteger('abc')).code).toBe('INVALID_NUMBER');
  });
});

describe('parseBoolean', () => {
  it.each([
    ['да', true],
    ['Да', true],
    ['ДА', true],
    ['yes', true],
    ['Y', true],
    ['true', true],
    ['ИСТИНА', true],
    ['1', true],
    ['+', true],
    ['нет', false],
    ['No', false],
    ['FALSE', false],
    ['ЛОЖЬ', false],
    ['0', false],
    ['-', false],
  ])('reads %j as %s', (text, expected) => {
    expect(value(parseBoolean(text))).toBe(expected);
  });

  it('reads typed booleans and 1/0 numbers; rejects anything else', () => {
    expect(value(parseBoolean(true))).toBe(true);
    expect(value(parseBoolean(0))).toBe(false);
    expect(value(parseBoolean(''))).toBeNull();
    expect(error(parseBoolean('может быть')).code).toBe('INVALID_BOOLEAN');
    expect(error(parseBoolean(2)).code).toBe('INVALID_BOOLEAN');
  });
});

const MODALITIES = [
  { value: 'CT', aliases: ['КТ', 'Компьютерный томограф', 'computed tomography'] },
  { value: 'MRI', aliases: ['МРТ', 'Магнитно-резонансный томограф'] },
  { value: 'MAMMOGRAPHY', aliases: ['Маммограф'] },
];

describe('parseEnum', () => {
  it('matches value or alias, case-, space-, punctuation-, ё- and look-alike-insensitive', () => {
    expect(value(parseEnum('CT', MODALITIES))).toBe('CT');
    expect(value(parseEnum('кт', MODALITIES))).toBe('CT');
    expect(value(parseEnum(' компьютерный  томограф ', MODALITIES))).toBe('CT');
    expect(value(parseEnum('Магнитно резонансный томограф', MODALITIES))).toBe('MRI');
    // "MPT" typed with Latin letters that look like МРТ.
    expect(value(parseEnum('MPT', MODALITIES))).toBe('MRI');
    expect(value(parseEnum('маммограф.', MODALITIES))).toBe('MAMMOGRAPHY');
    expect(value(parseEnum('', MODALITIES))).toBeNull();
  });

  it('rejects an unknown value, listing the allowed labels', () => {
    const e = error(parseEnum('ПЭТ', MODALITIES));
    expect(e.code).toBe('UNKNOWN_VALUE');
    expect(e.message).toBe('Unknown value "ПЭТ"; expected one of: КТ, МРТ, Маммограф.');
  });
});

describe('parseText', () => {
  it('trims, makes no-break spaces plain, drops zero-width characters', () => {
    expect(value(parseText('  A\u00A0B\u200B '))).toBe('A B');
    expect(value(parseText('   '))).toBeNull();
  });

  it('turns typed numbers and dates into the text the user sees', () => {
    expect(value(parseText(12345))).toBe('12345');
    expect(value(parseText(123456789012))).toBe('123456789012');
    expect(value(parseText(0.1 + 0.2))).toBe('0.3');
    expect(value(parseText(new Date(Date.UTC(2024, 0, 15))))).toBe('2024-01-15');
  });

  it('rejects text longer than maxLength with its length', () => {
    const e = error(parseText('x'.repeat(31), { maxLength: 30 }));
    expect(e).toMatchObject({ code: 'TOO_LONG', params: { length: 31, maxLength: 30 } });
  });
});

describe('parseCellValue', () => {
  const year: ColumnSpec = {
    key: 'year',
    header: { ru: 'Год', en: 'Year' },
    type: 'integer',
    min: 1990,
    max: 2030,
    required: true,
  };
  const installed: ColumnSpec = {
    key: 'installed',
    header: { ru: 'Дата', en: 'Date' },
    type: 'date',
    min: '2000-01-01',
  };
  const price: ColumnSpec = {
    key: 'price',
    header: { ru: 'Цена', en: 'Price' },
    type: 'decimal',
    scale: 2,
    min: 0,
  };

  it('checks required, numeric and date bounds', () => {
    expect(error(parseCellValue(year, ''))).toMatchObject({ code: 'REQUIRED' });
    expect(error(parseCellValue(year, null)).code).toBe('REQUIRED');
    expect(value(parseCellValue(year, '2015'))).toBe(2015);
    expect(error(parseCellValue(year, '1985'))).toMatchObject({
      code: 'OUT_OF_RANGE',
      message: '1985 is out of range: it must be between 1990 and 2030.',
      params: { min: 1990, max: 2030 },
    });
    expect(error(parseCellValue(installed, '31.12.1999')).message).toBe(
      'The date 31.12.1999 is out of range: it must be at least 01.01.2000.',
    );
    expect(value(parseCellValue(installed, '01.01.2000'))).toBe('2000-01-01');
    expect(value(parseCellValue(installed, ''))).toBeNull();
    expect(error(parseCellValue(price, '-1')).code).toBe('OUT_OF_RANGE');
    expect(value(parseCellValue(price, '1 000'))).toBe('1000.00');
  });
});

describe('headers', () => {
  const columns = compileColumns([
    {
      key: 'inv',
      header: { ru: 'Инвентарный номер', en: 'Inventory number' },
      aliases: ['Инв. №'],
      type: 'string',
    },
    {
      key: 'date',
      header: { ru: 'Дата ввода в эксплуатацию', en: 'Commissioning date' },
      type: 'date',
    },
    { key: 'serial', header: { ru: 'Серийный номер', en: 'Serial No.' }, type: 'string' },
  ]);

  it.each([
    ['Инвентарный номер', 'inv'],
    ['ИНВЕНТАРНЫЙ   НОМЕР', 'inv'],
    ['инвентарный_номер', 'inv'],
    ['Inventory Number', 'inv'],
    ['Инв. №', 'inv'],
    ['инв №', 'inv'],
    ['Дата ввода в\nэксплуатацию', 'date'],
    ['Дата ввода в эксплуатацию *', 'date'],
    ['Cерийный номер', 'serial'], // Latin C
    ['serial no', 'serial'],
  ])('matches %j to %s', (header, key) => {
    expect(matchHeader(columns, header)?.key).toBe(key);
  });

  it('does not match unknown headers', () => {
    expect(matchHeader(columns, 'Примечание')).toBeUndefined();
  });

  it('folds ё to е', () => {
    expect(normalizeLabel('Счётчик')).toBe(normalizeLabel('счетчик'));
  });

  it('rejects column specs that clash, naming every problem', () => {
    expect(() =>
      compileColumns([
        { key: 'a', header: { ru: 'Номер', en: 'Number' }, type: 'string' },
        { key: 'a', header: { ru: 'номер!', en: 'Other' }, type: 'string' },
        { key: 'c', header: { ru: 'Тип', en: 'Type' }, type: 'enum' },
        { key: 'd', header: { ru: 'Цена', en: 'Price' }, type: 'decimal', min: '0' },
      ]),
    ).toThrow(/duplicate key "a".*share the header "номер!".*needs enumValues.*must be numbers/);
    expect(() =>
      compileColumns([
        {
          key: 'm',
          header: { ru: 'М', en: 'M' },
          type: 'enum',
          enumValues: [
            { value: 'A', aliases: ['x'] },
            { value: 'B', aliases: ['X'] },
          ],
        },
      ]),
    ).toThrow(/ambiguous/);
  });

  it('names columns by letter', () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });
});
