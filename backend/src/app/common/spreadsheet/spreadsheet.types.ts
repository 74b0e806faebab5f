/**
 * Types of the spreadsheet library: column specs for imports, the rows and errors a read yields,
 * and the file-level information and issues. Domain-free: a domain declares its columns with
 * `as const satisfies readonly ColumnSpec[]` and gets typed rows back.
 */

/** How a cell is parsed. */
export type ColumnType = 'string' | 'integer' | 'decimal' | 'date' | 'boolean' | 'enum';

/**
 * One allowed value of an `enum` column. `value` is what the code stores (e.g. `CT`); `aliases`
 * are what users may type (`КТ`, `компьютерная томография`, `computed tomography`). The first
 * alias, or the value when there is none, is the label a template offers in its drop-down list.
 */
export interface EnumValueSpec {
  readonly value: string;
  readonly aliases: readonly string[];
}

/** One expected column of an imported sheet. */
export interface ColumnSpec {
  /** The property the parsed value is stored under in `row.values`. */
  readonly key: string;
  /** The header in Russian and English; both are accepted, and templates show both. */
  readonly header: { readonly ru: string; readonly en: string };
  /** Further headers accepted for this column (old template names, abbreviations). */
  readonly aliases?: readonly string[];
  readonly type: ColumnType;
  /** An empty cell is a `REQUIRED` error, and a file without the column is a file-level error. */
  readonly required?: boolean;
  /** `string` columns: the longest accepted text, in characters. */
  readonly maxLength?: number;
  /**
   * Bounds, inclusive. `integer` and `decimal`: numbers. `date`: ISO dates (`'1990-01-01'`).
   */
  readonly min?: number | string;
  readonly max?: number | string;
  /**
   * `decimal` only: the most digits allowed after the decimal point (2 for money). More digits is a
   * `TOO_MANY_DECIMALS` error (it catches `12,345` typed for twelve thousand), and the parsed value
   * is padded to exactly this many digits (`'1234.50'`).
   */
  readonly scale?: number;
  /** `enum` only: the allowed values. */
  readonly enumValues?: readonly EnumValueSpec[];
}

/** The type of a parsed value: integers are numbers, decimals exact strings, dates ISO strings. */
export type ColumnValue<T extends ColumnType> = T extends 'integer'
  ? number
  : T extends 'boolean'
    ? boolean
    : string;

/** The parsed values of one row, keyed by column key; `null` for an empty or invalid cell. */
export type RowValues<C extends readonly ColumnSpec[]> = {
  -readonly [S in C[number] as S['key']]: ColumnValue<S['type']> | null;
};

/** Codes of cell-level errors; a UI translates by code, using `params`. */
export const VALUE_ERROR_CODES = [
  'REQUIRED',
  'INVALID_TEXT',
  'INVALID_DATE',
  'INVALID_NUMBER',
  'INVALID_INTEGER',
  'INVALID_BOOLEAN',
  'OUT_OF_RANGE',
  'TOO_LONG',
  'TOO_MANY_DECIMALS',
  'UNKNOWN_VALUE',
  'CELL_ERROR',
] as const;
export type ValueErrorCode = (typeof VALUE_ERROR_CODES)[number];

export type IssueParams = Readonly<Record<string, string | number>>;

/** Why a value was rejected: a code, an English message, and the values the message names. */
export interface ValueError {
  readonly code: ValueErrorCode;
  readonly message: string;
  readonly params?: IssueParams;
}

/** A rejected cell of a data row. */
export interface CellError extends ValueError {
  /** The header as written in the file, e.g. `Дата ввода в эксплуатацию`. */
  readonly column: string;
  /** The column key from the spec. */
  readonly key: string;
  /** The cell address as the user sees it, e.g. `D17`. */
  readonly cell: string;
}

/** One data row. `row` is the 1-based sheet row the user sees in Excel. */
export interface SpreadsheetRow<V = Record<string, string | number | boolean | null>> {
  readonly row: number;
  readonly values: V;
  readonly errors: readonly CellError[];
}

export type SpreadsheetFormat = 'xlsx' | 'csv';
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251';
export type CsvDelimiter = ';' | ',' | '\t';

