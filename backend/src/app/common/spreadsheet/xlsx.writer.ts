/**
 * The streaming report writer over exceljs's `stream.xlsx.WorkbookWriter`: rows are committed as
 * they are written, so a report of any length uses flat memory and can go straight into an HTTP
 * response. `XlsxReportWriter` writes report sheets with a bold, frozen, filterable header row,
 * typed cells (real dates, numbers with rouble and percent formats) and column widths fitted to
 * the first rows, plus a small label/value summary sheet. The import template writer, which shares
 * the header styling, is in xlsx-template.writer.ts.
 */
import type { Lang } from '@radfleet/shared';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { displayLength, makeContext, toCellValue, type ValueContext } from './xlsx-cells.js';

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

export const HEADER_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFDDE4EE' },
};
export const SUBHEADER_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFF2F4F7' },
};
const HEADER_BORDER: Partial<ExcelJS.Borders> = {
  bottom: { style: 'thin', color: { argb: 'FF8C9BB0' } },
};
export function fitWidth(header: string, lengths: Iterable<number>): number {
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

export function styleHeaderRow(
  row: ExcelJS.Row,
  fill: ExcelJS.Fill,
  font: Partial<ExcelJS.Font>,
): void {
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
