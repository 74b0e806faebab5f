import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  resource,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import {
  SlaMeasurementPeriod,
  type ContractDetailResponse,
  type PaymentMilestoneResponse,
} from '@radfleet/shared';
import { I18nService } from '../core/i18n/i18n.service';
import { LoadStateComponent } from '../core/ui/load-state.component';
import { ContractsApi } from './contracts.api';
import { ContractStatusChipComponent } from './contract-status-chip.component';
import { SlaChartComponent, type PeriodUptime } from './sla-chart.component';
import { periodOf, slaRange } from './sla-range';

function cityToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
}

/**
 * One contract: its terms, covered devices (with each one's share of the payments), payment
 * milestones and SLA compliance per whole measurement period (month or quarter, as the contract
 * says), over the last two years.
 */
@Component({
  selector: 'rf-contract-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatTooltipModule,
    LoadStateComponent,
    ContractStatusChipComponent,
    SlaChartComponent,
  ],
  template: `
    <section class="rf-page">
      <a mat-button routerLink="/contracts"
        ><mat-icon>arrow_back</mat-icon> {{ i18n.t('nav.contracts') }}</a
      >
      <rf-load-state
        [loading]="contract.isLoading()"
        [error]="contract.status() === 'error'"
        (retry)="contract.reload()"
      />
      @if (detail(); as c) {
        <h1 data-testid="contract-number">
          {{ c.number }} <rf-contract-status-chip [status]="c.status" />
        </h1>
        <p class="subject">{{ c.subject }}</p>
        <mat-card appearance="outlined">
          <mat-card-content>
            <dl class="facts">
              <div>
                <dt>{{ i18n.t('contract.type') }}</dt>
                <dd>{{ i18n.label('contractType', c.type) }}</dd>
              </div>
              <div>
                <dt>{{ i18n.t('contract.supplier') }}</dt>
                <dd>
                  <a [routerLink]="['/suppliers', c.supplierId]">{{ c.supplierName }}</a>
                </dd>
              </div>
              <div>
                <dt>{{ i18n.t('contract.signedOn') }}</dt>
                <dd>{{ i18n.date(c.signedOn) }}</dd>
              </div>
              <div>
                <dt>{{ i18n.t('contract.startDate') }} — {{ i18n.t('contract.endDate') }}</dt>
                <dd>{{ i18n.date(c.startDate) }} — {{ i18n.date(c.endDate) }}</dd>
              </div>
              @if (c.terminatedOn) {
                <div>
                  <dt>{{ i18n.t('contract.terminatedOn') }}</dt>
                  <dd>{{ i18n.date(c.terminatedOn) }}: {{ c.terminationReason }}</dd>
                </div>
              }
              <div [matTooltip]="i18n.t('hint.contract.value')">
                <dt>{{ i18n.t('contract.value') }}</dt>
                <dd>{{ money(c.value) }}</dd>
              </div>
              <div [matTooltip]="i18n.t('hint.contract.paid')">
                <dt>{{ i18n.t('contract.paid') }}</dt>
                <dd>{{ money(c.paid) }}</dd>
              </div>
              <div [matTooltip]="i18n.t('hint.contract.remaining')">
                <dt>{{ i18n.t('contract.remaining') }}</dt>
                <dd>{{ money(c.remaining) }}</dd>
              </div>
            </dl>
          </mat-card-content>
        </mat-card>

        <h2>{{ i18n.t('sla.title') }}</h2>
        @if (c.sla; as sla) {
          <dl class="facts terms" data-testid="sla-terms">
            <div [matTooltip]="i18n.t('hint.sla.guaranteed')">
              <dt>{{ i18n.t('sla.guaranteed') }}</dt>
              <dd>{{ i18n.number(sla.guaranteedUptimePercent) }} %</dd>
            </div>
            <div [matTooltip]="i18n.t('hint.sla.basis')">
              <dt>{{ i18n.t('sla.basis') }}</dt>
              <dd>{{ i18n.label('sla.basis', sla.basis) }}</dd>
            </div>
            <div [matTooltip]="i18n.t('hint.sla.measurementPeriod')">
              <dt>{{ i18n.t('sla.measurementPeriod') }}</dt>
              <dd>{{ i18n.label('sla.measurementPeriod', sla.measurementPeriod) }}</dd>
            </div>
            <div [matTooltip]="i18n.t('hint.sla.verdictScope')">
              <dt>{{ i18n.t('sla.verdictScope') }}</dt>
              <dd>{{ i18n.label('sla.verdictScope', sla.verdictScope) }}</dd>
            </div>
            <div [matTooltip]="i18n.t('hint.sla.response')">
              <dt>{{ i18n.t('sla.response') }}</dt>
              <dd>{{ i18n.number(sla.responseHours) }}</dd>
            </div>
            <div [matTooltip]="i18n.t('hint.sla.repair')">
              <dt>{{ i18n.t('sla.repair') }}</dt>
              <dd>{{ i18n.number(sla.repairDays) }}</dd>
            </div>
            <div [matTooltip]="i18n.t('hint.sla.penaltyPerDay')">
              <dt>{{ i18n.t('sla.penaltyPerDay') }}</dt>
              <dd>{{ money(sla.penaltyPerDay) }}</dd>
            </div>
          </dl>
          <rf-load-state
            [loading]="slaFigures.isLoading()"
            [error]="slaFigures.status() === 'error'"
            (retry)="slaFigures.reload()"
          />
          @if (slaFigures.hasValue() && slaFigures.value(); as f) {
            <dl class="facts terms" data-testid="sla-totals">
              <div [matTooltip]="i18n.t('hint.sla.penaltyDays')">
                <dt>{{ i18n.t('sla.total') }}: {{ i18n.t('sla.penaltyDays') }}</dt>
                <dd>{{ i18n.number(f.penaltyDays) }}</dd>
              </div>
              <div [matTooltip]="i18n.t('hint.sla.penalty')">
                <dt>{{ i18n.t('sla.total') }}: {{ i18n.t('sla.penalty') }}</dt>
                <dd>{{ money(f.penaltyAmount) }}</dd>
              </div>
            </dl>
          }
          @if (periodRows().length > 0) {
            <rf-sla-chart [periods]="periodRows()" [guaranteed]="sla.guaranteedUptimePercent" />
          } @else if (slaFigures.hasValue()) {
            <p>{{ i18n.t('sla.noData') }}</p>
          }
        } @else {
          <p>{{ i18n.t('contract.noSla') }}</p>
        }

        <h2>{{ i18n.t('contract.milestones') }}</h2>
        @if (c.milestones.length === 0) {
          <p>{{ i18n.t('contract.noMilestones') }}</p>
        } @else {
          <ol class="timeline" data-testid="milestones">
            @for (m of c.milestones; track m.sequence) {
              <li [attr.data-state]="state(m)">
                <span class="dot" aria-hidden="true"></span>
                <div>
                  <strong>{{ i18n.date(m.dueDate) }}</strong> · {{ money(m.amount) }}
                  <div class="what">{{ m.description }}</div>
                  <div class="state">
                    @switch (state(m)) {
                      @case ('paid') {
                        {{ i18n.t('contract.paidOn', { date: i18n.date(m.paidOn) }) }}
                      }
                      @case ('overdue') {
                        {{ i18n.t('contract.overdue') }}
                      }
                      @default {
                        {{ i18n.t('contract.unpaid') }}
                      }
                    }
                  </div>
                </div>
              </li>
            }
          </ol>
        }

        <h2>{{ i18n.t('contract.devices') }}</h2>
        @if (c.devices.length === 0) {
          <p>{{ i18n.t('contract.noDevices') }}</p>
        } @else {
          <div
            class="scroll"
            tabindex="0"
            role="region"
            [attr.aria-label]="i18n.t('contract.devices')"
          >
            <table class="plain-table" data-testid="covered-devices">
              <thead>
                <tr>
                  <th scope="col">{{ i18n.t('device.inventoryNumber') }}</th>
                  <th scope="col">{{ i18n.t('device.modality') }}</th>
                  <th scope="col">{{ i18n.t('devices.makeModel') }}</th>
                  <th scope="col">{{ i18n.t('contract.facility') }}</th>
                  <th scope="col" [matTooltip]="i18n.t('hint.contract.serviceFrom')">
                    {{ i18n.t('contract.serviceFrom') }}
                  </th>
                  <th scope="col" [matTooltip]="i18n.t('hint.contract.serviceTo')">
                    {{ i18n.t('contract.serviceTo') }}
                  </th>
                  <th scope="col" class="num" [matTooltip]="i18n.t('hint.contract.serviceFee')">
                    {{ i18n.t('contract.serviceFee') }}
                  </th>
                  <th scope="col" class="num" [matTooltip]="i18n.t('hint.contract.paymentShare')">
                    {{ i18n.t('contract.paymentShare') }}
                  </th>
                </tr>
              </thead>
              <tbody>
                @for (d of c.devices; track d.deviceId) {
                  <tr>
                    <td>
                      <a [routerLink]="['/devices', d.deviceId]">{{ d.inventoryNumber }}</a>
                    </td>
                    <td>{{ i18n.label('modality', d.modality) }}</td>
                    <td>{{ d.manufacturer }} {{ d.model }}</td>
                    <td>{{ d.facilityName }}</td>
                    <td>{{ i18n.date(d.serviceFrom) }}</td>
                    <td>{{ i18n.date(d.serviceTo) }}</td>
                    <td class="num">{{ d.serviceFee === null ? '—' : money(d.serviceFee) }}</td>
                    <td class="num">{{ i18n.number(d.paymentShare * 100, '1.0-1') }} %</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        }
      }
    </section>
  `,
  styles: `
    h1 {
      display: flex;
      align-items: center;
      gap: 12px;
      flex-wrap: wrap;
    }
    .subject {
      color: var(--mat-sys-on-surface-variant);
    }
    .facts {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
      gap: 12px 24px;
      margin: 0;
    }
    .terms {
      margin-bottom: 16px;
    }
    dt {
      font-size: 12px;
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 2px 0 0;
    }
    .timeline {
      list-style: none;
      padding: 0;
      margin: 0;
      border-left: 2px solid var(--mat-sys-outline-variant);
    }
    .timeline li {
      display: flex;
      gap: 12px;
      padding: 0 0 16px 0;
      margin-left: -7px;
    }
    .dot {
      flex: none;
      width: 12px;
      height: 12px;
      margin-top: 4px;
      border-radius: 50%;
      background: var(--mat-sys-surface-container-highest);
      border: 2px solid var(--mat-sys-outline);
    }
    li[data-state='paid'] .dot {
      background: #2e7d4f;
      border-color: #2e7d4f;
    }
    li[data-state='overdue'] .dot {
      background: #c2410c;
      border-color: #c2410c;
    }
    li[data-state='overdue'] .state {
      color: var(--mat-sys-error);
    }
    .what,
    .state {
      font-size: 13px;
      color: var(--mat-sys-on-surface-variant);
    }
    .scroll {
      overflow-x: auto;
    }
    .plain-table {
      border-collapse: collapse;
      width: 100%;
    }
    .plain-table th,
    .plain-table td {
      text-align: left;
      padding: 6px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .plain-table .num {
      text-align: right;
    }
    .plain-table thead th {
      font-size: 12px;
      font-weight: 500;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContractPage {
  protected readonly i18n = inject(I18nService);
  private readonly api = inject(ContractsApi);
  readonly id = input.required<string>();
  protected readonly contract = this.api.oneResource(this.id);
  protected readonly detail = computed<ContractDetailResponse | undefined>(() =>
    this.contract.hasValue() ? this.contract.value() : undefined,
  );
  private readonly today = cityToday();

  /** The SLA over the last two years of the contract: one request, whole measurement periods. */
  protected readonly slaFigures = resource({
    params: () => {
      const c = this.detail();
      if (!c?.sla) return undefined;
      const range = slaRange(
        c.startDate,
        c.terminatedOn ?? c.endDate,
        this.today,
        c.sla.measurementPeriod,
      );
      return range
        ? { id: c.id, kind: c.sla.measurementPeriod, ...range }
        : { id: c.id, kind: c.sla.measurementPeriod, from: null, to: null };
    },
    loader: async ({ params }) =>
      params.from === null || params.to === null
        ? null
        : this.api.sla(params.id, { from: params.from, to: params.to }),
  });
  /** The periods, labelled in the current language. */
  protected readonly periodRows = computed<PeriodUptime[]>(() => {
    const f = this.slaFigures.hasValue() ? this.slaFigures.value() : null;
    const kind = this.detail()?.sla?.measurementPeriod ?? SlaMeasurementPeriod.QUARTER;
    return (f?.periods ?? []).map((p) => {
      const at = periodOf(p.from);
      return {
        label:
          kind === SlaMeasurementPeriod.QUARTER
            ? this.i18n.t('sla.quarter', { q: at.quarter, year: String(at.year) })
            : this.i18n.date(p.from, 'LLLL yyyy'),
        inProgress: p.inProgress,
        coveredHours: p.coveredHours,
        downtimeHours: p.downtimeHours,
        uptime: p.uptimePercent,
        penaltyDays: p.penaltyDays,
        penaltyAmount: p.penaltyAmount,
        met: p.met,
      };
    });
  });

  protected money(v: string): string {
    return `${this.i18n.number(Number(v), '1.2-2')} ₽`;
  }

  protected state(m: PaymentMilestoneResponse): 'paid' | 'overdue' | 'due' {
    if (m.paidOn) return 'paid';
    return m.dueDate < this.today ? 'overdue' : 'due';
  }
}
