/**
 * The first visible worksheet of an xlsx, streamed with exceljs's WorkbookReader: formulas give
 * their saved result, rich text and hyperlinks their plain text, shared strings are resolved, and
 * cells formatted as dates come as Dates.
 *
 * Three faults of exceljs 4.4's streaming reader are worked around here, by wrapping methods of the
 * one reader instance and the `pipe` of the stream it reads:
 *
 * 1. It decodes every chunk of XML on its own (`TextDecoder.decode(chunk)` without `stream: true`),
 *    so a Cyrillic letter (two bytes in UTF-8) split between two chunks becomes "\uFFFD\uFFFD"
 *    (exceljs issues #2063, #2316, PR #1665, still open). Every stream exceljs parses is switched to
 *    `setEncoding('utf8')`, whose decoder carries a split character over to the next chunk.
 * 2. A worksheet that comes before the shared strings in the zip (Excel's own order) is spooled to a
 *    temporary file and parsed after the zip; otherwise it is parsed straight from the zip entry,
 *    which cannot be re-encoded as above. The reader therefore hides the workbook relations until
 *    the zip has been read, so every worksheet takes the temp-file path: constant memory, styles
 *    (date formats) and sheet names are always known, and only the first visible worksheet is
 *    parsed — the others are closed unread and their temp files removed.
 * 3. unzipper's `Parse` (0.10) emits `'end'` as soon as its input is written ('finish'), while the
 *    last entries may still wait in its paused readable buffer; exceljs takes that `'end'` as the end
 *    of the zip and drops them — typically `xl/workbook.xml`, which exceljs and Excel write last, and
 *    then fails with "Cannot read properties of undefined (reading 'sheets')" (exceljs issue #3064,
 *    intermittent: 1 % to 90 % of reads depending on disk timing). The premature `'end'` is held back;
 *    the real one follows once the end-of-central-directory record is read, after every entry. A
 *    zip cut short still fails: the parser errors with FILE_ENDED.
 *
 * Every part of the zip is counted while it inflates: one that grows past `maxPartBytes` (a "zip
 * bomb": 2 MB of zip holding a worksheet of hundreds of MB) ends there, the zip is torn down and the
 * read fails with PART_TOO_LARGE, before the memory or the disk fills. The worksheets exceljs spools
 * to temporary files are removed whatever happens (exceljs itself removes them only on success).
 *
 * Library errors never reach the user: a damaged zip or XML is CORRUPT_FILE with a plain message,
 * and a row or cell whose position exceljs cannot read (`<row>` or `<c>` without a valid `r`, which
 * exceljs reports as "Invalid Address: ANaN" or "Cannot read properties of undefined (reading
 * 'length')") names the last row read.
 */
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CellInput } from './spreadsheet.parsers.js';
import { SpreadsheetFileError } from './spreadsheet.errors.js';
import type { ByteCounter, RawRow } from './spreadsheet.source.js';

interface SheetModel {
  readonly name: string;
  readonly rId: string;
  readonly state?: string;
}

interface Relationship {
  readonly Id: string;
  readonly Target: string;
}

/** The parts of exceljs's WorkbookReader this module relies on (exceljs 4.4, not in its typings). */
interface WorkbookReaderInternals {
  model?: { sheets?: SheetModel[] };
  workbookRels?: Relationship[];
  properties?: { model?: { date1904?: boolean } };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: unknown, sheetNo: string): Generator<unknown>;
}

const PATCHED = [
  '_parseRels',
  '_parseWorkbook',
  '_parseStyles',
  '_parseSharedStrings',
  '_parseWorksheet',
] as const;

/** exceljs changed under us: a programming problem, not a bad file. */
class XlsxReaderInternalsError extends Error {}

interface TargetSheet {
  readonly sheetNo: string;
  readonly name: string | null;
}

