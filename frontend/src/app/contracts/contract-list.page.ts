import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { ContractStatus, ContractType, Permission } from '@radfleet/shared';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { firstValueFrom } from 'rxjs';
import { AuthStore } from '../auth';
import { I18nService } from '../core/i18n/i18n.service';
import { LoadStateComponent } from '../core/ui/load-state.component';
import { UrlListPage } from '../core/ui/url-list-page';
import { saveFile } from '../core/http/download';
import { ContractsApi, type ContractFilter } from './contracts.api';
import { ContractStatusChipComponent } from './contract-status-chip.component';
import { ContractNewDialog } from './contract-new.dialog';

/** Contracts with server-side paging, sorting and filters; the state lives in the URL. */
@Component({
  selector: 'rf-contract-list-page',
  imports: [
    MatTooltipModule,
    RouterLink,
    MatTableModule,
    MatSortModule,
    MatPaginatorModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatIconModule,
    MatButtonModule,
    LoadStateComponent,
    ContractStatusChipComponent,
  ],
  template: `
    <section class="rf-page">
      <div class="head">
        <h1>{{ i18n.t('contracts.title') }}</h1>
        <span class="spacer"></span>
        @if (canCreate()) {
          <button mat-flat-button type="button" (click)="create()" data-testid="contract-new">
            <mat-icon aria-hidden="true">add</mat-icon> {{ i18n.t('contractNew.open') }}
          </button>
        }
        <button
          mat-stroked-button
          type="button"
          (click)="export()"
          [disabled]="exporting()"
          data-testid="contracts-export"
        >
          <mat-icon aria-hidden="true">download</mat-icon>
          {{ i18n.t(exporting() ? 'contracts.exporting' : 'contracts.export') }}
        </button>
      </div>
      @if (exportFailed()) {
        <p role="alert" class="error">{{ i18n.t('contracts.exportFailed') }}</p>
      }
      <div class="filters" role="search">
        <mat-form-field appearance="outline" class="search" subscriptSizing="dynamic">
          <mat-label>{{ i18n.t('common.search') }}</mat-label>
          <mat-icon matPrefix aria-hidden="true">search</mat-icon>
          <input
            matInput
            #search
            [value]="q() ?? ''"
            [placeholder]="i18n.t('contracts.searchHint')"
            (keyup.enter)="setQuery({ q: search.value.trim() || null })"
            (blur)="setQuery({ q: search.value.trim() || null })"
          />
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ i18n.t('contract.status') }}</mat-label>
          <mat-select
            [value]="status() ?? ''"
            (selectionChange)="setQuery({ status: $event.value || null })"
            data-testid="contracts-status"
          >
            <mat-option value="">{{ i18n.t('common.all') }}</mat-option>
            @for (s of statuses; track s) {
              <mat-option [value]="s">{{ i18n.label('contractStatus', s) }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ i18n.t('contract.type') }}</mat-label>
          <mat-select
            [value]="type() ?? ''"
            (selectionChange)="setQuery({ type: $event.value || null })"
          >
            <mat-option value="">{{ i18n.t('common.all') }}</mat-option>
            @for (ct of types; track ct) {
              <mat-option [value]="ct">{{ i18n.label('contractType', ct) }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ i18n.t('contracts.expiringWithin') }}</mat-label>
          <mat-select
            [value]="expiringWithinDays() ?? ''"
            (selectionChange)="setQuery({ expiringWithinDays: $event.value || null })"
          >
            <mat-option value="">{{ i18n.t('common.all') }}</mat-option>
            @for (d of dayOptions; track d) {
              <mat-option [value]="d">{{ i18n.t('contracts.days', { n: d }) }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <span class="total">{{ i18n.t('contracts.count', { n: total() }) }}</span>
      </div>

      <rf-load-state
        [loading]="list.isLoading()"
        [error]="list.status() === 'error'"
        [empty]="list.hasValue() && rows().length === 0"
        (retry)="list.reload()"
      />

      @if (rows().length > 0) {
        <div
          class="scroll"
          tabindex="0"
          role="region"
          [attr.aria-label]="i18n.t('contracts.title')"
        >
          <table
            mat-table
            [dataSource]="rows()"
            matSort
            [matSortActive]="sortState().active"
            [matSortDirection]="sortState().direction"
            (matSortChange)="onSort($event)"
            data-testid="contract-table"
          >
            <ng-container matColumnDef="number">
              <th
                mat-header-cell
                *matHeaderCellDef
                mat-sort-header
                [matTooltip]="i18n.t('hint.contract.number')"
              >
                {{ i18n.t('contract.number') }}
              </th>
              <td mat-cell *matCellDef="let c">
                <a class="row-link" [routerLink]="['/contracts', c.id]">{{ c.number }}</a>
              </td>
            </ng-container>
            <ng-container matColumnDef="type">
              <th
                mat-header-cell
                *matHeaderCellDef
                mat-sort-header
                [matTooltip]="i18n.t('hint.contract.type')"
              >
                {{ i18n.t('contract.type') }}
              </th>
              <td mat-cell *matCellDef="let c">{{ i18n.label('contractType', c.type) }}</td>
            </ng-container>
            <ng-container matColumnDef="supplier">
              <th
                mat-header-cell
                *matHeaderCellDef
                mat-sort-header
                [matTooltip]="i18n.t('hint.contract.supplier')"
              >
                {{ i18n.t('contract.supplier') }}
              </th>
              <td mat-cell *matCellDef="let c">
                <a class="plain" [routerLink]="['/suppliers', c.supplierId]">{{
                  c.supplierName
                }}</a>
              </td>
            </ng-container>
            <ng-container matColumnDef="status">
              <th
                mat-header-cell
                *matHeaderCellDef
                mat-sort-header
                [matTooltip]="i18n.t('hint.contract.status')"
              >
                {{ i18n.t('contract.status') }}
              </th>
              <td mat-cell *matCellDef="let c"><rf-contract-status-chip [status]="c.status" /></td>
            </ng-container>
            <ng-container matColumnDef="endDate">
              <th
                mat-header-cell
                *matHeaderCellDef
                mat-sort-header
                [matTooltip]="i18n.t('hint.contract.endDate')"
              >
                {{ i18n.t('contract.endDate') }}
              </th>
              <td mat-cell *matCellDef="let c">{{ i18n.date(c.endDate) }}</td>
            </ng-container>
            <ng-container matColumnDef="deviceCount">
              <th
                mat-header-cell
                *matHeaderCellDef
                class="num"
                [matTooltip]="i18n.t('hint.contract.deviceCount')"
              >
                {{ i18n.t('contract.deviceCount') }}
              </th>
              <td mat-cell *matCellDef="let c" class="num">{{ i18n.number(c.deviceCount) }}</td>
            </ng-container>
            <ng-container matColumnDef="value">
              <th
                mat-header-cell
                *matHeaderCellDef
                mat-sort-header
                class="num"
                [matTooltip]="i18n.t('hint.contract.value')"
              >
                {{ i18n.t('contract.value') }}
              </th>
              <td mat-cell *matCellDef="let c" class="num">{{ money(c.value) }}</td>
            </ng-container>
            <ng-container matColumnDef="paid">
              <th
                mat-header-cell
                *matHeaderCellDef
                class="num"
                [matTooltip]="i18n.t('hint.contract.paid')"
              >
                {{ i18n.t('contract.paid') }}
              </th>
              <td mat-cell *matCellDef="let c" class="num">{{ money(c.paid) }}</td>
            </ng-container>
            <ng-container matColumnDef="remaining">
              <th
                mat-header-cell
                *matHeaderCellDef
                class="num"
                [matTooltip]="i18n.t('hint.contract.remaining')"
              >
                {{ i18n.t('contract.remaining') }}
              </th>
              <td mat-cell *matCellDef="let c" class="num">{{ money(c.remaining) }}</td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns; sticky: true"></tr>
            <tr mat-row *matRowDef="let row; columns: columns"></tr>
          </table>
        </div>
      }
      <mat-paginator
        [length]="total()"
        [pageIndex]="filter().page - 1"
        [pageSize]="filter().pageSize"
        [pageSizeOptions]="[25, 50, 100, 200]"
        (page)="onPage($event)"
        showFirstLastButtons
      />
    </section>
  `,
  styles: `
    .head {
      display: flex;
      align-items: center;
      gap: 12px;
      flex-wrap: wrap;
    }
    .spacer {
      flex: 1;
    }
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: center;
    }
    .filters mat-form-field {
      min-width: 180px;
    }
    .search {
      flex: 1 1 260px;
    }
    table {
      width: 100%;
    }
    .scroll {
      overflow-x: auto;
    }
    a.row-link {
      color: inherit;
      font-weight: 500;
      text-decoration: none;
    }
    a.plain {
      color: inherit;
    }
    .num {
      text-align: right;
      white-space: nowrap;
    }
    .total {
      color: var(--mat-sys-on-surface-variant);
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContractListPage extends UrlListPage {
  protected readonly defaultSort = 'endDate';
  protected readonly i18n = inject(I18nService);
  private readonly api = inject(ContractsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snack = inject(MatSnackBar);
  private readonly auth = inject(AuthStore);
  protected readonly canCreate = computed(() => this.auth.can(Permission.CONTRACT_WRITE));

  readonly status = input<string>();
  readonly type = input<string>();
  readonly supplierId = input<string>();
  readonly expiringWithinDays = input<string>();
  readonly q = input<string>();

  protected readonly statuses = Object.values(ContractStatus);
  protected readonly types = Object.values(ContractType);
  protected readonly dayOptions = ['30', '90', '180', '365'];
  protected readonly columns = [
    'number',
    'type',
    'supplier',
    'status',
    'endDate',
    'deviceCount',
    'value',
    'paid',
    'remaining',
  ];
  protected readonly exporting = signal(false);
  protected readonly exportFailed = signal(false);

  protected readonly filter = computed<ContractFilter>(() => ({
    page: this.pageNumber(),
    pageSize: this.pageSizeNumber(),
    sort: this.sortValue(),
    status: this.status(),
    type: this.type(),
    supplierId: this.supplierId(),
    expiringWithinDays: this.expiringWithinDays(),
    q: this.q(),
  }));
  protected readonly list = this.api.listResource(this.filter);
  protected readonly rows = computed(() => (this.list.hasValue() ? this.list.value().items : []));
  protected readonly total = computed(() => (this.list.hasValue() ? this.list.value().total : 0));
  protected money(v: string): string {
    return `${this.i18n.number(Number(v), '1.2-2')} ₽`;
  }

  protected async create(): Promise<void> {
    const ref = this.dialog.open(ContractNewDialog, {
      autoFocus: 'first-tabbable',
      maxWidth: '760px',
    });
    const created = await firstValueFrom(ref.afterClosed());
    if (!created) return;
    this.list.reload();
    this.snack.open(this.i18n.t('contractNew.created', { number: created.number }), undefined, {
      duration: 4000,
    });
  }

  protected async export(): Promise<void> {
    this.exporting.set(true);
    this.exportFailed.set(false);
    try {
      saveFile(await this.api.exportXlsx(this.filter(), this.i18n.language()));
    } catch {
      this.exportFailed.set(true);
    } finally {
      this.exporting.set(false);
    }
  }
}
