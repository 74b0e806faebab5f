import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import type { DeviceResponse } from '@radfleet/shared';
import { I18nService } from '../core/i18n/i18n.service';
import { sortParam, sortState } from './device-filter';
import { remainingLifeText } from './device-format';
import { DeviceStatusChipComponent } from './device-status-chip.component';

export type DeviceColumn =
  | 'inventoryNumber'
  | 'modality'
  | 'manufacturer'
  | 'model'
  | 'technology'
  | 'facility'
  | 'district'
  | 'status'
  | 'commissioningDate'
  | 'age'
  | 'endOfLifeDate'
  | 'remainingLifeMonths';

/** The registry's columns: manufacturer and model share a cell, analogue devices are tagged under the modality. */
export const DEFAULT_DEVICE_COLUMNS: readonly DeviceColumn[] = [
  'inventoryNumber',
  'modality',
  'manufacturer',
  'facility',
  'status',
  'commissioningDate',
  'age',
  'remainingLifeMonths',
];

/** A page of devices as a sortable table; the device list and the facility page share it. */
@Component({
  selector: 'rf-device-table',
  imports: [
    RouterLink,
    MatTableModule,
    MatSortModule,
    MatIconModule,
    MatTooltipModule,
    DeviceStatusChipComponent,
  ],
  template: `
    <div class="scroll" tabindex="0" role="region" [attr.aria-label]="caption()">
      <table
        mat-table
        [dataSource]="devices()"
        matSort
        [matSortActive]="state().active"
        [matSortDirection]="state().direction"
        (matSortChange)="onSort($event)"
        data-testid="device-table"
      >
        <caption class="visually-hidden">
          {{
            caption()
          }}
        </caption>
        <ng-container matColumnDef="inventoryNumber">
          <th
            mat-header-cell
            *matHeaderCellDef
            mat-sort-header
            [matTooltip]="i18n.t('tip.inventoryNumber')"
          >
            {{ i18n.t('device.inventoryNumber') }}
          </th>
          <td mat-cell *matCellDef="let d">
            <a class="row-link" [routerLink]="['/devices', d.id]" data-testid="device-link">{{
              d.inventoryNumber
            }}</a>
          </td>
        </ng-container>
        <ng-container matColumnDef="modality">
          <th
            mat-header-cell
            *matHeaderCellDef
            mat-sort-header
            [matTooltip]="i18n.t('tip.modality')"
          >
            {{ i18n.t('device.modality') }}
          </th>
          <td mat-cell *matCellDef="let d">
            <span class="main">{{ i18n.label('modality', d.modality) }}</span>
            @if (d.technology === 'ANALOGUE') {
              <span class="tag">{{ i18n.label('technology', d.technology) }}</span>
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="manufacturer">
          <th
            mat-header-cell
            *matHeaderCellDef
            mat-sort-header
            [matTooltip]="i18n.t('tip.makeModel')"
          >
            {{ i18n.t('devices.makeModel') }}
          </th>
          <td mat-cell *matCellDef="let d" class="wrap">
            <span class="main">{{ d.manufacturer }}</span>
            <span class="sub">{{ d.model }}</span>
          </td>
        </ng-container>
        <ng-container matColumnDef="model">
          <th mat-header-cell *matHeaderCellDef mat-sort-header [matTooltip]="i18n.t('tip.model')">
            {{ i18n.t('device.model') }}
          </th>
          <td mat-cell *matCellDef="let d">{{ d.model }}</td>
        </ng-container>
        <ng-container matColumnDef="technology">
          <th
            mat-header-cell
            *matHeaderCellDef
            mat-sort-header
            [matTooltip]="i18n.t('tip.technology')"
          >
            {{ i18n.t('device.technology') }}
          </th>
          <td mat-cell *matCellDef="let d">{{ i18n.label('technology', d.technology) }}</td>
        </ng-container>
        <ng-container matColumnDef="facility">
          <th
            mat-header-cell
            *matHeaderCellDef
            mat-sort-header
            [matTooltip]="i18n.t('tip.facility')"
          >
            {{ i18n.t('device.facilityId') }}
          </th>
          <td mat-cell *matCellDef="let d" class="wrap facility">
            <a class="main sub-link" [routerLink]="['/facilities', d.facilityId]">{{
              d.facilityCode
            }}</a>
            <span class="sub">{{ d.facilityName }}</span>
          </td>
        </ng-container>
        <ng-container matColumnDef="district">
          <th
            mat-header-cell
            *matHeaderCellDef
            mat-sort-header
            [matTooltip]="i18n.t('tip.district')"
          >
            {{ i18n.t('device.district') }}
          </th>
          <td mat-cell *matCellDef="let d">{{ i18n.district(d.district) }}</td>
        </ng-container>
        <ng-container matColumnDef="status">
          <th mat-header-cell *matHeaderCellDef mat-sort-header [matTooltip]="i18n.t('tip.status')">
            {{ i18n.t('device.status') }}
          </th>
          <td mat-cell *matCellDef="let d"><rf-device-status-chip [status]="d.status" /></td>
        </ng-container>
        <ng-container matColumnDef="commissioningDate">
          <th
            mat-header-cell
            *matHeaderCellDef
            mat-sort-header
            [matTooltip]="i18n.t('glossary.serviceStart')"
          >
            {{ i18n.t('device.commissioningDate') }}
          </th>
          <td mat-cell *matCellDef="let d" class="num">{{ i18n.date(d.commissioningDate) }}</td>
        </ng-container>
        <ng-container matColumnDef="age">
          <th
            mat-header-cell
            *matHeaderCellDef
            mat-sort-header
            [matTooltip]="i18n.t('glossary.age')"
            arrowPosition="before"
            class="num"
          >
            {{ i18n.t('device.age') }}
          </th>
          <td mat-cell *matCellDef="let d" class="num">
            {{ d.age === null ? i18n.t('device.noData') : i18n.number(d.age) }}
          </td>
        </ng-container>
        <ng-container matColumnDef="endOfLifeDate">
          <th
            mat-header-cell
            *matHeaderCellDef
            mat-sort-header
            [matTooltip]="i18n.t('glossary.endOfLife')"
          >
            {{ i18n.t('device.endOfLifeDate') }}
          </th>
          <td mat-cell *matCellDef="let d" class="num">
            {{ d.endOfLifeDate ? i18n.date(d.endOfLifeDate) : i18n.t('device.noData') }}
          </td>
        </ng-container>
        <ng-container matColumnDef="remainingLifeMonths">
          <th
            mat-header-cell
            *matHeaderCellDef
            mat-sort-header
            arrowPosition="before"
            class="num"
            [matTooltip]="i18n.t('glossary.remainingLife')"
          >
            {{ i18n.t('device.remainingLifeMonths') }}
          </th>
          <td mat-cell *matCellDef="let d" class="num" [class.overdue]="d.pastServiceLife">
            @if (d.pastServiceLife) {
              <mat-icon class="small" aria-hidden="true" [matTooltip]="i18n.t('glossary.pastLife')"
                >warning</mat-icon
              >
              <span class="visually-hidden">{{ i18n.t('device.pastServiceLife') }}:</span>
            }
            {{ remaining(d.remainingLifeMonths) }}
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns(); sticky: true"></tr>
        <tr mat-row *matRowDef="let row; columns: columns()"></tr>
      </table>
    </div>
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    .scroll {
      overflow-x: auto;
    }
    .scroll:focus-visible {
      outline: 2px solid var(--mat-sys-primary);
    }
    table {
      width: 100%;
    }
    td,
    th {
      white-space: nowrap;
    }
    th {
      white-space: normal;
    }
    .mat-mdc-cell,
    .mat-mdc-header-cell {
      padding: 6px 8px;
    }
    .mat-mdc-cell:first-of-type,
    .mat-mdc-header-cell:first-of-type {
      padding-left: 16px;
    }
    td.wrap {
      white-space: normal;
      min-width: 140px;
    }
    td.facility {
      min-width: 200px;
      max-width: 320px;
    }
    .main {
      display: block;
    }
    .sub {
      display: block;
      font-size: 12px;
      color: var(--mat-sys-on-surface-variant);
    }
    .tag {
      display: table;
      margin-top: 2px;
      padding: 0 8px;
      border-radius: 10px;
      font-size: 11px;
      line-height: 18px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .num {
      text-align: right;
    }
    tr.mat-mdc-row:hover {
      background: var(--mat-sys-surface-container-low);
    }
    a.row-link {
      color: var(--mat-sys-primary);
      font-weight: 500;
      text-decoration: none;
    }
    a.row-link:hover,
    a.sub-link:hover {
      text-decoration: underline;
    }
    a.sub-link {
      color: inherit;
      font-weight: 500;
      text-decoration: none;
    }
    .overdue {
      color: var(--mat-sys-error);
      font-weight: 500;
    }
    .small {
      font-size: 18px;
      width: 18px;
      height: 18px;
      vertical-align: text-bottom;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeviceTableComponent {
  protected readonly i18n = inject(I18nService);
  readonly devices = input.required<readonly DeviceResponse[]>();
  /** `field` or `-field`. */
  readonly sort = input.required<string>();
  readonly columns = input<readonly DeviceColumn[]>(DEFAULT_DEVICE_COLUMNS);
  readonly caption = input<string>('');
  /** The new `sort` parameter, or null for the default order. */
  readonly sortChange = output<string | null>();
  protected readonly state = computed(() => sortState(this.sort()));

  protected remaining(months: number | null): string {
    return remainingLifeText(this.i18n, months);
  }

  protected onSort(s: Sort): void {
    this.sortChange.emit(sortParam(s.active, s.direction));
  }
}
