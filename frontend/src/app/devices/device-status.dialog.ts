import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { DeviceStatus, type DeviceResponse, type UpdateDeviceDto } from '@radfleet/shared';
import { problemOf } from '../core/http/problem';
import { I18nService } from '../core/i18n/i18n.service';
import { isStaleVersion } from '../core/http/problem';
import { DeviceConflicts } from './device-conflict';
import { serverFieldErrors, validateDeviceBody, type DeviceFormErrors } from './device-form.model';
import { dateOfIso, isoOfDate, provideRfDates } from '../core/ui/date-adapter';
import { DevicesApi } from './devices.api';

export interface DeviceStatusResult {
  /** The device after the change. */
  device: DeviceResponse;
  /** The user dropped the change after a conflict; `device` is the current record. */
  reloaded?: boolean;
}

/** The body of a status change: decommissioning carries its date and reason; leaving it clears them. */
export function statusChangeBody(
  status: DeviceStatus,
  decommissionedOn: string | null,
  reason: string,
): Partial<UpdateDeviceDto> {
  if (status === DeviceStatus.DECOMMISSIONED) {
    return {
      status,
      decommissionedOn: decommissionedOn || null,
      decommissionReason: reason.trim() || null,
    };
  }
  // Any other change keeps its reason in the device's history.
  return { status, statusReason: reason.trim() };
}

