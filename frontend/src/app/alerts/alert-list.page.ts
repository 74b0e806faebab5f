import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { AlertSeverity, AlertType, type AlertResponse } from '@radfleet/shared';
import { I18nService } from '../core/i18n/i18n.service';
import { LoadStateComponent } from '../core/ui/load-state.component';
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

/** Alerts from the scheduled checks: open or resolved, by type, paged; the state lives in the URL. */
@Component({
  selector: 'rf-alert-list-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatIconModule,
    MatPaginatorModule,
    MatSelectModule,
    LoadStateComponent,
  ],
  template: `
    <section class="rf-page">
      <h1>{{ i18n.t('alerts.title') }}</h1>
      <div class="filters" role="search">
        <mat-button-toggle-group
          [value]="filter().open ? 'open' : 'resolved'"
          (change)="setQuery({ state: $event.value === 'open' ? null : 'resolved' })"
          [attr.aria-label]="i18n.t('alerts.state')"
          hideSingleSelectionIndicator
          data-testid="alerts-state"
        >
          <mat-button-toggle value="open">{{ i18n.t('alerts.openState') }}</mat-button-toggle>
          <mat-button-toggle value="resolved">{{
            i18n.t('alerts.resolvedState')
          }}</mat-button-toggle>
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
            <li [attr.data-severity]="r.alert.severity" [attr.data-type]="r.alert.type">
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
                </div>
                <p class="text" data-testid="alert-text">{{ r.text }}</p>
                <div class="links">
                  @if (r.alert.deviceId) {
                    <a mat-button [routerLink]="['/devices', r.alert.deviceId]">
                      <mat-icon>inventory_2</mat-icon> {{ i18n.t('alerts.openDevice') }}
                      {{ r.alert.params['inventoryNumber'] ?? '' }}
                    </a>
                  }
                  @if (r.alert.contractId) {
                    <a mat-button [routerLink]="['/contracts', r.alert.contractId]">
                      <mat-icon>handshake</mat-icon> {{ i18n.t('alerts.openContract') }}
                      {{ r.alert.params['number'] ?? '' }}
                    </a>
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
      min-width: 240px;
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
    .links {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
      margin-left: -12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AlertListPage {
  protected readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly api = inject(AlertsApi);

  readonly page = input<string>();
  readonly pageSize = input<string>();
  readonly type = input<string>();
  /** `resolved` shows resolved alerts; open ones otherwise. */
  readonly state = input<string>();

  protected readonly types = Object.values(AlertType);
  protected readonly filter = computed<AlertFilter>(() => ({
    page: Number(this.page() ?? 1) || 1,
    pageSize: Number(this.pageSize() ?? 25) || 25,
    type: this.type(),
    open: this.state() !== 'resolved',
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

  protected setQuery(patch: Record<string, string | number | null>, resetPage = true): void {
    void this.router.navigate([], {
      queryParams: { ...patch, ...(resetPage ? { page: null } : {}) },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected onPage(e: PageEvent): void {
    this.setQuery({ page: e.pageIndex + 1, pageSize: e.pageSize }, false);
  }
}
