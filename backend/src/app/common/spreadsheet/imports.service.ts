import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { ImportAction, ImportResult, ImportRowOutcome } from '@radfleet/shared';
import { AppConfig } from '../../config/app.config.js';
import { DomainException, ErrorKind } from '../problem/domain.exception.js';
import { readImportFile, type ImportFile } from './import-file.js';
import type { ColumnSpec, RowValues } from './spreadsheet.types.js';
import { XlsxReportWriter, type ReportColumn } from './xlsx.writer.js';

/** The full result of one import, on disk for its user until it expires. */
interface StoredResult {
  readonly userId: string;
  readonly path: string;
  readonly fileName: string;
  readonly expiresAt: number;
}

const ACTION_LABEL: Record<ImportAction, string> = {
  create: 'Будет создана / Create',
  update: 'Будет изменена / Update',
  unchanged: 'Без изменений / Unchanged',
  error: 'Ошибка / Error',
};

const RESULT_COLUMNS: readonly ReportColumn<ImportRowOutcome>[] = [
  { header: 'Строка / Row', type: 'integer', value: (r) => r.row },
  { header: 'Ключ / Key', type: 'string', value: (r) => r.key },
  { header: 'Результат / Result', type: 'string', value: (r) => ACTION_LABEL[r.action] },
  {
    header: 'Ошибки / Errors',
    type: 'string',
    width: 80,
    value: (r) => r.errors.map((e) => `${e.column}: ${e.message}`).join('; '),
  },
  {
    header: 'Коды / Codes',
    type: 'string',
    value: (r) => [...new Set(r.errors.map((e) => e.code ?? ''))].filter(Boolean).join(', '),
  },
];

/**
 * What every spreadsheet import shares: reading the file within the configured limits, and a
 * bounded answer. The answer lists every error row up to IMPORT_PREVIEW_ERROR_ROWS and the first
 * IMPORT_PREVIEW_SAMPLE_ROWS of the others; the full per-row result is kept, one JSON line per
 * row, in a temporary folder of this process (a restart forgets it) for IMPORT_RESULT_MINUTES, and
 * streamed as an .xlsx to the user who ran the import when they ask for it: writing lines costs an
 * import next to nothing, and the workbook is built only for the few results someone downloads.
 */
@Injectable()
export class SpreadsheetImports implements OnModuleDestroy {
  private readonly results = new Map<string, StoredResult>();
  private readonly dir = join(tmpdir(), `radfleet-import-results-${process.pid}-${randomUUID()}`);
  private made: Promise<unknown> | null = null;

  constructor(private readonly config: AppConfig) {}

  /** Reads an import file within IMPORT_MAX_ROWS and IMPORT_MAX_XLSX_PART_MB (422 past them). */
  read<const C extends readonly ColumnSpec[]>(
    file: { path: string; filename: string },
    columns: C,
  ): Promise<ImportFile<RowValues<C>>> {
    return readImportFile(file, columns, {
      maxDataRows: this.config.IMPORT_MAX_ROWS,
      maxXlsxPartBytes: this.config.IMPORT_MAX_XLSX_PART_MB * 1024 * 1024,
    });
  }

  /**
   * The answer of an import: totals of every row, the bounded preview, and the link to the full
   * result, which is written now. `name` starts the download's file name (`devices`).
   */
  async answer(
    user: { id: string },
    name: string,
    outcomes: readonly ImportRowOutcome[],
    options: { dryRun: boolean; applied: boolean; warnings: string[] },
  ): Promise<ImportResult> {
    const totals = { rows: outcomes.length, create: 0, update: 0, unchanged: 0, error: 0 };
    for (const o of outcomes) totals[o.action]++;
    const rows = boundedRows(
      outcomes,
      this.config.IMPORT_PREVIEW_ERROR_ROWS,
      this.config.IMPORT_PREVIEW_SAMPLE_ROWS,
    );
    const stored = outcomes.length > 0 ? await this.store(user.id, name, outcomes) : null;
    return {
      ...options,
      fileErrors: [],
      totals,
      rows,
      truncated: rows.length < outcomes.length,
      resultUrl: stored ? `/api/imports/results/${stored.id}.xlsx` : null,
      resultExpiresAt: stored ? new Date(stored.expiresAt).toISOString() : null,
    };
  }