function chooseTarget(
  reader: WorkbookReaderInternals,
  rels: readonly Relationship[],
  firstSeen: string,
): TargetSheet {
  for (const sheet of reader.model?.sheets ?? []) {
    if (sheet.state === 'hidden' || sheet.state === 'veryHidden') continue;
    const target = rels.find((r) => r.Id === sheet.rId)?.Target;
    const m = target ? /(?:^|\/)worksheets\/sheet(\d+)\.xml$/.exec(target) : null;
    if (m) return { sheetNo: m[1], name: sheet.name };
  }
  return { sheetNo: firstSeen, name: null };
}

function patchReader(
  reader: WorkbookReaderInternals,
  state: { rels: Relationship[]; target?: TargetSheet },
): void {
  const proto = Object.getPrototypeOf(reader) as WorkbookReaderInternals;
  for (const name of PATCHED) {
    if (typeof proto[name] !== 'function') {
      throw new XlsxReaderInternalsError(
        `exceljs WorkbookReader.${name} is gone; update xlsx.source.ts for this exceljs version.`,
      );
    }
  }
  reader._parseRels = async (entry) => {
    entry.setEncoding('utf8');
    await proto._parseRels.call(reader, entry);
    // Hidden until the zip is read, so that exceljs spools every worksheet (see the top of the file).
    state.rels = reader.workbookRels ?? [];
    reader.workbookRels = undefined;
  };
  reader._parseWorkbook = (entry) => {
    entry.setEncoding('utf8');
    return proto._parseWorkbook.call(reader, entry);
  };
  reader._parseStyles = (entry) => {
    entry.setEncoding('utf8');
    return proto._parseStyles.call(reader, entry);
  };
  reader._parseSharedStrings = (entry) => {
    entry.setEncoding('utf8');
    return proto._parseSharedStrings.call(reader, entry);
  };
  reader._parseWorksheet = function* (iterator, sheetNo) {
    if (!(iterator instanceof Readable)) {
      throw new XlsxReaderInternalsError(
        'exceljs parsed a worksheet straight from the zip; update xlsx.source.ts.',
      );
    }
    reader.workbookRels = state.rels;
    state.target ??= chooseTarget(reader, state.rels, sheetNo);
    if (sheetNo !== state.target.sheetNo) {
      // exceljs deletes the temp file next, maybe before this stream has opened it: ignore that.
      iterator.on('error', () => undefined);
      iterator.destroy();
      return;
    }
    iterator.setEncoding('utf8');
    yield* proto._parseWorksheet.call(reader, iterator, sheetNo);
  };
}

/** What the zip guard found: the part that grew too large, and the temp files exceljs spooled to. */
interface ZipState {
  oversized: { part: string; bytes: number } | null;
  readonly spooled: string[];
}

/** A zip entry of unzipper 0.10: a PassThrough with the part's name. */
type ZipEntry = Transform & { path?: unknown };

/**
 * Guards unzipper's Parse stream (see the top): holds back its premature `'end'`, and counts the
 * inflated bytes of every entry. Past `maxPartBytes` the entry ends (so whoever reads it finishes)
 * and `onOversized` tears the zip down.
 */
function guardZip(
  zip: NodeJS.WritableStream,
  maxPartBytes: number,
  state: ZipState,
  onOversized: () => void,
): void {
  if (!(zip instanceof Readable)) {
    throw new XlsxReaderInternalsError(
      'exceljs no longer pipes into a readable zip parser; update xlsx.source.ts.',
    );
  }
  const emit = zip.emit.bind(zip);
  zip.emit = ((event: string | symbol, ...args: unknown[]): boolean =>
    event === 'end' && !zip.readableEnded ? false : emit(event, ...args)) as typeof zip.emit;
  const push = zip.push.bind(zip);
  zip.push = ((chunk: unknown, encoding?: BufferEncoding): boolean => {
    if (chunk instanceof Transform) countEntry(chunk as ZipEntry, maxPartBytes, state, onOversized);
    return push(chunk, encoding);
  }) as typeof zip.push;
}

