import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { formatDate } from '@angular/common';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import {
  CountPeriod,
  Granularity,
  Permission,
  Technology,
  type DeviceResponse,
  type GrowthUnavailable,
  cityDateOf,
} from '@radfleet/shared';
import {
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { BaseChartDirective, provideCharts } from 'ng2-charts';
import { AuthStore } from '../auth';
import { problemOf } from '../core/http/problem';
import { I18nService } from '../core/i18n/i18n.service';
import type { MessageKey } from '../core/i18n/messages';
import { LoadStateComponent } from '../core/ui/load-state.component';
import { dateOfIso, isoOfDate, provideRfDates } from '../core/ui/date-adapter';
import { DeviceUtilisationApi, type DeviceUtilisationParams } from './device-utilisation.api';
import {
  countDate,
  defaultUtilisationPeriod,
  noUtilisation,
  utilisationChartSeries,
} from './device-utilisation.data';

/**
 * A device's utilisation: studies per step as bars and utilisation % as a line on a second axis,
 * with the same figures as a table; for analogue devices, a form for hand counts. Registers only
 * the chart.js parts it needs, so chart.js stays out of the initial bundle.
 */
@Component({
  selector: 'rf-device-utilisation',
  imports: [
    ReactiveFormsModule,
    BaseChartDirective,
    MatButtonModule,
    MatButtonToggleModule,
    MatCardModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatInputModule,
    LoadStateComponent,
    MatTooltipModule,
  ],
  providers: [
    provideRfDates(),
    provideCharts({
      registerables: [
        BarController,
        BarElement,
        LineController,
        LineElement,
        PointElement,
        CategoryScale,
        LinearScale,
        Legend,
        Tooltip,
      ],
      defaults: { font: { family: 'Roboto, "Helvetica Neue", sans-serif', size: 13 } },
    }),
  ],
  template: `
    <div class="controls">
      <mat-button-toggle-group
        [value]="granularity()"
        (change)="granularity.set($event.value)"
        [attr.aria-label]="i18n.t('utilisation.granularity')"
        hideSingleSelectionIndicator
        data-testid="utilisation-granularity"
      >
        @for (g of granularities; track g) {
          <mat-button-toggle [value]="g">{{
            i18n.label('utilisation.granularity', g)
          }}</mat-button-toggle>
        }
      </mat-button-toggle-group>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ i18n.t('utilisation.period') }}</mat-label>
        <mat-date-range-input [formGroup]="range" [rangePicker]="rangePicker" [max]="today">
          <input
            matStartDate
            formControlName="start"
            [attr.aria-label]="i18n.t('utilisation.from')"
            data-testid="utilisation-from"
          />
          <input
            matEndDate
            formControlName="end"
            [attr.aria-label]="i18n.t('utilisation.to')"
            data-testid="utilisation-to"
          />
        </mat-date-range-input>
        <mat-datepicker-toggle matIconSuffix [for]="rangePicker" />
        <mat-date-range-picker #rangePicker />
      </mat-form-field>
    </div>
    @if (!params()) {
      <p role="alert" class="error">{{ i18n.t('utilisation.invalidPeriod') }}</p>
    }
    <rf-load-state
      [loading]="series.isLoading()"
      [error]="series.status() === 'error'"
      [empty]="empty()"
      [emptyText]="i18n.t(analogue() ? 'utilisation.emptyAnalogue' : 'utilisation.empty')"
      (retry)="series.reload()"
    />
    @if (series.hasValue() && !empty()) {
      @let s = series.value();
      <dl class="totals">
        <div>
          <dt [matTooltip]="i18n.t('utilisation.tip.studies')" tabindex="0">
            {{ i18n.t('utilisation.studies') }}
          </dt>
          <dd data-testid="utilisation-studies">{{ i18n.number(s.totals.studies) }}</dd>
        </div>
        <div>
          <dt [matTooltip]="i18n.t('utilisation.tip.images')" tabindex="0">
            {{ i18n.t('utilisation.images') }}
          </dt>
          <dd>{{ i18n.number(s.totals.images) }}</dd>
        </div>
        <div>
          <dt [matTooltip]="i18n.t('utilisation.tip.pct')" tabindex="0">
            {{ i18n.t('utilisation.pct') }}
          </dt>
          <dd>{{ percent(s.totals.utilisationPct) }}</dd>
        </div>
        <div>
          <dt [matTooltip]="i18n.t('utilisation.tip.growth')" tabindex="0">
            {{ i18n.t('utilisation.growth') }}
          </dt>
          <dd>{{ growth(s.growthPct, s.growthUnavailable) }}</dd>
        </div>
      </dl>
      <p class="muted" [matTooltip]="i18n.t('utilisation.tip.capacity')" tabindex="0">
        {{
          i18n.t('utilisation.capacity', {
            rate: s.nominalStudiesPerHour,
            hours: s.scheduledHoursPerWeek,
          })
        }}
      </p>
      @if (analogue() && granularity() !== 'MONTH') {
        <p class="muted" data-testid="utilisation-monthly-hint">
          {{ i18n.t('utilisation.monthlyHint') }}
        </p>
      }
      <figure>
        <div class="canvas">
          <canvas
            baseChart
            type="bar"
            [data]="data()"
            [options]="options()"
            role="img"
            [attr.aria-label]="summary()"
          ></canvas>
        </div>
        <figcaption class="visually-hidden">{{ summary() }}</figcaption>
      </figure>
      <details>
        <summary>{{ i18n.t('utilisation.showTable') }}</summary>
        <div
          class="scroll"
          tabindex="0"
          role="region"
          [attr.aria-label]="i18n.t('utilisation.table')"
        >
          <table data-testid="utilisation-table">
            <caption class="visually-hidden">
              {{
                i18n.t('utilisation.table')
              }}
            </caption>
            <thead>
              <tr>
                <th scope="col" [matTooltip]="i18n.t('utilisation.tip.period')">
                  {{ i18n.t('utilisation.period.col') }}
                </th>
                <th scope="col" class="num" [matTooltip]="i18n.t('utilisation.tip.studies')">
                  {{ i18n.t('utilisation.studies') }}
                </th>
                <th scope="col" class="num" [matTooltip]="i18n.t('utilisation.tip.images')">
                  {{ i18n.t('utilisation.images') }}
                </th>
                <th scope="col" class="num" [matTooltip]="i18n.t('utilisation.tip.pct')">
                  {{ i18n.t('utilisation.pct') }}
                </th>
              </tr>
            </thead>
            <tbody>
              @for (r of chart().rows; track r.period) {
                <tr>
                  <th scope="row">{{ r.label }}</th>
                  <td class="num">{{ i18n.number(r.studies) }}</td>
                  <td class="num">{{ i18n.number(r.images) }}</td>
                  <td class="num">{{ percent(r.utilisationPct) }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      </details>
    }

    @if (canCount()) {
      <mat-card appearance="outlined" class="hand">
        <mat-card-header>
          <mat-card-title>{{ i18n.t('utilisation.handTitle') }}</mat-card-title>
        </mat-card-header>
        <mat-card-content>
          <form [formGroup]="count" (ngSubmit)="saveCount()" novalidate class="hand-form">
            <mat-button-toggle-group
              formControlName="period"
              [attr.aria-label]="i18n.t('utilisation.handPeriod')"
              hideSingleSelectionIndicator
            >
              @for (p of countPeriods; track p) {
                <mat-button-toggle [value]="p">{{
                  i18n.label('utilisation.handPeriod', p)
                }}</mat-button-toggle>
              }
            </mat-button-toggle-group>
            <mat-form-field appearance="outline">
              <mat-label>{{ i18n.t('utilisation.handDate') }}</mat-label>
              <input
                matInput
                [matDatepicker]="countPicker"
                formControlName="date"
                [max]="today"
                required
                autocomplete="off"
                data-testid="count-date"
              />
              <mat-datepicker-toggle matIconSuffix [for]="countPicker" />
              <mat-datepicker #countPicker />
              @if (countPeriod() === 'MONTH') {
                <mat-hint>{{ i18n.t('utilisation.handMonthHint') }}</mat-hint>
              }
              <mat-error>{{ countError('date') }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ i18n.t('utilisation.studies') }}</mat-label>
              <input
                matInput
                type="number"
                min="0"
                step="1"
                formControlName="studies"
                required
                data-testid="count-studies"
              />
              <mat-error>{{ countError('studies') }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ i18n.t('utilisation.images') }}</mat-label>
              <input
                matInput
                type="number"
                min="0"
                step="1"
                formControlName="images"
                required
                data-testid="count-images"
              />
              <mat-error>{{ countError('images') }}</mat-error>
            </mat-form-field>
            <button mat-flat-button type="submit" [disabled]="saving()" data-testid="count-save">
              {{ i18n.t('utilisation.handSave') }}
            </button>
          </form>
          @if (countMessage()) {
            <p role="alert" class="error">{{ countMessage() }}</p>
          }
        </mat-card-content>
      </mat-card>
    }
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    .controls {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px 16px;
      margin-bottom: 12px;
    }
    .totals {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(160px, 1fr));
      gap: 12px;
      margin: 0 0 4px;
    }
    .totals dt {
      font-size: 12px;
      color: var(--mat-sys-on-surface-variant);
    }
    .totals dd {
      margin: 2px 0 0;
      font-size: 22px;
      font-weight: 500;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      font-size: 13px;
    }
    figure {
      margin: 0;
    }
    .canvas {
      position: relative;
      height: 300px;
    }
    summary {
      cursor: pointer;
      margin: 8px 0;
      color: var(--mat-sys-primary);
    }
    .scroll {
      overflow-x: auto;
      max-height: 420px;
    }
    table {
      border-collapse: collapse;
      width: 100%;
      max-width: 640px;
    }
    th,
    td {
      text-align: left;
      padding: 4px 12px 4px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    thead th {
      font-size: 12px;
      font-weight: 500;
      color: var(--mat-sys-on-surface-variant);
    }
    tbody th {
      font-weight: 400;
    }
    .num {
      text-align: right;
    }
    .hand {
      margin-top: 16px;
    }
    mat-card-title {
      font-size: 16px;
      font-weight: 500;
    }
    .hand-form {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0 12px;
      margin-top: 12px;
    }
    .hand-form mat-button-toggle-group {
      margin-bottom: 22px;
    }
    .hand-form mat-form-field {
      width: 180px;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeviceUtilisationComponent {
  protected readonly i18n = inject(I18nService);
  private readonly auth = inject(AuthStore);
  private readonly api = inject(DeviceUtilisationApi);
  private readonly snack = inject(MatSnackBar);
  readonly device = input.required<DeviceResponse>();

  protected readonly granularities = [Granularity.DAY, Granularity.WEEK, Granularity.MONTH];
  protected readonly countPeriods = [CountPeriod.DAY, CountPeriod.MONTH];
  private readonly todayIso = cityDateOf(new Date());
  protected readonly today = dateOfIso(this.todayIso);
  private readonly initial = defaultUtilisationPeriod(this.todayIso);

  protected readonly granularity = signal<Granularity>(Granularity.MONTH);
  protected readonly range = new FormGroup({
    start: new FormControl<Date | null>(dateOfIso(this.initial.from)),
    end: new FormControl<Date | null>(dateOfIso(this.initial.to)),
  });
  private readonly rangeValue = toSignal(this.range.valueChanges, {
    initialValue: this.range.value,
  });
  protected readonly params = computed<DeviceUtilisationParams | undefined>(() => {
    const from = isoOfDate(this.rangeValue().start);
    const to = isoOfDate(this.rangeValue().end);
    if (!from || !to || from > to) return undefined;
    return { deviceId: this.device().id, from, to, granularity: this.granularity() };
  });
  protected readonly series = this.api.seriesResource(this.params);
  protected readonly empty = computed(
    () => this.series.hasValue() && noUtilisation(this.series.value().series),
  );
  protected readonly analogue = computed(() => this.device().technology === Technology.ANALOGUE);
  protected readonly canCount = computed(
    () =>
      this.analogue() &&
      this.auth.canWriteIn(Permission.UTILISATION_WRITE, this.device().facilityId),
  );

  protected readonly chart = computed(() => {
    const locale = this.i18n.locale();
    const s = this.series.hasValue() ? this.series.value() : undefined;
    return utilisationChartSeries(s?.series ?? [], s?.granularity ?? this.granularity(), {
      date: (iso, pattern) => formatDate(iso, pattern, locale),
      week: (date) => this.i18n.t('utilisation.week', { date }),
    });
  });

  protected readonly data = computed<ChartConfiguration<'bar' | 'line'>['data']>(() => {
    const c = this.chart();
    return {
      labels: c.labels,
      datasets: [
        {
          type: 'bar',
          label: this.i18n.t('utilisation.studies'),
          data: c.studies,
          backgroundColor: '#3f6fb5',
          borderRadius: 3,
          yAxisID: 'y',
          order: 2,
        },
        {
          type: 'line',
          label: this.i18n.t('utilisation.pct'),
          data: c.pct,
          borderColor: '#c2410c',
          backgroundColor: '#c2410c',
          pointRadius: c.pct.length > 60 ? 0 : 3,
          spanGaps: true,
          yAxisID: 'pct',
          order: 1,
        },
      ],
    };
  });

  protected readonly options = computed<ChartConfiguration<'bar' | 'line'>['options']>(() => ({
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    locale: this.i18n.locale(),
    interaction: { mode: 'index', intersect: false },
    scales: {
      y: {
        beginAtZero: true,
        ticks: { precision: 0 },
        title: { display: true, text: this.i18n.t('utilisation.studies') },
      },
      pct: {
        position: 'right',
        beginAtZero: true,
        suggestedMax: 100,
        grid: { drawOnChartArea: false },
        title: { display: true, text: this.i18n.t('utilisation.pct') },
      },
    },
    plugins: { legend: { position: 'bottom' } },
  }));

  protected readonly summary = computed(() => {
    const p = this.params();
    const s = this.series.hasValue() ? this.series.value() : undefined;
    if (!p || !s) return this.i18n.t('utilisation.title');
    return this.i18n.t('utilisation.summary', {
      from: this.i18n.date(p.from),
      to: this.i18n.date(p.to),
      studies: s.totals.studies,
      pct: this.percent(s.totals.utilisationPct),
    });
  });

  protected readonly count = new FormGroup({
    period: new FormControl<CountPeriod>(CountPeriod.DAY, { nonNullable: true }),
    date: new FormControl<Date | null>(this.today),
    studies: new FormControl<number | null>(null),
    images: new FormControl<number | null>(null),
  });
  protected readonly countPeriod = toSignal(this.count.controls.period.valueChanges, {
    initialValue: this.count.controls.period.value,
  });
  protected readonly saving = signal(false);
  protected readonly countErrors = signal<
    Partial<Record<'date' | 'studies' | 'images', MessageKey>>
  >({});
  protected readonly countMessage = signal<string | null>(null);

  protected countError(field: 'date' | 'studies' | 'images'): string {
    const key = this.countErrors()[field];
    return key ? this.i18n.t(key) : '';
  }

  /** A percentage, or "no data" where it is unknown (never 0 %). */
  protected percent(v: number | null): string {
    return v === null ? this.i18n.t('utilisation.noData') : `${this.i18n.number(v, '1.0-1')} %`;
  }

  /** Growth, or why it is not shown. */
  protected growth(v: number | null, reason: GrowthUnavailable | null = null): string {
    if (v !== null) return `${v > 0 ? '+' : ''}${this.i18n.number(v, '1.0-1')} %`;
    return reason
      ? this.i18n.label('utilisation.growthUnavailable', reason)
      : this.i18n.t('utilisation.noData');
  }

  async saveCount(): Promise<void> {
    this.countMessage.set(null);
    const v = this.count.getRawValue();
    const errors: Partial<Record<'date' | 'studies' | 'images', MessageKey>> = {};
    const day = isoOfDate(v.date);
    if (!day) errors.date = 'common.required';
    const whole = (n: number | null) => n !== null && Number.isInteger(n) && n >= 0;
    if (!whole(v.studies)) errors.studies = 'utilisation.wholeNumber';
    if (!whole(v.images)) errors.images = 'utilisation.wholeNumber';
    this.countErrors.set(errors);
    for (const k of ['date', 'studies', 'images'] as const) {
      const c = this.count.controls[k];
      if (errors[k]) {
        c.setErrors({ count: true });
        c.markAsTouched();
      }
    }
    if (Object.keys(errors).length || !day) return;
    this.saving.set(true);
    try {
      await this.api.saveCount({
        deviceId: this.device().id,
        period: v.period,
        date: countDate(v.period, day),
        studies: v.studies!,
        images: v.images!,
      });
      this.series.reload();
      this.count.patchValue({ studies: null, images: null });
      this.count.markAsUntouched();
      this.snack.open(this.i18n.t('utilisation.handSaved'), undefined, { duration: 4000 });
    } catch (e) {
      const p = problemOf(e);
      const fields = (p.errors ?? []).map((f) => f.message).join(' ');
      this.countMessage.set(
        p.status === 403
          ? this.i18n.t('device.outsideScope')
          : fields || p.detail || this.i18n.t('common.error'),
      );
    } finally {
      this.saving.set(false);
    }
  }
}
