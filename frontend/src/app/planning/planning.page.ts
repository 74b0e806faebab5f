import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatTabsModule } from '@angular/material/tabs';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute, RouterLink } from '@angular/router';
import {
  PriorityBand,
  type AgeProfileRow,
  type ModalityDemand,
  type PriorityItem,
} from '@radfleet/shared';
import { I18nService } from '../core/i18n/i18n.service';
import type { MessageKey } from '../core/i18n/messages';
import { LoadStateComponent } from '../core/ui/load-state.component';
import { PlanningApi, type PriorityFilter } from './planning.api';
import { FACTOR_COLOURS, factorSentence, lifeSentence } from './planning-explain';
import { ReferenceEditorComponent } from './reference-editor.component';

/** A demand chart's SVG paths: history, forecast, its interval band and the capacity line. */
interface DemandChart {
  d: ModalityDemand;
  history: string;
  forecast: string;
  band: string;
  capacity: string;
}

const W = 600;
const H = 160;

function demandChart(d: ModalityDemand): DemandChart {
  const n = d.history.length + d.forecast.length;
  const capMonth = d.capacityStudiesPerYear / 12;
  const max = Math.max(
    1,
    capMonth,
    ...d.history.map((p) => p.studies),
    ...d.forecast.map((p) => p.upper),
  );
  const x = (i: number) => (n <= 1 ? 0 : (i / (n - 1)) * W);
  const y = (v: number) => H - (v / max) * (H - 4);
  const line = (pts: [number, number][]) =>
    pts.map(([a, b], i) => `${i ? 'L' : 'M'}${a.toFixed(1)},${b.toFixed(1)}`).join(' ');
  const h0 = d.history.length;
  return {
    d,
    history: line(d.history.map((p, i) => [x(i), y(p.studies)])),
    forecast: line(d.forecast.map((p, i) => [x(h0 + i), y(p.studies)])),
    band: d.forecast.length
      ? `${line(d.forecast.map((p, i) => [x(h0 + i), y(p.upper)]))} ${d.forecast
          .map((p, i) => [x(h0 + i), y(p.lower)] as [number, number])
          .reverse()
          .map(([a, b]) => `L${a.toFixed(1)},${b.toFixed(1)}`)
          .join(' ')} Z`
      : '',
    capacity: capMonth > 0 ? `M0,${y(capMonth).toFixed(1)} L${W},${y(capMonth).toFixed(1)}` : '',
  };
}

/**
 * Planning: the ranked priorities with each score split by factor and explained in words, the age
 * profile against COCIR's golden rules, demand against capacity, and the reference sets.
 */
@Component({
  selector: 'rf-planning-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatIconModule,
    MatPaginatorModule,
    MatSelectModule,
    MatTabsModule,
    MatTooltipModule,
    LoadStateComponent,
    ReferenceEditorComponent,
  ],
  templateUrl: './planning.page.html',
  styleUrl: './planning.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanningPage {
  protected readonly i18n = inject(I18nService);
  private readonly api = inject(PlanningApi);
  protected readonly bands = Object.values(PriorityBand);
  protected readonly colours = FACTOR_COLOURS;
  protected readonly W = W;
  protected readonly H = H;

  private readonly query = inject(ActivatedRoute).snapshot.queryParamMap;

  protected readonly tab = signal(0);
  /** A priority band from the URL (`/planning?band=REPLACE_NOW`, the procurement home's tiles). */
  readonly band = input<string>();
  /** `?q=` narrows the list (the device page's link does), `?explain=<device id>` opens a row. */
  protected readonly filter = linkedSignal<PriorityFilter>(() => ({
    page: 1,
    pageSize: 50,
    q: this.query.get('q') || undefined,
    band: this.bands.includes(this.band() as PriorityBand) ? this.band() : undefined,
  }));
  protected readonly list = this.api.prioritiesResource(computed(() => this.filter()));
  protected readonly items = computed(() => (this.list.hasValue() ? this.list.value().items : []));
  protected readonly total = computed(() => (this.list.hasValue() ? this.list.value().total : 0));
  private readonly selectedId = signal<string | null>(this.query.get('explain'));
  protected readonly selected = computed<PriorityItem | null>(
    () => this.items().find((i) => i.deviceId === this.selectedId()) ?? null,
  );

  protected readonly groupBy = signal('MODALITY');
  protected readonly age = this.api.ageProfileResource(
    computed(() => (this.tab() === 1 ? this.groupBy() : undefined)),
  );
  protected readonly ageHistory = this.api.ageHistoryResource(computed(() => this.tab() === 1));

  protected readonly years = signal(5);
  protected readonly demand = this.api.demandResource(
    computed(() => (this.tab() === 2 ? this.years() : undefined)),
  );
  protected readonly charts = computed(() =>
    this.demand.hasValue()
      ? this.demand
          .value()
          .modalities.filter((m) => m.history.length > 0)
          .map(demandChart)
      : [],
  );

  protected rank(i: number): number {
    const f = this.filter();
    return (f.page - 1) * f.pageSize + i + 1;
  }

  protected setBand(band: string): void {
    this.filter.update((f) => ({ ...f, band: band || undefined, page: 1 }));
  }

  protected onPage(e: PageEvent): void {
    this.filter.update((f) => ({ ...f, page: e.pageIndex + 1, pageSize: e.pageSize }));
  }

  protected toggle(item: PriorityItem): void {
    this.selectedId.update((s) => (s === item.deviceId ? null : item.deviceId));
  }

  protected clearQuery(): void {
    this.filter.update((f) => ({ ...f, q: undefined, page: 1 }));
  }

  protected factorName(f: string): string {
    return this.i18n.t(`planning.factor.${f}` as MessageKey);
  }

  protected bandLabel(b: string): string {
    return this.i18n.t(`planning.band.${b}` as MessageKey);
  }

  protected recommendationLabel(r: string): string {
    return this.i18n.t(`planning.recommendation.${r}` as MessageKey);
  }

  protected sentence(item: PriorityItem, i: number): string {
    return factorSentence(this.i18n, item.factors[i]!);
  }

  protected life(item: PriorityItem): string {
    return lifeSentence(this.i18n, item);
  }

  protected ageLabel(r: AgeProfileRow, by: string): string {
    if (r.key === 'ALL') return this.i18n.t('planning.age.total');
    if (by === 'MODALITY') return this.i18n.label('modality', r.key);
    if (by === 'DISTRICT') return this.i18n.district(r.key);
    return r.label;
  }

  protected ageSummary(r: AgeProfileRow, by: string): string {
    return this.i18n.t('planning.age.bar', {
      label: this.ageLabel(r, by),
      a: this.i18n.number(r.upTo5Pct ?? 0, '1.0-1'),
      b: this.i18n.number(r.from6to10Pct ?? 0, '1.0-1'),
      c: this.i18n.number(r.over10Pct ?? 0, '1.0-1'),
    });
  }
}
