import type { Lang } from '@radfleet/shared';
/**
 * Streaming xlsx writers over exceljs's `stream.xlsx.WorkbookWriter`: rows are committed as they
 * are written, so a report of any length uses flat memory and can go straight into an HTTP
 * response. Two products:
 *
 * - `writeTemplate`: an import template for a list of column specs — Russian headers in row 1,
 *   English in row 2, cell formats and drop-downs — that `readSpreadsheet` accepts back as filled in.
 * - `XlsxReportWriter`: report sheets with a bold, frozen, filterable header row, typed cells (real
 *   dates, numbers with rouble and percent formats) and column widths fitted to the first rows,
 *   plus a small label/value summary sheet.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { columnLetter, compileColumns } from './spreadsheet.headers.js';
import { enumLabel } from './spreadsheet.parsers.js';
import type { ColumnSpec } from './spreadsheet.types.js';

export type ReportLanguage = Lang;

/** How a report cell is typed and formatted. */
export type ReportCellType =
  'string' | 'integer' | 'decimal' | 'money' | 'percent' | 'date' | 'datetime' | 'boolean';

/**
 * A value handed to the writer. Numbers may come as decimal strings (PostgreSQL `numeric`), dates as
 * ISO strings (`'2024-01-31'`) or Dates, percentages as fractions (0.85 is 85 %).
 */
export type ReportValue = string | number | bigint | boolean | Date | null | undefined;

/** Number formats per type; the money format is the one Russian Excel shows as `1 234,50 ₽`. */
export const REPORT_NUMBER_FORMATS: Readonly<Record<ReportCellType, string | undefined>> = {
  string: undefined,
  integer: '#,##0',
  decimal: '#,##0.00',
  money: '#,##0.00 "₽"',
  percent: '0.0%',
  date: 'dd.mm.yyyy',
  datetime: 'dd.mm.yyyy hh:mm',
  boolean: undefined,
};

export interface ReportColumn<R> {
  /** The header label, in the language the caller chose. */
  readonly header: string;
  readonly type: ReportCellType;
  /** The cell's value for a row. */
  readonly value: (row: R) => ReportValue;
  /** Width in characters; by default fitted to the header and the first rows. */
  readonly width?: number;
  /** Overrides the type's number format (e.g. `'0'` for years). */
  readonly numFmt?: string;
}

export interface XlsxReportOptions {
  /** Language of the yes/no labels of boolean cells. */
  readonly language: ReportLanguage;
  readonly creator?: string;
  /** The zone in which Dates become calendar dates and wall-clock times. Default `Europe/Moscow`. */
  readonly timeZone?: string;
  /** Overrides the yes/no labels. */
  readonly booleanLabels?: { readonly true: string; readonly false: string };
}

export interface SummaryItem {
  readonly label: string;
  readonly value: ReportValue;
  /** Default: from the value (integer, decimal, date, boolean or string). */
  readonly type?: ReportCellType;
  readonly numFmt?: string;
}

export interface SummarySheet {
  /** A bold title above the table, e.g. the report's name. */
  readonly title?: string;
  /** A line under the title, e.g. the filters and the time of export. */
  readonly subtitle?: string;
  /** Headers of the two columns; no header row when absent. */
  readonly headers?: readonly [string, string];
  readonly items: readonly SummaryItem[];
}

const BOOLEAN_LABELS: Record<ReportLanguage, { true: string; false: string }> = {
  ru: { true: 'Да', false: 'Нет' },
  en: { true: 'Yes', false: 'No' },
};

const HEADER_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFDDE4EE' },
};
const SUBHEADER_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFF2F4F7' },
};
const HEADER_BORDER: Partial<ExcelJS.Borders> = {
  bottom: { style: 'thin', color: { argb: 'FF8C9BB0' } },
};
/** Excel's limit for the text of one cell. */
const MAX_CELL_TEXT = 32_767;

// ---------------------------------------------------------------------------------------------
// Values

