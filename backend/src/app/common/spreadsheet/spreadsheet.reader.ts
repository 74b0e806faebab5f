/**
 * Reads an imported spreadsheet, xlsx or CSV, as a stream of parsed rows. The format is taken from
 * the file's content (the name only adds a warning when it disagrees). The header row is found
 * among the first rows, matched to the column specs, and checked before any data row is handed out:
 * a file that cannot be imported at all fails in `readSpreadsheet` with a SpreadsheetFileError.
 */
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { openCsv, readHead } from './csv.source.js';
import { SpreadsheetFileError } from './spreadsheet.errors.js';
import {
  columnLetter,
  compileColumns,
  displayHeader,
  matchHeader,
  type CompiledColumns,
} from './spreadsheet.headers.js';
import {
  excelDateToIsoDate,
  isCellErrorValue,
  parseCellValue,
  type CellInput,
  type ParsedValue,
} from './spreadsheet.parsers.js';
import { isEmptyRow, type ByteCounter, type RawRow } from './spreadsheet.source.js';
import type {
  CellError,
  ColumnSpec,
  CsvDelimiter,
  CsvEncoding,
  FileErrorCode,
  FileIssue,
  FileWarningCode,
  MatchedColumn,
  ReadSpreadsheetOptions,
  RowValues,
  SpreadsheetFileInfo,
  SpreadsheetFormat,
  SpreadsheetInput,
  SpreadsheetReader,
  SpreadsheetRow,
} from './spreadsheet.types.js';
import { openXlsx } from './xlsx.source.js';

const XLSX_EXTENSIONS = new Set(['.xlsx', '.xlsm', '.xltx', '.xltm']);
const CSV_EXTENSIONS = new Set(['.csv', '.txt', '.tsv', '.tab']);

function startsWith(head: Buffer, bytes: readonly number[]): boolean {
  return bytes.every((b, i) => head[i] === b);
}

/** Tells the format from the first bytes; rejects what is neither xlsx nor text. */
export function sniffFormat(head: Buffer): SpreadsheetFormat {
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    if (head.includes('mimetypeapplication/vnd.oasis.opendocument')) {
      throw SpreadsheetFileError.of(
        'UNSUPPORTED_FORMAT',
        'The file is an OpenDocument spreadsheet (.ods); save it as an Excel workbook (.xlsx) or as CSV.',
        { format: 'ods' },
      );
    }
    return 'xlsx';
  }
  if (startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    throw SpreadsheetFileError.of(
      'NOT_A_WORKBOOK',
      'The file is an empty zip archive, not an Excel workbook.',
    );
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw SpreadsheetFileError.of(
      'UNSUPPORTED_FORMAT',
      'The file is an Excel 97-2003 workbook (.xls) or a password-protected workbook; save it as an Excel workbook (.xlsx) without a password, or as CSV.',
      { format: 'xls' },
    );
  }
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) {
    throw SpreadsheetFileError.of(
      'UNSUPPORTED_FORMAT',
      'The file is a PDF document, not a spreadsheet.',
      { format: 'pdf' },
    );
  }
  const utf16 = startsWith(head, [0xff, 0xfe])
    ? 'utf16le'
    : startsWith(head, [0xfe, 0xff])
      ? 'utf16be'
      : undefined;
  const text = (
    utf16 === 'utf16le'
      ? head.subarray(2).toString('utf16le')
      : utf16 === 'utf16be'
        ? Buffer.from(head.subarray(2)).swap16().toString('utf16le')
        : head.toString('latin1')
  )
    .replace(/^\u00EF\u00BB\u00BF/, '')
    .trimStart();
  if (text.startsWith('<')) {
    throw SpreadsheetFileError.of(
      'UNSUPPORTED_FORMAT',
      'The file is a web page or XML document, not a spreadsheet; open it in Excel and save it as an Excel workbook (.xlsx).',
      { format: 'html' },
    );
  }
  if (text.startsWith('{\\rtf')) {
    throw SpreadsheetFileError.of(
      'UNSUPPORTED_FORMAT',
      'The file is an RTF document, not a spreadsheet.',
      { format: 'rtf' },
    );
  }
  return 'csv';
}