function countEntry(
  entry: ZipEntry,
  maxPartBytes: number,
  state: ZipState,
  onOversized: () => void,
): void {
  const part = typeof entry.path === 'string' ? entry.path : '?';
  let bytes = 0;
  let over = false;
  entry._transform = (chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) => {
    if (over) return callback();
    bytes += chunk.length;
    if (bytes <= maxPartBytes) return callback(null, chunk);
    over = true;
    state.oversized ??= { part, bytes };
    entry.push(null);
    callback();
    onOversized();
  };
  // exceljs spools worksheets into temp files it forgets on failure: note them to remove later.
  const pipe = entry.pipe.bind(entry);
  entry.pipe = (<T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }) => {
    const path = (destination as { path?: unknown }).path;
    if (typeof path === 'string') state.spooled.push(path);
    return pipe(destination, options);
  }) as typeof entry.pipe;
}

/** Whether a number format shows a date or time (what exceljs itself checks, escapes and literals removed). */
export function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const bare = numFmt
    .replace(/\[[^\]]*]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '');
  return /[ymdhs]/i.test(bare);
}

function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/** A cell value from exceljs as the plain input the parsers take. */
export function toCellInput(
  value: unknown,
  numFmt: string | undefined,
  date1904: boolean,
): CellInput {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean' || value instanceof Date)
    return value;
  if (typeof value === 'number') return Number.isNaN(value) ? { error: 'formula' } : value;
  if (typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) {
    return v.richText
      .map((run: unknown) =>
        typeof (run as { text?: unknown })?.text === 'string' ? (run as { text: string }).text : '',
      )
      .join('');
  }
  if ('formula' in v || 'sharedFormula' in v) {
    const result = v.result;
    if (result === undefined || result === null) return { error: '' };
    if (typeof result === 'number' && !Number.isNaN(result) && isDateFormat(numFmt))
      return serialToDate(result, date1904);
    return toCellInput(result, undefined, date1904);
  }
  if ('hyperlink' in v || 'text' in v) return toCellInput(v.text, numFmt, date1904);
  if (typeof v.error === 'string') return { error: v.error };
  return null;
}

export interface XlsxSource {
  readonly rows: AsyncGenerator<RawRow, void, undefined>;
  /** The sheet being read; known once the first row has been read. */
  sheetName(): string | null;
  date1904(): boolean;
}

/** The options of an xlsx read. */
export interface XlsxLimits {
  /** Most bytes one part of the zip may inflate to. */
  readonly maxPartBytes: number;
}

/** Without a configured limit: the default of IMPORT_MAX_XLSX_PART_MB. */
export const DEFAULT_XLSX_LIMITS: XlsxLimits = { maxPartBytes: 100 * 1024 * 1024 };

const RESAVE = 'Open it in Excel (or LibreOffice) and save it again as an Excel workbook (.xlsx).';

function corrupt(): SpreadsheetFileError {
  return SpreadsheetFileError.of(
    'CORRUPT_FILE',
    `The file is not a readable .xlsx workbook: it is damaged, cut short or not really an Excel file. ${RESAVE}`,
  );
}

/**
 * A failure inside the worksheet's rows (the zip and XML around them were fine): most often a
 * `<row>` or `<c>` whose position (`r`) is missing or not an address, which exceljs reports as
 * "Invalid Address: ANaN" or "Cannot read properties of undefined (reading 'length')".
 */
function unreadableRow(error: unknown, lastRow: number): SpreadsheetFileError {
  if (error instanceof SpreadsheetFileError) return error;
  // exceljs parses rows in batches, so the damage is at or somewhat after the last row read.
  const where = lastRow > 0 ? `after row ${lastRow}` : 'near its start';
  return SpreadsheetFileError.of(
    'CORRUPT_FILE',
    `The worksheet cannot be read ${where}: a row or a cell there is damaged or has no valid position (row number or column letter). ${RESAVE}`,
    lastRow > 0 ? { afterRow: lastRow } : undefined,
  );
}