interface ValueContext {
  readonly booleanLabels: { readonly true: string; readonly false: string };
  readonly wallClock: Intl.DateTimeFormat;
}

function makeContext(options: XlsxReportOptions): ValueContext {
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

function toCellValue(
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
function displayLength(type: ReportCellType, value: ExcelJS.CellValue): number {
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

function fitWidth(header: string, lengths: Iterable<number>): number {
  let longest = Math.min(Math.ceil(header.length * 1.1), 30);
  for (const n of lengths) longest = Math.max(longest, n);
  return Math.min(Math.max(longest + 2, 8), 60);
}

function sheetTitle(name: string, taken: Set<string>): string {
  const clean =
    name
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/^'+|'+$/g, '')
      .trim()
      .slice(0, 31) || 'Sheet';
  let title = clean;
  for (let i = 2; taken.has(title.toLowerCase()); i++)
    title = `${clean.slice(0, 31 - String(i).length - 1)} ${i}`;
  taken.add(title.toLowerCase());
  return title;
}

function styleHeaderRow(row: ExcelJS.Row, fill: ExcelJS.Fill, font: Partial<ExcelJS.Font>): void {
  row.eachCell((cell) => {
    cell.font = font;
    cell.fill = fill;
    cell.border = HEADER_BORDER;
    cell.alignment = { vertical: 'middle', wrapText: true };
  });
}

/**
 * The worksheet's exceljs StreamBuf (exceljs 4.4 internals, not in its typings): it writes into
 * archiver's compressor without heeding backpressure, so rows produced faster than zlib and the
 * client take them would pile up there.
 */
interface WorksheetStreamInternals {
  readonly stream?: {
    readonly buffers?: readonly { readonly length?: number }[];
    /** archiver's input: a readable-stream v2 PassThrough, which has no `writableLength` getter. */
    readonly pipes?: readonly {
      readonly writableLength?: number;
      readonly _writableState?: { readonly length?: number };
    }[];
  };
}

/** Bytes written to the sheet but not yet compressed: what `breathe` keeps small. */
function pendingBytes(worksheet: ExcelJS.Worksheet): number {
  const stream = (worksheet as unknown as WorksheetStreamInternals).stream;
  let bytes = 0;
  for (const b of stream?.buffers ?? []) bytes += b.length ?? 0;
  for (const p of stream?.pipes ?? []) bytes += p.writableLength ?? p._writableState?.length ?? 0;
  return bytes;
}

/** Rows may run this far ahead of compression before the writer waits. */
const MAX_PENDING_BYTES = 256 * 1024;

/** Resolves when the output has room again; rejects if it closes first (the client went away). */
function waitForDrain(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', onError);
    };
    const onDrain = (): void => {
      cleanup();
      resolve();
    };
    const onClose = (): void => {
      cleanup();
      reject(new Error('The output closed before the workbook was written.'));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', onError);
  });
}

// ---------------------------------------------------------------------------------------------
// Report

interface OpenSheet {
  commit(): void;
}

/** One data sheet of a report. Write rows in order; they go to the output as they come. */
export class XlsxReportSheet<R> implements OpenSheet {
  private sample: ExcelJS.CellValue[][] | null = [];
  private written = 0;
  private committed = false;

  /** @internal Created by XlsxReportWriter.addSheet. */
  constructor(
    private readonly worksheet: ExcelJS.Worksheet,
    private readonly columns: readonly ReportColumn<R>[],
    private readonly ctx: ValueContext,
    private readonly sampleRows: number,
    private readonly breathe: (worksheet: ExcelJS.Worksheet) => Promise<void>,
  ) {}

  /** Data rows written so far. */
  get rowCount(): number {
    return this.written;
  }

  addRow(row: R): void {
    if (this.committed) throw new Error(`The sheet "${this.worksheet.name}" is already finished.`);
    const values = this.columns.map((c) => toCellValue(c.type, c.value(row), this.ctx, c.header));
    this.written++;
    if (this.sample) {
      this.sample.push(values);
      if (this.sample.length >= this.sampleRows) this.start();
      return;
    }
    this.worksheet.addRow(values).commit();
  }

