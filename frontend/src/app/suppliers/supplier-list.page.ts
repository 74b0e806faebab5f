import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { I18nService } from '../core/i18n/i18n.service';
import { LoadStateComponent } from '../core/ui/load-state.component';
import { UrlListPage } from '../core/ui/url-list-page';
import { SuppliersApi, type SupplierFilter } from './suppliers.api';

/** Suppliers, paged and searchable by name or INN; the state lives in the URL. */
@Component({
  selector: 'rf-supplier-list-page',
  imports: [
    MatTooltipModule,
    RouterLink,
    MatTableModule,
    MatSortModule,
    MatPaginatorModule,
    MatFormFieldModule,
    MatInputModule,
    MatIconModule,
    LoadStateComponent,
  ],
  template: `
    <section class="rf-page">
      <h1>{{ i18n.t('suppliers.title') }}</h1>
      <div class="filters" role="search">
        <mat-form-field appearance="outline" class="search" subscriptSizing="dynamic">
          <mat-label>{{ i18n.t('common.search') }}</mat-label>
          <mat-icon matPrefix aria-hidden="true">search</mat-icon>
          <input
            matInput
            #search
            [value]="q() ?? ''"
            [placeholder]="i18n.t('suppliers.searchHint')"
            (keyup.enter)="setQuery({ q: search.value.trim() || null })"
            (blur)="setQuery({ q: search.value.trim() || null })"
          />
        </mat-form-field>
        <span class="total">{{ i18n.t('suppliers.count', { n: total() }) }}</span>
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
          [attr.aria-label]="i18n.t('suppliers.title')"
        >
          <table
            mat-table
            [dataSource]="rows()"
            matSort
            [matSortActive]="sortState().active"
            [matSortDirection]="sortState().direction"
            (matSortChange)="onSort($event)"
            data-testid="supplier-table"
          >
            <ng-container matColumnDef="name">
              <th
                mat-header-cell
                *matHeaderCellDef
                mat-sort-header
                [matTooltip]="i18n.t('hint.supplier.name')"
              >
                {{ i18n.t('supplier.name') }}
              </th>
              <td mat-cell *matCellDef="let s">
                <a class="row-link" [routerLink]="['/suppliers', s.id]">{{ s.name }}</a>
              </td>
            </ng-container>
            <ng-container matColumnDef="inn">
              <th
                mat-header-cell
                *matHeaderCellDef
                mat-sort-header
                [matTooltip]="i18n.t('hint.supplier.inn')"
              >
                {{ i18n.t('supplier.inn') }}
              </th>
              <td mat-cell *matCellDef="let s">{{ s.inn }}</td>
            </ng-container>
            <ng-container matColumnDef="kpp">
              <th mat-header-cell *matHeaderCellDef [matTooltip]="i18n.t('hint.supplier.kpp')">
                {{ i18n.t('supplier.kpp') }}
              </th>
              <td mat-cell *matCellDef="let s">{{ s.kpp ?? '—' }}</td>
            </ng-container>
            <ng-container matColumnDef="contactPerson">
              <th
                mat-header-cell
                *matHeaderCellDef
                [matTooltip]="i18n.t('hint.supplier.contactPerson')"
              >
                {{ i18n.t('supplier.contactPerson') }}
              </th>
              <td mat-cell *matCellDef="let s">{{ s.contactPerson ?? '—' }}</td>
            </ng-container>
            <ng-container matColumnDef="phone">
              <th mat-header-cell *matHeaderCellDef [matTooltip]="i18n.t('hint.supplier.phone')">
                {{ i18n.t('supplier.phone') }}
              </th>
              <td mat-cell *matCellDef="let s">{{ s.phone ?? '—' }}</td>
            </ng-container>
            <ng-container matColumnDef="contractCount">
              <th
                mat-header-cell
                *matHeaderCellDef
                class="num"
                [matTooltip]="i18n.t('hint.supplier.contractCount')"
              >
                {{ i18n.t('supplier.contractCount') }}
              </th>
              <td mat-cell *matCellDef="let s" class="num">
                <a routerLink="/contracts" [queryParams]="{ supplierId: s.id }">{{
                  i18n.number(s.contractCount)
                }}</a>
              </td>
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
      gap: 12px;
      align-items: center;
    }
    .search {
      flex: 1 1 280px;
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
    .num {
      text-align: right;
    }
    .total {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SupplierListPage extends UrlListPage {
  protected readonly defaultSort = 'name';
  protected readonly i18n = inject(I18nService);
  readonly q = input<string>();

  protected readonly columns = ['name', 'inn', 'kpp', 'contactPerson', 'phone', 'contractCount'];
  protected readonly filter = computed<SupplierFilter>(() => ({
    page: this.pageNumber(),
    pageSize: this.pageSizeNumber(),
    sort: this.sortValue(),
    q: this.q(),
  }));
  protected readonly list = inject(SuppliersApi).listResource(this.filter);
  protected readonly rows = computed(() => (this.list.hasValue() ? this.list.value().items : []));
  protected readonly total = computed(() => (this.list.hasValue() ? this.list.value().total : 0));
}
