import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatTooltipModule } from '@angular/material/tooltip';
import { cityDateOf, type DeviceResponse, type ServiceEventResponse } from '@radfleet/shared';
import { I18nService } from '../core/i18n/i18n.service';
import { LoadStateComponent } from '../core/ui/load-state.component';
import { money } from '../core/i18n/format';
import { lastTwelveMonths } from './service-event.model';
import { ServiceEventsApi } from './service-events.api';
import { ServiceLogComponent } from './service-log.component';

/**
 * A device's service tab: its two downtime kinds over the last 12 months (unplanned downtime and
 * total unavailability, side by side), cost of ownership, and its service log.
 */
@Component({
  selector: 'rf-device-service',
  imports: [MatCardModule, MatTooltipModule, LoadStateComponent, ServiceLogComponent],
  template: `
    <div class="figures">
      <mat-card appearance="outlined">
        <mat-card-header>
          <mat-card-title>{{ i18n.t('availability.title') }}</mat-card-title>
        </mat-card-header>
        <mat-card-content>
          <rf-load-state
            [loading]="availability.isLoading()"
            [error]="availability.status() === 'error'"
            (retry)="availability.reload()"
          />
          @if (availability.hasValue()) {
            @let u = availability.value();
            <dl data-testid="device-availability">
              <div [matTooltip]="i18n.t('hint.availability.unplanned')">
                <dt>{{ i18n.t('availability.unplanned') }}</dt>
                <dd data-testid="device-unplanned">
                  {{ hours(u.unplannedDowntimeHours) }} · {{ percent(u.unplannedDowntimePercent) }}
                </dd>
              </div>
              <div [matTooltip]="i18n.t('hint.availability.unavailability')">
                <dt>{{ i18n.t('availability.unavailability') }}</dt>
                <dd data-testid="device-unavailability">
                  {{ hours(u.unavailabilityHours) }} · {{ percent(u.unavailabilityPercent) }}
                </dd>
              </div>
              <div [matTooltip]="i18n.t('hint.availability.percent')">
                <dt>{{ i18n.t('availability.percent') }}</dt>
                <dd data-testid="device-availability-percent">
                  {{ percent(u.availabilityPercent) }}
                </dd>
              </div>
              <div [matTooltip]="i18n.t('hint.availability.periodHours')">
                <dt>{{ i18n.t('availability.periodHours') }}</dt>
                <dd>{{ hours(u.periodHours) }}</dd>
              </div>
              <div [matTooltip]="i18n.t('hint.availability.events')">
                <dt>{{ i18n.t('availability.events') }}</dt>
                <dd>{{ i18n.number(u.events) }}</dd>
              </div>
            </dl>
          }
        </mat-card-content>
      </mat-card>
      <mat-card appearance="outlined">
        <mat-card-header>
          <mat-card-title>{{ i18n.t('cost.title') }}</mat-card-title>
        </mat-card-header>
        <mat-card-content>
          <rf-load-state
            [loading]="cost.isLoading()"
            [error]="cost.status() === 'error'"
            (retry)="cost.reload()"
          />
          @if (cost.hasValue()) {
            @let c = cost.value();
            <p class="big" data-testid="device-cost" [matTooltip]="i18n.t('hint.cost.total')">
              {{ rub(c.total) }}
            </p>
            <dl>
              <div [matTooltip]="i18n.t('hint.cost.perYear')">
                <dt>{{ i18n.t('cost.perYear') }}</dt>
                <dd>{{ rub(c.perYear) }}</dd>
              </div>
              <div [matTooltip]="i18n.t('hint.cost.purchase')">
                <dt>{{ i18n.t('cost.purchase') }}</dt>
                <dd>{{ rub(c.purchaseCounted) }}</dd>
              </div>
              <div [matTooltip]="i18n.t('hint.cost.contracts')">
                <dt>{{ i18n.t('cost.contracts') }}</dt>
                <dd>{{ rub(c.contractPayments) }}</dd>
              </div>
              <div [matTooltip]="i18n.t('hint.cost.events')">
                <dt>{{ i18n.t('cost.events') }}</dt>
                <dd>{{ rub(c.eventCosts) }}</dd>
              </div>
              <div [matTooltip]="i18n.t('hint.cost.coveredEvents')">
                <dt>{{ i18n.t('cost.coveredEvents') }}</dt>
                <dd>{{ rub(c.coveredEventCosts) }}</dd>
              </div>
              <div [matTooltip]="i18n.t('hint.cost.years')">
                <dt>{{ i18n.t('cost.years') }}</dt>
                <dd>
                  {{
                    c.yearsInService === null
                      ? i18n.t('cost.noData')
                      : i18n.number(c.yearsInService, '1.0-1')
                  }}
                </dd>
              </div>
              <div [matTooltip]="i18n.t('hint.cost.yearlyServiceCost')">
                <dt>{{ i18n.t('cost.yearlyServiceCost') }}</dt>
                <dd>{{ rub(c.yearlyServiceCost) }}</dd>
              </div>
              <div [matTooltip]="i18n.t('hint.cost.ratio')">
                <dt>{{ i18n.t('cost.ratio') }}</dt>
                <dd data-testid="device-service-ratio">
                  {{
                    c.serviceCostRatio === null
                      ? i18n.t('cost.noData')
                      : percent(c.serviceCostRatio * 100)
                  }}
                </dd>
              </div>
            </dl>
          }
        </mat-card-content>
      </mat-card>
    </div>
    <h2>{{ i18n.t('serviceLog.title') }}</h2>
    <rf-service-log
      [deviceId]="device().id"
      [facilityId]="device().facilityId"
      (changed)="onChanged($event)"
    />
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    .figures {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(300px, 1fr));
      gap: 16px;
    }
    mat-card-title {
      font-size: 16px;
      font-weight: 500;
    }
    .big {
      font-size: 28px;
      font-weight: 500;
      margin: 8px 0;
    }
    dl {
      margin: 0;
    }
    dl div {
      display: flex;
      justify-content: space-between;
      gap: 12px;
      padding: 4px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    dl div:last-child {
      border-bottom: 0;
    }
    dt {
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
      text-align: right;
    }
    h2 {
      font-size: 18px;
      margin: 24px 0 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeviceServiceComponent {
  protected readonly i18n = inject(I18nService);
  private readonly api = inject(ServiceEventsApi);
  readonly device = input.required<DeviceResponse>();
  /** An event was logged or resolved: the device's status may have changed. */
  readonly changed = output<ServiceEventResponse>();

  private readonly period = lastTwelveMonths(cityDateOf(new Date()));
  protected readonly availability = this.api.availabilityResource(
    computed(() => ({ deviceId: this.device().id, ...this.period })),
  );
  protected readonly cost = this.api.costResource(computed(() => this.device().id));

  protected percent(v: number | null): string {
    return v === null ? this.i18n.t('availability.noData') : `${this.i18n.number(v, '1.0-2')} %`;
  }

  protected hours(v: number): string {
    return this.i18n.t('downtime.hours', { h: this.i18n.number(v, '1.0-1') });
  }

  protected rub(v: string): string {
    return money(this.i18n, v);
  }

  protected onChanged(e: ServiceEventResponse): void {
    this.availability.reload();
    this.cost.reload();
    this.changed.emit(e);
  }
}
