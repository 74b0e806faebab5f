import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { ContractsApi, type ContractFilter, ContractStatusChipComponent } from '../contracts';
import { I18nService } from '../core/i18n/i18n.service';
import { LoadStateComponent } from '../core/ui/load-state.component';
import { SuppliersApi } from './suppliers.api';

/** One supplier: its details and its contracts. */
@Component({
  selector: 'rf-supplier-page',
  imports: [
    MatTooltipModule,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    LoadStateComponent,
    ContractStatusChipComponent,
  ],
  template: `
    <section class="rf-page">
      <a mat-button routerLink="/suppliers"
        ><mat-icon>arrow_back</mat-icon> {{ i18n.t('nav.suppliers') }}</a
      >
      <rf-load-state
        [loading]="supplier.isLoading()"
        [error]="supplier.status() === 'error'"
        (retry)="supplier.reload()"
      />
      @if (supplier.hasValue()) {
        @let s = supplier.value();
        <h1 data-testid="supplier-name">{{ s.name }}</h1>
        <mat-card appearance="outlined">
          <mat-card-content>
            <dl class="facts">
              <div>
                <dt>{{ i18n.t('supplier.kind') }}</dt>
                <dd>{{ i18n.label('supplier.kind', s.kind) }}</dd>
              </div>
              <div>
                <dt>{{ i18n.t('supplier.inn') }}</dt>
                <dd>{{ s.inn }}</dd>
              </div>
              <div>
                <dt>{{ i18n.t('supplier.kpp') }}</dt>
                <dd>{{ s.kpp ?? '—' }}</dd>
              </div>
              <div>
                <dt>{{ i18n.t('supplier.address') }}</dt>
                <dd>{{ s.address ?? '—' }}</dd>
              </div>
              <div>
                <dt>{{ i18n.t('supplier.contactPerson') }}</dt>
                <dd>{{ s.contactPerson ?? '—' }}</dd>
              </div>
              <div>
                <dt>{{ i18n.t('supplier.phone') }}</dt>
                <dd>{{ s.phone ?? '—' }}</dd>
              </div>
              <div>
                <dt>{{ i18n.t('supplier.email') }}</dt>
                <dd>{{ s.email ?? '—' }}</dd>
              </div>
            </dl>
          </mat-card-content>
        </mat-card>
        <h2>{{ i18n.t('supplier.contracts') }}</h2>
        <rf-load-state
          [loading]="contracts.isLoading()"
          [error]="contracts.status() === 'error'"
          [empty]="contracts.hasValue() && contractRows().length === 0"
          (retry)="contracts.reload()"
        />
        @if (contractRows().length > 0) {
          <table class="plain-table" data-testid="supplier-contracts">
            <thead>
              <tr>
                <th scope="col" [matTooltip]="i18n.t('hint.contract.number')">
                  {{ i18n.t('contract.number') }}
                </th>
                <th scope="col" [matTooltip]="i18n.t('hint.contract.type')">
                  {{ i18n.t('contract.type') }}
                </th>
                <th scope="col" [matTooltip]="i18n.t('hint.contract.status')">
                  {{ i18n.t('contract.status') }}
                </th>
                <th scope="col" [matTooltip]="i18n.t('hint.contract.endDate')">
                  {{ i18n.t('contract.endDate') }}
                </th>
                <th scope="col" class="num">{{ i18n.t('contract.value') }}</th>
              </tr>
            </thead>
            <tbody>
              @for (c of contractRows(); track c.id) {
                <tr>
                  <td>
                    <a [routerLink]="['/contracts', c.id]">{{ c.number }}</a>
                  </td>
                  <td>{{ i18n.label('contractType', c.type) }}</td>
                  <td><rf-contract-status-chip [status]="c.status" /></td>
                  <td>{{ i18n.date(c.endDate) }}</td>
                  <td class="num">{{ i18n.number(+c.value, '1.2-2') }} ₽</td>
                </tr>
              }
            </tbody>
          </table>
        }
      }
    </section>
  `,
  styles: `
    .facts {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
      gap: 12px 24px;
      margin: 0;
    }
    dt {
      font-size: 12px;
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 2px 0 0;
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
    .num {
      text-align: right !important;
      white-space: nowrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SupplierPage {
  protected readonly i18n = inject(I18nService);
  readonly id = input.required<string>();
  protected readonly supplier = inject(SuppliersApi).oneResource(this.id);
  private readonly filter = computed<ContractFilter>(() => ({
    page: 1,
    pageSize: 200,
    sort: '-endDate',
    supplierId: this.id(),
  }));
  protected readonly contracts = inject(ContractsApi).listResource(this.filter);
  protected readonly contractRows = computed(() =>
    this.contracts.hasValue() ? this.contracts.value().items : [],
  );
}
