import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { District, FacilityType, type FacilityResponse } from '@radfleet/shared';
import { fieldErrors, problemOf, type FieldErrorMap } from '../core/http/problem';
import { I18nService } from '../core/i18n/i18n.service';
import { FacilitiesApi } from './facilities.api';

/** Create a facility, or edit one (ADMIN and PROCUREMENT). The code is fixed once created. */
@Component({
  selector: 'rf-facility-edit-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
  ],
  template: `
    <h2 mat-dialog-title>{{ i18n.t(facility ? 'facilities.edit' : 'facilities.new') }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content class="fields">
        <mat-form-field appearance="outline">
          <mat-label>{{ i18n.t('facilities.code') }}</mat-label>
          <input matInput formControlName="code" data-testid="facility-code" />
          @if (errors()['code']; as e) {
            <mat-hint class="error">{{ e }}</mat-hint>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ i18n.t('facilities.name') }}</mat-label>
          <input matInput formControlName="name" data-testid="facility-name-input" />
          @if (errors()['name']; as e) {
            <mat-hint class="error">{{ e }}</mat-hint>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ i18n.t('facilities.shortName') }}</mat-label>
          <input matInput formControlName="shortName" />
          @if (errors()['shortName']; as e) {
            <mat-hint class="error">{{ e }}</mat-hint>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ i18n.t('facilities.type') }}</mat-label>
          <mat-select formControlName="type">
            @for (ft of types; track ft) {
              <mat-option [value]="ft">{{ i18n.label('facilityType', ft) }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ i18n.t('facilities.district') }}</mat-label>
          <mat-select formControlName="district">
            @for (d of districts; track d) {
              <mat-option [value]="d">{{ i18n.district(d) }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ i18n.t('facilities.address') }}</mat-label>
          <input matInput formControlName="address" />
        </mat-form-field>
        @if (message()) {
          <p role="alert" class="error">{{ message() }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ i18n.t('common.cancel') }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="facility-save">
          {{ i18n.t(facility ? 'common.save' : 'common.create') }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .fields {
      display: flex;
      flex-direction: column;
      gap: 8px;
      min-width: min(480px, 80vw);
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FacilityEditDialog {
  protected readonly i18n = inject(I18nService);
  protected readonly facility = inject<FacilityResponse | null>(MAT_DIALOG_DATA);
  private readonly api = inject(FacilitiesApi);
  private readonly ref = inject(MatDialogRef<FacilityEditDialog>);
  protected readonly types = Object.values(FacilityType);
  protected readonly districts = Object.values(District);
  protected readonly busy = signal(false);
  protected readonly errors = signal<FieldErrorMap>({});
  protected readonly message = signal<string | null>(null);
  protected readonly form = new FormGroup({
    code: new FormControl(
      { value: this.facility?.code ?? '', disabled: !!this.facility },
      { nonNullable: true, validators: [Validators.required] },
    ),
    name: new FormControl(this.facility?.name ?? '', {
      nonNullable: true,
      validators: [Validators.required],
    }),
    shortName: new FormControl(this.facility?.shortName ?? '', {
      nonNullable: true,
      validators: [Validators.required],
    }),
    type: new FormControl<FacilityType>(this.facility?.type ?? FacilityType.OUTPATIENT_CLINIC, {
      nonNullable: true,
    }),
    district: new FormControl<District>(this.facility?.district ?? District.CAO, {
      nonNullable: true,
    }),
    address: new FormControl(this.facility?.address ?? '', { nonNullable: true }),
  });

  async save(): Promise<void> {
    this.form.markAllAsTouched();
    this.errors.set({});
    this.message.set(null);
    if (this.form.invalid) {
      this.message.set(this.i18n.t('common.required'));
      return;
    }
    const v = this.form.getRawValue();
    this.busy.set(true);
    try {
      const saved = this.facility
        ? await this.api.update(this.facility.id, {
            name: v.name,
            shortName: v.shortName,
            type: v.type,
            district: v.district,
            address: v.address,
            version: this.facility.version,
          })
        : await this.api.create(v);
      this.ref.close(saved);
    } catch (e) {
      const p = problemOf(e);
      this.errors.set(fieldErrors(e));
      this.message.set(
        p.code === 'STALE_VERSION'
          ? this.i18n.t('common.conflict')
          : (p.detail ?? this.i18n.t('common.error')),
      );
    } finally {
      this.busy.set(false);
    }
  }
}
