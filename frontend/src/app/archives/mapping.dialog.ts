import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { DeviceResponse, IdentityMappingResponse } from '@radfleet/shared';
import { problemOf } from '../core/http/problem';
import { I18nService } from '../core/i18n/i18n.service';
import { mappingBody } from './archive-form.model';
import { ArchivesApi } from './archives.api';
import { DevicePickerComponent } from './device-picker.component';

/** Adds an identity → device rule: identities whose every given field matches belong to the device. */
@Component({
  selector: 'rf-mapping-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    DevicePickerComponent,
  ],
  template: `
    <h2 mat-dialog-title>{{ i18n.t('mappings.new') }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content class="fields">
        <p class="hint">{{ i18n.t('mappings.hint') }}</p>
        <div class="row">
          <mat-form-field appearance="outline">
            <mat-label>{{ i18n.t('identity.deviceSerialNumber') }}</mat-label>
            <input matInput formControlName="deviceSerialNumber" maxlength="64" />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ i18n.t('identity.stationName') }}</mat-label>
            <input
              matInput
              formControlName="stationName"
              maxlength="16"
              data-testid="mapping-station"
            />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ i18n.t('identity.institutionName') }}</mat-label>
            <input matInput formControlName="institutionName" maxlength="64" />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ i18n.t('identity.manufacturer') }}</mat-label>
            <input matInput formControlName="manufacturer" maxlength="64" />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ i18n.t('identity.modelName') }}</mat-label>
            <input matInput formControlName="modelName" maxlength="64" />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ i18n.t('identity.modality') }}</mat-label>
            <input matInput formControlName="modality" maxlength="16" placeholder="CT, MR, MG…" />
          </mat-form-field>
        </div>
        <rf-device-picker (deviceChange)="device.set($event)" />
        @if (message()) {
          <p role="alert" class="error" data-testid="mapping-message">{{ message() }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ i18n.t('common.cancel') }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="mapping-save">
          {{ i18n.t('common.create') }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .fields {
      min-width: min(640px, 80vw);
    }
    .row {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(180px, 1fr));
      gap: 0 12px;
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
export class MappingDialog {
  protected readonly i18n = inject(I18nService);
  private readonly api = inject(ArchivesApi);
  private readonly ref = inject<MatDialogRef<MappingDialog, IdentityMappingResponse>>(MatDialogRef);
  protected readonly device = signal<DeviceResponse | null>(null);
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);
  protected readonly form = new FormGroup({
    deviceSerialNumber: new FormControl('', { nonNullable: true }),
    stationName: new FormControl('', { nonNullable: true }),
    institutionName: new FormControl('', { nonNullable: true }),
    manufacturer: new FormControl('', { nonNullable: true }),
    modelName: new FormControl('', { nonNullable: true }),
    modality: new FormControl('', { nonNullable: true }),
  });

  async save(): Promise<void> {
    const { body, error } = mappingBody(this.form.getRawValue(), this.device()?.id ?? null);
    this.message.set(error ? this.i18n.t(error) : null);
    if (!body) return;
    this.busy.set(true);
    try {
      this.ref.close(await this.api.addMapping(body));
    } catch (e) {
      const p = problemOf(e);
      const fields = (p.errors ?? []).map((f) => f.message).join(' ');
      this.message.set(fields || p.detail || this.i18n.t('common.error'));
    } finally {
      this.busy.set(false);
    }
  }
}
