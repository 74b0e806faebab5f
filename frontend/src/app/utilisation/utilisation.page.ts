import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatTooltipModule } from '@angular/material/tooltip';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import {
  Permission,
  UtilisationGroupBy,
  type GrowthUnavailable,
  type UtilisationDeviceRow,
  type UtilisationGroupRow,
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
import { I18nService } from '../core/i18n/i18n.service';
import { LoadStateComponent } from '../core/ui/load-state.component';
import { dateOfIso, isoOfDate, provideRfDates } from '../core/ui/date-adapter';
import { UtilisationApi } from './utilisation.api';
import {
  groupBars,
  parseUtilisationState,
  PERIOD_PRESETS,
  periodQuery,
  presetRange,
  seriesLine,
  type PeriodPreset,
  type UtilisationState,
} from './utilisation.page.model';

function cssColor(name: string, fallback: string): string {
  const v =
    typeof getComputedStyle === 'function'
      ? getComputedStyle(document.documentElement).getPropertyValue(name).trim()
      : '';
  return v || fallback;
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * City-wide utilisation: a period and a grouping (kept in the URL), rollups per group with a bar
 * chart of utilisation % and a line of the series, and the over- and under-used devices. chart.js
 * is registered here, so it stays out of the initial bundle.
 */
@Component({
  selector: 'rf-utilisation-page',
  imports: [
    RouterLink,
    BaseChartDirective,
    MatButtonModule,
    MatButtonToggleModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatTableModule,
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
  templateUrl: './utilisation.page.html',
  styleUrl: './utilisation.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UtilisationPage {
  protected readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly api = inject(UtilisationApi);
  private readonly auth = inject(AuthStore);
  protected readonly canImport = computed(() => this.auth.can(Permission.UTILISATION_WRITE));

  // Query parameters, bound by the router.
  readonly period = input<string>();
  readonly from = input<string>();
  readonly to = input<string>();
  readonly groupBy = input<string>();
  readonly granularity = input<string>();
  readonly under = input<string>();
  readonly over = input<string>();

  protected readonly presets = PERIOD_PRESETS;
  protected readonly groupings = [
    UtilisationGroupBy.MODALITY,
    UtilisationGroupBy.DISTRICT,
    UtilisationGroupBy.FACILITY,
  ];
  private readonly today = cityDateOf(new Date());

  protected readonly state = computed<UtilisationState>(() =>
    parseUtilisationState(
      {
        period: this.period(),
        from: this.from(),
        to: this.to(),
        groupBy: this.groupBy(),
        granularity: this.granularity(),
        under: this.under(),
        over: this.over(),
      },
      this.today,
    ),
  );
  /** The custom range being picked, before it is applied. */
  protected readonly customOpen = signal(false);
  protected readonly showCustom = computed(
    () => this.customOpen() || this.state().period === 'custom',
  );

  protected readonly summary = this.api.summaryResource(this.state);
  protected readonly ranking = this.api.rankingResource(this.state);
  protected readonly groups = computed(() =>
    this.summary.hasValue() ? this.summary.value().groups : [],
  );
  protected readonly totals = computed(() =>
    this.summary.hasValue() ? this.summary.value().totals : null,
  );
  protected readonly underUsed = computed<UtilisationDeviceRow[]>(() =>
    this.ranking.hasValue() ? this.ranking.value().underUsed : [],
  );
  protected readonly overUsed = computed<UtilisationDeviceRow[]>(() =>
    this.ranking.hasValue() ? this.ranking.value().overUsed : [],
  );

  /** The over-used devices first, then the under-used. */
  protected readonly rankingLists = computed(() => [
    {
      key: 'over',
      rows: this.overUsed(),
      title: this.i18n.t('utilisationPage.overUsed', { pct: this.state().overPct }),
    },
    {
      key: 'under',
      rows: this.underUsed(),
      title: this.i18n.t('utilisationPage.underUsed', { pct: this.state().underPct }),
    },
  ]);

  protected readonly columns = [
    'label',
    'devices',
    'studies',
    'images',
    'imagesPerStudy',
    'activeDays',
    'utilisationPct',
    'growthPct',
  ];
  protected readonly deviceColumns = [
    'inventoryNumber',
    'modality',
    'facility',
    'studies',
    'utilisationPct',
  ];

  protected groupLabel(g: UtilisationGroupRow): string {
    const by = this.state().groupBy;
    return by === UtilisationGroupBy.MODALITY
      ? this.i18n.label('modality', g.key)
      : by === UtilisationGroupBy.DISTRICT
        ? this.i18n.district(g.key)
        : g.label;
  }

  protected readonly bars = computed(() => groupBars(this.groups(), (g) => this.groupLabel(g)));
  protected readonly barHeight = computed(() => Math.max(200, this.bars().labels.length * 28 + 80));
  protected readonly barData = computed<ChartConfiguration<'bar'>['data']>(() => ({
    labels: this.bars().labels,
    datasets: [
      {
        label: this.i18n.t('utilisation.pct'),
        data: this.bars().values,
        backgroundColor: cssColor('--mat-sys-primary', '#005cbb'),
        borderRadius: 4,
      },
    ],
  }));
  protected readonly barOptions = computed<ChartConfiguration<'bar'>['options']>(() => ({
    indexAxis: 'y',
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    locale: this.i18n.locale(),
    scales: {
      x: { beginAtZero: true, title: { display: true, text: this.i18n.t('utilisation.pct') } },
      y: {
        ticks: {
          // Long facility names are cut short; the tooltip and the table keep them whole.
          callback: (_v, i) => shorten(this.bars().labels[i] ?? '', 34),
        },
      },
    },
    plugins: { legend: { display: false } },
  }));

  protected readonly line = computed(() =>
    seriesLine(
      this.summary.hasValue() ? this.summary.value().series : [],
      this.state().granularity,
      {
        date: (iso, pattern) => this.i18n.date(iso, pattern),
        week: (date) => this.i18n.t('utilisation.week', { date }),
      },
    ),
  );
  protected readonly lineData = computed<ChartConfiguration<'line'>['data']>(() => ({
    labels: this.line().labels,
    datasets: [
      {
        label: this.i18n.t('utilisation.pct'),
        data: this.line().pct,
        borderColor: cssColor('--mat-sys-primary', '#005cbb'),
        backgroundColor: cssColor('--mat-sys-primary', '#005cbb'),
        pointRadius: 2,
        tension: 0.2,
        spanGaps: true,
      },
    ],
  }));
  protected readonly lineOptions = computed<ChartConfiguration<'line'>['options']>(() => ({
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    locale: this.i18n.locale(),
    scales: {
      y: { beginAtZero: true, title: { display: true, text: this.i18n.t('utilisation.pct') } },
    },
    plugins: { legend: { display: false } },
  }));

  /** Both charts in a sentence each, for their accessible names. */
  protected readonly barSummary = computed(() =>
    this.i18n.t('utilisationPage.barSummary', {
      list: this.bars()
        .labels.map((l, i) => `${l} ${this.percent(this.bars().values[i] ?? null)}`)
        .join('; '),
    }),
  );
  protected readonly lineSummary = computed(() =>
    this.i18n.t('utilisationPage.lineSummary', {
      from: this.i18n.date(this.state().from),
      to: this.i18n.date(this.state().to),
      pct: this.percent(this.totals()?.utilisationPct ?? null),
    }),
  );

  protected readonly customFrom = computed(() => dateOfIso(this.state().from));
  protected readonly customTo = computed(() => dateOfIso(this.state().to));
  protected readonly customError = signal(false);

  protected setPreset(preset: PeriodPreset): void {
    if (preset === 'custom') {
      this.customOpen.set(true);
      return;
    }
    this.customOpen.set(false);
    this.navigate({ ...periodQuery(preset), granularity: null });
  }

  protected applyCustom(fromText: Date | null, toText: Date | null): void {
    const from = isoOfDate(fromText);
    const to = isoOfDate(toText);
    if (!from || !to || from > to) {
      this.customError.set(true);
      return;
    }
    this.customError.set(false);
    this.navigate({ ...periodQuery('custom', { from, to }), granularity: null });
  }

  protected setGroupBy(g: UtilisationGroupBy): void {
    this.navigate({ groupBy: g === UtilisationGroupBy.MODALITY ? null : g.toLowerCase() });
  }

  protected setThreshold(which: 'under' | 'over', raw: string): void {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1000) return;
    this.navigate({ [which]: String(n) });
  }

  protected presetRange(p: PeriodPreset): string {
    if (p === 'custom') return '';
    const r = presetRange(p, this.today);
    return `${this.i18n.date(r.from)} – ${this.i18n.date(r.to)}`;
  }

  /** A percentage, or "no data" where it is unknown (never 0 %). */
  protected percent(v: number | null): string {
    return v === null ? this.i18n.t('utilisation.noData') : `${this.i18n.number(v, '1.1-1')} %`;
  }

  /** Growth, or why it is not shown. */
  protected growth(v: number | null, reason: GrowthUnavailable | null = null): string {
    if (v !== null) return `${v > 0 ? '+' : ''}${this.i18n.number(v, '1.1-1')} %`;
    return reason
      ? this.i18n.label('utilisation.growthUnavailable', reason)
      : this.i18n.t('utilisation.noData');
  }

  private navigate(queryParams: Record<string, string | null>): void {
    void this.router.navigate([], { queryParams, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
