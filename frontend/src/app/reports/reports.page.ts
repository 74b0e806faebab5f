import { ChangeDetectionStrategy, Component, inject, signal, type OnDestroy } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { PackStatus, type ReportPackResponse } from '@radfleet/shared';
import { saveFile } from '../core/http/download';
import { I18nService } from '../core/i18n/i18n.service';
import { ReportsApi } from './reports.api';

/** The previous calendar month, `YYYY-MM`: what the schedule builds and the form proposes. */
export function previousMonthOf(today: Date): string {
  const d = new Date(Date.UTC(today.getFullYear(), today.getMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

/**
 * Отчёты / Reports: the stored executive packs to download, a pack built now with its progress,
 * and when the schedule builds the next one.
 */
@Component({
  selector: 'rf-reports-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
  ],
  template: `
    <h1>{{ i18n.t('reports.title') }}</h1>
    <p>{{ i18n.t('reports.intro') }}</p>
    <p data-testid="reports-next">
      @if (schedule.value(); as s) {
        {{
          s.nextRunAt
            ? i18n.t('reports.nextDue', { date: i18n.date(s.nextRunAt, 'medium') })
            : i18n.t('reports.scheduleOff')
        }}
      }
    </p>

    <form class="build" (ngSubmit)="build()">
      <mat-form-field>
        <mat-label>{{ i18n.t('reports.month') }}</mat-label>
        <input
          matInput
          type="month"
          name="month"
          [(ngModel)]="month"
          [max]="maxMonth"
          required
          data-testid="reports-month"
        />
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ i18n.t('reports.lang') }}</mat-label>
        <mat-select name="lang" [(ngModel)]="lang">
          <mat-option value="ru">{{ i18n.t('reports.lang.ru') }}</mat-option>
          <mat-option value="en">{{ i18n.t('reports.lang.en') }}</mat-option>
        </mat-select>
      </mat-form-field>
      <button
        mat-flat-button
        type="submit"
        [disabled]="job()?.status === 'BUILDING'"
        data-testid="reports-build"
      >
        <mat-icon>playlist_add</mat-icon>{{ i18n.t('reports.build') }}
      </button>
    </form>

    @if (job(); as j) {
      <div role="status" aria-live="polite" data-testid="reports-job">
        @switch (j.status) {
          @case ('BUILDING') {
            <p>{{ i18n.t('reports.building', { pct: j.progress }) }}</p>
            <mat-progress-bar
              mode="determinate"
              [value]="j.progress"
              [attr.aria-label]="i18n.t('reports.building', { pct: j.progress })"
            />
          }
          @case ('READY') {
            <p>{{ i18n.t('reports.built', { month: j.month }) }}</p>
          }
          @case ('FAILED') {
            <p class="error">{{ i18n.t('reports.failed', { error: j.error ?? '' }) }}</p>
          }
        }
      </div>
    }

    @if (list.error()) {
      <p class="error" role="alert">{{ i18n.t('reports.loadError') }}</p>
    } @else if (list.isLoading() && !list.hasValue()) {
      <mat-progress-bar mode="indeterminate" />
    } @else if (list.value()?.items?.length === 0) {
      <p>{{ i18n.t('reports.empty') }}</p>
    } @else {
      <div class="scroll" tabindex="0" role="region" [attr.aria-label]="i18n.t('reports.title')">
        <table class="figures" data-testid="reports-list">
          <thead>
            <tr>
              <th scope="col">{{ i18n.t('reports.col.month') }}</th>
              <th scope="col">{{ i18n.t('reports.col.scope') }}</th>
              <th scope="col">{{ i18n.t('reports.col.status') }}</th>
              <th scope="col" class="num">{{ i18n.t('reports.col.size') }}</th>
              <th scope="col">{{ i18n.t('reports.col.by') }}</th>
              <th scope="col">{{ i18n.t('reports.col.created') }}</th>
              <th scope="col">
                <span class="visually-hidden">{{ i18n.t('reports.download') }}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            @for (p of list.value()?.items ?? []; track p.id) {
              <tr>
                <td>{{ p.month }} ({{ p.lang }})</td>
                <td>{{ i18n.t($any('reports.scope.' + p.scope)) }}</td>
                <td [title]="p.error ?? ''">{{ i18n.t($any('reports.status.' + p.status)) }}</td>
                <td class="num">
                  {{
                    p.sizeBytes === null
                      ? '—'
                      : i18n.t('reports.sizeKb', { n: i18n.number(p.sizeBytes / 1024, '1.0-0') })
                  }}
                </td>
                <td>{{ p.requestedByName ?? i18n.t('reports.bySchedule') }}</td>
                <td>{{ i18n.date(p.createdAt, 'short') }}</td>
                <td>
                  @if (p.status === 'READY') {
                    <button
                      mat-button
                      type="button"
                      (click)="download(p)"
                      data-testid="reports-download"
                    >
                      <mat-icon>download</mat-icon>{{ i18n.t('reports.download') }}
                    </button>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    }
  `,
  styles: `
    .build {
      display: flex;
      flex-wrap: wrap;
      gap: 16px;
      align-items: baseline;
    }
    .scroll {
      overflow-x: auto;
    }
    table.figures {
      border-collapse: collapse;
      width: 100%;
    }
    table.figures th,
    table.figures td {
      padding: 6px 10px;
      text-align: left;
      border-bottom: 1px solid rgba(0, 0, 0, 0.12);
    }
    .num {
      text-align: right;
    }
    .error {
      color: #b00020;
    }
  `,
})
export class ReportsPage implements OnDestroy {
  protected readonly i18n = inject(I18nService);
  private readonly api = inject(ReportsApi);
  protected readonly list = this.api.listResource();
  protected readonly schedule = this.api.scheduleResource();
  protected readonly job = signal<ReportPackResponse | null>(null);
  protected readonly maxMonth = new Date().toISOString().slice(0, 7);
  protected month = previousMonthOf(new Date());
  protected lang: 'ru' | 'en' = this.i18n.language() === 'en' ? 'en' : 'ru';
  private timer: ReturnType<typeof setTimeout> | undefined;

  async build(): Promise<void> {
    try {
      this.job.set(await this.api.build(this.month, this.lang));
      this.list.reload();
      this.follow();
    } catch (e) {
      const detail = (e as { error?: { detail?: string } }).error?.detail ?? String(e);
      this.job.set({
        ...(this.job() ?? ({} as ReportPackResponse)),
        status: PackStatus.FAILED,
        error: detail,
      });
    }
  }

  /** Reads the job's progress every second until it is READY or FAILED. */
  private follow(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(async () => {
      const j = this.job();
      if (!j) return;
      try {
        const now = await this.api.get(j.id);
        this.job.set(now);
        if (now.status === PackStatus.BUILDING) this.follow();
        else this.list.reload();
      } catch {
        this.follow();
      }
    }, 1000);
  }

  async download(p: ReportPackResponse): Promise<void> {
    saveFile(await this.api.download(p));
  }

  ngOnDestroy(): void {
    clearTimeout(this.timer);
  }
}
