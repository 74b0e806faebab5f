import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { District, FacilityType, Permission, type FacilityResponse } from '@radfleet/shared';
import { MatDialog } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { AuthStore } from '../auth';
import { FacilityEditDialog } from './facility-edit.dialog';
import { I18nService } from '../core/i18n/i18n.service';
import { LoadStateComponent } from '../core/ui/load-state.component';
import { UrlListPage } from '../core/ui/url-list-page';
import { sharePercent } from '../core/i18n/format';
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
    MatTooltipModule,
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
    .city {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 8px 24px;
      margin: 4px 0 12px;
    }
    .city .caption {
      color: var(--mat-sys-on-surface-variant);
    }
    .city .kpi {
      display: inline-flex;
      align-items: baseline;
      gap: 8px;
    }
    .city strong {
      font-size: 20px;
    }
    .tip {
      text-decoration: underline dotted;
      text-underline-offset: 3px;
      cursor: help;
    }
    .tip:focus-visible {
      outline: 2px solid var(--mat-sys-primary);
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
export class FacilityListPage extends UrlListPage {
  protected readonly defaultSort = 'code';
  protected readonly i18n = inject(I18nService);
  private readonly dialog = inject(MatDialog);
  private readonly auth = inject(AuthStore);
  protected readonly canCreate = computed(() => this.auth.can(Permission.FACILITY_WRITE));
  private readonly api = inject(FacilitiesApi);

  // Filters in the URL, bound by the router (paging and sorting: UrlListPage).
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
    page: this.pageNumber(),
    pageSize: this.pageSizeNumber(),
    sort: this.sortValue(),
    district: this.district(),
    type: this.type(),
    q: this.q(),
  }));
  protected readonly list = this.api.listResource(this.filter);
  protected readonly rows = computed(() => (this.list.hasValue() ? this.list.value().items : []));
  protected readonly total = computed(() => (this.list.hasValue() ? this.list.value().total : 0));
  /** The city's installed base today (README "Glossary"). */
  protected readonly totals = this.api.totalsResource();
  /** Digital share, 0..1, as the product shows it everywhere. */
  protected percent(share: number | null): string {
    return sharePercent(this.i18n, share);
  }

  protected async create(): Promise<void> {
    const ref = this.dialog.open(FacilityEditDialog, { data: null, autoFocus: 'first-tabbable' });
    const saved = (await firstValueFrom(ref.afterClosed())) as FacilityResponse | undefined;
    if (saved) await this.router.navigate(['/facilities', saved.id]);
  }

  protected onSearch(value: string): void {
    this.setQuery({ q: value.trim() || null });
  }
}