  /**
   * Streams the stored full result of the user's import to `out` as an .xlsx; 404 for another
   * user's, an expired or an unknown one (thrown before anything is written). Returns the file name
   * through `start`, called once the result is found and before the first byte.
   */
  async writeResult(
    user: { id: string },
    id: string,
    out: Writable,
    start: (fileName: string) => void,
  ): Promise<void> {
    this.sweep();
    const stored = this.results.get(id);
    if (!stored || stored.userId !== user.id) {
      throw new DomainException(
        'IMPORT_RESULT_NOT_FOUND',
        ErrorKind.NOT_FOUND,
        'There is no such import result; results are kept for a limited time, for the user who ran the import.',
      );
    }
    start(stored.fileName);
    const lines = createInterface({ input: createReadStream(stored.path), crlfDelay: Infinity });
    async function* outcomes(): AsyncGenerator<ImportRowOutcome> {
      for await (const line of lines) if (line) yield JSON.parse(line) as ImportRowOutcome;
    }
    const report = new XlsxReportWriter(out, { language: 'ru' });
    try {
      await report.addSheet('Результат (Result)', RESULT_COLUMNS).addRows(outcomes());
      await report.finish();
    } finally {
      lines.close();
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.results.clear();
    await rm(this.dir, { recursive: true, force: true });
  }

  private async store(
    userId: string,
    name: string,
    outcomes: readonly ImportRowOutcome[],
  ): Promise<{ id: string; expiresAt: number }> {
    this.sweep();
    this.made ??= mkdir(this.dir, { recursive: true, mode: 0o700 });
    await this.made;
    const id = randomUUID();
    const path = join(this.dir, `${id}.jsonl`);
    const file = await open(path, 'w', 0o600);
    try {
      for (let i = 0; i < outcomes.length; i += 1000) {
        const lines = outcomes.slice(i, i + 1000).map((o) => `${JSON.stringify(o)}\n`);
        await file.write(lines.join(''));
      }
    } finally {
      await file.close();
    }
    const expiresAt = Date.now() + this.config.IMPORT_RESULT_MINUTES * 60_000;
    const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
    this.results.set(id, {
      userId,
      path,
      fileName: `radfleet-${name}-import-${stamp}.xlsx`,
      expiresAt,
    });
    return { id, expiresAt };
  }

  /** Forgets and removes expired results. */
  private sweep(): void {
    const now = Date.now();
    for (const [id, r] of this.results) {
      if (r.expiresAt > now) continue;
      this.results.delete(id);
      void rm(r.path, { force: true });
    }
  }
}

/** Every error row up to `errorCap`, then the first `sampleCap` others, in file order. */
export function boundedRows(
  outcomes: readonly ImportRowOutcome[],
  errorCap: number,
  sampleCap: number,
): ImportRowOutcome[] {
  let errors = 0;
  let others = 0;
  return outcomes.filter((o) =>
    o.action === 'error' ? errors++ < errorCap : others++ < sampleCap,
  );
}

/**
 * A file whose every row is outside the user's facilities is refused as a whole (403), as the same
 * writes through the API would be; a file with some rows inside keeps its per-row `OUTSIDE_SCOPE`
 * errors.
 */
export function assertSomeRowInScope(outcomes: readonly ImportRowOutcome[]): void {
  if (outcomes.length === 0) return;
  if (!outcomes.every((o) => o.errors.some((e) => e.code === 'OUTSIDE_SCOPE'))) return;
  throw new DomainException(
    'OUTSIDE_FACILITY_SCOPE',
    ErrorKind.FORBIDDEN,
    'Every row of the file is outside the facilities assigned to you; nothing can be imported.',
    { rows: outcomes.length },
  );
}
