/**
 * CSV as Russian-locale Excel and LibreOffice save it: Windows-1251 or UTF-8 (with or without a
 * BOM) or UTF-16 with a BOM ("Unicode text"); `;` between fields (also `,` and tab); RFC 4180
 * quoting with doubled quotes and line breaks inside quotes; CRLF, LF or CR line ends. Read as a
 * stream: constant memory whatever the file size.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { SpreadsheetFileError } from './spreadsheet.errors.js';
import type { ByteCounter, RawRow } from './spreadsheet.source.js';
import type { CsvDelimiter, CsvEncoding, FileIssue, FileWarningCode } from './spreadsheet.types.js';

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_SEEN = 3;

/** Rows longer than this are an error rather than a memory hazard (usually a stray quote). */
export const MAX_RECORD_CHARS = 1_048_576;

export class CsvTokenizerError extends Error {
  constructor(
    readonly code: 'UNTERMINATED_QUOTE' | 'ROW_TOO_LONG',
    /** 1-based number of the record the problem is in. */
    readonly record: number,
  ) {
    super(
      code === 'UNTERMINATED_QUOTE'
        ? `Unterminated quote in record ${record}`
        : `Record ${record} is too long`,
    );
  }
}

/**
 * An incremental RFC 4180 tokenizer: feed text in pieces of any size, get complete records.
 * Lenient where Excel is: a quote inside an unquoted field is a character, and text after a closing
 * quote is kept. A record's number counts every line break outside quotes, so it is the row Excel
 * shows when it opens the file.
 */
export class CsvTokenizer {
  private fields: string[] = [];
  private field = '';
  private state = FIELD_START;
  private skipLf = false;
  private recordChars = 0;
  private records = 0;
  private quotedFrom = 0;
  private readonly delimiter: number;

  constructor(
    delimiter: string,
    private readonly maxRecordChars = MAX_RECORD_CHARS,
  ) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') {
      throw new Error(`Invalid CSV delimiter ${JSON.stringify(delimiter)}`);
    }
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Records completed so far. */
  get recordCount(): number {
    return this.records;
  }

  push(text: string): string[][] {
    const out: string[][] = [];
    const n = text.length;
    const d = this.delimiter;
    let i = 0;
    if (this.skipLf && n > 0) {
      this.skipLf = false;
      if (text.charCodeAt(0) === LF) i = 1;
    }
    while (i < n) {
      const state = this.state;
      if (state === QUOTED) {
        const q = text.indexOf('"', i);
        if (q === -1) {
          this.append(text.slice(i));
          break;
        }
        this.append(text.slice(i, q));
        this.state = QUOTE_SEEN;
        i = q + 1;
        continue;
      }
      const c = text.charCodeAt(i);
      if (state === QUOTE_SEEN) {
        if (c === QUOTE) {
          this.append('"');
          this.state = QUOTED;
          i++;
          continue;
        }
        this.state = UNQUOTED;
      } else if (state === FIELD_START && c === QUOTE) {
        this.state = QUOTED;
        this.quotedFrom = this.records + 1;
        i++;
        continue;
      }
      let j = i;
      while (j < n) {
        const cj = text.charCodeAt(j);
        if (cj === d || cj === CR || cj === LF) break;
        j++;
      }
      if (j > i) {
        this.append(text.slice(i, j));
        this.state = UNQUOTED;
      }
      if (j === n) break;
      const end = text.charCodeAt(j);
      this.fields.push(this.field);
      this.field = '';
      this.state = FIELD_START;
      if (end !== d) {
        out.push(this.endRecord());
        if (end === CR) {
          if (j + 1 < n) {
            if (text.charCodeAt(j + 1) === LF) j++;
          } else {
            this.skipLf = true;
          }
        }
      }
      i = j + 1;
    }
    return out;
  }

  /** The last record, if the text did not end with a line break. Throws on an open quote. */
  end(): string[][] {
    if (this.state === QUOTED) throw new CsvTokenizerError('UNTERMINATED_QUOTE', this.quotedFrom);
    if (this.fields.length === 0 && this.field === '' && this.state === FIELD_START) return [];
    this.fields.push(this.field);
    this.field = '';
    this.state = FIELD_START;
    return [this.endRecord()];
  }

  private append(s: string): void {
    this.field += s;
    this.recordChars += s.length;
    if (this.recordChars > this.maxRecordChars) {
      throw this.state === QUOTED
        ? new CsvTokenizerError('UNTERMINATED_QUOTE', this.quotedFrom)
        : new CsvTokenizerError('ROW_TOO_LONG', this.records + 1);
    }
  }

  private endRecord(): string[] {
    const record = this.fields;
    this.fields = [];
    this.recordChars = 0;
    this.records++;
    return record;
  }
}

