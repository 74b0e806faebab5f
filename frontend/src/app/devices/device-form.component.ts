import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  input,
  output,
  signal,
  type OnInit,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_FORM_FIELD_DEFAULT_OPTIONS, MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import {
  DeviceStatus,
  FundingSource,
  Modality,
  Permission,
  Technology,
  type CreateDeviceDto,
  type DeviceResponse,
  type FacilityResponse,
  type UpdateDeviceDto,
} from '@radfleet/shared';
import { AuthStore } from '../auth';
import { problemOf } from '../core/http/problem';
import { I18nService } from '../core/i18n/i18n.service';
import { isStaleVersion } from '../core/http/problem';
import { DeviceConflicts } from './device-conflict';
import {
  CREATE_FIELDS,
  changedFields,
  formValueOf,
  serverFieldErrors,
  toDeviceBody,
  validateDeviceBody,
  type DeviceBody,
  type DeviceFormErrors,
  type DeviceFormField,
  type DeviceFormValue,
} from './device-form.model';
import { provideRfDates } from '../core/ui/date-adapter';
import { yearsText } from './device-format';
import { DevicesApi } from './devices.api';

type Controls = { [K in DeviceFormField]: FormControl<DeviceFormValue[K]> };

/**
 * Creates a device, or edits one. Checks the body with the shared DTO before sending it, shows the
 * server's field errors on their fields, and on a version conflict lets the user choose.
 */
