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
import { RouterLink } from '@angular/router';
import type { ContractDetailResponse, PaymentMilestoneResponse } from '@radfleet/shared';
import { I18nService } from '../core/i18n/i18n.service';
import { LoadStateComponent } from '../core/ui/load-state.component';
import { ContractsApi } from './contracts.api';
import { ContractStatusChipComponent } from './contract-status-chip.component';
import { SlaChartComponent, type QuarterUptime } from './sla-chart.component';
import { quartersBetween } from './sla-quarters';

function cityToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
}

/** One contract: its terms, covered devices, payment milestones and SLA compliance per quarter. */
@Component({
  selector: 'rf-contract-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
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
              <div>
                <dt>{{ i18n.t('contract.value') }}</dt>
                <dd>{{ money(c.value) }}</dd>
              </div>
              <div>
                <dt>{{ i18n.t('contract.paid') }}</dt>
                <dd>{{ money(c.paid) }}</dd>
              </div>
              <div>
                <dt>{{ i18n.t('contract.remaining') }}</dt>
                <dd>{{ money(c.remaining) }}</dd>
              </div>
            </dl>
          </mat-card-content>
        </mat-card>

        <h2>{{ i18n.t('sla.title') }}</h2>
        @if (c.sla; as sla) {
          <dl class="facts terms">
            <div>
              <dt>{{ i18n.t('sla.guaranteed') }}</dt>
              <dd>{{ i18n.number(sla.guaranteedUptimePercent) }} %</dd>
            </div>
            <div>
              <dt>{{ i18n.t('sla.basis') }}</dt>
              <dd>{{ i18n.label('sla.basis', sla.basis) }}</dd>
            </div>
            <div>
              <dt>{{ i18n.t('sla.response') }}</dt>
              <dd>{{ i18n.number(sla.responseHours) }}</dd>
            </div>
            <div>
              <dt>{{ i18n.t('sla.repair') }}</dt>
              <dd>{{ i18n.number(sla.repairDays) }}</dd>
            </div>
            <div>
              <dt>{{ i18n.t('sla.penaltyPerDay') }}</dt>
              <dd>{{ money(sla.penaltyPerDay) }}</dd>
            </div>
          </dl>
          <rf-load-state
            [loading]="quarterly.isLoading()"
            [error]="quarterly.status() === 'error'"
            (retry)="quarterly.reload()"
          />
          @if (quarterRows().length > 0) {
            <rf-sla-chart [quarters]="quarterRows()" [guaranteed]="sla.guaranteedUptimePercent" />
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
                  <th scope="col">{{ i18n.t('contract.serviceFrom') }}</th>
                  <th scope="col">{{ i18n.t('contract.serviceTo') }}</th>
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

  /** Uptime per quarter (the last eight the contract overlaps), one SLA request each. */
  protected readonly quarterly = resource({
    params: () => {
      const c = this.detail();
      return c?.sla
        ? { id: c.id, start: c.startDate, end: c.terminatedOn ?? c.endDate }
        : undefined;
    },
    loader: async ({ params }) => {
      const quarters = quartersBetween(params.start, params.end, this.today);
      const answers = await Promise.all(
        quarters.map((q) => this.api.sla(params.id, { from: q.from, to: q.to })),
      );
      return quarters.map((q, i) => ({
        quarter: q.quarter,
        year: q.year,
        uptime: answers[i]!.uptimePercent,
        met: answers[i]!.met,
      }));
    },
  });
  /** The quarters labelled in the current language. */
  protected readonly quarterRows = computed<QuarterUptime[]>(() =>
    this.quarterly.hasValue()
      ? this.quarterly.value().map((q) => ({
          label: this.i18n.t('sla.quarter', { q: q.quarter, year: String(q.year) }),
          uptime: q.uptime,
          met: q.met,
        }))
      : [],
  );

  protected money(v: string): string {
    return `${this.i18n.number(Number(v), '1.2-2')} ₽`;
  }

  protected state(m: PaymentMilestoneResponse): 'paid' | 'overdue' | 'due' {
    if (m.paidOn) return 'paid';
    return m.dueDate < this.today ? 'overdue' : 'due';
  }
}
