import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { I18nService } from '../core/i18n/i18n.service';
import { problemOf } from '../core/http/problem';
import { AuthStore } from './auth.store';

@Component({
  selector: 'rf-login-page',
  imports: [
    ReactiveFormsModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatProgressBarModule,
  ],
  template: `
    <section class="rf-page login">
      <mat-card appearance="outlined">
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" />
        }
        <mat-card-header
          ><h1 mat-card-title>{{ i18n.t('login.title') }}</h1></mat-card-header
        >
        <mat-card-content>
          <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
            <mat-form-field appearance="outline">
              <mat-label>{{ i18n.t('login.email') }}</mat-label>
              <input
                matInput
                formControlName="email"
                type="email"
                autocomplete="username"
                required
              />
              @if (form.controls.email.hasError('required')) {
                <mat-error>{{ i18n.t('common.required') }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ i18n.t('login.password') }}</mat-label>
              <input
                matInput
                formControlName="password"
                type="password"
                autocomplete="current-password"
                required
              />
              @if (form.controls.password.hasError('required')) {
                <mat-error>{{ i18n.t('common.required') }}</mat-error>
              }
            </mat-form-field>
            @if (error()) {
              <p class="error" role="alert" data-testid="login-error">{{ error() }}</p>
            }
            <button mat-flat-button type="submit" [disabled]="busy()">
              {{ i18n.t('login.submit') }}
            </button>
          </form>
          <p class="demo">{{ i18n.t('login.demo') }}</p>
        </mat-card-content>
      </mat-card>
    </section>
  `,
  styles: `
    .login {
      max-width: 440px;
      padding-top: 48px;
    }
    form {
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .error {
      color: var(--mat-sys-error);
      margin: 0 0 12px;
    }
    .demo {
      margin-top: 16px;
      font-size: 12px;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPage {
  protected readonly i18n = inject(I18nService);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  readonly returnUrl = input<string>();
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });

  async submit(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      const { email, password } = this.form.getRawValue();
      await this.auth.login(email.trim(), password);
      const target = this.returnUrl();
      await this.router.navigateByUrl(
        target && target.startsWith('/') && !target.startsWith('//') ? target : '/',
      );
    } catch (e) {
      const p = problemOf(e);
      this.error.set(
        p.status === 429
          ? this.i18n.t('login.locked', {
              minutes: Math.ceil(Number(p['retryAfterSeconds'] ?? 60) / 60),
            })
          : p.status === 401 || p.status === 400
            ? this.i18n.t('login.invalid')
            : this.i18n.t('login.failed'),
      );
      this.form.controls.password.reset();
    } finally {
      this.busy.set(false);
    }
  }
}