  /** Writes rows from an array, a generator or a database cursor, yielding to the output as it fills. */
  async addRows(rows: Iterable<R> | AsyncIterable<R>): Promise<number> {
    let n = 0;
    for await (const row of rows) {
      this.addRow(row);
      if (++n % 200 === 0) await this.breathe(this.worksheet);
    }
    return n;
  }

  /** @internal Finishes the sheet; the writer calls it when the next sheet starts or at the end. */
  commit(): void {
    if (this.committed) return;
    if (this.sample) this.start();
    this.committed = true;
    this.worksheet.commit();
  }

  /** Widths from the header and the sampled rows, then the header row and the sampled rows. */
  private start(): void {
    const sample = this.sample ?? [];
    this.sample = null;
    this.worksheet.columns = this.columns.map((c, i) => ({
      width:
        c.width ??
        fitWidth(
          c.header,
          sample.map((values) => displayLength(c.type, values[i])),
        ),
      style: { numFmt: c.numFmt ?? REPORT_NUMBER_FORMATS[c.type] },
    }));
    const header = this.worksheet.addRow(this.columns.map((c) => c.header));
    styleHeaderRow(header, HEADER_FILL, { bold: true });
    header.commit();
    for (const values of sample) this.worksheet.addRow(values).commit();
  }
}

/**
 * A streaming report workbook. Sheets are written one after another: adding a sheet finishes the
 * previous one. `finish()` completes the file and resolves when the output has it all.
 *
 * ```ts
 * const report = new XlsxReportWriter(res, { language: 'ru' });
 * report.addSummarySheet('Сводка', { title: 'Парк оборудования', items: [{ label: 'Устройств', value: 1300 }] });
 * const sheet = report.addSheet('Устройства', columns);
 * await sheet.addRows(cursor);
 * await report.finish();
 * ```
 */
export class XlsxReportWriter {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly ctx: ValueContext;
  private readonly titles = new Set<string>();
  private current: OpenSheet | null = null;
  private finished = false;

  constructor(
    private readonly out: Writable,
    options: XlsxReportOptions,
  ) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    this.workbook.creator = options.creator ?? 'RadFleet';
    this.ctx = makeContext(options);
  }

  /**
   * Starts a data sheet with a bold, frozen, filterable header row. Column widths are fitted to the
   * header and the first `sampleRows` rows (default 100), which are held back until then.
   */
  addSheet<R>(
    name: string,
    columns: readonly ReportColumn<R>[],
    options: { sampleRows?: number } = {},
  ): XlsxReportSheet<R> {
    this.next();
    if (columns.length === 0) throw new Error('A report sheet needs at least one column.');
    const worksheet = this.workbook.addWorksheet(sheetTitle(name, this.titles), {
      views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    });
    worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
    const sheet = new XlsxReportSheet<R>(
      worksheet,
      columns,
      this.ctx,
      Math.max(1, options.sampleRows ?? 100),
      (ws) => this.breathe(ws),
    );
    this.current = sheet;
    return sheet;
  }

  /** Writes a small sheet: an optional title and subtitle, then a label/value table with typed values. */
  addSummarySheet(name: string, summary: SummarySheet): void {
    this.next();
    const worksheet = this.workbook.addWorksheet(sheetTitle(name, this.titles));
    const values = summary.items.map((item) => {
      const type = item.type ?? inferType(item.value);
      return { item, type, value: toCellValue(type, item.value, this.ctx, item.label) };
    });
    const labelWidth = fitWidth(
      summary.headers?.[0] ?? '',
      values.map((v) => v.item.label.length),
    );
    const valueWidth = fitWidth(
      summary.headers?.[1] ?? '',
      values.map((v) => displayLength(v.type, v.value)),
    );
    worksheet.columns = [{ width: Math.min(labelWidth, 60) }, { width: Math.max(valueWidth, 14) }];
    if (summary.title) {
      const title = worksheet.addRow([summary.title]);
      title.getCell(1).font = { bold: true, size: 14 };
      title.commit();
    }
    if (summary.subtitle) {
      const subtitle = worksheet.addRow([summary.subtitle]);
      subtitle.getCell(1).font = { italic: true, color: { argb: 'FF595959' } };
      subtitle.commit();
    }
    if (summary.title || summary.subtitle) worksheet.addRow([]).commit();
    if (summary.headers) {
      const header = worksheet.addRow([...summary.headers]);
      styleHeaderRow(header, HEADER_FILL, { bold: true });
      header.commit();
    }
    for (const { item, type, value } of values) {
      const row = worksheet.addRow([item.label, value]);
      const format = item.numFmt ?? REPORT_NUMBER_FORMATS[type];
      if (format) row.getCell(2).numFmt = format;
      row.commit();
    }
    worksheet.commit();
  }

  /** Finishes the last sheet and the workbook; resolves once the output has received everything. */
  async finish(): Promise<void> {
    if (this.finished) throw new Error('The workbook is already finished.');
    this.next();
    this.finished = true;
    await this.workbook.commit();
  }

  private next(): void {
    if (this.finished) throw new Error('The workbook is already finished.');
    this.current?.commit();
    this.current = null;
  }

  /**
   * Keeps memory flat: lets the zip compress what was written, and waits while the compressor has a
   * backlog or the output (a slow client) is full. Rejects once the output has closed.
   */
  private async breathe(worksheet: ExcelJS.Worksheet): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    for (;;) {
      if (this.out.destroyed) throw new Error('The output closed before the workbook was written.');
      if (this.out.writableNeedDrain) await waitForDrain(this.out);
      else if (pendingBytes(worksheet) > MAX_PENDING_BYTES)
        await new Promise<void>((resolve) => setTimeout(resolve, 2));
      else return;
    }
  }
}

