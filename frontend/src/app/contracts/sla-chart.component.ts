import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
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
import { MatTooltipModule } from '@angular/material/tooltip';
import { BaseChartDirective, provideCharts } from 'ng2-charts';
import { I18nService } from '../core/i18n/i18n.service';

/** One whole SLA measurement period, as the server judged it. */
export interface PeriodUptime {
  label: string;
  inProgress: boolean;
  coveredHours: number;
  downtimeHours: number;
  /** Per cent; null when no device was covered in the period. */
  uptime: number | null;
  penaltyDays: number;
  penaltyAmount: string;
  met: boolean;
}

/**
 * Uptime per measurement period as bars against the guaranteed level as a line, with the same
 * figures (and the period's penalty) as a table. Registers only the chart.js parts it needs, so
 * chart.js stays out of the initial bundle.
 */
@Component({
  selector: 'rf-sla-chart',
  imports: [BaseChartDirective, MatTooltipModule],
  providers: [
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
    <div class="scroll" tabindex="0" role="region" [attr.aria-label]="i18n.t('sla.title')">
      <table class="figures" data-testid="sla-periods">
        <thead>
          <tr>
            <th scope="col" [matTooltip]="i18n.t('hint.sla.period')">{{ i18n.t('sla.period') }}</th>
            <th scope="col" class="num" [matTooltip]="i18n.t('hint.sla.coveredHours')">
              {{ i18n.t('sla.coveredHours') }}
            </th>
            <th scope="col" class="num" [matTooltip]="i18n.t('hint.sla.unplannedDowntime')">
              {{ i18n.t('sla.unplannedDowntime') }}
            </th>
            <th scope="col" class="num" [matTooltip]="i18n.t('hint.sla.uptime')">
              {{ i18n.t('sla.uptime') }}
            </th>
            <th scope="col" class="num" [matTooltip]="i18n.t('hint.sla.penaltyDays')">
              {{ i18n.t('sla.penaltyDays') }}
            </th>
            <th scope="col" class="num" [matTooltip]="i18n.t('hint.sla.penalty')">
              {{ i18n.t('sla.penalty') }}
            </th>
            <th scope="col" [matTooltip]="i18n.t('hint.sla.verdict')">
              {{ i18n.t('sla.verdict') }}
            </th>
          </tr>
        </thead>
        <tbody>
          @for (q of periods(); track q.label) {
            <tr>
              <th scope="row">
                {{ q.label }}
                @if (q.inProgress) {
                  <span class="muted">({{ i18n.t('sla.inProgress') }})</span>
                }
              </th>
              <td class="num">{{ i18n.number(q.coveredHours, '1.0-1') }}</td>
              <td class="num">{{ i18n.number(q.downtimeHours, '1.0-1') }}</td>
              <td class="num">{{ percent(q.uptime) }}</td>
              <td class="num">{{ i18n.number(q.penaltyDays) }}</td>
              <td class="num">{{ money(q.penaltyAmount) }}</td>
              <td [class.breached]="!q.met">
                {{
                  q.uptime === null
                    ? i18n.t('sla.noData')
                    : i18n.t(q.met ? 'sla.met' : 'sla.breached')
                }}
              </td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `
    :host {
      display: grid;
      grid-template-columns: 1fr;
      gap: 24px;
      align-items: start;
    }
    figure {
      margin: 0;
    }
    .canvas {
      position: relative;
      height: 260px;
    }
    table {
      border-collapse: collapse;
      width: 100%;
    }
    th,
    td {
      text-align: left;
      padding: 6px 8px 6px 0;
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
    .scroll {
      overflow-x: auto;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      font-size: 12px;
    }
    .breached {
      color: var(--mat-sys-error);
      font-weight: 500;
    }
    @media (max-width: 799px) {
      :host {
        grid-template-columns: 1fr;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SlaChartComponent {
  protected readonly i18n = inject(I18nService);
  readonly periods = input.required<readonly PeriodUptime[]>();
  readonly guaranteed = input.required<number>();

  protected readonly data = computed<ChartConfiguration<'bar' | 'line'>['data']>(() => {
    const q = this.periods();
    return {
      labels: q.map((x) => x.label),
      datasets: [
        {
          type: 'bar',
          label: this.i18n.t('sla.uptime'),
          data: q.map((x) => x.uptime),
          backgroundColor: q.map((x) => (x.met ? '#2e7d4f' : '#c2410c')),
          borderRadius: 4,
          order: 2,
        },
        {
          type: 'line',
          label: this.i18n.t('sla.guaranteed'),
          data: q.map(() => this.guaranteed()),
          borderColor: '#1f3b73',
          borderDash: [6, 4],
          pointRadius: 0,
          fill: false,
          order: 1,
        },
      ],
    };
  });

  protected readonly options = computed<ChartConfiguration<'bar' | 'line'>['options']>(() => {
    const lowest = Math.min(this.guaranteed(), ...this.periods().map((q) => q.uptime ?? 100));
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      locale: this.i18n.locale(),
      scales: {
        y: {
          min: Math.max(0, Math.floor(lowest / 5) * 5 - 5),
          max: 100,
          title: { display: true, text: `${this.i18n.t('sla.uptime')}, %` },
        },
      },
      plugins: { legend: { position: 'bottom' } },
    };
  });

  protected readonly summary = computed(
    () =>
      `${this.i18n.t('sla.chartTitlePeriods')} (${this.percent(this.guaranteed())}): ` +
      this.periods()
        .map((q) =>
          this.i18n.t('sla.chartRow', { quarter: q.label, uptime: this.percent(q.uptime) }),
        )
        .join('; '),
  );

  protected percent(v: number | null): string {
    return v === null ? this.i18n.t('sla.noData') : `${this.i18n.number(v, '1.0-2')} %`;
  }

  protected money(v: string): string {
    return `${this.i18n.number(Number(v), '1.2-2')} ₽`;
  }
}
