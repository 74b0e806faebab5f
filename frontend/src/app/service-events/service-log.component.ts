import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { Permission, type ServiceEventResponse } from '@radfleet/shared';
import { firstValueFrom } from 'rxjs';
import { AuthStore } from '../auth';
import { I18nService } from '../core/i18n/i18n.service';
import { LoadStateComponent } from '../core/ui/load-state.component';
import { money } from '../core/i18n/format';
import { downtimeText } from './service-event.model';
import { ServiceEventDialog, type ServiceEventDialogData } from './service-event.dialog';
import { ServiceEventResolveDialog, type ResolveResult } from './service-event-resolve.dialog';
import { ServiceEventsApi, type ServiceLogFilter } from './service-events.api';

/**
 * The service events of one device, or of one facility (then with the device shown), newest first;
 * those allowed log new events and resolve open ones.
 */
@Component({
  selector: 'rf-service-log',
  imports: [
    MatTooltipModule,
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatPaginatorModule,
    MatSlideToggleModule,
    LoadStateComponent,
  ],
  template: `
    <div class="head">
      <mat-slide-toggle
        [checked]="openOnly()"
        (change)="openOnly.set($event.checked); page.set(1)"
        data-testid="service-open-only"
        >{{ i18n.t('serviceLog.openOnly') }}</mat-slide-toggle
      >
      <span class="total" data-testid="service-total">{{
        i18n.t('serviceLog.count', { n: total() })
      }}</span>
      @if (canLog()) {
        <button mat-flat-button type="button" (click)="log()" data-testid="service-log-new">
          <mat-icon>add</mat-icon> {{ i18n.t('serviceLog.log') }}
        </button>
      }
    </div>
    <rf-load-state
      [loading]="list.isLoading()"
      [error]="list.status() === 'error'"
      [empty]="list.hasValue() && rows().length === 0"
      [emptyText]="i18n.t('serviceLog.empty')"
      (retry)="list.reload()"
    />
    @if (rows().length > 0) {
      <div class="scroll" tabindex="0" role="region" [attr.aria-label]="i18n.t('serviceLog.title')">
        <table class="log" data-testid="service-log">
          <caption class="visually-hidden">
            {{
              i18n.t('serviceLog.caption')
            }}
          </caption>
          <thead>
            <tr>
              @if (showDevice()) {
                <th scope="col" [matTooltip]="i18n.t('hint.serviceLog.device')">
                  {{ i18n.t('serviceLog.device') }}
                </th>
              }
              <th scope="col" [matTooltip]="i18n.t('hint.serviceLog.type')">
                {{ i18n.t('serviceLog.type') }}
              </th>
              <th scope="col" [matTooltip]="i18n.t('hint.serviceLog.reportedAt')">
                {{ i18n.t('serviceLog.reportedAt') }}
              </th>
              <th scope="col" [matTooltip]="i18n.t('hint.serviceLog.startedAt')">
                {{ i18n.t('serviceLog.startedAt') }}
              </th>
              <th scope="col" [matTooltip]="i18n.t('hint.serviceLog.resolvedAt')">
                {{ i18n.t('serviceLog.resolvedAt') }}
              </th>
              <th scope="col" class="num" [matTooltip]="i18n.t('hint.serviceLog.downtime')">
                {{ i18n.t('serviceLog.downtime') }}
              </th>
              <th scope="col" class="num" [matTooltip]="i18n.t('hint.serviceLog.cost')">
                {{ i18n.t('serviceLog.cost') }}
              </th>
              <th scope="col" [matTooltip]="i18n.t('hint.serviceLog.contract')">
                {{ i18n.t('serviceLog.contract') }}
              </th>
              <th scope="col">
                <span class="visually-hidden">{{ i18n.t('serviceLog.resolve') }}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            @for (e of rows(); track e.id) {
              <tr [attr.data-type]="e.type" [class.open]="!e.resolvedAt" data-testid="service-row">
                @if (showDevice()) {
                  <td class="nowrap">
                    <a [routerLink]="['/devices', e.deviceId]" [queryParams]="{ tab: 'service' }">{{
                      e.inventoryNumber
                    }}</a>
                  </td>
                }
                <td class="type-cell">
                  <span class="type" [class.breakdown]="e.type === 'BREAKDOWN'">{{
                    i18n.label('serviceEventType', e.type)
                  }}</span>
                  <div class="desc">{{ e.description }}</div>
                </td>
                <td class="when">{{ i18n.dateTime(e.reportedAt) }}</td>
                <td class="when">{{ i18n.dateTime(e.startedAt) }}</td>
                <td class="when" data-testid="service-resolved">
                  @if (e.resolvedAt) {
                    {{ i18n.dateTime(e.resolvedAt) }}
                  } @else {
                    <span class="open-tag">{{ i18n.t('serviceLog.open') }}</span>
                  }
                </td>
                <td class="num" data-testid="service-downtime">
                  {{ downtime(e.durationHours) }}
                  @if (!e.resolvedAt) {
                    <span class="muted">({{ i18n.t('downtime.running') }})</span>
                  }
                </td>
                <td class="num">
                  {{ cost(e.cost) }}
                  @if (e.coveredByContract && e.cost !== '0.00') {
                    <div class="muted">{{ i18n.t('serviceLog.covered') }}</div>
                  }
                </td>
                <td>
                  @if (e.contractId) {
                    <a [routerLink]="['/contracts', e.contractId]">{{ e.contractNumber }}</a>
                  } @else {
                    —
                  }
                </td>
                <td class="action">
                  @if (!e.resolvedAt && canWriteIn(e.facilityId)) {
                    <button
                      mat-stroked-button
                      type="button"
                      (click)="resolve(e)"
                      [attr.aria-label]="
                        i18n.t('serviceLog.resolveLabel', {
                          type: i18n.label('serviceEventType', e.type),
                          date: i18n.dateTime(e.reportedAt),
                        })
                      "
                      data-testid="service-resolve"
                    >
                      <mat-icon>task_alt</mat-icon> {{ i18n.t('serviceLog.resolve') }}
                    </button>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    }
    @if (total() > pageSize) {
      <mat-paginator
        [length]="total()"
        [pageIndex]="page() - 1"
        [pageSize]="pageSize"
        [hidePageSize]="true"
        (page)="onPage($event)"
      />
    }
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px 16px;
      margin-bottom: 8px;
    }
    .total {
      flex: 1;
      color: var(--mat-sys-on-surface-variant);
    }
    .scroll {
      overflow-x: auto;
    }
    .log {
      border-collapse: collapse;
      width: 100%;
    }
    th,
    td {
      text-align: left;
      padding: 8px 12px 8px 0;
      vertical-align: top;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    thead th {
      font-size: 12px;
      font-weight: 500;
      color: var(--mat-sys-on-surface-variant);
      white-space: nowrap;
    }
    .num {
      text-align: right;
      white-space: nowrap;
    }
    .when,
    .nowrap {
      white-space: nowrap;
    }
    .type-cell {
      min-width: 220px;
    }
    .type {
      font-weight: 500;
    }
    .type.breakdown {
      color: var(--mat-sys-error);
    }
    .desc {
      max-width: 360px;
      font-size: 13px;
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
    }
    .open-tag {
      display: inline-block;
      padding: 0 8px;
      border-radius: 12px;
      font-size: 12px;
      line-height: 20px;
      background: #ffe2c2;
      color: #7a3b00;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      font-size: 12px;
    }
    .action {
      text-align: right;
    }
    a {
      color: var(--mat-sys-primary);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServiceLogComponent {
  protected readonly i18n = inject(I18nService);
  private readonly auth = inject(AuthStore);
  private readonly api = inject(ServiceEventsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snack = inject(MatSnackBar);

  /** One device's log; without it, the facility's. */
  readonly deviceId = input<string>();
  /** The device's facility, or the facility whose log this is: where writing is checked. */
  readonly facilityId = input.required<string>();
  /** Emits after an event was logged or resolved (the device's status and uptime may have changed). */
  readonly changed = output<ServiceEventResponse>();

  protected readonly pageSize = 20;
  protected readonly page = signal(1);
  protected readonly openOnly = signal(false);
  protected readonly showDevice = computed(() => !this.deviceId());
  private readonly filter = computed<ServiceLogFilter>(() => {
    const deviceId = this.deviceId();
    return {
      ...(deviceId ? { deviceId } : { facilityId: this.facilityId() }),
      open: this.openOnly() ? true : undefined,
      page: this.page(),
      pageSize: this.pageSize,
    };
  });
  protected readonly list = this.api.listResource(this.filter);
  protected readonly rows = computed(() => (this.list.hasValue() ? this.list.value().items : []));
  protected readonly total = computed(() => (this.list.hasValue() ? this.list.value().total : 0));
  protected readonly canLog = computed(() =>
    this.auth.canWriteIn(Permission.SERVICE_EVENT_WRITE, this.facilityId()),
  );

  protected canWriteIn(facilityId: string): boolean {
    return this.auth.canWriteIn(Permission.SERVICE_EVENT_WRITE, facilityId);
  }

  protected downtime(hours: number): string {
    return downtimeText((k, p) => this.i18n.t(k, p), hours);
  }

  protected cost(v: string): string {
    return Number(v) === 0 ? '—' : money(this.i18n, v);
  }

  protected onPage(e: PageEvent): void {
    this.page.set(e.pageIndex + 1);
  }

  protected async log(): Promise<void> {
    const ref = this.dialog.open<ServiceEventDialog, ServiceEventDialogData, ServiceEventResponse>(
      ServiceEventDialog,
      {
        data: { deviceId: this.deviceId(), facilityId: this.facilityId() },
        autoFocus: 'first-tabbable',
        maxWidth: '720px',
      },
    );
    const created = await firstValueFrom(ref.afterClosed());
    if (!created) return;
    this.page.set(1);
    this.list.reload();
    this.changed.emit(created);
    this.snack.open(this.i18n.t('serviceLog.logged'), undefined, { duration: 4000 });
  }

  protected async resolve(e: ServiceEventResponse): Promise<void> {
    const ref = this.dialog.open<ServiceEventResolveDialog, ServiceEventResponse, ResolveResult>(
      ServiceEventResolveDialog,
      { data: e, autoFocus: 'first-tabbable' },
    );
    const result = await firstValueFrom(ref.afterClosed());
    if (!result) return;
    this.list.reload();
    this.changed.emit(result.event);
    const text = !result.reloaded
      ? 'serviceLog.resolved'
      : result.event.resolvedAt
        ? 'serviceEvent.alreadyResolved'
        : null;
    if (text) this.snack.open(this.i18n.t(text), undefined, { duration: 4000 });
  }
}