function inferType(value: ReportValue): ReportCellType {
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'decimal';
  if (typeof value === 'bigint') return 'integer';
  if (typeof value === 'boolean') return 'boolean';
  if (value instanceof Date) return 'date';
  return 'string';
}

// ---------------------------------------------------------------------------------------------
// Import template

export interface TemplateOptions {
  /** Default `Данные`. */
  readonly sheetName?: string;
  /** Adds a second sheet describing every column (type, required, allowed values). Default true. */
  readonly helpSheet?: boolean;
  /** How many rows below the headers get the columns' drop-downs. Default 1000. */
  readonly rows?: number;
}

/** The streaming WorksheetWriter keeps range validations here (exceljs 4.4; not in its typings). */
interface WorksheetWriterValidations {
  readonly dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

function templateFormat(spec: ColumnSpec): string | undefined {
  switch (spec.type) {
    case 'string':
    case 'enum':
    case 'boolean':
      // Text, so that Excel keeps leading zeros of inventory numbers and does not turn 1.5 into a date.
      return '@';
    case 'integer':
      return '0';
    case 'decimal':
      return spec.scale ? `#,##0.${'0'.repeat(spec.scale)}` : undefined;
    case 'date':
      return 'dd.mm.yyyy';
  }
}

const TYPE_HELP: Record<ColumnSpec['type'], string> = {
  string: 'Текст / Text',
  integer: 'Целое число / Whole number',
  decimal: 'Число, например 1 234,56 / Number, e.g. 1 234,56',
  date: 'Дата ДД.ММ.ГГГГ / Date dd.mm.yyyy',
  boolean: 'Да или Нет / Yes or No',
  enum: 'Значение из списка / One of the listed values',
};

function allowedHelp(spec: ColumnSpec): string {
  const parts: string[] = [];
  if (spec.enumValues)
    parts.push(
      spec.enumValues
        .map((v) => [...new Set([enumLabel(v), ...v.aliases, v.value])].join(' = '))
        .join('; '),
    );
  if (spec.type === 'boolean') parts.push('Да, Нет, Yes, No, 1, 0');
  const bound = (b: number | string): string =>
    typeof b === 'string' ? b.split('-').reverse().join('.') : String(b);
  if (spec.min !== undefined) parts.push(`от / from ${bound(spec.min)}`);
  if (spec.max !== undefined) parts.push(`до / to ${bound(spec.max)}`);
  if (spec.maxLength !== undefined)
    parts.push(`не длиннее ${spec.maxLength} символов / up to ${spec.maxLength} characters`);
  if (spec.scale !== undefined)
    parts.push(`не более ${spec.scale} знаков после запятой / at most ${spec.scale} decimals`);
  return parts.join('; ');
}

function dropDown(spec: ColumnSpec): string[] | null {
  const labels =
    spec.type === 'boolean'
      ? ['Да', 'Нет']
      : spec.type === 'enum'
        ? (spec.enumValues ?? []).map(enumLabel)
        : null;
  if (!labels || labels.some((l) => /[,"]/.test(l))) return null;
  const list = `"${labels.join(',')}"`;
  return list.length <= 257 ? [list] : null;
}

/**
 * Writes an import template for the columns: row 1 the Russian headers, row 2 the English ones
 * (both marked `*` when required), cells formatted by type, drop-downs for enums and yes/no, and a
 * help sheet. `readSpreadsheet` reads it back as it is, data starting in row 3.
 */
export async function writeTemplate(
  columns: readonly ColumnSpec[],
  out: Writable,
  options: TemplateOptions = {},
): Promise<void> {
  compileColumns(columns);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'RadFleet';
  const rows = options.rows ?? 1000;
  const mark = (spec: ColumnSpec, text: string): string => (spec.required ? `${text} *` : text);

  const sheet = workbook.addWorksheet(options.sheetName ?? 'Данные', {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 2, topLeftCell: 'A3', activeCell: 'A3' }],
  });
  sheet.columns = columns.map((spec) => ({
    width: fitWidth(spec.header.ru, [spec.header.en.length, spec.type === 'date' ? 12 : 10]),
    style: { numFmt: templateFormat(spec) },
  }));
  const ru = sheet.addRow(columns.map((spec) => mark(spec, spec.header.ru)));
  styleHeaderRow(ru, HEADER_FILL, { bold: true });
  ru.commit();
  const en = sheet.addRow(columns.map((spec) => mark(spec, spec.header.en)));
  styleHeaderRow(en, SUBHEADER_FILL, { italic: true, color: { argb: 'FF595959' } });
  en.commit();
  columns.forEach((spec, i) => {
    const list = dropDown(spec);
    if (!list) return;
    const letter = columnLetter(i + 1);
    (sheet as unknown as WorksheetWriterValidations).dataValidations.add(
      `${letter}3:${letter}${rows + 2}`,
      {
        type: 'list',
        allowBlank: true,
        formulae: list,
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: 'Значение не из списка / Not in the list',
        error: 'Выберите значение из списка / Pick a value from the list',
      },
    );
  });
  sheet.commit();

  if (options.helpSheet ?? true) {
    const help = workbook.addWorksheet('Справка (Help)');
    const helpHeaders = [
      'Столбец',
      'Column',
      'Обязательный / Required',
      'Тип / Type',
      'Допустимые значения / Allowed values',
    ];
    const helpRows = columns.map((spec) => [
      spec.header.ru,
      spec.header.en,
      spec.required ? 'Да / Yes' : 'Нет / No',
      TYPE_HELP[spec.type],
      allowedHelp(spec),
    ]);
    help.columns = helpHeaders.map((h, i) => ({
      width: fitWidth(
        h,
        helpRows.map((r) => Math.min(r[i].length, 80)),
      ),
    }));
    const header = help.addRow(helpHeaders);
    styleHeaderRow(header, HEADER_FILL, { bold: true });
    header.commit();
    for (const r of helpRows) {
      const row = help.addRow(r);
      row.getCell(5).alignment = { wrapText: true, vertical: 'top' };
      row.commit();
    }
    help.commit();
  }
  await workbook.commit();
}