function partTooLarge(oversized: { part: string }, maxPartBytes: number): SpreadsheetFileError {
  const mb = Math.round(maxPartBytes / 1024 / 1024);
  return SpreadsheetFileError.of(
    'PART_TOO_LARGE',
    `The workbook is too large once unpacked: its part "${oversized.part}" holds more than ${mb} MB (the limit IMPORT_MAX_XLSX_PART_MB). Remove unused rows, columns and sheets, or split the file.`,
    { limit: 'IMPORT_MAX_XLSX_PART_MB', max: mb, part: oversized.part },
  );
}

export function openXlsx(
  path: string,
  counter: ByteCounter,
  limits: XlsxLimits = DEFAULT_XLSX_LIMITS,
): XlsxSource {
  const file = createReadStream(path);
  const counting = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      counter.bytes += chunk.length;
      callback(null, chunk);
    },
  });
  file.on('error', (e) => counting.destroy(e));
  file.pipe(counting);
  // exceljs pipes this stream into unzipper's Parse: the one chance to guard it (see the top).
  const zipState: ZipState = { oversized: null, spooled: [] };
  const pipe = counting.pipe.bind(counting);
  counting.pipe = ((destination: NodeJS.WritableStream, options?: { end?: boolean }) => {
    guardZip(destination, limits.maxPartBytes, zipState, () => {
      // Stop reading and inflating; exceljs's loop over the zip then fails, and rows() says why.
      file.destroy();
      counting.unpipe();
      (destination as unknown as Readable).destroy(new Error('part too large'));
    });
    return pipe(destination, options);
  }) as typeof counting.pipe;

  const reader = new ExcelJS.stream.xlsx.WorkbookReader(counting, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const internals = reader as unknown as WorkbookReaderInternals;
  const state: { rels: Relationship[]; target?: TargetSheet } = { rels: [] };
  patchReader(internals, state);
  const date1904 = (): boolean => internals.properties?.model?.date1904 === true;

  async function* rows(): AsyncGenerator<RawRow, void, undefined> {
    const sheets = reader[Symbol.asyncIterator]();
    let found = false;
    try {
      for (;;) {
        let next: IteratorResult<ExcelJS.stream.xlsx.WorksheetReader>;
        try {
          next = await sheets.next();
        } catch (e) {
          if (zipState.oversized) throw partTooLarge(zipState.oversized, limits.maxPartBytes);
          throw e instanceof XlsxReaderInternalsError ? e : corrupt();
        }
        if (next.done) break;
        if (found) continue;
        found = true;
        const is1904 = date1904();
        let lastRow = 0;
        try {
          // An early break closes the row iterator, which closes the temp file's stream.
          for await (const row of next.value) {
            if (!Number.isInteger(row.number) || row.number < 1)
              throw new Error('a row without a valid number');
            const raw = toRawRow(row, is1904);
            lastRow = raw.row;
            yield raw;
          }
        } catch (e) {
          throw unreadableRow(e, lastRow);
        }
      }
      if (!found) {
        throw SpreadsheetFileError.of(
          'NOT_A_WORKBOOK',
          'The file is a zip archive but holds no Excel worksheet.',
        );
      }
    } finally {
      await finish(sheets);
      file.destroy();
      counting.destroy();
      await Promise.all(zipState.spooled.map((p) => rm(p, { force: true })));
    }
  }

  return { rows: rows(), sheetName: () => state.target?.name ?? null, date1904 };
}

/** Lets exceljs run to its end, so the other worksheets are closed and its temp files removed. */
async function finish(sheets: AsyncGenerator<ExcelJS.stream.xlsx.WorksheetReader>): Promise<void> {
  try {
    for (;;) {
      const next = await sheets.next();
      if (next.done) return;
      const iterator = (next.value as unknown as { iterator?: unknown }).iterator;
      if (iterator instanceof Readable) {
        iterator.on('error', () => undefined);
        iterator.destroy();
      }
    }
  } catch {
    // The file already failed; the error that matters was thrown to the caller.
  }
}

function toRawRow(row: ExcelJS.Row, date1904: boolean): RawRow {
  const cells: CellInput[] = [];
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    cells[column - 1] = toCellInput(cell.value, cell.numFmt, date1904);
  });
  return { row: row.number, cells };
}
