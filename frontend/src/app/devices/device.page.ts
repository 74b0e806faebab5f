import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { Router, RouterLink } from '@angular/router';
import { Permission, Role, type DeviceResponse } from '@radfleet/shared';
import { firstValueFrom } from 'rxjs';
import { AuthStore } from '../auth';
import { I18nService } from '../core/i18n/i18n.service';
import type { MessageKey } from '../core/i18n/messages';
import { LoadStateComponent } from '../core/ui/load-state.component';
import { ReferenceApi } from '../core/http/reference.api';
import { DeviceFormComponent } from './device-form.component';
import { money } from '../core/i18n/format';
import { formatDeviceValue, remainingLifeText, yearsText } from './device-format';
import { MatTooltipModule } from '@angular/material/tooltip';
import { DeviceHistoryComponent } from './device-history.component';
import { DeviceStatusChipComponent } from './device-status-chip.component';
import { DeviceStatusDialog, type DeviceStatusResult } from './device-status.dialog';
import { DevicesApi } from './devices.api';
import { DeviceReplacementComponent } from '../planning';
import { DeviceServiceComponent } from '../service-events';
import { DeviceUtilisationComponent } from '../utilisation';

const TABS = ['details', 'history', 'utilisation', 'service'] as const;

interface DetailRow {
  field: string;
  label: string;
  value: string;
  link?: string[];
  warn?: boolean;
  /** The definition behind the figure (README "Glossary"), shown as a tooltip. */
  tip?: string;
}
interface DetailSection {
  title: MessageKey;
  rows: DetailRow[];
}

