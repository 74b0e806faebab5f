import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { ServiceEventResponse } from '@radfleet/shared';
import { problemOf } from '../core/http/problem';
import { I18nService } from '../core/i18n/i18n.service';
import type { MessageKey } from '../core/i18n/messages';
import { isStaleVersion } from '../core/http/problem';
import { isoOfTyped, typedOfDate } from './service-event.model';
import { ServiceEventsApi } from './service-events.api';

export interface ResolveResult {
  event: ServiceEventResponse;
  /** Someone else resolved it first, or the user chose to reload: `event` is the current record. */
  reloaded?: boolean;
}

const COMPARED: { field: keyof ServiceEventResponse; label: MessageKey }[] = [
  { field: 'type', label: 'serviceLog.type' },
  { field: 'reportedAt', label: 'serviceLog.reportedAt' },
  { field: 'startedAt', label: 'serviceLog.startedAt' },
  { field: 'description', label: 'serviceLog.description' },
  { field: 'cost', label: 'serviceLog.cost' },
  { field: 'contractNumber', label: 'serviceLog.contract' },
];

/** Resolves an open event at a time (now by default); a stale version asks what to do. */
@Component({
  selector: 'rf-service-event-resolve-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
  ],
  template: `
    <h2 mat-dialog-title>{{ i18n.t('serviceEvent.resolveTitle') }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content class="fields">
        <p>
          <strong>{{ i18n.label('serviceEventType', event.type) }}</strong> ·
          {{ event.inventoryNumber }} · {{ i18n.t('serviceLog.reportedAt') }}
          {{ i18n.dateTime(event.reportedAt) }}
        </p>
        <p class="muted">{{ event.description }}</p>
        <mat-form-field appearance="outline">
          <mat-label>{{ i18n.t('serviceLog.resolvedAt') }}</mat-label>
          <input
            matInput
            formControlName="resolvedAt"
            required
            autocomplete="off"
            inputmode="numeric"
            data-testid="resolve-at"
          />
          <mat-hint>{{ i18n.t('serviceEvent.dateTimeHint') }}</mat-hint>
          <mat-error>{{ error() }}</mat-error>
        </mat-form-field>
        @if (conflict()) {
          <p role="alert" class="warn" data-testid="resolve-conflict">{{ conflict() }}</p>
        }
        @if (message()) {
          <p role="alert" class="error" data-testid="resolve-message">{{ message() }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ i18n.t('common.cancel') }}</button>
        @if (conflict()) {
          <button mat-stroked-button type="button" (click)="reload()" data-testid="resolve-reload">
            {{ i18n.t('serviceEvent.reload') }}
          </button>
        }
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="resolve-save">
          {{ i18n.t(conflict() ? 'serviceEvent.resolveAnyway' : 'serviceLog.resolve') }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .fields {
      display: flex;
      flex-direction: column;
      gap: 8px;
      min-width: min(420px, 80vw);
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      white-space: pre-wrap;
      margin-top: 0;
    }
    .warn {
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServiceEventResolveDialog {
  protected readonly i18n = inject(I18nService);
  protected event = inject<ServiceEventResponse>(MAT_DIALOG_DATA);
  private readonly api = inject(ServiceEventsApi);
  private readonly ref =
    inject<MatDialogRef<ServiceEventResolveDialog, ResolveResult>>(MatDialogRef);
  protected readonly now = typedOfDate(new Date());
  protected readonly resolvedAt = new FormControl(this.now, { nonNullable: true });
  protected readonly form = new FormGroup({ resolvedAt: this.resolvedAt });
  protected readonly busy = signal(false);
  protected readonly error = signal('');
  protected readonly conflict = signal<string | null>(null);
  protected readonly message = signal<string | null>(null);

  async save(): Promise<void> {
    this.message.set(null);
    const at = isoOfTyped(this.resolvedAt.value);
    const error = !this.resolvedAt.value
      ? 'common.required'
      : !at
        ? 'serviceEvent.dateTimeInvalid'
        : new Date(at).getTime() > Date.now() + 60_000
          ? 'serviceEvent.rule.future'
          : at < (this.event.startedAt ?? this.event.reportedAt)
            ? 'serviceEvent.rule.resolvedBeforeStart'
            : null;
    this.error.set(error ? this.i18n.t(error) : '');
    if (error || !at) {
      this.resolvedAt.setErrors({ resolve: true });
      this.resolvedAt.markAsTouched();
      return;
    }
    this.busy.set(true);
    try {
      const event = await this.api.update(this.event.id, {
        resolvedAt: at,
        version: this.event.version,
      });
      this.ref.close({ event });
    } catch (e) {
      if (isStaleVersion(e)) {
        await this.onStale();
        return;
      }
      const p = problemOf(e);
      const fields = (p.errors ?? []).map((f) => f.message).join(' ');
      this.message.set(
        p.status === 403
          ? this.i18n.t('serviceEvent.outsideScope')
          : fields || p.detail || this.i18n.t('common.error'),
      );
    } finally {
      this.busy.set(false);
    }
  }

  /** Someone saved the event meanwhile: closed already, or changed (show what, offer both ways). */
  private async onStale(): Promise<void> {
    const current = await this.api.get(this.event.id);
    if (current.resolvedAt) {
      this.ref.close({ event: current, reloaded: true });
      return;
    }
    const before = this.event as unknown as Record<string, unknown>;
    const after = current as unknown as Record<string, unknown>;
    const changed = COMPARED.filter((c) => before[c.field] !== after[c.field]).map((c) =>
      this.i18n.t(c.label),
    );
    this.event = current;
    this.conflict.set(this.i18n.t('serviceEvent.conflict', { changes: changed.join(', ') || '—' }));
  }

  protected reload(): void {
    this.ref.close({ event: this.event, reloaded: true });
  }
}