@Component({
  selector: 'rf-device-form',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatSlideToggleModule,
    MatDatepickerModule,
    MatButtonModule,
    MatIconModule,
  ],
  providers: [
    provideRfDates(),
    {
      provide: MAT_FORM_FIELD_DEFAULT_OPTIONS,
      useValue: { appearance: 'outline', subscriptSizing: 'dynamic' },
    },
  ],
  templateUrl: './device-form.component.html',
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    fieldset {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 8px 16px 4px;
      margin: 0 0 16px;
    }
    legend {
      padding: 0 6px;
      font-weight: 500;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(240px, 1fr));
      gap: 16px;
      padding: 8px 0 12px;
    }
    .wide {
      grid-column: 1 / -1;
    }
    .toggle {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      min-height: 40px;
    }
    .actions {
      display: flex;
      gap: 8px;
      justify-content: flex-end;
      flex-wrap: wrap;
      position: sticky;
      bottom: 0;
      padding: 12px 0;
      background: var(--mat-sys-surface);
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .message {
      color: var(--mat-sys-error);
      margin: 0 0 12px;
    }
    .hint {
      color: var(--mat-sys-on-surface-variant);
      font-size: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeviceFormComponent implements OnInit {
  protected readonly i18n = inject(I18nService);
  private readonly api = inject(DevicesApi);
  private readonly auth = inject(AuthStore);
  private readonly conflicts = inject(DeviceConflicts);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** The device to edit; null creates a new one. */
  readonly device = input<DeviceResponse | null>(null);
  /** Every facility (names for the picker). */
  readonly facilities = input<readonly FacilityResponse[]>([]);
  /** Where a new device goes by default. */
  readonly facilityId = input<string>('');
  readonly saved = output<DeviceResponse>();
  /** The user chose to drop their edits after a conflict; the current device comes with it. */
  readonly reloaded = output<DeviceResponse>();
  readonly cancelled = output<void>();

  protected readonly yearsText = yearsText;
  protected readonly modalities = Object.values(Modality);
  protected readonly technologies = Object.values(Technology);
  protected readonly fundingSources = Object.values(FundingSource);
  protected readonly newStatuses = Object.values(DeviceStatus).filter(
    (s) => s !== DeviceStatus.DECOMMISSIONED,
  );
  private readonly modalityDefaults = this.api.modalitiesResource();

  protected readonly busy = signal(false);
  protected readonly errors = signal<DeviceFormErrors>({});
  protected readonly message = signal<string | null>(null);
  /** The device as read when editing began; the PATCH carries only what differs from it. */
  private original: DeviceResponse | null = null;
  private version = 0;

  protected readonly form = new FormGroup<Controls>(controlsFor(formValueOf(null)));
  private readonly technology = toSignal(this.form.controls.technology.valueChanges, {
    initialValue: this.form.controls.technology.value,
  });
  private readonly modality = toSignal(this.form.controls.modality.valueChanges, {
    initialValue: this.form.controls.modality.value,
  });

  /** Facilities this user may put a device in (a facility manager: their own). */
  protected readonly facilityOptions = computed(() => {
    const current = this.device()?.facilityId;
    return this.facilities().filter(
      (f) => f.id === current || this.auth.canWriteIn(Permission.DEVICE_WRITE, f.id),
    );
  });
  protected readonly defaultLife = computed(() => {
    const m = this.modality();
    const list = this.modalityDefaults.hasValue() ? this.modalityDefaults.value() : [];
    return list.find((x) => x.code === m)?.serviceLifeYears;
  });

  constructor() {
    // An analogue device sends nothing to the archive.
    effect(() => {
      const c = this.form.controls.archiveConnected;
      if (this.technology() === Technology.ANALOGUE) {
        c.setValue(false);
        c.disable();
      } else {
        c.enable();
      }
    });
  }

  ngOnInit(): void {
    const d = this.device();
    this.original = d;
    this.version = d?.version ?? 0;
    this.form.reset(formValueOf(d, this.facilityId()));
  }

  protected errorText(field: string): string {
    const p = this.errors()[field];
    if (!p) return '';
    return 'key' in p ? this.i18n.t(p.key) : p.text;
  }

  async save(): Promise<void> {
    this.message.set(null);
    const body = toDeviceBody(this.form.getRawValue());
    const base = this.original;
    let payload: Partial<DeviceBody>;
    if (base) {
      payload = changedFields(toDeviceBody(formValueOf(base)), body);
      if (Object.keys(payload).length === 0) {
        this.message.set(this.i18n.t('deviceForm.nothingChanged'));
        return;
      }
    } else {
      payload = Object.fromEntries(CREATE_FIELDS.map((f) => [f, body[f]]));
    }
    const errors = await validateDeviceBody(
      base ? 'update' : 'create',
      base ? { ...payload, version: this.version } : payload,
    );
    // Text the date picker could not read leaves the value empty; say so rather than clear the date.
    if (this.form.controls.commissioningDate.hasError('matDatepickerParse')) {
      errors['commissioningDate'] = { key: 'deviceForm.invalid.commissioningDate' };
    }
    if (this.showErrors(errors)) return;
    await this.send(payload);
  }

  private async send(payload: Partial<DeviceBody>): Promise<void> {
    const base = this.original;
    this.busy.set(true);
    try {
      const saved = base
        ? await this.api.update(base.id, { ...payload, version: this.version } as UpdateDeviceDto)
        : await this.api.create(payload as unknown as CreateDeviceDto);
      this.saved.emit(saved);
    } catch (e) {
      this.busy.set(false);
      if (base && isStaleVersion(e)) {
        await this.onConflict(base, payload);
        return;
      }
      const p = problemOf(e);
      if (!this.showErrors(serverFieldErrors(p.errors))) {
        this.message.set(
          p.code === 'OUTSIDE_FACILITY_SCOPE' || p.status === 403
            ? this.i18n.t('device.outsideScope')
            : (p.detail ?? this.i18n.t('common.error')),
        );
      }
    } finally {
      this.busy.set(false);
    }
  }

  private async onConflict(base: DeviceResponse, payload: Partial<DeviceBody>): Promise<void> {
    const names = new Map(this.facilities().map((f) => [f.id, f.shortName]));
    const { choice, current } = await this.conflicts.resolve(base, payload, (id) => names.get(id));
    if (choice === 'reload') {
      this.reloaded.emit(current);
    } else if (choice === 'keep') {
      // Only the fields this user changed go out, so the other person's changes elsewhere survive.
      this.version = current.version;
      await this.send(payload);
    } else {
      this.message.set(this.i18n.t('common.conflict'));
    }
  }

  /** Puts errors on their fields and focuses the first; false when there are none. */
  private showErrors(errors: DeviceFormErrors): boolean {
    this.errors.set(errors);
    const fields = Object.keys(errors);
    if (fields.length === 0) return false;
    const controls = this.form.controls as Record<string, FormControl<unknown>>;
    const unplaced: string[] = [];
    for (const f of fields) {
      const c = controls[f];
      if (c) {
        c.setErrors({ device: true });
        c.markAsTouched();
      } else {
        unplaced.push(this.errorText(f));
      }
    }
    this.message.set(unplaced.length ? unplaced.join(' ') : this.i18n.t('deviceForm.fixErrors'));
    queueMicrotask(() =>
      this.host.nativeElement
        .querySelector<HTMLElement>(
          '.mat-form-field-invalid input, .mat-form-field-invalid mat-select, .mat-form-field-invalid textarea',
        )
        ?.focus(),
    );
    return true;
  }
}

function controlsFor(v: DeviceFormValue): Controls {
  const entries = Object.entries(v).map(([k, value]) => [
    k,
    new FormControl(value, { nonNullable: true }),
  ]);
  return Object.fromEntries(entries) as unknown as Controls;
}
