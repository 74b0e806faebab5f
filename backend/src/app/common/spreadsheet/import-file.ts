import type { ImportCellError } from '@radfleet/shared';
import { readSpreadsheet } from './spreadsheet.reader.js';
import type { ColumnSpec, ReadSpreadsheetOptions, RowValues } from './spreadsheet.types.js';

export interface ImportRow<V> {
  row: number;
  values: V;
  errors: ImportCellError[];
}

export interface ImportFile<V> {
  rows: ImportRow<V>[];
  /** The header a column has in the file, for error messages (its Russian name when absent). */
  column(key: string): string;
  warnings: string[];
}

/**
 * Reads a whole import file (streaming, then held: an import checks every row before it applies
 * any, so `maxDataRows` bounds the memory). File-level problems, and a file past a limit, throw
 * SpreadsheetFileError (422).
 */
export async function readImportFile<const C extends readonly ColumnSpec[]>(
  file: { path: string; filename: string },
  columns: C,
  limits: Pick<ReadSpreadsheetOptions, 'maxDataRows' | 'maxXlsxPartBytes'> = {},
): Promise<ImportFile<RowValues<C>>> {
  const reader = await readSpreadsheet(file, columns, limits);
  const headerOf = new Map(reader.info.columns.map((c) => [c.key, c.header]));
  const rows: ImportRow<RowValues<C>>[] = [];
  for await (const r of reader) {
    rows.push({
      row: r.row,
      values: r.values,
      errors: r.errors.map((e) => ({ column: e.column, message: e.message, code: e.code })),
    });
  }
  return {
    rows,
    column: (key) => headerOf.get(key) ?? columns.find((c) => c.key === key)?.header.ru ?? key,
    warnings: reader.info.warnings.map((w) => w.message),
  };
}
