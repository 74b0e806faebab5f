import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatMenuModule } from '@angular/material/menu';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import {
  AlertSeverity,
  AlertStatus,
  AlertType,
  District,
  Permission,
  Role,
  type AlertAssigneeResponse,
  type AlertResponse,
} from '@radfleet/shared';
import { AuthStore } from '../auth';
import { problemOf } from '../core/http/problem';
import { I18nService } from '../core/i18n/i18n.service';
import { LoadStateComponent } from '../core/ui/load-state.component';
import { UrlListPage } from '../core/ui/url-list-page';
import { alertText } from './alert-text';
import { AlertsApi, type AlertFilter } from './alerts.api';

const SEVERITY_ICON: Record<AlertSeverity, string> = {
  [AlertSeverity.CRITICAL]: 'error',
  [AlertSeverity.WARNING]: 'warning',
  [AlertSeverity.INFO]: 'info',
};

interface AlertRow {
  alert: AlertResponse;
  text: string;
  icon: string;
}

/**
 * Alert triage: open, acknowledged or resolved alerts, by kind, district and facility (a facility
 * manager sees their own facilities' only), paged; the filters live in the URL. An alert is
 * acknowledged with a comment, taken back, or assigned.
 */
@Component({
  selector: 'rf-alert-list-page',
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatMenuModule,
    MatPaginatorModule,
    MatSelectModule,
    LoadStateComponent,
  ],
  template: `
    <section class="rf-page">
      <h1>{{ i18n.t('alerts.title') }}</h1>
      <div class="filters" role="search">
        <mat-button-toggle-group
          [value]="filter().status"
          (change)="setQuery({ status: $event.value === 'OPEN' ? null : $event.value })"
          [attr.aria-label]="i18n.t('alerts.state')"
          hideSingleSelectionIndicator
          data-testid="alerts-state"
        >
          @for (s of statuses; track s) {
            <mat-button-toggle [value]="s" [attr.data-status]="s">{{
              i18n.label('alertStatus', s)
            }}</mat-button-toggle>
          }
        </mat-button-toggle-group>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ i18n.t('alerts.type') }}</mat-label>
          <mat-select
            [value]="type() ?? ''"
            (selectionChange)="setQuery({ type: $event.value || null })"
            data-testid="alerts-type"
          >
            <mat-option value="">{{ i18n.t('common.all') }}</mat-option>
            @for (t of types; track t) {
              <mat-option [value]="t">{{ i18n.label('alertType', t) }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        @if (!scoped()) {
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ i18n.t('alerts.district') }}</mat-label>
            <mat-select
              [value]="district() ?? ''"
              (selectionChange)="setQuery({ district: $event.value || null })"
              data-testid="alerts-district"
            >
              <mat-option value="">{{ i18n.t('common.all') }}</mat-option>
              @for (d of districts; track d) {
                <mat-option [value]="d">{{ i18n.district(d) }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        }
        @if (facilityId() || assigneeId()) {
          <mat-chip-set [attr.aria-label]="i18n.t('alerts.moreFilters')">
            @if (facilityId()) {
              <mat-chip (removed)="setQuery({ facilityId: null })" data-testid="alerts-facility-chip">
                {{ i18n.t('alerts.oneFacility') }}
                <button matChipRemove [attr.aria-label]="i18n.t('alerts.clearFilter')">
                  <mat-icon>cancel</mat-icon>
                </button>
              </mat-chip>
            }
            @if (assigneeId()) {
              <mat-chip (removed)="setQuery({ assigneeId: null })">
                {{ i18n.t('alerts.assignedFilter') }}
                <button matChipRemove [attr.aria-label]="i18n.t('alerts.clearFilter')">
                  <mat-icon>cancel</mat-icon>
                </button>
              </mat-chip>
            }
          </mat-chip-set>
        }
        @if (me(); as id) {
          <button
            mat-stroked-button
            type="button"
            (click)="setQuery({ assigneeId: assigneeId() ? null : id })"
            [attr.aria-pressed]="!!assigneeId()"
          >
            <mat-icon>person</mat-icon> {{ i18n.t('alerts.mine') }}
          </button>
        }
        <span class="total" data-testid="alerts-total">{{
          i18n.t('alerts.count', { n: total() })
        }}</span>
      </div>

      <rf-load-state
        [loading]="list.isLoading()"
        [error]="list.status() === 'error'"
        [empty]="list.hasValue() && rows().length === 0"
        [emptyText]="i18n.t('alerts.empty')"
        (retry)="list.reload()"
      />

      @if (rows().length > 0) {
        <ul class="alerts" data-testid="alert-list" [attr.aria-label]="i18n.t('alerts.title')">
          @for (r of rows(); track r.alert.id) {
            <li
              [attr.data-severity]="r.alert.severity"
              [attr.data-type]="r.alert.type"
              [attr.data-status]="r.alert.status"
              data-testid="alert-item"
            >
              <mat-icon
                class="sev"
                [attr.aria-label]="i18n.label('alertSeverity', r.alert.severity)"
                >{{ r.icon }}</mat-icon
              >
              <div class="body">
                <div class="meta">
                  <strong>{{ i18n.label('alertType', r.alert.type) }}</strong>
                  <span>{{ i18n.t('alerts.raisedAt') }} {{ i18n.dateTime(r.alert.raisedAt) }}</span>
                  @if (r.alert.resolvedAt) {
                    <span
                      >{{ i18n.t('alerts.resolvedAt') }}
                      {{ i18n.dateTime(r.alert.resolvedAt) }}</span
                    >
                  } @else {
                    <span
                      >{{ i18n.t('alerts.lastSeenAt') }}
                      {{ i18n.dateTime(r.alert.lastSeenAt) }}</span
                    >
                  }
                  @if (r.alert.assignee; as a) {
                    <span data-testid="alert-assignee"
                      >{{ i18n.t('alerts.assignee') }}: {{ a.name }}</span
                    >
                  }
                </div>
                <p class="text" data-testid="alert-text">{{ r.text }}</p>
                @if (r.alert.acknowledgedAt) {
                  <p class="ack" data-testid="alert-ack-note">
                    <mat-icon aria-hidden="true">done</mat-icon>
                    {{
                      i18n.t('alerts.acknowledgedBy', {
                        name: r.alert.acknowledgedBy?.name ?? '—',
                        at: i18n.dateTime(r.alert.acknowledgedAt),
                      })
                    }}: «{{ r.alert.comment }}»
                  </p>
                } @else if (r.alert.comment) {
                  <p class="ack reopened">
                    {{ i18n.t('alerts.reopened') }}: «{{ r.alert.comment }}»
                  </p>
                }
                @if (acking() === r.alert.id) {
                  <form class="ack-form" (ngSubmit)="acknowledge(r.alert)">
                    <mat-form-field appearance="outline" subscriptSizing="dynamic">
                      <mat-label>{{ i18n.t('alerts.comment') }}</mat-label>
                      <textarea
                        matInput
                        name="comment"
                        required
                        maxlength="1000"
                        [ngModel]="comment()"
                        (ngModelChange)="comment.set($event)"
                        data-testid="alert-comment"
                        cdkFocusInitial
                      ></textarea>
                    </mat-form-field>
                    <button
                      mat-flat-button
                      type="submit"
                      [disabled]="!comment().trim() || busy()"
                      data-testid="alert-ack-save"
                    >
                      {{ i18n.t('alerts.acknowledge') }}
                    </button>
                    <button mat-button type="button" (click)="acking.set(null)">
                      {{ i18n.t('common.cancel') }}
                    </button>
                  </form>
                }
                <div class="links">
                  @if (r.alert.deviceId) {
                    <a mat-button [routerLink]="['/devices', r.alert.deviceId]">
                      <mat-icon>inventory_2</mat-icon> {{ i18n.t('alerts.openDevice') }}
                      {{ r.alert.params['inventoryNumber'] ?? '' }}
                    </a>
                  } @else if (r.alert.deviceIds.length > 1 && r.alert.facilityIds.length === 1) {
                    <a
                      mat-button
                      routerLink="/devices"
                      [queryParams]="{ facilityId: r.alert.facilityIds[0] }"
                    >
                      <mat-icon>inventory_2</mat-icon>
                      {{ i18n.t('alerts.devices', { n: r.alert.deviceIds.length }) }}
                    </a>
                  }
                  @if (r.alert.contractId) {
                    <a mat-button [routerLink]="['/contracts', r.alert.contractId]">
                      <mat-icon>handshake</mat-icon> {{ i18n.t('alerts.openContract') }}
                      {{ r.alert.params['number'] ?? '' }}
                    </a>
                  }
                  @if (canTriage() && r.alert.status !== 'RESOLVED') {
                    @if (r.alert.status === 'OPEN') {
                      <button
                        mat-button
                        type="button"
                        (click)="startAck(r.alert.id)"
                        data-testid="alert-ack"
                      >
                        <mat-icon>task_alt</mat-icon> {{ i18n.t('alerts.acknowledge') }}
                      </button>
                    } @else {
                      <button
                        mat-button
                        type="button"
                        (click)="reopen(r.alert)"
                        [disabled]="busy()"
                        data-testid="alert-reopen"
                      >
                        <mat-icon>undo</mat-icon> {{ i18n.t('alerts.unacknowledge') }}
                      </button>
                    }
                    <button
                      mat-button
                      type="button"
                      [matMenuTriggerFor]="assignMenu"
                      (menuOpened)="loadAssignees(r.alert.id)"
                      data-testid="alert-assign"
                    >
                      <mat-icon>person_add</mat-icon> {{ i18n.t('alerts.assign') }}
                    </button>
                    <mat-menu #assignMenu="matMenu">
                      @for (u of assignees(); track u.id) {
                        <button mat-menu-item type="button" (click)="assign(r.alert, u.id)">
                          {{ u.name }} · {{ i18n.label('role', u.role) }}
                        </button>
                      } @empty {
                        <div mat-menu-item disabled>{{ i18n.t('common.loading') }}</div>
                      }
                      @if (r.alert.assignee) {
                        <button mat-menu-item type="button" (click)="assign(r.alert, null)">
                          <mat-icon>person_remove</mat-icon>{{ i18n.t('alerts.unassign') }}
                        </button>
                      }
                    </mat-menu>
                  }
                </div>
              </div>
            </li>
          }
        </ul>
      }
      <mat-paginator
        [length]="total()"
        [pageIndex]="filter().page - 1"
        [pageSize]="filter().pageSize"
        [pageSizeOptions]="[25, 50, 100]"
        (page)="onPage($event)"
        showFirstLastButtons
      />
    </section>
  `,
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 12px 16px;
      align-items: center;
      margin-bottom: 12px;
    }
    .filters mat-form-field {
      min-width: 220px;
    }
    .total {
      color: var(--mat-sys-on-surface-variant);
    }
    .alerts {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      display: flex;
      gap: 12px;
      padding: 12px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .sev {
      flex: none;
      color: var(--mat-sys-on-surface-variant);
    }
    li[data-severity='CRITICAL'] .sev {
      color: var(--mat-sys-error);
    }
    li[data-severity='WARNING'] .sev {
      color: #b45309;
    }
    .body {
      min-width: 0;
      flex: 1;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      font-size: 13px;
      color: var(--mat-sys-on-surface-variant);
    }
    .meta strong {
      color: var(--mat-sys-on-surface);
    }
    .text {
      margin: 4px 0;
      overflow-wrap: anywhere;
    }
    .ack {
      display: flex;
      gap: 6px;
      align-items: center;
      margin: 4px 0;
      font-size: 13px;
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
    }
    .ack-form {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
      margin: 8px 0;
    }
    .ack-form mat-form-field {
      flex: 1;
      min-width: 240px;
    }
    .links {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
      margin-left: -12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AlertListPage extends UrlListPage {
  protected readonly i18n = inject(I18nService);
  private readonly api = inject(AlertsApi);
  private readonly auth = inject(AuthStore);
  private readonly snack = inject(MatSnackBar);
  protected readonly defaultSort = '';

  readonly type = input<string>();
  /** OPEN (the default), ACKNOWLEDGED or RESOLVED. */
  readonly status = input<string>();
  readonly district = input<string>();
  readonly facilityId = input<string>();
  readonly assigneeId = input<string>();

  protected readonly types = Object.values(AlertType);
  protected readonly statuses = Object.values(AlertStatus);
  protected readonly districts = Object.values(District);
  protected readonly scoped = computed(() => this.auth.user()?.role === Role.FACILITY_MANAGER);
  protected readonly canTriage = computed(() => this.auth.can(Permission.ALERT_TRIAGE));
  protected readonly me = computed(() => (this.canTriage() ? this.auth.user()?.id : undefined));

  protected readonly filter = computed<AlertFilter>(() => ({
    page: this.pageNumber(),
    pageSize: Number(this.pageSize() ?? 25) || 25,
    type: this.type(),
    status: this.statuses.includes(this.status() as AlertStatus)
      ? this.status()!
      : AlertStatus.OPEN,
    district: this.district(),
    facilityId: this.facilityId(),
    assigneeId: this.assigneeId(),
  }));
  protected readonly list = this.api.listResource(this.filter);
  protected readonly rows = computed<AlertRow[]>(() =>
    this.list.hasValue()
      ? this.list.value().items.map((alert) => ({
          alert,
          text: alertText(this.i18n, alert),
          icon: SEVERITY_ICON[alert.severity] ?? 'info',
        }))
      : [],
  );
  protected readonly total = computed(() => (this.list.hasValue() ? this.list.value().total : 0));

  protected readonly acking = signal<string | null>(null);
  protected readonly comment = signal('');
  protected readonly busy = signal(false);
  protected readonly assignees = signal<AlertAssigneeResponse[]>([]);

  protected startAck(id: string): void {
    this.comment.set('');
    this.acking.set(id);
  }

  protected async acknowledge(alert: AlertResponse): Promise<void> {
    const ok = await this.save(alert, { acknowledged: true, comment: this.comment().trim() });
    if (ok) {
      this.acking.set(null);
      this.snack.open(this.i18n.t('alerts.acknowledged'), undefined, { duration: 4000 });
    }
  }

  protected reopen(alert: AlertResponse): Promise<boolean> {
    return this.save(alert, { acknowledged: false });
  }

  protected async loadAssignees(id: string): Promise<void> {
    this.assignees.set([]);
    try {
      this.assignees.set(await this.api.assignees(id));
    } catch (e) {
      this.snack.open(problemOf(e).detail ?? this.i18n.t('common.error'), undefined, {
        duration: 6000,
      });
    }
  }

  protected assign(alert: AlertResponse, assigneeId: string | null): Promise<boolean> {
    return this.save(alert, { assigneeId });
  }

  private async save(
    alert: AlertResponse,
    change: { acknowledged?: boolean; comment?: string; assigneeId?: string | null },
  ): Promise<boolean> {
    this.busy.set(true);
    try {
      await this.api.update(alert.id, { ...change, version: alert.version });
      return true;
    } catch (e) {
      const p = problemOf(e);
      this.snack.open(
        p.status === 409 ? this.i18n.t('common.conflict') : (p.detail ?? this.i18n.t('common.error')),
        undefined,
        { duration: 6000 },
      );
      if (p.status === 409) this.list.reload();
      return false;
    } finally {
      this.busy.set(false);
    }
  }
}
