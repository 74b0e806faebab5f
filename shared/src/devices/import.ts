export type ImportAction = 'create' | 'update' | 'unchanged' | 'error';

export interface ImportCellError {
  /** The column as the file names it (or the field name when the column is missing). */
  column: string;
  message: string;
  /** Stable code, e.g. `REQUIRED`, `INVALID_DATE`, `UNKNOWN_FACILITY`, `OUTSIDE_SCOPE`. */
  code?: string;
}

export interface ImportRowOutcome {
  /** 1-based row number as the spreadsheet shows it. */
  row: number;
  action: ImportAction;
  /** The row's key, e.g. the inventory number. */
  key: string | null;
  errors: ImportCellError[];
}

export interface ImportResult {
  dryRun: boolean;
  /** True when the changes were saved (never when any row has an error). */
  applied: boolean;
  fileErrors: ImportCellError[];
  warnings: string[];
  totals: { rows: number; create: number; update: number; unchanged: number; error: number };
  /**
   * A bounded preview of the rows, in file order: every error row up to the server's cap
   * (IMPORT_PREVIEW_ERROR_ROWS), then a sample of the others (the first IMPORT_PREVIEW_SAMPLE_ROWS).
   * `totals` always counts them all.
   */
  rows: ImportRowOutcome[];
  /** True when `rows` leaves some rows out; the full per-row result is at `resultUrl`. */
  truncated: boolean;
  /**
   * The full per-row result as .xlsx (`GET`, signed in as the user who ran the import), until
   * `resultExpiresAt`; null when there were no rows.
   */
  resultUrl: string | null;
  resultExpiresAt: string | null;
}
