import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { Permission, type FacilityDetailResponse } from '@radfleet/shared';
import { AuthStore } from '../auth';
import { I18nService } from '../core/i18n/i18n.service';
import { LoadStateComponent } from '../core/ui/load-state.component';
import {
  DEFAULT_DEVICE_SORT,
  type DeviceFilter,
  DeviceTableComponent,
  type DeviceColumn,
  DevicesApi,
  ModalityShareChartComponent,
} from '../devices';
import { sharePercent } from '../core/i18n/format';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ServiceLogComponent } from '../service-events';
import { FacilitiesApi } from './facilities.api';
import { FacilityEditDialog } from './facility-edit.dialog';
import { MatDialog } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';

const FACILITY_DEVICE_COLUMNS: readonly DeviceColumn[] = [
  'inventoryNumber',
  'modality',
  'manufacturer',
  'status',
  'commissioningDate',
  'age',
  'remainingLifeMonths',
];

@Component({
  selector: 'rf-facility-page',
  imports: [
    RouterLink,
    MatCardModule,
    MatButtonModule,
    MatIconModule,
    MatTooltipModule,
    MatPaginatorModule,
    MatProgressBarModule,
    LoadStateComponent,
    DeviceTableComponent,
    ModalityShareChartComponent,
    ServiceLogComponent,
  ],
  template: `
    <section class="rf-page">
      <a mat-button routerLink="/facilities"
        ><mat-icon>arrow_back</mat-icon> {{ i18n.t('nav.facilities') }}</a
      >
      <rf-load-state
        [loading]="facility.isLoading()"
        [error]="failed()"
        (retry)="facility.reload()"
      />
      @if (notFound()) {
        <p role="alert">{{ i18n.t('facilities.notFound') }}</p>
      }
      @if (detail(); as f) {
        <div class="title-row">
          <h1 data-testid="facility-name">{{ f.name }}</h1>
          @if (canEdit()) {
            <button mat-stroked-button type="button" (click)="edit()" data-testid="facility-edit">
              <mat-icon>edit</mat-icon> {{ i18n.t('common.edit') }}
            </button>
          }
        </div>
        <mat-card appearance="outlined">
          <mat-card-content>
            <dl class="facts">
              <div>
                <dt>{{ i18n.t('facilities.code') }}</dt>
                <dd>{{ f.code }}</dd>
              </div>
              <div>
                <dt>{{ i18n.t('facilities.shortName') }}</dt>
                <dd>{{ f.shortName }}</dd>
              </div>
              <div>
                <dt>{{ i18n.t('facilities.type') }}</dt>
                <dd>{{ i18n.label('facilityType', f.type) }}</dd>
              </div>
              <div>
                <dt>{{ i18n.t('facilities.district') }}</dt>
                <dd>{{ i18n.district(f.district) }}</dd>
              </div>
              <div>
                <dt>{{ i18n.t('facilities.address') }}</dt>
                <dd>{{ f.address || '—' }}</dd>
              </div>
              <div>
                <dt>
                  <span class="tip" tabindex="0" [matTooltip]="i18n.t('glossary.deviceCount')">{{
                    i18n.t('facility.deviceCount')
                  }}</span>
                </dt>
                <dd class="figure" data-testid="facility-device-count">
                  {{ i18n.number(f.deviceCount) }}
                </dd>
              </div>
              <div>
                <dt>
                  <span class="tip" tabindex="0" [matTooltip]="i18n.t('glossary.digitalShare')">{{
                    i18n.t('facility.digitalShare')
                  }}</span>
                </dt>
                <dd class="figure" data-testid="facility-digital-share">
                  {{ percent(f.digitalShare) }}
                </dd>
              </div>
            </dl>
          </mat-card-content>
        </mat-card>

        <h2>{{ i18n.t('facility.chartTitle') }}</h2>
        @if (f.modalityBreakdown.length) {
          @defer (on viewport) {
            <rf-modality-share-chart [breakdown]="f.modalityBreakdown" />
          } @placeholder {
            <div class="chart-placeholder"></div>
          } @loading {
            <mat-progress-bar mode="indeterminate" [attr.aria-label]="i18n.t('common.loading')" />
          }
        } @else {
          <p class="muted">{{ i18n.t('facility.noDevices') }}</p>
        }

        <div class="devices-head">
          <h2>{{ i18n.t('devices.title') }}</h2>
          <div class="actions">
            <a
              mat-button
              routerLink="/devices"
              [queryParams]="{ facilityId: f.id }"
              data-testid="facility-open-registry"
            >
              <mat-icon>open_in_new</mat-icon> {{ i18n.t('facility.openInRegistry') }}
            </a>
            @if (canAdd()) {
              <a
                mat-stroked-button
                routerLink="/devices/new"
                [queryParams]="{ facilityId: f.id }"
                data-testid="facility-add-device"
              >
                <mat-icon>add</mat-icon> {{ i18n.t('devices.new') }}
              </a>
            }
          </div>
        </div>
        <rf-load-state
          [loading]="devices.isLoading()"
          [error]="devices.status() === 'error'"
          [empty]="devices.hasValue() && deviceRows().length === 0"
          [emptyText]="i18n.t('facility.noDevices')"
          (retry)="devices.reload()"
        />
        @if (deviceRows().length > 0) {
          <rf-device-table
            [devices]="deviceRows()"
            [sort]="deviceFilter()!.sort"
            [columns]="columns"
            [caption]="i18n.t('facility.devicesOf', { name: f.shortName })"
            (sortChange)="onSort($event)"
          />
        }
        @if (deviceTotal() > pageSize) {
          <mat-paginator
            [length]="deviceTotal()"
            [pageIndex]="page() - 1"
            [pageSize]="pageSize"
            [hidePageSize]="true"
            (page)="onPage($event)"
          />
        }

        <h2>{{ i18n.t('serviceLog.title') }}</h2>
        @defer (on viewport) {
          <rf-service-log [facilityId]="f.id" (changed)="devices.reload()" />
        } @placeholder {
          <div class="log-placeholder"></div>
        } @loading {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="i18n.t('common.loading')" />
        }
      }
    </section>
  `,
  styles: `
    .facts {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
      gap: 16px;
      margin: 0;
    }
    .tip {
      text-decoration: underline dotted;
      text-underline-offset: 3px;
      cursor: help;
    }
    dt {
      font-size: 12px;
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 4px 0 0;
    }
    dd.figure {
      font-size: 22px;
      font-weight: 500;
    }
    h2 {
      margin: 28px 0 12px;
      font-size: 20px;
    }
    .devices-head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
    }
    .devices-head h2 {
      margin-bottom: 8px;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .chart-placeholder {
      height: 220px;
    }
    .log-placeholder {
      height: 120px;
    }
    .title-row {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 12px;
      flex-wrap: wrap;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FacilityPage {
  protected readonly i18n = inject(I18nService);
  private readonly auth = inject(AuthStore);
  readonly id = input.required<string>();
  protected readonly facility = inject(FacilitiesApi).oneResource(this.id);
  protected readonly detail = computed<FacilityDetailResponse | undefined>(() =>
    this.facility.hasValue() ? this.facility.value() : undefined,
  );
  protected readonly canEdit = computed(() => this.auth.can(Permission.FACILITY_WRITE));
  private readonly dialog = inject(MatDialog);

  protected async edit(): Promise<void> {
    const ref = this.dialog.open(FacilityEditDialog, {
      data: this.detail() ?? null,
      autoFocus: 'first-tabbable',
    });
    if (await firstValueFrom(ref.afterClosed())) this.facility.reload();
  }
  private readonly status = computed(() => {
    const e = this.facility.error() as { status?: number } | undefined;
    return e?.status;
  });
  protected readonly notFound = computed(() => this.status() === 404 || this.status() === 400);
  protected readonly failed = computed(
    () => this.facility.status() === 'error' && !this.notFound(),
  );
  protected readonly canAdd = computed(() =>
    this.auth.canWriteIn(Permission.DEVICE_WRITE, this.id()),
  );

  protected readonly columns = FACILITY_DEVICE_COLUMNS;
  protected readonly pageSize = 25;
  protected readonly page = signal(1);
  private readonly sort = signal(DEFAULT_DEVICE_SORT);
  protected readonly deviceFilter = computed<DeviceFilter | undefined>(() =>
    this.detail()
      ? {
          page: this.page(),
          pageSize: this.pageSize,
          sort: this.sort(),
          facilityId: [this.id()],
          modality: [],
          status: [],
          district: [],
        }
      : undefined,
  );
  protected readonly devices = inject(DevicesApi).listResource(this.deviceFilter);
  protected readonly deviceRows = computed(() =>
    this.devices.hasValue() ? this.devices.value().items : [],
  );
  protected readonly deviceTotal = computed(() =>
    this.devices.hasValue() ? this.devices.value().total : 0,
  );

  protected percent(share: number | null): string {
    return sharePercent(this.i18n, share);
  }

  protected onSort(sort: string | null): void {
    this.sort.set(sort ?? DEFAULT_DEVICE_SORT);
    this.page.set(1);
  }

  protected onPage(e: PageEvent): void {
    this.page.set(e.pageIndex + 1);
  }
}
