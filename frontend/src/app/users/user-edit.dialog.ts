import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { PASSWORD_MIN_LENGTH, Role, type UserResponse } from '@radfleet/shared';
import { fieldErrors, problemOf, type FieldErrorMap } from '../core/http/problem';
import { I18nService } from '../core/i18n/i18n.service';
import { ReferenceApi } from '../core/http/reference.api';
import { UsersApi } from './users.api';

/** Create a user, or edit one's name, role, facilities, active flag and password. */
@Component({
  selector: 'rf-user-edit-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatSlideToggleModule,
    MatButtonModule,
  ],
  template: `
    <h2 mat-dialog-title>{{ i18n.t(user ? 'users.edit' : 'users.new') }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content class="fields">
        <mat-form-field appearance="outline">
          <mat-label>{{ i18n.t('users.email') }}</mat-label>
          <input matInput formControlName="email" type="email" data-testid="user-email" />
          @if (errors()['email']; as e) {
            <mat-hint class="error">{{ e }}</mat-hint>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ i18n.t('users.name') }}</mat-label>
          <input matInput formControlName="name" data-testid="user-name" />
          @if (errors()['name']; as e) {
            <mat-hint class="error">{{ e }}</mat-hint>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ i18n.t('users.role') }}</mat-label>
          <mat-select formControlName="role" data-testid="user-role">
            @for (r of roles; track r) {
              <mat-option [value]="r">{{ i18n.label('role', r) }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        @if (isManager()) {
          <mat-form-field appearance="outline">
            <mat-label>{{ i18n.t('users.facilities') }}</mat-label>
            <mat-select formControlName="facilityIds" multiple data-testid="user-facilities">
              @for (f of facilityOptions(); track f.id) {
                <mat-option [value]="f.id">{{ f.code }} — {{ f.shortName }}</mat-option>
              }
            </mat-select>
            <mat-hint>{{ errors()['facilityIds'] ?? i18n.t('users.facilitiesHint') }}</mat-hint>
          </mat-form-field>
        }
        <mat-form-field appearance="outline">
          <mat-label>{{ i18n.t(user ? 'users.newPassword' : 'users.password') }}</mat-label>
          <input
            matInput
            formControlName="password"
            type="password"
            autocomplete="new-password"
            data-testid="user-password"
          />
          <mat-hint [class.error]="!!errors()['password']">{{
            errors()['password'] ?? i18n.t('password.hint')
          }}</mat-hint>
        </mat-form-field>
        @if (user) {
          <mat-slide-toggle formControlName="active">{{ i18n.t('users.active') }}</mat-slide-toggle>
        }
        @if (message()) {
          <p role="alert" class="error">{{ message() }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ i18n.t('common.cancel') }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="user-save">
          {{ i18n.t(user ? 'common.save' : 'common.create') }}
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
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserEditDialog {
  protected readonly i18n = inject(I18nService);
  protected readonly user = inject<UserResponse | null>(MAT_DIALOG_DATA);
  private readonly api = inject(UsersApi);
  private readonly ref = inject(MatDialogRef<UserEditDialog>);
  private readonly facilities = inject(ReferenceApi).facilities();
  protected readonly facilityOptions = computed(() =>
    this.facilities.hasValue() ? this.facilities.value().items : [],
  );
  protected readonly roles = Object.values(Role);
  protected readonly busy = signal(false);
  protected readonly errors = signal<FieldErrorMap>({});
  protected readonly message = signal<string | null>(null);

  protected readonly form = new FormGroup({
    email: new FormControl(
      { value: this.user?.email ?? '', disabled: !!this.user },
      { nonNullable: true, validators: [Validators.required, Validators.email] },
    ),
    name: new FormControl(this.user?.name ?? '', {
      nonNullable: true,
      validators: [Validators.required],
    }),
    role: new FormControl<Role>(this.user?.role ?? Role.FACILITY_MANAGER, { nonNullable: true }),
    facilityIds: new FormControl<string[]>(this.user?.facilityIds ?? [], { nonNullable: true }),
    password: new FormControl('', {
      nonNullable: true,
      validators: this.user
        ? [Validators.minLength(PASSWORD_MIN_LENGTH)]
        : [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)],
    }),
    active: new FormControl(this.user?.active ?? true, { nonNullable: true }),
  });
  protected readonly isManager = computed(() => this.role() === Role.FACILITY_MANAGER);
  private readonly role = toSignal(this.form.controls.role.valueChanges, {
    initialValue: this.form.controls.role.value,
  });

  async save(): Promise<void> {
    this.form.markAllAsTouched();
    this.errors.set({});
    this.message.set(null);
    if (this.form.invalid) {
      this.message.set(this.i18n.t('password.hint'));
      return;
    }
    const v = this.form.getRawValue();
    const facilityIds = v.role === Role.FACILITY_MANAGER ? v.facilityIds : [];
    this.busy.set(true);
    try {
      const saved = this.user
        ? await this.api.update(this.user.id, {
            name: v.name,
            role: v.role,
            facilityIds,
            active: v.active,
            ...(v.password ? { password: v.password } : {}),
            version: this.user.version,
          })
        : await this.api.create({
            email: v.email,
            name: v.name,
            role: v.role,
            facilityIds,
            password: v.password,
          });
      this.ref.close(saved);
    } catch (e) {
      const p = problemOf(e);
      this.errors.set(fieldErrors(e));
      this.message.set(
        p.status === 409 && p.code === 'STALE_VERSION'
          ? this.i18n.t('common.conflict')
          : (p.detail ?? this.i18n.t('common.error')),
      );
    } finally {
      this.busy.set(false);
    }
  }
}
