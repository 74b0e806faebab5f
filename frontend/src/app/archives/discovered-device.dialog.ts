import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Modality, type DiscoveredDeviceResponse } from '@radfleet/shared';
import { problemOf } from '../core/http/problem';
import { I18nService } from '../core/i18n/i18n.service';
import { ReferenceApi } from '../core/http/reference.api';
import {
  discoveredDeviceBody,
  discoveredDeviceFormValue,
  identityText,
  type DiscoveredDeviceFormValue,
} from './archive-form.model';
import { ArchivesApi } from './archives.api';

type Errors = Partial<Record<keyof DiscoveredDeviceFormValue, string>>;

/** Registers a device from a discovered identity (its DICOM fields filled from it) and links it. */
@Component({
  selector: 'rf-discovered-device-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
  ],
  template: `
    <h2 mat-dialog-title>{{ i18n.t('discovered.createTitle') }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content class="fields">
        <p class="identity">{{ identity }}</p>
        <mat-form-field appearance="outline">
          <mat-label>{{ i18n.t('device.facilityId') }}</mat-label>
          <mat-select formControlName="facilityId" required data-testid="discovered-facility">
            @for (f of facilities(); track f.id) {
              <mat-option [value]="f.id">{{ f.code }} — {{ f.shortName }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ errors().facilityId }}</mat-error>
        </mat-form-field>
        <div class="row">
          <mat-form-field appearance="outline">
            <mat-label>{{ i18n.t('device.inventoryNumber') }}</mat-label>
            <input
              matInput
              formControlName="inventoryNumber"
              required
              data-testid="discovered-inv"
            />
            <mat-error>{{ errors().inventoryNumber }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ i18n.t('device.modality') }}</mat-label>
            <mat-select formControlName="modality" required>
              @for (m of modalities; track m) {
                <mat-option [value]="m">{{ i18n.label('modality', m) }}</mat-option>
              }
            </mat-select>
            <mat-error>{{ errors().modality }}</mat-error>
          </mat-form-field>
        </div>
        <div class="row">
          <mat-form-field appearance="outline">
            <mat-label>{{ i18n.t('device.manufacturer') }}</mat-label>
            <input matInput formControlName="manufacturer" required />
            <mat-error>{{ errors().manufacturer }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ i18n.t('device.model') }}</mat-label>
            <input matInput formControlName="model" required />
            <mat-error>{{ errors().model }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ i18n.t('device.serialNumber') }}</mat-label>
            <input matInput formControlName="serialNumber" />
          </mat-form-field>
        </div>
        <p class="hint">{{ i18n.t('discovered.createHint') }}</p>
        @if (message()) {
          <p role="alert" class="error" data-testid="discovered-message">{{ message() }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ i18n.t('common.cancel') }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="discovered-save">
          {{ i18n.t('common.create') }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .fields {
      display: flex;
      flex-direction: column;
      gap: 8px;
      min-width: min(640px, 80vw);
    }
    .row {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(180px, 1fr));
      gap: 0 12px;
    }
    .identity {
      font-weight: 500;
    }
    .hint {
      color: var(--mat-sys-on-surface-variant);
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DiscoveredDeviceDialog {
  protected readonly i18n = inject(I18nService);
  private readonly api = inject(ArchivesApi);
  private readonly ref =
    inject<MatDialogRef<DiscoveredDeviceDialog, DiscoveredDeviceResponse>>(MatDialogRef);
  private readonly data = inject<DiscoveredDeviceResponse>(MAT_DIALOG_DATA);
  private readonly facilityList = inject(ReferenceApi).facilities();
  protected readonly facilities = computed(() =>
    this.facilityList.hasValue() ? this.facilityList.value().items : [],
  );
  protected readonly modalities = Object.values(Modality);
  protected readonly identity = identityText(this.data);
  protected readonly busy = signal(false);
  protected readonly errors = signal<Errors>({});
  protected readonly message = signal<string | null>(null);

  private readonly initial = discoveredDeviceFormValue(this.data);
  protected readonly form = new FormGroup({
    inventoryNumber: new FormControl(this.initial.inventoryNumber, { nonNullable: true }),
    manufacturer: new FormControl(this.initial.manufacturer, { nonNullable: true }),
    model: new FormControl(this.initial.model, { nonNullable: true }),
    modality: new FormControl<Modality | ''>(this.initial.modality, { nonNullable: true }),
    serialNumber: new FormControl(this.initial.serialNumber, { nonNullable: true }),
    facilityId: new FormControl(this.initial.facilityId, { nonNullable: true }),
  });

  async save(): Promise<void> {
    this.message.set(null);
    const { body, errors } = discoveredDeviceBody(this.form.getRawValue());
    const shown: Errors = {};
    for (const [k, key] of Object.entries(errors)) {
      shown[k as keyof Errors] = this.i18n.t(key);
      const c = this.form.get(k);
      c?.setErrors({ required: true });
      c?.markAsTouched();
    }
    this.errors.set(shown);
    if (!body) return;
    this.busy.set(true);
    try {
      this.ref.close(await this.api.createDevice(this.data.id, body));
    } catch (e) {
      const p = problemOf(e);
      const fields = (p.errors ?? []).map((f) => f.message).join(' ');
      this.message.set(fields || p.detail || this.i18n.t('common.error'));
    } finally {
      this.busy.set(false);
    }
  }
}