/** One device: every field, the edit form, status changes, the history, utilisation and service. */
@Component({
  selector: 'rf-device-page',
  imports: [
    RouterLink,
    MatCardModule,
    MatButtonModule,
    MatIconModule,
    MatTooltipModule,
    MatTabsModule,
    MatProgressBarModule,
    LoadStateComponent,
    DeviceFormComponent,
    DeviceHistoryComponent,
    DeviceStatusChipComponent,
    DeviceUtilisationComponent,
    DeviceServiceComponent,
    DeviceReplacementComponent,
  ],
  templateUrl: './device.page.html',
  styleUrl: './device.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DevicePage {
  protected readonly i18n = inject(I18nService);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly snack = inject(MatSnackBar);
  private readonly api = inject(DevicesApi);

  readonly id = input.required<string>();
  /** `?tab=history|utilisation|service` opens that tab. */
  readonly tab = input<string>();

  protected readonly device = this.api.oneResource(this.id);
  protected readonly tabIndex = computed(() =>
    Math.max(0, TABS.indexOf((this.tab() ?? 'details') as (typeof TABS)[number])),
  );
  protected readonly history = this.api.historyResource(
    computed(() => (this.tabIndex() === 1 ? this.id() : undefined)),
  );
  private readonly facilities = inject(ReferenceApi).facilities();
  protected readonly facilityList = computed(() =>
    this.facilities.hasValue() ? this.facilities.value().items : [],
  );
  protected readonly facilityNames = computed(
    () => new Map(this.facilityList().map((f) => [f.id, `${f.code} — ${f.shortName}`])),
  );
  protected readonly editing = signal(false);

  private readonly httpStatus = computed(
    () => (this.device.error() as { status?: number } | undefined)?.status,
  );
  protected readonly notFound = computed(
    () => this.httpStatus() === 404 || this.httpStatus() === 400,
  );
  protected readonly failed = computed(() => this.device.status() === 'error' && !this.notFound());
  protected readonly canWrite = computed(() => {
    const d = this.device.hasValue() ? this.device.value() : undefined;
    return !!d && this.auth.canWriteIn(Permission.DEVICE_WRITE, d.facilityId);
  });
  /** A facility manager looking at another facility's device. */
  protected readonly outsideScope = computed(
    () =>
      this.device.hasValue() &&
      !this.canWrite() &&
      this.auth.user()?.role === Role.FACILITY_MANAGER,
  );

  /** Every field, grouped as the form groups them, formatted for the current language. */
  protected readonly sections = computed<DetailSection[]>(() => {
    if (!this.device.hasValue()) return [];
    const d = this.device.value();
    const i18n = this.i18n;
    const row = (field: keyof DeviceResponse, extra: Partial<DetailRow> = {}): DetailRow => ({
      field,
      label: i18n.t(`device.${field}` as MessageKey),
      value: formatDeviceValue(i18n, field, d[field], (id) => this.facilityNames().get(id)),
      ...extra,
    });
    const years = (n: number | null) => yearsText(i18n, n);
    return [
      {
        title: 'device.section.identity',
        rows: [
          'inventoryNumber',
          'serialNumber',
          'manufacturer',
          'model',
          'modality',
          'technology',
          'yearOfManufacture',
        ].map((f) => row(f as keyof DeviceResponse)),
      },
      {
        title: 'device.section.location',
        rows: [
          row('facilityId', {
            value: `${d.facilityCode} — ${d.facilityName}`,
            link: ['/facilities', d.facilityId],
          }),
          row('district'),
          row('department'),
          row('room'),
        ],
      },
      {
        title: 'device.section.lifecycle',
        rows: [
          row('status', { tip: i18n.t('tip.status') }),
          row('commissioningDate', { tip: i18n.t('glossary.serviceStart') }),
          row('installed', { tip: i18n.t('glossary.installedBase') }),
          row('age', {
            label: i18n.t('device.ageLabel'),
            value: years(d.age),
            tip: i18n.t('glossary.age'),
          }),
          row('effectiveServiceLifeYears', {
            value: `${years(d.effectiveServiceLifeYears)} (${i18n.t(d.serviceLifeYears == null ? 'device.lifeDefault' : 'device.lifeOwn')})`,
            tip: i18n.t('glossary.serviceLife'),
          }),
          row('endOfLifeDate', {
            value: d.endOfLifeDate ? i18n.date(d.endOfLifeDate) : i18n.t('device.noData'),
            tip: i18n.t('glossary.endOfLife'),
          }),
          row('remainingLifeMonths', {
            label: i18n.t('device.remainingLabel'),
            value: remainingLifeText(i18n, d.remainingLifeMonths),
            warn: d.pastServiceLife,
            tip: i18n.t('glossary.remainingLife'),
          }),
          row('pastServiceLife', {
            value:
              d.endOfLifeDate === null
                ? i18n.t('device.noData')
                : i18n.t(d.pastServiceLife ? 'common.yes' : 'common.no'),
            warn: d.pastServiceLife,
            tip: i18n.t('glossary.pastLife'),
          }),
          row('scheduledHoursPerWeek'),
          ...(d.decommissionedOn || d.decommissionReason
            ? [row('decommissionedOn'), row('decommissionReason')]
            : []),
        ],
      },
      {
        title: 'device.section.archive',
        rows: [
          'archiveConnected',
          'dicomStationName',
          'dicomAeTitle',
          'dicomSerialNumber',
          'dicomInstitutionName',
        ].map((f) => row(f as keyof DeviceResponse)),
      },
      {
        title: 'device.section.purchase',
        rows: [row('purchasePrice', { value: money(i18n, d.purchasePrice) }), row('fundingSource')],
      },
      {
        title: 'device.section.record',
        rows: [
          row('createdAt', { value: i18n.dateTime(d.createdAt) }),
          row('updatedAt', { value: i18n.dateTime(d.updatedAt) }),
          row('version', { value: String(d.version) }),
        ],
      },
    ];
  });

  protected selectTab(index: number): void {
    void this.router.navigate([], {
      queryParams: { tab: index === 0 ? null : TABS[index] },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected onSaved(saved: DeviceResponse): void {
    this.device.set(saved);
    this.editing.set(false);
    this.history.reload();
    this.snack.open(this.i18n.t('common.saved'), undefined, { duration: 4000 });
  }

  protected onReloaded(current: DeviceResponse): void {
    this.device.set(current);
    this.editing.set(false);
    this.history.reload();
  }

  /** A service event changed the device's status (a breakdown, or its repair): read it again. */
  protected onServiceChanged(): void {
    this.device.reload();
    this.history.reload();
  }

  protected async changeStatus(): Promise<void> {
    const d = this.device.value();
    if (!d) return;
    const ref = this.dialog.open<DeviceStatusDialog, DeviceResponse, DeviceStatusResult>(
      DeviceStatusDialog,
      {
        data: d,
        autoFocus: 'first-tabbable',
      },
    );
    const result = await firstValueFrom(ref.afterClosed());
    if (!result) return;
    this.device.set(result.device);
    this.history.reload();
    if (!result.reloaded) {
      this.snack.open(
        this.i18n.t('statusChange.done', {
          status: this.i18n.label('deviceStatus', result.device.status),
        }),
        undefined,
        {
          duration: 4000,
        },
      );
    }
  }
}
