/** What the format readers (CSV, xlsx) hand to the common reader: raw rows, before any header logic. */
import type { CellInput } from './spreadsheet.parsers.js';

export interface RawRow {
  /** 1-based row number as the user sees it in Excel. */
  readonly row: number;
  /** Cells by 0-based column; holes and `undefined` are empty cells. */
  readonly cells: readonly CellInput[];
}

/** Bytes read from the file so far, updated by the source as it reads. */
export interface ByteCounter {
  bytes: number;
}

export function isEmptyRow(row: RawRow): boolean {
  for (const cell of row.cells) {
    if (cell === null || cell === undefined) continue;
    if (typeof cell === 'string' && cell.trim() === '') continue;
    return false;
  }
  return true;
}
