import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import { District, FacilityType, Permission, type FacilityResponse } from '@radfleet/shared';
import { MatDialog } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { AuthStore } from '../auth/auth.store';
import { FacilityEditDialog } from './facility-edit.dialog';
import { I18nService } from '../core/i18n/i18n.service';
import { LoadStateComponent } from '../core/ui/load-state.component';
import { FacilitiesApi, type FacilityFilter } from './facilities.api';

/** Facilities with server-side paging, sorting and filters; the state lives in the URL. */
@Component({
  selector: 'rf-facility-list-page',
  imports: [
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
  ],
  templateUrl: './facility-list.page.html',
  styles: `
    .title-row {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 12px;
      flex-wrap: wrap;
    }
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: center;
    }
    .filters mat-form-field {
      min-width: 200px;
    }
    .search {
      flex: 1 1 280px;
    }
    table {
      width: 100%;
    }
    tr.mat-mdc-row:hover {
      background: var(--mat-sys-surface-container-low);
    }
    a.row-link {
      color: inherit;
      text-decoration: none;
      font-weight: 500;
    }
    a.row-link:focus-visible {
      outline: 2px solid var(--mat-sys-primary);
    }
    .total {
      color: var(--mat-sys-on-surface-variant);
    }
    .scroll {
      overflow-x: auto;
    }
    td.mat-column-code {
      white-space: nowrap;
    }
    .mat-mdc-cell,
    .mat-mdc-header-cell {
      padding: 6px 8px;
    }
    .mat-mdc-cell:first-of-type,
    .mat-mdc-header-cell:first-of-type {
      padding-left: 16px;
    }
    a.count-link {
      color: var(--mat-sys-primary);
      text-decoration: none;
      font-weight: 500;
    }
    a.count-link:hover {
      text-decoration: underline;
    }
    .num {
      text-align: right;
      white-space: nowrap;
    }
    .share {
      display: inline-flex;
      align-items: center;
      gap: 8px;
    }
    .bar {
      display: inline-block;
      width: 48px;
      height: 6px;
      border-radius: 3px;
      background: var(--mat-sys-surface-container-highest);
      overflow: hidden;
    }
    .bar span {
      display: block;
      height: 100%;
      background: var(--mat-sys-primary);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FacilityListPage {
  protected readonly i18n = inject(I18nService);
  private readonly dialog = inject(MatDialog);
  private readonly auth = inject(AuthStore);
  protected readonly canCreate = computed(() => this.auth.can(Permission.FACILITY_WRITE));
  private readonly router = inject(Router);
  private readonly api = inject(FacilitiesApi);

  // Query parameters, bound by the router.
  readonly page = input<string>();
  readonly pageSize = input<string>();
  readonly sort = input<string>();
  readonly district = input<string>();
  readonly type = input<string>();
  readonly q = input<string>();

  protected readonly districts = Object.values(District);
  protected readonly types = Object.values(FacilityType);
  protected readonly columns = [
    'code',
    'shortName',
    'name',
    'type',
    'district',
    'deviceCount',
    'digitalShare',
    'address',
  ];

  protected readonly filter = computed<FacilityFilter>(() => ({
    page: Number(this.page() ?? 1) || 1,
    pageSize: Number(this.pageSize() ?? 50) || 50,
    sort: this.sort() ?? 'code',
    district: this.district(),
    type: this.type(),
    q: this.q(),
  }));
  protected readonly list = this.api.listResource(this.filter);
  protected readonly rows = computed(() => (this.list.hasValue() ? this.list.value().items : []));
  protected readonly total = computed(() => (this.list.hasValue() ? this.list.value().total : 0));
  protected readonly sortState = computed(() => {
    const s = this.filter().sort ?? 'code';
    return {
      active: s.replace(/^-/, ''),
      direction: s.startsWith('-') ? ('desc' as const) : ('asc' as const),
    };
  });

  /** Digital share, 0..1, as a whole percent in the current locale. */
  protected percent(share: number): string {
    return `${this.i18n.number(share * 100, '1.0-0')} %`;
  }

  protected setQuery(patch: Record<string, string | number | null>, resetPage = true): void {
    void this.router.navigate([], {
      queryParams: { ...patch, ...(resetPage ? { page: null } : {}) },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected async create(): Promise<void> {
    const ref = this.dialog.open(FacilityEditDialog, { data: null, autoFocus: 'first-tabbable' });
    const saved = (await firstValueFrom(ref.afterClosed())) as FacilityResponse | undefined;
    if (saved) await this.router.navigate(['/facilities', saved.id]);
  }

  protected onSort(s: Sort): void {
    this.setQuery({ sort: s.direction ? `${s.direction === 'desc' ? '-' : ''}${s.active}` : null });
  }

  protected onPage(e: PageEvent): void {
    this.setQuery({ page: e.pageIndex + 1, pageSize: e.pageSize }, false);
  }

  protected onSearch(value: string): void {
    this.setQuery({ q: value.trim() || null });
  }
}
