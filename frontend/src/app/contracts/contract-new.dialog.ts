import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  ContractType,
  SlaMeasurementPeriod,
  SlaVerdictScope,
  UptimeBasis,
  type ContractDetailResponse,
  type DeviceResponse,
  type Paged,
} from '@radfleet/shared';
import { firstValueFrom } from 'rxjs';
import { problemOf } from '../core/http/problem';
import { queryString } from '../core/http/query';
import { I18nService } from '../core/i18n/i18n.service';
import { ReferenceApi } from '../core/http/reference.api';
import { isoOfDate, provideRfDates } from '../core/ui/date-adapter';
import { ContractsApi } from './contracts.api';
import {
  contractBody,
  DEFAULT_SLA,
  inventoryNumbers,
  serviceFees,
  type ContractFormErrors,
} from './contract-new.model';

function milestoneGroup() {
  return new FormGroup({
    description: new FormControl('', { nonNullable: true }),
    dueDate: new FormControl<Date | null>(null),
    amount: new FormControl('', { nonNullable: true }),
  });
}

/** Creates a contract: its terms, payment milestones and the devices it covers (by inventory number). */
@Component({
  selector: 'rf-contract-new-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatSlideToggleModule,
    MatDatepickerModule,
    MatButtonModule,
    MatIconModule,
  ],
  providers: [provideRfDates()],
  template: `
    <h2 mat-dialog-title>{{ i18n.t('contractNew.title') }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content class="fields">
        <div class="row">
          <mat-form-field appearance="outline">
            <mat-label>{{ i18n.t('contract.number') }}</mat-label>
            <input matInput formControlName="number" required data-testid="contract-number" />
            <mat-error>{{ errorText('number') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ i18n.t('contract.type') }}</mat-label>
            <mat-select formControlName="type" required data-testid="contract-type">
              @for (t of types; track t) {
                <mat-option [value]="t">{{ i18n.label('contractType', t) }}</mat-option>
              }
            </mat-select>
            <mat-error>{{ errorText('type') }}</mat-error>
          </mat-form-field>
        </div>
        <mat-form-field appearance="outline">
          <mat-label>{{ i18n.t('contract.supplier') }}</mat-label>
          <mat-select formControlName="supplierId" required data-testid="contract-supplier">
            @for (s of suppliers(); track s.id) {
              <mat-option [value]="s.id">{{ s.name }} · {{ s.inn }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ errorText('supplierId') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ i18n.t('contract.subject') }}</mat-label>
          <textarea
            matInput
            formControlName="subject"
            rows="2"
            required
            data-testid="contract-subject"
          ></textarea>
          <mat-error>{{ errorText('subject') }}</mat-error>
        </mat-form-field>
        <div class="row">
          <mat-form-field appearance="outline">
            <mat-label>{{ i18n.t('contract.signedOn') }}</mat-label>
            <input
              matInput
              [matDatepicker]="signedPicker"
              formControlName="signedOn"
              autocomplete="off"
              data-testid="contract-signed"
            />
            <mat-datepicker-toggle matIconSuffix [for]="signedPicker" />
            <mat-datepicker #signedPicker />
            <mat-hint>{{ i18n.t('contractNew.signedHint') }}</mat-hint>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ i18n.t('contract.startDate') }}</mat-label>
            <input
              matInput
              [matDatepicker]="startPicker"
              formControlName="startDate"
              required
              autocomplete="off"
              data-testid="contract-start"
            />
            <mat-datepicker-toggle matIconSuffix [for]="startPicker" />
            <mat-datepicker #startPicker />
            <mat-error>{{ errorText('startDate') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ i18n.t('contract.endDate') }}</mat-label>
            <input
              matInput
              [matDatepicker]="endPicker"
              formControlName="endDate"
              required
              autocomplete="off"
              data-testid="contract-end"
            />
            <mat-datepicker-toggle matIconSuffix [for]="endPicker" />
            <mat-datepicker #endPicker />
            <mat-error>{{ errorText('endDate') }}</mat-error>
          </mat-form-field>
        </div>
        <mat-form-field appearance="outline">
          <mat-label>{{ i18n.t('contract.value') }}</mat-label>
          <input
            matInput
            formControlName="value"
            inputmode="decimal"
            required
            autocomplete="off"
            data-testid="contract-value"
          />
          <span matTextSuffix>₽</span>
          <mat-hint>{{ i18n.t('contractNew.moneyHint') }}</mat-hint>
          <mat-error>{{ errorText('value') }}</mat-error>
        </mat-form-field>

        <fieldset formGroupName="sla" class="sla">
          <legend>{{ i18n.t('sla.title') }}</legend>
          <mat-slide-toggle formControlName="enabled" data-testid="sla-enabled">{{
            i18n.t('contractNew.slaEnabled')
          }}</mat-slide-toggle>
          @if (slaEnabled()) {
            <div class="row">
              <mat-form-field appearance="outline">
                <mat-label>{{ i18n.t('sla.guaranteed') }}</mat-label>
                <input
                  matInput
                  formControlName="guaranteedUptimePercent"
                  inputmode="decimal"
                  data-testid="sla-uptime"
                />
                <span matTextSuffix>%</span>
                <mat-error>{{ errorText('sla.guaranteedUptimePercent') }}</mat-error>
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>{{ i18n.t('sla.basis') }}</mat-label>
                <mat-select formControlName="basis">
                  @for (b of bases; track b) {
                    <mat-option [value]="b">{{ i18n.label('sla.basis', b) }}</mat-option>
                  }
                </mat-select>
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>{{ i18n.t('sla.measurementPeriod') }}</mat-label>
                <mat-select formControlName="measurementPeriod" data-testid="sla-period">
                  @for (p of measurementPeriods; track p) {
                    <mat-option [value]="p">{{
                      i18n.label('sla.measurementPeriod', p)
                    }}</mat-option>
                  }
                </mat-select>
                <mat-hint>{{ i18n.t('hint.sla.measurementPeriod') }}</mat-hint>
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>{{ i18n.t('sla.verdictScope') }}</mat-label>
                <mat-select formControlName="verdictScope">
                  @for (v of verdictScopes; track v) {
                    <mat-option [value]="v">{{ i18n.label('sla.verdictScope', v) }}</mat-option>
                  }
                </mat-select>
              </mat-form-field>
            </div>
            <div class="row">
              <mat-form-field appearance="outline">
                <mat-label>{{ i18n.t('sla.response') }}</mat-label>
                <input matInput formControlName="responseHours" inputmode="numeric" />
                <mat-error>{{ errorText('sla.responseHours') }}</mat-error>
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>{{ i18n.t('sla.repair') }}</mat-label>
                <input matInput formControlName="repairDays" inputmode="numeric" />
                <mat-error>{{ errorText('sla.repairDays') }}</mat-error>
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>{{ i18n.t('sla.penaltyPerDay') }}</mat-label>
                <input matInput formControlName="penaltyPerDay" inputmode="decimal" />
                <span matTextSuffix>₽</span>
                <mat-error>{{ errorText('sla.penaltyPerDay') }}</mat-error>
              </mat-form-field>
            </div>
          }
        </fieldset>

        <fieldset formArrayName="milestones">
          <legend>{{ i18n.t('contract.milestones') }}</legend>
          @for (m of milestones.controls; track m; let i = $index) {
            <div class="milestone" [formGroupName]="i" [attr.data-testid]="'milestone-' + i">
              <mat-form-field appearance="outline">
                <mat-label>{{ i18n.t('contractNew.milestoneDescription') }}</mat-label>
                <input matInput formControlName="description" data-testid="milestone-description" />
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>{{ i18n.t('contract.dueDate') }}</mat-label>
                <input
                  matInput
                  [matDatepicker]="duePicker"
                  formControlName="dueDate"
                  required
                  autocomplete="off"
                  data-testid="milestone-due"
                />
                <mat-datepicker-toggle matIconSuffix [for]="duePicker" />
                <mat-datepicker #duePicker />
                <mat-error>{{ errorText('milestones.' + i + '.dueDate') }}</mat-error>
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>{{ i18n.t('contract.amount') }}</mat-label>
                <input
                  matInput
                  formControlName="amount"
                  inputmode="decimal"
                  required
                  autocomplete="off"
                  data-testid="milestone-amount"
                />
                <span matTextSuffix>₽</span>
                <mat-error>{{ errorText('milestones.' + i + '.amount') }}</mat-error>
              </mat-form-field>
              <button
                mat-icon-button
                type="button"
                (click)="milestones.removeAt(i)"
                [attr.aria-label]="i18n.t('contractNew.removeMilestone', { n: i + 1 })"
              >
                <mat-icon>delete</mat-icon>
              </button>
            </div>
          }
          <button
            mat-stroked-button
            type="button"
            (click)="milestones.push(newMilestone())"
            data-testid="milestone-add"
          >
            <mat-icon>add</mat-icon> {{ i18n.t('contractNew.addMilestone') }}
          </button>
        </fieldset>

        <mat-form-field appearance="outline">
          <mat-label>{{ i18n.t('contractNew.devicesLabel') }}</mat-label>
          <textarea
            matInput
            formControlName="devices"
            rows="2"
            data-testid="contract-devices"
          ></textarea>
          <mat-hint>{{ i18n.t('contractNew.devicesHint') }}</mat-hint>
          <mat-error>{{ errorText('devices') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ i18n.t('contractNew.serviceFeesLabel') }}</mat-label>
          <textarea
            matInput
            formControlName="serviceFees"
            rows="2"
            data-testid="contract-service-fees"
          ></textarea>
          <mat-hint>{{ i18n.t('contractNew.serviceFeesHint') }}</mat-hint>
          <mat-error>{{ errorText('serviceFees') }}</mat-error>
        </mat-form-field>
        @if (message()) {
          <p role="alert" class="error" data-testid="contract-message">{{ message() }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ i18n.t('common.cancel') }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="contract-save">
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
      min-width: min(680px, 80vw);
    }
    .row {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(180px, 1fr));
      gap: 0 12px;
    }
    fieldset {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      padding: 8px 12px 12px;
      margin: 0 0 12px;
    }
    legend {
      padding: 0 4px;
      color: var(--mat-sys-on-surface-variant);
    }
    .milestone {
      display: grid;
      grid-template-columns: minmax(140px, 2fr) minmax(150px, 1fr) minmax(130px, 1fr) auto;
      gap: 0 8px;
      align-items: start;
    }
    @media (max-width: 599px) {
      .milestone {
        grid-template-columns: 1fr auto;
      }
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContractNewDialog {
  protected readonly i18n = inject(I18nService);
  private readonly http = inject(HttpClient);
  private readonly api = inject(ContractsApi);
  private readonly ref =
    inject<MatDialogRef<ContractNewDialog, ContractDetailResponse>>(MatDialogRef);
  private readonly supplierList = inject(ReferenceApi).suppliers();
  protected readonly suppliers = computed(() =>
    this.supplierList.hasValue() ? this.supplierList.value().items : [],
  );
  protected readonly types = Object.values(ContractType);
  protected readonly busy = signal(false);
  protected readonly errors = signal<ContractFormErrors>({});
  protected readonly message = signal<string | null>(null);
  protected readonly newMilestone = milestoneGroup;

  protected readonly form = new FormGroup({
    number: new FormControl('', { nonNullable: true }),
    type: new FormControl<ContractType | ''>(ContractType.LIFECYCLE, { nonNullable: true }),
    supplierId: new FormControl('', { nonNullable: true }),
    subject: new FormControl('', { nonNullable: true }),
    signedOn: new FormControl<Date | null>(null),
    startDate: new FormControl<Date | null>(null),
    endDate: new FormControl<Date | null>(null),
    value: new FormControl('', { nonNullable: true }),
    milestones: new FormArray([milestoneGroup()]),
    sla: new FormGroup({
      enabled: new FormControl(DEFAULT_SLA.enabled, { nonNullable: true }),
      guaranteedUptimePercent: new FormControl(DEFAULT_SLA.guaranteedUptimePercent, {
        nonNullable: true,
      }),
      basis: new FormControl<UptimeBasis>(DEFAULT_SLA.basis, { nonNullable: true }),
      responseHours: new FormControl(DEFAULT_SLA.responseHours, { nonNullable: true }),
      repairDays: new FormControl(DEFAULT_SLA.repairDays, { nonNullable: true }),
      penaltyPerDay: new FormControl(DEFAULT_SLA.penaltyPerDay, { nonNullable: true }),
      measurementPeriod: new FormControl<SlaMeasurementPeriod>(DEFAULT_SLA.measurementPeriod, {
        nonNullable: true,
      }),
      verdictScope: new FormControl<SlaVerdictScope>(DEFAULT_SLA.verdictScope, {
        nonNullable: true,
      }),
    }),
    devices: new FormControl('', { nonNullable: true }),
    serviceFees: new FormControl('', { nonNullable: true }),
  });
  protected readonly milestones = this.form.controls.milestones;
  protected readonly bases = Object.values(UptimeBasis);
  protected readonly measurementPeriods = Object.values(SlaMeasurementPeriod);
  protected readonly verdictScopes = Object.values(SlaVerdictScope);
  protected readonly slaEnabled = toSignal(this.form.controls.sla.controls.enabled.valueChanges, {
    initialValue: DEFAULT_SLA.enabled,
  });

  protected errorText(field: string): string {
    const key = this.errors()[field];
    return key ? this.i18n.t(key) : '';
  }

  async save(): Promise<void> {
    this.message.set(null);
    const v = this.form.getRawValue();
    const { body, errors } = contractBody({
      ...v,
      signedOn: isoOfDate(v.signedOn),
      startDate: isoOfDate(v.startDate),
      endDate: isoOfDate(v.endDate),
      milestones: v.milestones.map((m) => ({ ...m, dueDate: isoOfDate(m.dueDate) })),
    });
    this.show(errors);
    if (!body) return;
    this.busy.set(true);
    try {
      const numbers = inventoryNumbers(v.devices);
      const found = await Promise.all(numbers.map((n) => this.findDevice(n)));
      const missing = numbers.filter((_, i) => !found[i]);
      if (missing.length) {
        this.message.set(this.i18n.t('contractNew.unknownDevices', { list: missing.join(', ') }));
        this.form.controls.devices.setErrors({ unknown: true });
        this.form.controls.devices.markAsTouched();
        return;
      }
      const fees = serviceFees(v.serviceFees, numbers, {}) ?? new Map<string, string>();
      body.devices = found.map((d, i) => ({
        deviceId: d!.id,
        ...(fees.has(numbers[i]!) ? { serviceFee: fees.get(numbers[i]!)! } : {}),
      }));
      this.ref.close(await this.api.create(body));
    } catch (e) {
      const p = problemOf(e);
      const fields = (p.errors ?? []).map((f) => f.message).join(' ');
      this.message.set(fields || p.detail || this.i18n.t('common.error'));
    } finally {
      this.busy.set(false);
    }
  }

  /** The device with exactly this inventory number, if any. */
  private async findDevice(inventoryNumber: string): Promise<DeviceResponse | undefined> {
    const page = await firstValueFrom(
      this.http.get<Paged<DeviceResponse>>(
        `/api/devices${queryString({ q: inventoryNumber, pageSize: 20 })}`,
      ),
    );
    const wanted = inventoryNumber.toLowerCase();
    return page.items.find((d) => d.inventoryNumber.toLowerCase() === wanted);
  }

  private show(errors: ContractFormErrors): void {
    this.errors.set(errors);
    const mark = (
      name: string,
      c: { setErrors(e: object | null): void; markAsTouched(): void; hasError(e: string): boolean },
    ) => {
      if (errors[name]) {
        c.setErrors({ contract: true });
        c.markAsTouched();
      } else if (c.hasError('contract')) {
        c.setErrors(null);
      }
    };
    const controls = this.form.controls as unknown as Record<string, FormControl<unknown>>;
    for (const name of ['number', 'type', 'supplierId', 'subject', 'startDate', 'endDate', 'value'])
      mark(name, controls[name]!);
    this.milestones.controls.forEach((g, i) => {
      mark(`milestones.${i}.dueDate`, g.controls.dueDate);
      mark(`milestones.${i}.amount`, g.controls.amount);
    });
    const sla = this.form.controls.sla.controls;
    for (const name of [
      'guaranteedUptimePercent',
      'responseHours',
      'repairDays',
      'penaltyPerDay',
    ] as const)
      mark(`sla.${name}`, sla[name]);
  }
}