function formatWarning(
  filename: string,
  format: SpreadsheetFormat,
): FileIssue<FileWarningCode> | null {
  const ext = extname(filename).toLowerCase();
  const mismatch = format === 'xlsx' ? !XLSX_EXTENSIONS.has(ext) : !CSV_EXTENSIONS.has(ext);
  if (!mismatch) return null;
  const what = format === 'xlsx' ? 'an Excel workbook' : 'CSV text';
  return {
    code: 'FORMAT_MISMATCH',
    message: `The file "${filename}" holds ${what}, whatever its name says; it was read as ${format === 'xlsx' ? 'xlsx' : 'CSV'}.`,
    params: { filename, format },
  };
}

function headerText(cell: CellInput): string {
  if (cell === null || cell === undefined || isCellErrorValue(cell)) return '';
  if (cell instanceof Date) {
    const iso = excelDateToIsoDate(cell);
    return iso.ok ? (iso.value ?? '') : '';
  }
  return displayHeader(String(cell));
}

interface HeaderCell {
  readonly spec: ColumnSpec | undefined;
  readonly header: string;
  readonly columnIndex: number;
}

function headerCells(columns: CompiledColumns, row: RawRow): HeaderCell[] {
  const cells: HeaderCell[] = [];
  row.cells.forEach((cell, i) => {
    const header = headerText(cell);
    if (header !== '')
      cells.push({ spec: matchHeader(columns, header), header, columnIndex: i + 1 });
  });
  return cells;
}

function distinctMatches(cells: readonly HeaderCell[]): number {
  return new Set(cells.filter((c) => c.spec).map((c) => c.spec)).size;
}

function quoteHeaders(specs: readonly ColumnSpec[]): string {
  return specs.map((s) => `"${s.header.ru}" (${s.header.en})`).join(', ');
}

/** Checks the header row: every issue that rejects the file, and the unknown columns. */
function checkHeader(
  columns: CompiledColumns,
  row: RawRow,
  cells: readonly HeaderCell[],
): {
  issues: FileIssue<FileErrorCode>[];
  matched: MatchedColumn[];
  unknown: Omit<MatchedColumn, 'key'>[];
} {
  const issues: FileIssue<FileErrorCode>[] = [];
  const matched: MatchedColumn[] = [];
  const unknown: Omit<MatchedColumn, 'key'>[] = [];
  const byKey = new Map<string, HeaderCell[]>();
  for (const cell of cells) {
    const letter = columnLetter(cell.columnIndex);
    if (!cell.spec) {
      unknown.push({ header: cell.header, columnIndex: cell.columnIndex, letter });
      continue;
    }
    byKey.set(cell.spec.key, [...(byKey.get(cell.spec.key) ?? []), cell]);
    matched.push({
      key: cell.spec.key,
      header: cell.header,
      columnIndex: cell.columnIndex,
      letter,
    });
  }
  for (const [key, found] of byKey) {
    if (found.length < 2) continue;
    const where = found
      .map((c) => `${columnLetter(c.columnIndex)}${row.row} ("${c.header}")`)
      .join(', ');
    issues.push({
      code: 'DUPLICATE_COLUMN',
      message: `The column "${found[0].spec?.header.ru}" (${found[0].spec?.header.en}) appears ${found.length} times: ${where}. Keep one.`,
      params: {
        key,
        cells: found.map((c) => `${columnLetter(c.columnIndex)}${row.row}`).join(', '),
      },
    });
  }
  const missing = columns.specs.filter((s) => s.required && !byKey.has(s.key));
  if (missing.length) {
    issues.push({
      code: 'MISSING_COLUMNS',
      message: `Required column${missing.length > 1 ? 's are' : ' is'} missing from the header row (row ${row.row}): ${quoteHeaders(missing)}.`,
      params: {
        keys: missing.map((s) => s.key).join(','),
        columns: missing.map((s) => s.header.ru).join(', '),
        row: row.row,
      },
    });
  }
  return { issues, matched, unknown };
}

