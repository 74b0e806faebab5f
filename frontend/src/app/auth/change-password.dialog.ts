import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { PASSWORD_MIN_LENGTH } from '@radfleet/shared';
import { fieldErrors, problemOf, type FieldErrorMap } from '../core/http/problem';
import { I18nService } from '../core/i18n/i18n.service';
import { AuthStore } from './auth.store';

@Component({
  selector: 'rf-change-password-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
  ],
  template: `
    <h2 mat-dialog-title>{{ i18n.t('password.title') }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        <mat-form-field appearance="outline">
          <mat-label>{{ i18n.t('password.current') }}</mat-label>
          <input
            matInput
            type="password"
            formControlName="currentPassword"
            autocomplete="current-password"
          />
          @if (errors()['currentPassword']; as e) {
            <mat-hint class="error">{{ e }}</mat-hint>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ i18n.t('password.new') }}</mat-label>
          <input
            matInput
            type="password"
            formControlName="newPassword"
            autocomplete="new-password"
          />
          <mat-hint [class.error]="!!errors()['newPassword']">{{
            errors()['newPassword'] ?? i18n.t('password.hint')
          }}</mat-hint>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ i18n.t('password.repeat') }}</mat-label>
          <input matInput type="password" formControlName="repeat" autocomplete="new-password" />
        </mat-form-field>
        @if (message()) {
          <p role="alert" class="error">{{ message() }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ i18n.t('common.cancel') }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()">
          {{ i18n.t('common.save') }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-form-field {
      display: block;
      width: 360px;
      max-width: 100%;
      margin-bottom: 8px;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChangePasswordDialog {
  protected readonly i18n = inject(I18nService);
  private readonly auth = inject(AuthStore);
  private readonly ref = inject(MatDialogRef<ChangePasswordDialog>);
  protected readonly busy = signal(false);
  protected readonly errors = signal<FieldErrorMap>({});
  protected readonly message = signal<string | null>(null);
  protected readonly form = new FormGroup({
    currentPassword: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    newPassword: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)],
    }),
    repeat: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });

  async save(): Promise<void> {
    const v = this.form.getRawValue();
    this.errors.set({});
    if (v.newPassword !== v.repeat) {
      this.message.set(this.i18n.t('password.mismatch'));
      return;
    }
    if (this.form.invalid) {
      this.message.set(this.i18n.t('password.hint'));
      return;
    }
    this.busy.set(true);
    this.message.set(null);
    try {
      await this.auth.changePassword(v.currentPassword, v.newPassword);
      this.ref.close(true);
    } catch (e) {
      this.errors.set(fieldErrors(e));
      if (Object.keys(this.errors()).length === 0)
        this.message.set(problemOf(e).detail ?? this.i18n.t('common.error'));
    } finally {
      this.busy.set(false);
    }
  }
}
