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
  rows: ImportRowOutcome[];
}