// ---------------------------------------------------------------------------------------------
// Encoding

export function detectBom(bytes: Uint8Array): { encoding: CsvEncoding; bomLength: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { encoding: 'utf-8', bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return null;
}

/** UTF-16 without a BOM shows as a zero byte in every other position of ASCII text. */
export function guessUtf16(bytes: Uint8Array): CsvEncoding | null {
  const pairs = Math.floor(Math.min(bytes.length, 1024) / 2);
  if (pairs < 2) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let p = 0; p < pairs; p++) {
    if (bytes[2 * p] === 0) evenZeros++;
    if (bytes[2 * p + 1] === 0) oddZeros++;
  }
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Whether the bytes are valid UTF-8; a sequence cut at the end is fine unless `complete`. */
export function isValidUtf8(bytes: Uint8Array, complete: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

const SCAN_CHUNK = 64 * 1024;

/**
 * Decides a CSV file's encoding: a BOM first; then UTF-16 by its zero bytes; otherwise the first
 * non-ASCII bytes, wherever they are in the file, are checked as UTF-8 — valid means UTF-8, invalid
 * means Windows-1251 (what Russian Excel writes for "CSV (разделители — запятые)"). A file of pure
 * ASCII is UTF-8 (the same bytes in both).
 */
export async function detectEncoding(
  path: string,
): Promise<{ encoding: CsvEncoding; bomLength: number }> {
  const file = await open(path, 'r');
  try {
    const size = (await file.stat()).size;
    const buffer = Buffer.alloc(SCAN_CHUNK);
    const { bytesRead } = await file.read(buffer, 0, SCAN_CHUNK, 0);
    const head = buffer.subarray(0, bytesRead);
    const bom = detectBom(head);
    if (bom) return bom;
    const utf16 = guessUtf16(head);
    if (utf16) return { encoding: utf16, bomLength: 0 };
    for (let position = 0; position < size; position += SCAN_CHUNK) {
      const { bytesRead: got } = await file.read(buffer, 0, SCAN_CHUNK, position);
      const idx = buffer.subarray(0, got).findIndex((b) => b >= 0x80);
      if (idx === -1) continue;
      const start = position + idx;
      const { bytesRead: windowLength } = await file.read(buffer, 0, SCAN_CHUNK, start);
      const valid = isValidUtf8(buffer.subarray(0, windowLength), start + windowLength >= size);
      return { encoding: valid ? 'utf-8' : 'windows-1251', bomLength: 0 };
    }
    return { encoding: 'utf-8', bomLength: 0 };
  } finally {
    await file.close();
  }
}

const ICONV_NAMES: Record<CsvEncoding, 'utf8' | 'utf16le' | 'utf16be' | 'windows1251'> = {
  'utf-8': 'utf8',
  'utf-16le': 'utf16le',
  'utf-16be': 'utf16be',
  'windows-1251': 'windows1251',
};

export function decodeBytes(bytes: Uint8Array, encoding: CsvEncoding): string {
  return iconv.decode(bytes, ICONV_NAMES[encoding], { stripBOM: false });
}

/** Control characters other than tab and line breaks: a text file has (almost) none. */
export function looksLikeText(sample: string): boolean {
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return false;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) controls++;
  }
  return controls <= Math.max(1, sample.length * 0.005);
}

// ---------------------------------------------------------------------------------------------
// Delimiter

const DELIMITERS: readonly CsvDelimiter[] = [';', '\t', ','];

/**
 * Picks the delimiter that splits the first lines most consistently: for each candidate, the most
 * common number of delimiters per line (quotes respected), weighted by how many lines have it. A
 * title line above the header or a comma inside `Стоимость, руб.` does not outvote the header and
 * data lines. Ties go to `;`, what Russian Excel and LibreOffice write.
 */
