import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { AuditAction, type FieldChange } from '@radfleet/shared';
import { I18nService } from '../core/i18n/i18n.service';
import { LoadStateComponent } from '../core/ui/load-state.component';
import { AuditApi, type AuditFilter } from './audit.api';

const ENTITY_TYPES = ['device', 'facility', 'user', 'modality'] as const;

/** The audit trail for administrators: who changed what, when, before and after. */
@Component({
  selector: 'rf-audit-list-page',
  imports: [
    RouterLink,
    MatTableModule,
    MatPaginatorModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    LoadStateComponent,
  ],
  template: `
    <section class="rf-page">
      <h1>{{ i18n.t('audit.title') }}</h1>
      <div class="filters">
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ i18n.t('audit.entityType') }}</mat-label>
          <mat-select
            [value]="filter().entityType ?? ''"
            (selectionChange)="patch({ entityType: $event.value || undefined })"
          >
            <mat-option value="">{{ i18n.t('common.all') }}</mat-option>
            @for (e of entityTypes; track e) {
              <mat-option [value]="e">{{ i18n.label('audit.entity', e) }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ i18n.t('audit.action') }}</mat-label>
          <mat-select
            [value]="filter().action ?? ''"
            (selectionChange)="patch({ action: $event.value || undefined })"
          >
            <mat-option value="">{{ i18n.t('common.all') }}</mat-option>
            @for (a of actions; track a) {
              <mat-option [value]="a">{{ i18n.label('audit.act', a) }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ i18n.t('audit.from') }}</mat-label>
          <input
            matInput
            type="date"
            [value]="filter().from ?? ''"
            (change)="patch({ from: $any($event.target).value || undefined })"
          />
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ i18n.t('audit.to') }}</mat-label>
          <input
            matInput
            type="date"
            [value]="filter().to ?? ''"
            (change)="patch({ to: $any($event.target).value || undefined })"
          />
        </mat-form-field>
      </div>
      <rf-load-state
        [loading]="list.isLoading()"
        [error]="list.status() === 'error'"
        [empty]="list.hasValue() && rows().length === 0"
        (retry)="list.reload()"
      />
      @if (rows().length > 0) {
        <table mat-table [dataSource]="rows()" data-testid="audit-table">
          <ng-container matColumnDef="at">
            <th mat-header-cell *matHeaderCellDef>{{ i18n.t('audit.at') }}</th>
            <td mat-cell *matCellDef="let a">{{ i18n.dateTime(a.at) }}</td>
          </ng-container>
          <ng-container matColumnDef="actor">
            <th mat-header-cell *matHeaderCellDef>{{ i18n.t('audit.actor') }}</th>
            <td mat-cell *matCellDef="let a">{{ a.actorEmail ?? '—' }}</td>
          </ng-container>
          <ng-container matColumnDef="action">
            <th mat-header-cell *matHeaderCellDef>{{ i18n.t('audit.action') }}</th>
            <td mat-cell *matCellDef="let a">{{ i18n.label('audit.act', a.action) }}</td>
          </ng-container>
          <ng-container matColumnDef="entity">
            <th mat-header-cell *matHeaderCellDef>{{ i18n.t('audit.entityType') }}</th>
            <td mat-cell *matCellDef="let a">
              @if (a.entityType === 'device') {
                <a [routerLink]="['/devices', a.entityId]">{{
                  i18n.label('audit.entity', a.entityType)
                }}</a>
              } @else if (a.entityType === 'facility') {
                <a [routerLink]="['/facilities', a.entityId]">{{
                  i18n.label('audit.entity', a.entityType)
                }}</a>
              } @else {
                {{ i18n.label('audit.entity', a.entityType) }}
              }
            </td>
          </ng-container>
          <ng-container matColumnDef="changes">
            <th mat-header-cell *matHeaderCellDef>{{ i18n.t('audit.changes') }}</th>
            <td mat-cell *matCellDef="let a">
              <ul class="changes">
                @for (c of a.changes.slice(0, 6); track c.field) {
                  <li>
                    <b>{{ c.field }}</b
                    >: {{ show(c.before) }} → {{ show(c.after) }}
                  </li>
                }
                @if (a.changes.length > 6) {
                  <li>… {{ i18n.t('audit.more', { n: a.changes.length - 6 }) }}</li>
                }
              </ul>
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let row; columns: columns"></tr>
        </table>
      }
      <mat-paginator
        [length]="total()"
        [pageIndex]="filter().page - 1"
        [pageSize]="filter().pageSize"
        [pageSizeOptions]="[25, 50, 100]"
        (page)="onPage($event)"
      />
    </section>
  `,
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      margin-bottom: 8px;
    }
    table {
      width: 100%;
    }
    .changes {
      margin: 0;
      padding-left: 16px;
      font-size: 13px;
    }
    td {
      vertical-align: top;
      padding-top: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditListPage {
  protected readonly i18n = inject(I18nService);
  protected readonly entityTypes = ENTITY_TYPES;
  protected readonly actions = Object.values(AuditAction);
  protected readonly columns = ['at', 'actor', 'action', 'entity', 'changes'];
  protected readonly filter = signal<AuditFilter>({ page: 1, pageSize: 50 });
  protected readonly list = inject(AuditApi).listResource(this.filter);
  protected readonly rows = computed(() => (this.list.hasValue() ? this.list.value().items : []));
  protected readonly total = computed(() => (this.list.hasValue() ? this.list.value().total : 0));

  protected patch(p: Partial<AuditFilter>): void {
    this.filter.update((f) => ({ ...f, ...p, page: 1 }));
  }

  protected onPage(e: PageEvent): void {
    this.filter.update((f) => ({ ...f, page: e.pageIndex + 1, pageSize: e.pageSize }));
  }

  protected show(v: FieldChange['before']): string {
    if (v === null || v === undefined || v === '') return '—';
    if (typeof v === 'number') return this.i18n.number(v);
    if (typeof v === 'boolean') return this.i18n.t(v ? 'common.yes' : 'common.no');
    return typeof v === 'string' ? v : JSON.stringify(v);
  }
}
