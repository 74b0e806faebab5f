import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type {
  ImportCellError,
  ImportResult,
  ImportRowOutcome,
  ProblemDetails,
} from '@radfleet/shared';
import { saveFile, type DownloadedFile } from '../http/download';
import { problemOf } from '../http/problem';
import { I18nService } from '../i18n/i18n.service';
import type { MessageKey } from '../i18n/messages';

export interface UploadProgress {
  loaded: number;
  /** Unknown when the browser cannot tell the body's size. */
  total?: number;
}

/** What the wizard sends a file to: the dry run and the real import, and optionally a template. */
export interface ImportEndpoint {
  upload(
    file: File,
    dryRun: boolean,
    onProgress: (p: UploadProgress) => void,
  ): Promise<ImportResult>;
  template?(): Promise<DownloadedFile>;
  /** Downloads the full per-row result of an import (its `resultUrl`). */
  result?(url: string): Promise<DownloadedFile>;
}

/** The words and links that make the wizard one domain's import. */
export interface ImportTexts {
  title: MessageKey;
  intro?: MessageKey;
  /** What the file must contain. */
  formats: MessageKey;
  /** The header of the column that names a row's record (e.g. the inventory number). */
  key: MessageKey;
  /** The message when the user may not write some of the rows. */
  outsideScope: MessageKey;
  back: { link: string; label: MessageKey };
  done: {
    link: string;
    query?: Record<string, string>;
    label: MessageKey;
    icon: string;
    testId: string;
  };
}

type Phase = 'choose' | 'checking' | 'preview' | 'applying' | 'done';
type RowView = 'problems' | 'changes' | 'all';
export const IMPORT_ACCEPT =
  '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';
const PAGE = 50;

/** Rows to list for a view of the preview. */
export function importRows(result: ImportResult, view: RowView): ImportRowOutcome[] {
  if (view === 'problems') return result.rows.filter((r) => r.action === 'error');
  if (view === 'changes')
    return result.rows.filter((r) => r.action === 'create' || r.action === 'update');
  return result.rows;
}

/** True when applying would save something: no file or row errors, and at least one change. */
export function canApply(result: ImportResult): boolean {
  return (
    result.fileErrors.length === 0 &&
    result.totals.error === 0 &&
    result.totals.create + result.totals.update > 0
  );
}

/**
 * A spreadsheet import as a wizard: choose a file, check it (a dry run that shows errors and
 * changes), apply the same file, see the result. A file with any error saves nothing. Each domain's
 * import page gives it its endpoint and its words.
 */
