import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ArchiveAuthType, type ArchiveResponse } from '@radfleet/shared';
import { problemOf } from '../core/http/problem';
import { I18nService } from '../core/i18n/i18n.service';
import { dateOfIso, isoOfDate, provideRfDates } from '../core/ui/date-adapter';
import { archiveBody, archiveFormValue, type ArchiveFormErrors } from './archive-form.model';
import { ArchivesApi } from './archives.api';

/** Creates or edits an archive connection. Stored passwords and tokens are never shown. */
@Component({
  selector: 'rf-archive-edit-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatCheckboxModule,
    MatDatepickerModule,
    MatButtonModule,
  ],
  providers: [provideRfDates()],
  template: `
    <h2 mat-dialog-title>{{ i18n.t(data ? 'archives.edit' : 'archives.new') }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content class="fields">
        <mat-form-field appearance="outline">
          <mat-label>{{ i18n.t('archive.name') }}</mat-label>
          <input matInput formControlName="name" required data-testid="archive-name" />
          <mat-error>{{ errorText('name') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ i18n.t('archive.baseUrl') }}</mat-label>
          <input
            matInput
            formControlName="baseUrl"
            type="url"
            required
            autocomplete="off"
            placeholder="https://pacs.example.org/dicom-web"
            data-testid="archive-url"
          />
          <mat-hint>{{ i18n.t('archiveForm.urlHint') }}</mat-hint>
          <mat-error>{{ errorText('baseUrl') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ i18n.t('archive.authType') }}</mat-label>
          <mat-select formControlName="authType" data-testid="archive-auth">
            @for (t of authTypes; track t) {
              <mat-option [value]="t">{{ i18n.label('archiveAuth', t) }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        @if (authType() === 'BASIC') {
          <div class="row">
            <mat-form-field appearance="outline">
              <mat-label>{{ i18n.t('archive.username') }}</mat-label>
              <input
                matInput
                formControlName="username"
                autocomplete="off"
                data-testid="archive-username"
              />
              <mat-error>{{ errorText('username') }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ i18n.t('archive.password') }}</mat-label>
              <input
                matInput
                formControlName="password"
                type="password"
                autocomplete="new-password"
                data-testid="archive-password"
              />
              @if (keepsSecret()) {
                <mat-hint>{{ i18n.t('archiveForm.keepSecret') }}</mat-hint>
              }
              <mat-error>{{ errorText('password') }}</mat-error>
            </mat-form-field>
          </div>
        }
        @if (authType() === 'BEARER') {
          <mat-form-field appearance="outline">
            <mat-label>{{ i18n.t('archive.token') }}</mat-label>
            <input
              matInput
              formControlName="token"
              type="password"
              autocomplete="off"
              data-testid="archive-token"
            />
            @if (keepsSecret()) {
              <mat-hint>{{ i18n.t('archiveForm.keepSecret') }}</mat-hint>
            }
            <mat-error>{{ errorText('token') }}</mat-error>
          </mat-form-field>
        }
        <div class="row">
          <mat-form-field appearance="outline">
            <mat-label>{{ i18n.t('archive.interval') }}</mat-label>
            <input
              matInput
              formControlName="syncIntervalMinutes"
              inputmode="numeric"
              data-testid="archive-interval"
            />
            <span matTextSuffix>{{ i18n.t('archive.minutes') }}</span>
            <mat-error>{{ errorText('syncIntervalMinutes') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ i18n.t('archive.lookBack') }}</mat-label>
            <input
              matInput
              formControlName="lookBackDays"
              inputmode="numeric"
              data-testid="archive-lookback"
            />
            <mat-hint>{{ i18n.t('archiveForm.lookBackHint') }}</mat-hint>
            <mat-error>{{ errorText('lookBackDays') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ i18n.t('archive.syncFrom') }}</mat-label>
            <input
              matInput
              [matDatepicker]="fromPicker"
              formControlName="syncFrom"
              autocomplete="off"
              data-testid="archive-sync-from"
            />
            <mat-datepicker-toggle matIconSuffix [for]="fromPicker" />
            <mat-datepicker #fromPicker />
            <mat-hint>{{ i18n.t('archiveForm.syncFromHint') }}</mat-hint>
          </mat-form-field>
        </div>
        <mat-checkbox formControlName="enabled" data-testid="archive-enabled">{{
          i18n.t('archive.enabled')
        }}</mat-checkbox>
        @if (message()) {
          <p role="alert" class="error" data-testid="archive-message">{{ message() }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ i18n.t('common.cancel') }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="archive-save">
          {{ i18n.t(data ? 'common.save' : 'common.create') }}
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
    mat-checkbox {
      margin-top: 12px;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ArchiveEditDialog {
  protected readonly i18n = inject(I18nService);
  private readonly api = inject(ArchivesApi);
  private readonly ref = inject<MatDialogRef<ArchiveEditDialog, ArchiveResponse>>(MatDialogRef);
  protected readonly data = inject<ArchiveResponse | null>(MAT_DIALOG_DATA, { optional: true });
  protected readonly authTypes = Object.values(ArchiveAuthType);
  protected readonly busy = signal(false);
  protected readonly errors = signal<ArchiveFormErrors>({});
  protected readonly message = signal<string | null>(null);

  private readonly initial = archiveFormValue(this.data ?? undefined);
  protected readonly form = new FormGroup({
    name: new FormControl(this.initial.name, { nonNullable: true }),
    baseUrl: new FormControl(this.initial.baseUrl, { nonNullable: true }),
    authType: new FormControl(this.initial.authType, { nonNullable: true }),
    username: new FormControl(this.initial.username, { nonNullable: true }),
    password: new FormControl('', { nonNullable: true }),
    token: new FormControl('', { nonNullable: true }),
    enabled: new FormControl(this.initial.enabled, { nonNullable: true }),
    syncIntervalMinutes: new FormControl(this.initial.syncIntervalMinutes, { nonNullable: true }),
    lookBackDays: new FormControl(this.initial.lookBackDays, { nonNullable: true }),
    syncFrom: new FormControl<Date | null>(dateOfIso(this.initial.syncFrom)),
  });
  protected readonly authType = toSignal(this.form.controls.authType.valueChanges, {
    initialValue: this.initial.authType,
  });

  /** An empty secret field keeps the stored one: only when editing with the same auth type. */
  protected keepsSecret(): boolean {
    return !!this.data?.hasSecret && this.data.authType === this.authType();
  }

  protected errorText(field: keyof ArchiveFormErrors): string {
    const key = this.errors()[field];
    return key ? this.i18n.t(key) : '';
  }

  async save(): Promise<void> {
    this.message.set(null);
    const v = this.form.getRawValue();
    const { body, errors } = archiveBody(
      { ...v, syncFrom: isoOfDate(v.syncFrom) },
      this.data ?? undefined,
    );
    this.show(errors);
    if (!body) return;
    this.busy.set(true);
    try {
      this.ref.close(
        this.data
          ? await this.api.update(this.data.id, { ...body, version: this.data.version })
          : await this.api.create(body),
      );
    } catch (e) {
      const p = problemOf(e);
      const fields = (p.errors ?? []).map((f) => f.message).join(' ');
      this.message.set(
        p.status === 409 && !fields
          ? this.i18n.t('common.conflict')
          : fields || p.detail || this.i18n.t('common.error'),
      );
    } finally {
      this.busy.set(false);
    }
  }

  private show(errors: ArchiveFormErrors): void {
    this.errors.set(errors);
    const controls = this.form.controls as unknown as Record<string, FormControl<unknown>>;
    for (const [name, c] of Object.entries(controls)) {
      if (errors[name as keyof ArchiveFormErrors]) {
        c.setErrors({ archive: true });
        c.markAsTouched();
      } else if (c.hasError('archive')) {
        c.setErrors(null);
      }
    }
  }
}
