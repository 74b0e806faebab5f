import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AlertType, PriorityBand } from '@radfleet/shared';
import { I18nService } from '../core/i18n/i18n.service';
import { LoadStateComponent } from '../core/ui/load-state.component';
import { money } from '../core/i18n/format';
import { HomeApi } from './home.api';
import { HomeTileComponent } from './home-tile.component';

/**
 * What is due and what is expiring: devices to replace now and within two years, contracts ending
 * within 90 days or in breach of their SLA, and payment milestones due within 30 days. (Draft
 * scenarios join when the scenarios API exists.)
 */
@Component({
  selector: 'rf-procurement-home',
  imports: [RouterLink, LoadStateComponent, HomeTileComponent],
  template: `
    <h1>{{ i18n.t('homes.proc.title') }}</h1>
    <rf-load-state
      [loading]="replaceNow.isLoading() || milestones.isLoading()"
      [error]="replaceNow.status() === 'error' || milestones.status() === 'error'"
      (retry)="reload()"
    />
    <div class="tiles" data-testid="home-tiles">
      <rf-home-tile
        key="replace-now"
        icon="priority_high"
        [value]="total(replaceNow)"
        [label]="i18n.t('planning.band.REPLACE_NOW')"
        route="/planning"
        [query]="{ band: bands.REPLACE_NOW }"
      />
      <rf-home-tile
        key="within-2-years"
        icon="event_upcoming"
        [value]="total(within2)"
        [label]="i18n.t('planning.band.WITHIN_2_YEARS')"
        route="/planning"
        [query]="{ band: bands.WITHIN_2_YEARS }"
      />
      <rf-home-tile
        key="expiring"
        icon="event_busy"
        [value]="total(expiring)"
        [label]="i18n.t('homes.proc.expiring')"
        route="/contracts"
        [query]="{ expiringWithinDays: '90' }"
      />
      <rf-home-tile
        key="sla-breach"
        icon="gpp_bad"
        [value]="breaches()"
        [label]="i18n.t('homes.proc.breach')"
        route="/alerts"
        [query]="{ type: slaBreach }"
      />
    </div>
    @if (milestones.hasValue()) {
      @let m = milestones.value().milestonesDue;
      <section class="panel" data-testid="home-milestones">
        <h2>
          {{ i18n.t('homes.proc.milestones') }}
          <span class="count"
            >{{ i18n.number(m.total) }} · {{ money(m.amount) }}</span
          >
        </h2>
        @for (x of m.items; track x.contractId + x.sequence) {
          <a class="row" [routerLink]="['/contracts', x.contractId]"
            >{{ i18n.date(x.dueDate) }} · {{ x.number }} · {{ money(x.amount) }}
            @if (x.description) {
              · {{ x.description }}
            }
          </a>
        } @empty {
          <p class="empty">{{ i18n.t('homes.none') }}</p>
        }
      </section>
    }
  `,
  styleUrl: './homes.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProcurementHomeComponent {
  protected readonly i18n = inject(I18nService);
  private readonly api = inject(HomeApi);
  protected readonly bands = PriorityBand;
  protected readonly slaBreach = AlertType.SLA_BREACH;
  protected readonly replaceNow = this.api.priorities(PriorityBand.REPLACE_NOW);
  protected readonly within2 = this.api.priorities(PriorityBand.WITHIN_2_YEARS);
  protected readonly expiring = this.api.contracts({ expiringWithinDays: '90' });
  protected readonly counts = this.api.alertCounts();
  protected readonly milestones = this.api.procurement();
  /** Open SLA-breach alerts: one per contract and breached measurement period. */
  protected readonly breaches = computed(() =>
    this.counts.hasValue()
      ? this.i18n.number(this.counts.value().byType[AlertType.SLA_BREACH] ?? 0)
      : '…',
  );

  protected total(r: { hasValue(): boolean; value(): { total: number } | undefined }): string {
    return r.hasValue() ? this.i18n.number(r.value()!.total) : '…';
  }

  protected money(v: string): string {
    return money(this.i18n, v);
  }

  protected reload(): void {
    for (const r of [this.replaceNow, this.within2, this.expiring, this.counts, this.milestones])
      r.reload();
  }
}