export function sniffDelimiter(sample: string): CsvDelimiter {
  let best: CsvDelimiter = ';';
  let bestScore = 0;
  for (const delimiter of DELIMITERS) {
    const tokenizer = new CsvTokenizer(delimiter, Number.POSITIVE_INFINITY);
    let records = tokenizer.push(sample).slice(0, 30);
    if (records.length < 30) {
      try {
        records = records.concat(tokenizer.end());
      } catch {
        // The sample ends inside a quoted field; the complete records are enough.
      }
    }
    const frequency = new Map<number, number>();
    for (const record of records) {
      if (record.length > 1)
        frequency.set(record.length - 1, (frequency.get(record.length - 1) ?? 0) + 1);
    }
    let score = 0;
    for (const [count, lines] of frequency) score = Math.max(score, count * lines);
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// The source

export interface CsvSource {
  readonly encoding: CsvEncoding;
  readonly delimiter: CsvDelimiter;
  readonly rows: AsyncGenerator<RawRow, void, undefined>;
}

const SEP_LINE = /^sep=(.)(\r\n|\n|\r)/i;

/**
 * Opens a CSV file: detects encoding and delimiter from its start, then streams its records as raw
 * rows. A `sep=;` first line (Excel's delimiter hint, hidden when Excel opens the file) sets the
 * delimiter and does not count as a row. `warnings` receives `INVALID_CHARACTERS` when detected
 * UTF-8 turns out to hold bytes that are not UTF-8 further on.
 */
export async function openCsv(
  path: string,
  options: { encoding?: CsvEncoding; delimiter?: CsvDelimiter },
  counter: ByteCounter,
  warnings: FileIssue<FileWarningCode>[],
): Promise<CsvSource> {
  const head = await readHead(path, SCAN_CHUNK);
  const bom = detectBom(head);
  const encoding = options.encoding ?? (await detectEncoding(path)).encoding;
  const bomLength = bom?.encoding === encoding ? bom.bomLength : 0;
  const sample = decodeBytes(head.subarray(bomLength), encoding);
  if (!looksLikeText(sample)) {
    throw SpreadsheetFileError.of(
      'NOT_A_TEXT_FILE',
      'The file is neither an Excel workbook (.xlsx) nor a CSV text file.',
    );
  }
  const sep = SEP_LINE.exec(sample);
  const hinted =
    sep && DELIMITERS.includes(sep[1] as CsvDelimiter) ? (sep[1] as CsvDelimiter) : undefined;
  const delimiter =
    options.delimiter ?? hinted ?? sniffDelimiter(sep ? sample.slice(sep[0].length) : sample);
  const skipChars = sep ? sep[0].length : 0;
  const checkCharacters = encoding === 'utf-8' && !options.encoding;

  async function* rows(): AsyncGenerator<RawRow, void, undefined> {
    const stream = createReadStream(path, { start: bomLength, highWaterMark: SCAN_CHUNK });
    const decoder = iconv.getDecoder(ICONV_NAMES[encoding], { stripBOM: false });
    const tokenizer = new CsvTokenizer(delimiter);
    let toSkip = skipChars;
    let row = 0;
    let warned = false;
    function* emit(text: string): Generator<RawRow> {
      let t = text;
      if (toSkip > 0) {
        const k = Math.min(toSkip, t.length);
        t = t.slice(k);
        toSkip -= k;
      }
      if (checkCharacters && !warned && t.includes('\uFFFD')) {
        warned = true;
        warnings.push({
          code: 'INVALID_CHARACTERS',
          message: `Some characters near row ${row + 1} are not valid UTF-8 and show as "\uFFFD"; save the file as "CSV UTF-8".`,
          params: { row: row + 1 },
        });
      }
      for (const cells of tokenizer.push(t)) yield { row: ++row, cells };
    }
    try {
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          counter.bytes += chunk.length;
          yield* emit(decoder.write(chunk));
        }
        yield* emit(decoder.end() ?? '');
        for (const cells of tokenizer.end()) yield { row: ++row, cells };
      } catch (e) {
        if (!(e instanceof CsvTokenizerError)) throw e;
        throw e.code === 'UNTERMINATED_QUOTE'
          ? SpreadsheetFileError.of(
              'UNTERMINATED_QUOTE',
              `A quoted value starting in row ${e.record} is never closed; check that row for a stray double quote (").`,
              { row: e.record },
            )
          : SpreadsheetFileError.of(
              'ROW_TOO_LONG',
              `Row ${e.record} is longer than ${MAX_RECORD_CHARS} characters.`,
              {
                row: e.record,
              },
            );
      }
    } finally {
      stream.destroy();
    }
  }

  return { encoding, delimiter, rows: rows() };
}

export async function readHead(path: string, length: number): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await file.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}
