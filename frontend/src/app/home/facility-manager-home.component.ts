import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { I18nService } from '../core/i18n/i18n.service';
import { LoadStateComponent } from '../core/ui/load-state.component';
import { HomeApi } from './home.api';
import { HomeTileComponent } from './home-tile.component';

/** What needs a facility manager's hands today, in their facilities. */
@Component({
  selector: 'rf-facility-manager-home',
  imports: [RouterLink, MatIconModule, LoadStateComponent, HomeTileComponent],
  template: `
    <h1>{{ i18n.t('homes.fm.title') }}</h1>
    @if (data(); as d) {
      <p class="intro" data-testid="home-facilities">
        {{ i18n.t('homes.fm.facilities') }}:
        {{ facilityNames() || i18n.t('homes.fm.noFacilities') }}
      </p>
    }
    <rf-load-state
      [loading]="home.isLoading()"
      [error]="home.status() === 'error'"
      (retry)="home.reload()"
    />
    @if (data(); as d) {
      <div class="tiles" data-testid="home-tiles">
        <rf-home-tile
          key="past-life"
          icon="hourglass_bottom"
          [value]="i18n.number(d.pastLife)"
          [label]="i18n.t('homes.fm.pastLife')"
          route="/devices"
          [query]="withFacilities({ overdue: 'true' })"
        />
        <rf-home-tile
          key="under-repair"
          icon="build"
          [value]="i18n.number(d.underRepair)"
          [label]="i18n.t('homes.fm.underRepair')"
          route="/devices"
          [query]="withFacilities({ status: 'UNDER_REPAIR' })"
        />
        <rf-home-tile
          key="silent"
          icon="wifi_off"
          [value]="i18n.number(d.silent)"
          [label]="i18n.t('homes.fm.silent')"
          route="/alerts"
          [query]="{ type: 'SILENT_DEVICE' }"
        />
        <rf-home-tile
          key="open-alerts"
          icon="notifications"
          [value]="i18n.number(d.openAlerts)"
          [label]="i18n.t('homes.fm.openAlerts')"
          route="/alerts"
        />
      </div>

      <div class="panels">
        <section class="panel" data-testid="home-downtime">
          <h2>
            {{ i18n.t('homes.fm.downtime') }}
            <span class="count">{{ i18n.number(d.unplannedDowntime.total) }}</span>
          </h2>
          @for (x of d.unplannedDowntime.devices; track x.deviceId) {
            <a class="row" [routerLink]="['/devices', x.deviceId]">{{ x.inventoryNumber }}</a>
          } @empty {
            <p class="empty">{{ i18n.t('homes.none') }}</p>
          }
        </section>
        <section class="panel" data-testid="home-events">
          <h2>
            {{ i18n.t('homes.fm.awaiting') }}
            <span class="count">{{ i18n.number(d.awaitingResolution.total) }}</span>
          </h2>
          @for (e of d.awaitingResolution.items; track e.id) {
            <a class="row" [routerLink]="['/devices', e.deviceId]"
              >{{ e.inventoryNumber }} · {{ i18n.label('serviceEventType', e.type) }} ·
              {{ i18n.dateTime(e.reportedAt) }}</a
            >
          } @empty {
            <p class="empty">{{ i18n.t('homes.none') }}</p>
          }
        </section>
        <section class="panel wide" data-testid="home-changes">
          <h2>{{ i18n.t('homes.fm.changes') }}</h2>
          @for (c of d.recentChanges; track $index) {
            <div class="row">
              {{ i18n.dateTime(c.at) }} · {{ c.actorEmail ?? '—' }} ·
              {{ i18n.label('homes.entity', c.entityType) }}
              @if (c.entityType === 'device') {
                <a [routerLink]="['/devices', c.entityId]">{{ i18n.t('homes.open') }}</a>
              } @else if (c.entityType === 'facility') {
                <a [routerLink]="['/facilities', c.entityId]">{{ i18n.t('homes.open') }}</a>
              }
              @if (c.fields.length) {
                <span class="fields">({{ c.fields.join(', ') }})</span>
              }
            </div>
          } @empty {
            <p class="empty">{{ i18n.t('homes.none') }}</p>
          }
        </section>
      </div>
    }
  `,
  styleUrl: './homes.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FacilityManagerHomeComponent {
  protected readonly i18n = inject(I18nService);
  protected readonly home = inject(HomeApi).facilityManager();
  protected readonly data = computed(() => (this.home.hasValue() ? this.home.value() : null));
  protected readonly facilityNames = computed(() =>
    (this.data()?.facilities ?? []).map((f) => f.shortName).join(', '),
  );

  /** A device-list query restricted to the manager's facilities. */
  protected withFacilities(q: Record<string, string>): Record<string, string> {
    const ids = (this.data()?.facilities ?? []).map((f) => f.id);
    return ids.length ? { ...q, facilityId: ids.join(',') } : q;
  }
}
