import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { ModalityTechnologyCount } from '@radfleet/shared';
import {
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { BaseChartDirective, provideCharts } from 'ng2-charts';
import { I18nService } from '../core/i18n/i18n.service';

export interface ModalityShareRow {
  modality: string;
  label: string;
  digital: number;
  analogue: number;
  total: number;
  /** Digital among all, 0..1; null without devices. */
  share: number | null;
}

/** The breakdown as table rows, largest modality first. */
export function modalityShareRows(
  breakdown: readonly ModalityTechnologyCount[],
  label: (m: string) => string,
): ModalityShareRow[] {
  return breakdown
    .map((b) => {
      const total = b.digital + b.analogue;
      return {
        modality: b.modality,
        label: label(b.modality),
        digital: b.digital,
        analogue: b.analogue,
        total,
        share: total ? b.digital / total : null,
      };
    })
    .sort((a, b) => b.total - a.total || a.label.localeCompare(b.label));
}

function cssColor(name: string, fallback: string): string {
  const v =
    typeof getComputedStyle === 'function'
      ? getComputedStyle(document.documentElement).getPropertyValue(name).trim()
      : '';
  return v || fallback;
}

/**
 * Digital and analogue devices per modality as a stacked bar chart, with the same figures as a
 * table for screen readers and for anyone who prefers numbers. Registers only the chart.js parts
 * a bar chart needs, in this component, so chart.js stays out of the initial bundle.
 */
@Component({
  selector: 'rf-modality-share-chart',
  imports: [BaseChartDirective],
  providers: [
    provideCharts({
      registerables: [BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip],
      defaults: { font: { family: 'Roboto, "Helvetica Neue", sans-serif', size: 13 } },
    }),
  ],
  template: `
    <div class="layout">
      <figure class="chart">
        <div class="canvas" [style.height.px]="height()">
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
      <table class="figures" data-testid="modality-table">
        <caption>
          {{
            i18n.t('facility.chartTable')
          }}
        </caption>
        <thead>
          <tr>
            <th scope="col">{{ i18n.t('device.modality') }}</th>
            <th scope="col" class="num">{{ i18n.label('technology', 'DIGITAL') }}</th>
            <th scope="col" class="num">{{ i18n.label('technology', 'ANALOGUE') }}</th>
            <th scope="col" class="num">{{ i18n.t('facility.digitalShare') }}</th>
          </tr>
        </thead>
        <tbody>
          @for (r of rows(); track r.modality) {
            <tr>
              <th scope="row">{{ r.label }}</th>
              <td class="num">{{ i18n.number(r.digital) }}</td>
              <td class="num">{{ i18n.number(r.analogue) }}</td>
              <td class="num">{{ percent(r.share) }}</td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    .layout {
      display: grid;
      grid-template-columns: minmax(0, 3fr) minmax(260px, 2fr);
      gap: 24px;
      align-items: start;
    }
    figure {
      margin: 0;
    }
    .canvas {
      position: relative;
      width: 100%;
    }
    .figures {
      border-collapse: collapse;
      width: 100%;
    }
    caption {
      text-align: left;
      font-size: 12px;
      color: var(--mat-sys-on-surface-variant);
      padding-bottom: 6px;
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
    @media (max-width: 799px) {
      .layout {
        grid-template-columns: 1fr;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ModalityShareChartComponent {
  protected readonly i18n = inject(I18nService);
  readonly breakdown = input.required<readonly ModalityTechnologyCount[]>();

  protected readonly rows = computed(() =>
    modalityShareRows(this.breakdown(), (m) => this.i18n.label('modality', m)),
  );
  protected readonly height = computed(() => Math.max(180, this.rows().length * 44 + 80));

  protected readonly data = computed<ChartConfiguration<'bar'>['data']>(() => {
    const rows = this.rows();
    return {
      labels: rows.map((r) => r.label),
      datasets: [
        {
          label: this.i18n.label('technology', 'DIGITAL'),
          data: rows.map((r) => r.digital),
          backgroundColor: cssColor('--mat-sys-primary', '#005cbb'),
          borderRadius: 4,
        },
        {
          label: this.i18n.label('technology', 'ANALOGUE'),
          data: rows.map((r) => r.analogue),
          backgroundColor: '#e09a2e',
          borderRadius: 4,
        },
      ],
    };
  });

  protected readonly options = computed<ChartConfiguration<'bar'>['options']>(() => {
    const locale = this.i18n.locale();
    return {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      locale,
      scales: {
        x: {
          stacked: true,
          beginAtZero: true,
          ticks: { precision: 0 },
          title: { display: true, text: this.i18n.t('facility.deviceCount') },
        },
        y: { stacked: true },
      },
      plugins: { legend: { position: 'bottom' } },
    };
  });

  /** The chart in one sentence, for its accessible name. */
  protected readonly summary = computed(() => {
    const parts = this.rows().map((r) =>
      this.i18n.t('facility.chartRow', {
        modality: r.label,
        digital: r.digital,
        analogue: r.analogue,
      }),
    );
    return `${this.i18n.t('facility.chartTitle')}: ${parts.join('; ')}`;
  });

  protected percent(share: number | null): string {
    return share === null ? '—' : `${this.i18n.number(share * 100, '1.0-0')} %`;
  }
}
