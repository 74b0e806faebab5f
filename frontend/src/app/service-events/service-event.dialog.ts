import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ServiceEventType, type ServiceEventResponse } from '@radfleet/shared';
import { problemOf } from '../core/http/problem';
import { I18nService } from '../core/i18n/i18n.service';
import {
  serviceEventBody,
  type ServiceEventFormErrors,
  type ServiceEventFormValue,
  typedOfDate,
} from './service-event.model';
import { ServiceEventsApi } from './service-events.api';

export interface ServiceEventDialogData {
  /** The device the event is about; without it the user picks one of the facility's. */
  deviceId?: string;
  facilityId: string;
}

/** Logs a service event: what happened, when (reported, started, resolved), cost and contract. */
@Component({
  selector: 'rf-service-event-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
  ],
  template: `
    <h2 mat-dialog-title>{{ i18n.t('serviceEvent.newTitle') }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content class="fields">
        @if (!data.deviceId) {
          <mat-form-field appearance="outline">
            <mat-label>{{ i18n.t('serviceEvent.device') }}</mat-label>
            <mat-select formControlName="deviceId" data-testid="event-device" required>
              @for (d of devices(); track d.id) {
                <mat-option [value]="d.id"
                  >{{ d.inventoryNumber }} · {{ i18n.label('modality', d.modality) }} ·
                  {{ d.manufacturer }} {{ d.model }}</mat-option
                >
              }
            </mat-select>
            <mat-error>{{ errorText('deviceId') }}</mat-error>
          </mat-form-field>
        }
        <mat-form-field appearance="outline">
          <mat-label>{{ i18n.t('serviceLog.type') }}</mat-label>
          <mat-select formControlName="type" data-testid="event-type" required>
            @for (t of types; track t) {
              <mat-option [value]="t">{{ i18n.label('serviceEventType', t) }}</mat-option>
            }
          </mat-select>
          @if (type() === 'BREAKDOWN') {
            <mat-hint>{{ i18n.t('serviceEvent.breakdownHint') }}</mat-hint>
          }
          <mat-error>{{ errorText('type') }}</mat-error>
        </mat-form-field>
        <div class="row">
          <mat-form-field appearance="outline">
            <mat-label>{{ i18n.t('serviceLog.reportedAt') }}</mat-label>
            <input
              matInput
              formControlName="reportedAt"
              autocomplete="off"
              inputmode="numeric"
              required
              data-testid="event-reported"
            />
            <mat-hint>{{ i18n.t('serviceEvent.dateTimeHint') }}</mat-hint>
            <mat-error>{{ errorText('reportedAt') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ i18n.t('serviceLog.startedAt') }}</mat-label>
            <input
              matInput
              formControlName="startedAt"
              autocomplete="off"
              inputmode="numeric"
              data-testid="event-started"
            />
            <mat-hint>{{ i18n.t('serviceEvent.dateTimeHint') }}</mat-hint>
            <mat-error>{{ errorText('startedAt') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ i18n.t('serviceLog.resolvedAt') }}</mat-label>
            <input
              matInput
              formControlName="resolvedAt"
              autocomplete="off"
              inputmode="numeric"
              data-testid="event-resolved"
            />
            <mat-hint>{{ i18n.t('serviceEvent.dateTimeHint') }}</mat-hint>
            <mat-error>{{ errorText('resolvedAt') }}</mat-error>
          </mat-form-field>
        </div>
        <mat-form-field appearance="outline">
          <mat-label>{{ i18n.t('serviceLog.description') }}</mat-label>
          <textarea
            matInput
            formControlName="description"
            rows="3"
            required
            data-testid="event-description"
          ></textarea>
          <mat-error>{{ errorText('description') }}</mat-error>
        </mat-form-field>
        <div class="row">
          <mat-form-field appearance="outline">
            <mat-label>{{ i18n.t('serviceLog.cost') }}</mat-label>
            <input
              matInput
              formControlName="cost"
              inputmode="decimal"
              autocomplete="off"
              data-testid="event-cost"
            />
            <span matTextSuffix>₽</span>
            <mat-hint>{{ i18n.t('serviceEvent.costHint') }}</mat-hint>
            <mat-error>{{ errorText('cost') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ i18n.t('serviceLog.contract') }}</mat-label>
            <mat-select formControlName="contractId" data-testid="event-contract">
              <mat-option value="">{{ i18n.t('serviceEvent.noContract') }}</mat-option>
              @for (c of contracts(); track c.id) {
                <mat-option [value]="c.id"
                  >{{ c.number }} · {{ i18n.label('contractType', c.type) }}</mat-option
                >
              }
            </mat-select>
            <mat-hint>{{ i18n.t('serviceEvent.contractHint') }}</mat-hint>
          </mat-form-field>
        </div>
        @if (message()) {
          <p role="alert" class="error" data-testid="event-message">{{ message() }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ i18n.t('common.cancel') }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="event-save">
          {{ i18n.t('common.save') }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .fields {
      display: flex;
      flex-direction: column;
      gap: 8px;
      min-width: min(600px, 80vw);
    }
    .row {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(180px, 1fr));
      gap: 0 12px;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServiceEventDialog {
  protected readonly i18n = inject(I18nService);
  protected readonly data = inject<ServiceEventDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(ServiceEventsApi);
  private readonly ref =
    inject<MatDialogRef<ServiceEventDialog, ServiceEventResponse>>(MatDialogRef);
  protected readonly types = Object.values(ServiceEventType);
  protected readonly now = typedOfDate(new Date());
  protected readonly busy = signal(false);
  protected readonly errors = signal<ServiceEventFormErrors>({});
  protected readonly message = signal<string | null>(null);

  protected readonly form = new FormGroup({
    deviceId: new FormControl(this.data.deviceId ?? '', { nonNullable: true }),
    type: new FormControl<ServiceEventType | ''>(ServiceEventType.BREAKDOWN, {
      nonNullable: true,
    }),
    reportedAt: new FormControl(this.now, { nonNullable: true }),
    startedAt: new FormControl('', { nonNullable: true }),
    resolvedAt: new FormControl('', { nonNullable: true }),
    description: new FormControl('', { nonNullable: true }),
    cost: new FormControl('', { nonNullable: true }),
    contractId: new FormControl('', { nonNullable: true }),
  });
  protected readonly type = toSignal(this.form.controls.type.valueChanges, {
    initialValue: this.form.controls.type.value,
  });
  private readonly deviceId = toSignal(this.form.controls.deviceId.valueChanges, {
    initialValue: this.form.controls.deviceId.value,
  });
  private readonly deviceList = this.api.facilityDevicesResource(
    signal(this.data.deviceId ? undefined : this.data.facilityId),
  );
  protected readonly devices = computed(() =>
    this.deviceList.hasValue() ? this.deviceList.value().items : [],
  );
  private readonly contractList = this.api.coveringContractsResource(
    computed(() => this.deviceId() || undefined),
  );
  protected readonly contracts = computed(() =>
    this.contractList.hasValue() ? this.contractList.value().items : [],
  );

  protected errorText(field: keyof ServiceEventFormValue): string {
    const key = this.errors()[field];
    return key ? this.i18n.t(key) : '';
  }

  async save(): Promise<void> {
    this.message.set(null);
    const { body, errors } = serviceEventBody(this.form.getRawValue());
    this.show(errors);
    if (!body) return;
    this.busy.set(true);
    try {
      this.ref.close(await this.api.create(body));
    } catch (e) {
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

  private show(errors: ServiceEventFormErrors): void {
    this.errors.set(errors);
    const controls = this.form.controls as Record<string, FormControl<unknown>>;
    for (const [name, control] of Object.entries(controls)) {
      if (errors[name as keyof ServiceEventFormValue]) {
        control.setErrors({ event: true });
        control.markAsTouched();
      } else if (control.hasError('event')) {
        control.setErrors(null);
      }
    }
  }
}
