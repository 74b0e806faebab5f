import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import {
  District,
  KpiUnit,
  Modality,
  type ExecutiveDashboardResponse,
  type Kpi,
} from '@radfleet/shared';
import type { MessageKey } from '../core/i18n/messages';
import { I18nService } from '../core/i18n/i18n.service';
import { LoadStateComponent } from '../core/ui/load-state.component';
import { money } from '../core/i18n/format';
import { HomeApi } from './home.api';
import { HomeTileComponent } from './home-tile.component';

/**
 * The city's fleet in ten seconds: the executive dashboard's KPIs, each linking to the list that
 * gives the same figure, and its tables, filtered by district and modality (kept in the URL).
 */
@Component({
  selector: 'rf-executive-home',
  imports: [MatFormFieldModule, MatSelectModule, LoadStateComponent, HomeTileComponent],
  template: `
    <h1>{{ i18n.t('homes.exec.title') }}</h1>
    <div class="filters" role="search">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ i18n.t('homes.exec.district') }}</mat-label>
        <mat-select
          [value]="district() ?? ''"
          (selectionChange)="filterChange.emit({ district: $event.value || null })"
          data-testid="home-district"
        >
          <mat-option value="">{{ i18n.t('common.all') }}</mat-option>
          @for (d of districts; track d) {
            <mat-option [value]="d">{{ i18n.district(d) }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ i18n.t('homes.exec.modality') }}</mat-label>
        <mat-select
          [value]="modality() ?? ''"
          (selectionChange)="filterChange.emit({ modality: $event.value || null })"
          data-testid="home-modality"
        >
          <mat-option value="">{{ i18n.t('common.all') }}</mat-option>
          @for (m of modalities; track m) {
            <mat-option [value]="m">{{ i18n.label('modality', m) }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      @if (data(); as d) {
        <span class="count">{{ i18n.t('homes.exec.asOf', { date: i18n.date(d.asOf) }) }}</span>
      }
    </div>
    <rf-load-state
      [loading]="dash.isLoading()"
      [error]="dash.status() === 'error'"
      (retry)="dash.reload()"
    />
    @if (data(); as d) {
      <div class="tiles" data-testid="home-tiles">
        @for (k of d.kpis; track k.key) {
          <rf-home-tile
            [key]="k.key"
            [icon]="icon(k)"
            [value]="value(k)"
            [label]="kpiLabel(k)"
            [note]="note(k)"
            [rag]="k.rag"
            [route]="k.drillDown.route"
            [query]="k.drillDown.query"
          />
        }
      </div>
      <div class="panels">
        <section class="panel wide" data-testid="home-heatmap">
          <h2>{{ i18n.t('homes.exec.heatMap') }}</h2>
          <div class="scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{{ i18n.t('homes.exec.district') }}</th>
                  @for (m of heat().modalities; track m) {
                    <th scope="col">{{ i18n.label('modality', m) }}</th>
                  }
                </tr>
              </thead>
              <tbody>
                @for (r of heat().rows; track r.district) {
                  <tr>
                    <th scope="row">{{ i18n.district(r.district) }}</th>
                    @for (c of r.cells; track $index) {
                      <td [style.background]="shade(c)">
                        {{ c === null ? '—' : i18n.number(c, '1.0-0') + ' %' }}
                      </td>
                    }
                  </tr>
                }
              </tbody>
            </table>
          </div>
        </section>
        <section class="panel" data-testid="home-digital-share">
          <h2>{{ i18n.t('homes.exec.digitalShare') }}</h2>
          <table>
            <tbody>
              @for (p of shareYears(); track p.date) {
                <tr>
                  <th scope="row">{{ i18n.date(p.date) }}</th>
                  <td>
                    {{ p.digitalSharePct === null ? '—' : i18n.number(p.digitalSharePct, '1.1-1') + ' %' }}
                  </td>
                  <td>
                    <span class="bar" [style.width.px]="(p.digitalSharePct ?? 0) * 1.5"></span>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </section>
        <section class="panel" data-testid="home-studies">
          <h2>
            {{
              i18n.t('homes.exec.studies', {
                year: d.studiesByMonth.year,
                previous: d.studiesByMonth.previousYear,
              })
            }}
          </h2>
          <table>
            <tbody>
              @for (m of d.studiesByMonth.months; track m.month) {
                <tr>
                  <th scope="row">{{ m.month }}</th>
                  <td>{{ m.studies === null ? '—' : i18n.number(m.studies) }}</td>
                  <td>
                    <span class="bar" [style.width.px]="barWidth(m.studies)"></span><br />
                    <span class="bar prev" [style.width.px]="barWidth(m.previousYearStudies)"></span>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </section>
      </div>
    }
  `,
  styleUrl: './homes.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExecutiveHomeComponent {
  protected readonly i18n = inject(I18nService);
  readonly district = input<string>();
  readonly modality = input<string>();
  readonly filterChange = output<Record<string, string | null>>();

  protected readonly districts = Object.values(District);
  protected readonly modalities = Object.values(Modality);
  protected readonly dash = inject(HomeApi).executive(
    computed(() => ({ district: this.district(), modality: this.modality() })),
  );
  protected readonly data = computed<ExecutiveDashboardResponse | null>(() =>
    this.dash.hasValue() ? this.dash.value() : null,
  );

  /** Utilisation % by district (rows) and modality (columns). */
  protected readonly heat = computed(() => {
    const cells = this.data()?.heatMap ?? [];
    const modalities = this.modalities.filter((m) => cells.some((c) => c.modality === m));
    const districts = this.districts.filter((d) => cells.some((c) => c.district === d));
    return {
      modalities,
      rows: districts.map((district) => ({
        district,
        cells: modalities.map(
          (m) =>
            cells.find((c) => c.district === district && c.modality === m)?.utilisationPct ?? null,
        ),
      })),
    };
  });

  /** The digital share at each year's end, and now. */
  protected readonly shareYears = computed(() => {
    const points = this.data()?.digitalShareByMonth ?? [];
    return points.filter((p, i) => p.date.slice(5, 7) === '12' || i === points.length - 1);
  });

  private readonly maxStudies = computed(() =>
    Math.max(
      1,
      ...(this.data()?.studiesByMonth.months ?? []).flatMap((m) => [
        m.studies ?? 0,
        m.previousYearStudies ?? 0,
      ]),
    ),
  );

  protected barWidth(v: number | null): number {
    return v === null ? 0 : Math.round((v / this.maxStudies()) * 160);
  }

  protected shade(pct: number | null): string {
    if (pct === null) return 'transparent';
    const a = Math.min(1, Math.max(0, pct / 100)) * 0.45;
    return `rgba(37, 99, 235, ${a.toFixed(2)})`;
  }

  protected kpiLabel(k: Kpi): string {
    return this.i18n.t(`homes.kpi.${k.key}` as MessageKey);
  }

  protected icon(k: Kpi): string {
    return k.unit === KpiUnit.RUB ? 'payments' : k.unit === KpiUnit.PERCENT ? 'percent' : 'monitoring';
  }

  protected value(k: Kpi): string {
    if (k.value === null) return '—';
    switch (k.unit) {
      case KpiUnit.PERCENT:
        return `${this.i18n.number(k.value, '1.1-1')} %`;
      case KpiUnit.YEARS:
        return this.i18n.t('homes.exec.years', { n: this.i18n.number(k.value, '1.0-1') });
      case KpiUnit.RUB:
        return money(this.i18n, k.amount ?? String(k.value));
      default:
        return this.i18n.number(k.value);
    }
  }

  protected note(k: Kpi): string | null {
    if (k.change === null) return null;
    const sign = k.change > 0 ? '+' : '';
    const unit = k.unit === KpiUnit.PERCENT ? this.i18n.t('homes.exec.pp') : ' %';
    return this.i18n.t('homes.exec.change', {
      change: `${sign}${this.i18n.number(k.change, '1.0-1')}${unit}`,
    });
  }
}