/** Moves a device to another status; decommissioning asks for the date and the reason. */
@Component({
  selector: 'rf-device-status-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatDatepickerModule,
    MatButtonModule,
  ],
  providers: [provideRfDates()],
  template: `
    <h2 mat-dialog-title>{{ i18n.t('statusChange.title') }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content class="fields">
        <p class="current">
          {{ i18n.t('statusChange.current') }}:
          <strong>{{ i18n.label('deviceStatus', device.status) }}</strong>
        </p>
        <mat-form-field appearance="outline">
          <mat-label>{{ i18n.t('statusChange.new') }}</mat-label>
          <mat-select formControlName="status" data-testid="status-select">
            @for (s of statuses; track s) {
              <mat-option [value]="s">{{ i18n.label('deviceStatus', s) }}</mat-option>
            }
          </mat-select>
          <mat-hint>{{ hint() }}</mat-hint>
          <mat-error>{{ errorText('status') }}</mat-error>
        </mat-form-field>
        @if (decommissioning()) {
          <mat-form-field appearance="outline">
            <mat-label>{{ i18n.t('device.decommissionedOn') }}</mat-label>
            <input
              matInput
              [matDatepicker]="picker"
              formControlName="decommissionedOn"
              [max]="today"
              [min]="commissioned"
              required
              autocomplete="off"
              data-testid="status-date"
            />
            <mat-hint>{{ i18n.t('deviceForm.dateFormat') }}</mat-hint>
            <mat-datepicker-toggle matIconSuffix [for]="picker" />
            <mat-datepicker #picker />
            <mat-error>{{ errorText('decommissionedOn') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ i18n.t('device.decommissionReason') }}</mat-label>
            <textarea
              matInput
              formControlName="decommissionReason"
              rows="3"
              required
              data-testid="status-reason"
            ></textarea>
            <mat-hint>{{ i18n.t('statusChange.reasonHint') }}</mat-hint>
            <mat-error>{{ errorText('decommissionReason') }}</mat-error>
          </mat-form-field>
        }
        @if (status() && !decommissioning()) {
          <mat-form-field appearance="outline">
            <mat-label>{{ i18n.t('device.statusReason') }}</mat-label>
            <textarea
              matInput
              formControlName="decommissionReason"
              rows="3"
              required
              data-testid="status-reason"
            ></textarea>
            <mat-hint>{{ i18n.t('statusChange.historyHint') }}</mat-hint>
            <mat-error>{{ errorText('decommissionReason') }}</mat-error>
          </mat-form-field>
        }
        @if (message()) {
          <p role="alert" class="error" data-testid="status-message">{{ message() }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ i18n.t('common.cancel') }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="status-save">
          {{ i18n.t('statusChange.apply') }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .fields {
      display: flex;
      flex-direction: column;
      gap: 8px;
      min-width: min(440px, 80vw);
    }
    .current {
      margin: 0 0 8px;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeviceStatusDialog {
  protected readonly i18n = inject(I18nService);
  protected device = inject<DeviceResponse>(MAT_DIALOG_DATA);
  private readonly api = inject(DevicesApi);
  private readonly conflicts = inject(DeviceConflicts);
  private readonly ref = inject<MatDialogRef<DeviceStatusDialog, DeviceStatusResult>>(MatDialogRef);
  protected readonly today = new Date();
  protected readonly commissioned = dateOfIso(this.device.commissioningDate);
  protected readonly statuses = Object.values(DeviceStatus).filter((s) => s !== this.device.status);
  protected readonly busy = signal(false);
  protected readonly errors = signal<DeviceFormErrors>({});
  protected readonly message = signal<string | null>(null);

  protected readonly form = new FormGroup({
    status: new FormControl<DeviceStatus | ''>('', { nonNullable: true }),
    decommissionedOn: new FormControl<Date | null>(
      new Date(this.today.getFullYear(), this.today.getMonth(), this.today.getDate()),
    ),
    decommissionReason: new FormControl('', { nonNullable: true }),
  });
  protected readonly status = toSignal(this.form.controls.status.valueChanges, {
    initialValue: this.form.controls.status.value,
  });
  protected readonly decommissioning = computed(
    () => this.status() === DeviceStatus.DECOMMISSIONED,
  );
  protected readonly hint = computed(() => {
    const s = this.status();
    return s ? this.i18n.label('deviceStatusHint', s) : '';
  });

  protected errorText(field: string): string {
    const p = this.errors()[field];
    return !p ? '' : 'key' in p ? this.i18n.t(p.key) : p.text;
  }

  async save(): Promise<void> {
    this.message.set(null);
    const v = this.form.getRawValue();
    const errors: DeviceFormErrors = {};
    if (!v.status) errors['status'] = { key: 'common.required' };
    if (v.status === DeviceStatus.DECOMMISSIONED) {
      if (this.form.controls.decommissionedOn.hasError('matDatepickerParse')) {
        errors['decommissionedOn'] = { key: 'deviceForm.invalid.decommissionedOn' };
      } else if (this.form.controls.decommissionedOn.hasError('matDatepickerMax')) {
        errors['decommissionedOn'] = { key: 'deviceForm.rule.decommissionFuture' };
      } else if (this.form.controls.decommissionedOn.hasError('matDatepickerMin')) {
        errors['decommissionedOn'] = { key: 'deviceForm.rule.decommissionBeforeCommissioning' };
      } else if (!v.decommissionedOn) {
        errors['decommissionedOn'] = { key: 'common.required' };
      }
      if (!v.decommissionReason.trim())
        errors['decommissionReason'] = { key: 'deviceForm.rule.decommissionReason' };
    } else if (v.status && !v.decommissionReason.trim()) {
      errors['decommissionReason'] = { key: 'statusChange.reasonRequired' };
    }
    if (!this.show(errors) && v.status) {
      const body = statusChangeBody(v.status, isoOfDate(v.decommissionedOn), v.decommissionReason);
      if (!this.show(await validateDeviceBody('update', { ...body, version: this.device.version })))
        await this.send(body);
    }
  }

  private async send(body: Partial<UpdateDeviceDto>): Promise<void> {
    this.busy.set(true);
    try {
      const device = await this.api.update(this.device.id, {
        ...body,
        version: this.device.version,
      });
      this.ref.close({ device });
    } catch (e) {
      if (isStaleVersion(e)) {
        const { choice, current } = await this.conflicts.resolve(this.device, body);
        if (choice === 'reload') {
          this.ref.close({ device: current, reloaded: true });
        } else if (choice === 'keep') {
          this.device = current;
          await this.send(body);
        } else {
          this.message.set(this.i18n.t('common.conflict'));
        }
        return;
      }
      const p = problemOf(e);
      if (!this.show(serverFieldErrors(p.errors))) {
        this.message.set(
          p.status === 403
            ? this.i18n.t('device.outsideScope')
            : (p.detail ?? this.i18n.t('common.error')),
        );
      }
    } finally {
      this.busy.set(false);
    }
  }

  private show(errors: DeviceFormErrors): boolean {
    this.errors.set(errors);
    const controls = this.form.controls as Record<string, FormControl<unknown>>;
    const keys = Object.keys(errors);
    for (const k of keys) {
      controls[k]?.setErrors({ device: true });
      controls[k]?.markAsTouched();
    }
    const elsewhere = keys.filter((k) => !controls[k]);
    if (elsewhere.length) this.message.set(elsewhere.map((k) => this.errorText(k)).join(' '));
    return keys.length > 0;
  }
}