/** Codes of errors that reject the whole file. */
export const FILE_ERROR_CODES = [
  'EMPTY_FILE',
  'UNSUPPORTED_FORMAT',
  'NOT_A_TEXT_FILE',
  'NOT_A_WORKBOOK',
  'CORRUPT_FILE',
  'NO_HEADER_ROW',
  'MISSING_COLUMNS',
  'DUPLICATE_COLUMN',
  'NO_DATA_ROWS',
  'TOO_MANY_ROWS',
  'PART_TOO_LARGE',
  'UNTERMINATED_QUOTE',
  'ROW_TOO_LONG',
] as const;
export type FileErrorCode = (typeof FILE_ERROR_CODES)[number];

/** Codes of file-level warnings: the file is read, but the user may want to know. */
export const FILE_WARNING_CODES = [
  'UNKNOWN_COLUMN',
  'FORMAT_MISMATCH',
  'INVALID_CHARACTERS',
] as const;
export type FileWarningCode = (typeof FILE_WARNING_CODES)[number];

export interface FileIssue<C extends string = FileErrorCode | FileWarningCode> {
  readonly code: C;
  readonly message: string;
  readonly params?: IssueParams;
}

/** A column of the file that was matched to a spec. */
export interface MatchedColumn {
  readonly key: string;
  /** The header as written in the file. */
  readonly header: string;
  /** 1-based column number, and its letter (`1` is `A`). */
  readonly columnIndex: number;
  readonly letter: string;
}

/** What the reader found out about the file; complete once `readSpreadsheet` resolves. */
export interface SpreadsheetFileInfo {
  readonly filename: string;
  readonly format: SpreadsheetFormat;
  /** CSV only: the detected (or forced) encoding. */
  readonly encoding: CsvEncoding | null;
  /** CSV only: the detected (or forced) delimiter. */
  readonly delimiter: CsvDelimiter | null;
  /** xlsx only: the sheet that was read (the first visible worksheet). */
  readonly sheetName: string | null;
  /** The row holding the headers. */
  readonly headerRow: number;
  /** All rows treated as headers: the header row and a second header row below it (templates). */
  readonly headerRows: readonly number[];
  readonly columns: readonly MatchedColumn[];
  readonly unknownColumns: readonly Omit<MatchedColumn, 'key'>[];
  /** Complete when `readSpreadsheet` resolves, except `INVALID_CHARACTERS`, found while reading. */
  readonly warnings: readonly FileIssue<FileWarningCode>[];
  readonly totalBytes: number;
}

export interface SpreadsheetProgress {
  /** Data rows handed out so far. */
  readonly rowsRead: number;
  readonly bytesRead: number;
  readonly totalBytes: number;
  /** True on the last call, after the last row. */
  readonly done: boolean;
}

export interface ReadSpreadsheetOptions {
  /** Called every `progressEveryRows` data rows and once at the end. */
  readonly onProgress?: (progress: SpreadsheetProgress) => void;
  /** Default 500. */
  readonly progressEveryRows?: number;
  /** More data rows than this is a `TOO_MANY_ROWS` file error, raised when the row is reached. */
  readonly maxDataRows?: number;
  /** How many non-empty rows at the top are searched for the header row. Default 10. */
  readonly headerSearchRows?: number;
  /** xlsx: most bytes one part of the zip may inflate to. Default 100 MiB. */
  readonly maxXlsxPartBytes?: number;
  /** CSV: skip detection and decode with this encoding. */
  readonly encoding?: CsvEncoding;
  /** CSV: skip detection and split on this delimiter. */
  readonly delimiter?: CsvDelimiter;
}

export interface SpreadsheetInput {
  /** Where the uploaded file lies on disk. */
  readonly path: string;
  /** The name the user gave the file; used for messages and a format-mismatch warning. */
  readonly filename: string;
}

/** An open import: file information, then the data rows, streamed. Iterate it once. */
export interface SpreadsheetReader<V> extends AsyncIterable<SpreadsheetRow<V>> {
  readonly info: SpreadsheetFileInfo;
  /** Data rows handed out so far. */
  readonly rowsRead: number;
  /**
   * Releases the file. Called automatically when the iteration ends or breaks; call it yourself
   * if you do not iterate. Idempotent.
   */
  close(): Promise<void>;
}