@Component({
  selector: 'rf-import-wizard',
  imports: [
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatIconModule,
    MatProgressBarModule,
    MatPaginatorModule,
  ],
  templateUrl: './import-wizard.component.html',
  styleUrl: './import-wizard.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ImportWizardComponent {
  protected readonly i18n = inject(I18nService);
  readonly endpoint = input.required<ImportEndpoint>();
  readonly texts = input.required<ImportTexts>();
  protected readonly accept = IMPORT_ACCEPT;

  protected readonly file = signal<File | null>(null);
  protected readonly phase = signal<Phase>('choose');
  /** Percent uploaded; null while the size is unknown. */
  protected readonly uploaded = signal<number | null>(0);
  /** The upload is complete and the server is working on it. */
  protected readonly processing = signal(false);
  protected readonly preview = signal<ImportResult | null>(null);
  protected readonly result = signal<ImportResult | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly dragging = signal(false);
  protected readonly view = signal<RowView>('problems');
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = PAGE;

  protected readonly step = computed(() => {
    const p = this.phase();
    return p === 'choose' || p === 'checking' ? 0 : p === 'done' ? 2 : 1;
  });
  protected readonly busy = computed(
    () => this.phase() === 'checking' || this.phase() === 'applying',
  );
  protected readonly shown = computed(() => this.result() ?? this.preview());
  protected readonly rows = computed(() => {
    const r = this.shown();
    return r ? importRows(r, this.view()) : [];
  });
  protected readonly pageRows = computed(() =>
    this.rows().slice(this.pageIndex() * PAGE, (this.pageIndex() + 1) * PAGE),
  );
  protected readonly applicable = computed(() => {
    const r = this.preview();
    return !!r && canApply(r);
  });
  protected readonly changes = computed(() => {
    const r = this.preview();
    return r ? r.totals.create + r.totals.update : 0;
  });

  protected readonly steps = [
    'import.step.file',
    'import.step.preview',
    'import.step.result',
  ] as const;

  protected onPick(input: HTMLInputElement): void {
    const f = input.files?.[0] ?? null;
    input.value = '';
    if (f) this.choose(f);
  }

  protected onDrop(e: DragEvent): void {
    e.preventDefault();
    this.dragging.set(false);
    const f = e.dataTransfer?.files?.[0];
    if (f) this.choose(f);
  }

  protected onDragOver(e: DragEvent): void {
    e.preventDefault();
    this.dragging.set(true);
  }

  protected choose(f: File): void {
    this.file.set(f);
    this.error.set(null);
    this.preview.set(null);
    this.result.set(null);
    this.phase.set('choose');
  }

  /** Step 1 → 2: a dry run. */
  async check(): Promise<void> {
    const f = this.file();
    if (!f) return;
    const r = await this.send(f, true, 'checking');
    if (r) {
      this.preview.set(r);
      this.view.set(r.totals.error > 0 ? 'problems' : 'changes');
      this.pageIndex.set(0);
      this.phase.set('preview');
    } else {
      this.phase.set('choose');
    }
  }

  /** Step 2 → 3: the same file, for real. */
  async apply(): Promise<void> {
    const f = this.file();
    if (!f || !this.applicable()) return;
    const r = await this.send(f, false, 'applying');
    if (r?.applied) {
      this.result.set(r);
      this.phase.set('done');
    } else {
      // Something changed since the check (another user, another import): show what the server found.
      if (r) {
        this.preview.set(r);
        this.view.set('problems');
        this.pageIndex.set(0);
        this.error.set(this.i18n.t('import.notApplied'));
      }
      this.phase.set('preview');
    }
  }

  protected restart(): void {
    this.file.set(null);
    this.preview.set(null);
    this.result.set(null);
    this.error.set(null);
    this.phase.set('choose');
  }

  protected setView(v: RowView): void {
    this.view.set(v);
    this.pageIndex.set(0);
  }

  protected onPage(e: PageEvent): void {
    this.pageIndex.set(e.pageIndex);
  }

  protected async downloadTemplate(): Promise<void> {
    const template = this.endpoint().template;
    if (!template) return;
    try {
      saveFile(await template.call(this.endpoint()));
    } catch {
      this.error.set(this.i18n.t('import.templateFailed'));
    }
  }

  protected async downloadResult(url: string): Promise<void> {
    const result = this.endpoint().result;
    if (!result) return;
    try {
      saveFile(await result.call(this.endpoint(), url));
    } catch {
      this.error.set(this.i18n.t('import.resultFailed'));
    }
  }

  /** A cell error in the user's language: the code's name, then (in Russian) the server's own words as the detail. */
  protected cellError(e: ImportCellError): { title: string; detail: string | null } {
    const named = e.code ? this.i18n.label('importCode', e.code) : undefined;
    if (!named || named === e.code || this.i18n.language() === 'en')
      return { title: e.message, detail: null };
    return { title: named, detail: e.message };
  }

  protected size(bytes: number): string {
    return bytes < 1024 * 1024
      ? `${this.i18n.number(Math.max(1, Math.round(bytes / 1024)))} ${this.i18n.t('import.kb')}`
      : `${this.i18n.number(bytes / 1024 / 1024, '1.0-1')} ${this.i18n.t('import.mb')}`;
  }

  /** Why the server refused the file, in the user's language where the reason is known. */
  private failure(p: ProblemDetails): string {
    const limit = p['limit'] as { name?: string; value?: number } | undefined;
    if (p.status === 413)
      return limit?.value
        ? this.i18n.t('import.tooLargeLimit', { mb: limit.value })
        : this.i18n.t('import.tooLarge');
    if (p.status === 429) return this.i18n.t('import.busy');
    if (p.status === 403) return this.i18n.t(this.texts().outsideScope);
    if (p.status === 0) return this.i18n.t('import.offline');
    if (p.code === 'TOO_MANY_ROWS' && limit?.value)
      return this.i18n.t('import.tooManyRows', { n: limit.value });
    return `${this.i18n.t('import.failed')} ${p.errors?.map((x) => x.message).join(' ') || p.detail || ''}`.trim();
  }

  private async send(f: File, dryRun: boolean, phase: Phase): Promise<ImportResult | null> {
    this.phase.set(phase);
    this.error.set(null);
    this.uploaded.set(0);
    this.processing.set(false);
    try {
      return await this.endpoint().upload(f, dryRun, (p: UploadProgress) => {
        const pct = p.total ? Math.min(100, Math.round((p.loaded / p.total) * 100)) : null;
        this.uploaded.set(pct);
        if (pct === 100) this.processing.set(true);
      });
    } catch (e) {
      this.error.set(this.failure(problemOf(e)));
      return null;
    } finally {
      this.processing.set(false);
    }
  }
}
