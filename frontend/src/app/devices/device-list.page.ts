import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import { DeviceStatus, District, Modality, Permission, Technology } from '@radfleet/shared';
import { AuthStore } from '../auth';
import { problemOf } from '../core/http/problem';
import { I18nService } from '../core/i18n/i18n.service';
import { LoadStateComponent } from '../core/ui/load-state.component';
import { ReferenceApi } from '../core/http/reference.api';
import {
  activeFilterCount,
  CLEARED_FILTERS,
  deviceQueryPatch,
  hasSecondaryFilters,
  parseDeviceFilter,
  type DeviceFilter,
} from './device-filter';
import { DeviceTableComponent } from './device-table.component';
import { saveFile } from '../core/http/download';
import { DevicesApi } from './devices.api';

/** The device registry: server-side paging, sorting and filters, all kept in the URL; export and import. */
@Component({
  selector: 'rf-device-list-page',
  imports: [
    RouterLink,
    MatPaginatorModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatIconModule,
    MatButtonModule,
    MatProgressSpinnerModule,
    LoadStateComponent,
    DeviceTableComponent,
  ],
  templateUrl: './device-list.page.html',
  styleUrl: './device-list.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeviceListPage {
  protected readonly i18n = inject(I18nService);
  protected readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly api = inject(DevicesApi);
  private readonly snack = inject(MatSnackBar);

  // Query parameters, bound by the router.
  readonly page = input<string>();
  readonly pageSize = input<string>();
  readonly sort = input<string>();
  readonly q = input<string>();
  readonly modality = input<string>();
  readonly status = input<string>();
  readonly technology = input<string>();
  readonly district = input<string>();
  readonly facilityId = input<string>();
  readonly ageMin = input<string>();
  readonly ageMax = input<string>();
  readonly overdue = input<string>();
  readonly installed = input<string>();
  readonly archiveConnected = input<string>();

  protected readonly modalities = Object.values(Modality);
  protected readonly statuses = Object.values(DeviceStatus);
  protected readonly technologies = Object.values(Technology);
  protected readonly districts = Object.values(District);
  protected readonly canWrite = computed(() => this.auth.can(Permission.DEVICE_WRITE));

  protected readonly filter = computed<DeviceFilter>(() =>
    parseDeviceFilter({
      page: this.page(),
      pageSize: this.pageSize(),
      sort: this.sort(),
      q: this.q(),
      modality: this.modality(),
      status: this.status(),
      technology: this.technology(),
      district: this.district(),
      facilityId: this.facilityId(),
      ageMin: this.ageMin(),
      ageMax: this.ageMax(),
      overdue: this.overdue(),
      installed: this.installed(),
      archiveConnected: this.archiveConnected(),
    }),
  );
  protected readonly list = this.api.listResource(this.filter);
  protected readonly rows = computed(() => (this.list.hasValue() ? this.list.value().items : []));
  protected readonly total = computed(() => (this.list.hasValue() ? this.list.value().total : 0));
  protected readonly activeFilters = computed(() => activeFilterCount(this.filter()));

  private readonly facilities = inject(ReferenceApi).facilities();
  protected readonly facilityOptions = computed(() =>
    this.facilities.hasValue() ? this.facilities.value().items : [],
  );

  private readonly moreChoice = signal<boolean | null>(null);
  /** "More filters" is open when the user opened it, or when one of its filters is set. */
  protected readonly moreOpen = computed(
    () => this.moreChoice() ?? hasSecondaryFilters(this.filter()),
  );
  protected readonly exporting = signal(false);

  protected setFilter(patch: Partial<DeviceFilter>): void {
    this.navigate({ ...deviceQueryPatch(patch), page: null });
  }

  protected boolParam(value: string): boolean | undefined {
    return value === 'true' ? true : value === 'false' ? false : undefined;
  }

  protected boolOption(value: boolean | undefined): string {
    return value === undefined ? '' : String(value);
  }

  protected ageParam(value: string): number | undefined {
    const n = Number(value);
    return value.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= 100 ? n : undefined;
  }

  protected onSearch(value: string): void {
    if ((value.trim() || undefined) !== this.filter().q)
      this.setFilter({ q: value.trim() || undefined });
  }

  protected onSort(sort: string | null): void {
    this.navigate({ sort, page: null });
  }

  protected onPage(e: PageEvent): void {
    this.navigate({ page: String(e.pageIndex + 1), pageSize: String(e.pageSize) });
  }

  protected clearFilters(): void {
    this.moreChoice.set(null);
    this.navigate(CLEARED_FILTERS);
  }

  protected toggleMore(): void {
    this.moreChoice.set(!this.moreOpen());
  }

  protected async export(): Promise<void> {
    this.exporting.set(true);
    try {
      saveFile(await this.api.exportXlsx(this.filter(), this.i18n.language()));
    } catch (e) {
      const p = problemOf(e);
      this.snack.open(
        `${this.i18n.t('devices.exportFailed')} ${p.status ? `(${p.status})` : ''}`,
        undefined,
        { duration: 6000 },
      );
    } finally {
      this.exporting.set(false);
    }
  }

  private navigate(queryParams: Record<string, string | null>): void {
    void this.router.navigate([], { queryParams, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