/** A second header row, as in templates (English under Russian): every filled known cell names its own column. */
function isSecondHeader(
  columns: CompiledColumns,
  row: RawRow,
  matched: readonly MatchedColumn[],
): boolean {
  let named = 0;
  for (const col of matched) {
    const text = headerText(row.cells[col.columnIndex - 1]);
    if (text === '') continue;
    if (matchHeader(columns, text)?.key !== col.key) return false;
    named++;
  }
  return named > 0 && named >= Math.ceil(matched.length / 2);
}

/**
 * Opens an imported spreadsheet and reads up to its first data row: detects the format (and for CSV
 * the encoding and delimiter), finds the header row, checks it against the column specs. Throws a
 * SpreadsheetFileError if the file cannot be imported at all; a plain Error if `columns` is invalid.
 *
 * The result is iterated once, with `for await`, yielding each non-empty data row with its parsed
 * values and cell errors; reading streams the file, so memory stays flat whatever its size.
 */
export async function readSpreadsheet<const C extends readonly ColumnSpec[]>(
  input: SpreadsheetInput,
  columns: C,
  options: ReadSpreadsheetOptions = {},
): Promise<SpreadsheetReader<RowValues<C>>> {
  const compiled = compileColumns(columns);
  const totalBytes = (await stat(input.path)).size;
  if (totalBytes === 0) throw SpreadsheetFileError.of('EMPTY_FILE', 'The file is empty.');
  const format = sniffFormat(await readHead(input.path, 4096));
  const warnings: FileIssue<FileWarningCode>[] = [];
  const mismatch = formatWarning(input.filename, format);
  if (mismatch) warnings.push(mismatch);

  const counter: ByteCounter = { bytes: 0 };
  let source: AsyncGenerator<RawRow, void, undefined>;
  let encoding: CsvEncoding | null = null;
  let delimiter: CsvDelimiter | null = null;
  let sheetName: () => string | null = () => null;
  let date1904: () => boolean = () => false;
  if (format === 'xlsx') {
    const xlsx = openXlsx(
      input.path,
      counter,
      options.maxXlsxPartBytes ? { maxPartBytes: options.maxXlsxPartBytes } : undefined,
    );
    source = xlsx.rows;
    sheetName = xlsx.sheetName;
    date1904 = xlsx.date1904;
  } else {
    const csv = await openCsv(input.path, options, counter, warnings);
    source = csv.rows;
    encoding = csv.encoding;
    delimiter = csv.delimiter;
  }

  const pending: RawRow[] = [];
  async function nextNonEmpty(): Promise<RawRow | undefined> {
    const queued = pending.shift();
    if (queued) return queued;
    for (;;) {
      const next = await source.next();
      if (next.done) return undefined;
      if (!isEmptyRow(next.value)) return next.value;
    }
  }

  let closed = false;
  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    await source.return(undefined);
  }

  let info: SpreadsheetFileInfo;
  let matched: MatchedColumn[];
  try {
    const searchRows = options.headerSearchRows ?? 10;
    const candidates: RawRow[] = [];
    while (candidates.length < searchRows) {
      const row = await nextNonEmpty();
      if (!row) break;
      candidates.push(row);
    }
    if (candidates.length === 0) {
      throw SpreadsheetFileError.of(
        'EMPTY_FILE',
        format === 'xlsx'
          ? 'The first worksheet of the workbook is empty.'
          : 'The file holds no rows.',
      );
    }
    let best = 0;
    let bestCells = headerCells(compiled, candidates[0]);
    for (let i = 1; i < candidates.length; i++) {
      const cells = headerCells(compiled, candidates[i]);
      if (distinctMatches(cells) > distinctMatches(bestCells)) {
        best = i;
        bestCells = cells;
      }
    }
    if (distinctMatches(bestCells) === 0) {
      const expected = compiled.specs.filter((s) => s.required);
      throw SpreadsheetFileError.of(
        'NO_HEADER_ROW',
        `No header row was found in the first ${candidates.length} rows; expected column headers such as ${quoteHeaders(
          (expected.length ? expected : compiled.specs).slice(0, 5),
        )}.`,
        { searchedRows: candidates.length },
      );
    }
    const headerRow = candidates[best];
    const checked = checkHeader(compiled, headerRow, bestCells);
    if (checked.issues.length) throw new SpreadsheetFileError(checked.issues);
    matched = checked.matched;
    if (checked.unknown.length) {
      warnings.push({
        code: 'UNKNOWN_COLUMN',
        message: `Column${checked.unknown.length > 1 ? 's' : ''} not recognised and ignored: ${checked.unknown
          .map((u) => `"${u.header}" (${u.letter})`)
          .join(', ')}.`,
        params: {
          columns: checked.unknown.map((u) => u.header).join(', '),
          letters: checked.unknown.map((u) => u.letter).join(','),
        },
      });
    }
    pending.push(...candidates.slice(best + 1));

    const headerRows = [headerRow.row];
    for (let extra = 0; extra < 2; extra++) {
      const row = await nextNonEmpty();
      if (!row) break;
      if (!isSecondHeader(compiled, row, matched)) {
        pending.unshift(row);
        break;
      }
      headerRows.push(row.row);
    }
    const first = await nextNonEmpty();
    if (!first) {
      throw SpreadsheetFileError.of(
        'NO_DATA_ROWS',
        `The file has a header row (row ${headerRows[headerRows.length - 1]}) but no data rows below it.`,
      );
    }
    pending.unshift(first);

    info = {
      filename: input.filename,
      format,
      encoding,
      delimiter,
      sheetName: sheetName(),
      headerRow: headerRow.row,
      headerRows,
      columns: matched,
      unknownColumns: checked.unknown,
      warnings,
      totalBytes,
    };
  } catch (e) {
    await close();
    throw e;
  }

  const specByKey = new Map(compiled.specs.map((s) => [s.key, s]));
  const targets = matched.map((m) => ({ ...m, spec: specByKey.get(m.key) as ColumnSpec }));
  const context = { date1904: date1904() };

  function parseRow(raw: RawRow): SpreadsheetRow<RowValues<C>> {
    const values: Record<string, ParsedValue | null> = {};
    for (const spec of compiled.specs) values[spec.key] = null;
    const errors: CellError[] = [];
    for (const target of targets) {
      const result = parseCellValue(target.spec, raw.cells[target.columnIndex - 1], context);
      if (result.ok) values[target.key] = result.value;
      else
        errors.push({
          ...result.error,
          column: target.header,
          key: target.key,
          cell: `${target.letter}${raw.row}`,
        });
    }
    return { row: raw.row, values: values as RowValues<C>, errors };
  }

  const every = Math.max(1, options.progressEveryRows ?? 500);
  let rowsRead = 0;
  const progress = (done: boolean): void =>
    options.onProgress?.({
      rowsRead,
      bytesRead: done ? totalBytes : Math.min(counter.bytes, totalBytes),
      totalBytes,
      done,
    });

  async function* rows(): AsyncGenerator<SpreadsheetRow<RowValues<C>>, void, undefined> {
    try {
      for (;;) {
        const raw = await nextNonEmpty();
        if (!raw) break;
        if (options.maxDataRows !== undefined && rowsRead >= options.maxDataRows) {
          throw SpreadsheetFileError.of(
            'TOO_MANY_ROWS',
            `The file has more than ${options.maxDataRows} data rows (the limit IMPORT_MAX_ROWS); split it into several files.`,
            { limit: 'IMPORT_MAX_ROWS', max: options.maxDataRows, row: raw.row },
          );
        }
        rowsRead++;
        if (rowsRead % every === 0) progress(false);
        yield parseRow(raw);
      }
      progress(true);
    } finally {
      await close();
    }
  }

  let iterated = false;
  return {
    info,
    get rowsRead() {
      return rowsRead;
    },
    close,
    [Symbol.asyncIterator]() {
      if (iterated) throw new Error('A spreadsheet can be iterated only once.');
      iterated = true;
      return rows();
    },
  };
}
