import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { MatIconModule } from '@angular/material/icon';
import type { DeviceHistoryEntry } from '@radfleet/shared';
import { I18nService } from '../core/i18n/i18n.service';
import { fieldLabel, formatDeviceValue } from './device-format';

interface HistoryChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

interface HistoryItem {
  key: string;
  at: string;
  actor: string;
  action: DeviceHistoryEntry['action'];
  /** The facility changed: a transfer, shown by facility name. */
  transfer: { from: string; to: string } | null;
  changes: HistoryChange[];
}

/** A device's changes, newest first; transfers named by facility, values formatted as on the page. */
@Component({
  selector: 'rf-device-history',
  imports: [MatIconModule, NgTemplateOutlet],
  template: `
    <ol
      class="timeline"
      data-testid="device-history"
      [attr.aria-label]="i18n.t('device.tab.history')"
    >
      @for (e of items(); track e.key) {
        <li [attr.data-action]="e.action">
          <div class="meta">
            <mat-icon aria-hidden="true">{{ icon(e) }}</mat-icon>
            <strong>{{
              e.transfer ? i18n.t('history.transfer') : i18n.label('history', e.action)
            }}</strong>
            <span class="when">{{ e.at }}</span>
            <span class="who">{{ e.actor }}</span>
          </div>
          @if (e.transfer; as t) {
            <p class="transfer" data-testid="history-transfer">{{ t.from }} → {{ t.to }}</p>
          }
          @if (e.action === 'CREATE') {
            @if (e.changes.length) {
              <details>
                <summary>{{ i18n.t('history.initialValues', { n: e.changes.length }) }}</summary>
                <ng-container
                  *ngTemplateOutlet="table; context: { $implicit: e.changes, created: true }"
                />
              </details>
            }
          } @else if (e.changes.length) {
            <ng-container
              *ngTemplateOutlet="table; context: { $implicit: e.changes, created: false }"
            />
          }
        </li>
      }
    </ol>
    <ng-template #table let-changes let-created="created">
      <div class="scroll">
        <table class="changes">
          <thead>
            <tr>
              <th scope="col">{{ i18n.t('history.field') }}</th>
              @if (!created) {
                <th scope="col">{{ i18n.t('history.before') }}</th>
              }
              <th scope="col">{{ i18n.t(created ? 'history.value' : 'history.after') }}</th>
            </tr>
          </thead>
          <tbody>
            @for (c of asChanges(changes); track c.field) {
              <tr>
                <th scope="row">{{ c.label }}</th>
                @if (!created) {
                  <td class="before">{{ c.before }}</td>
                }
                <td>{{ c.after }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    </ng-template>
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    .timeline {
      list-style: none;
      margin: 0;
      padding: 0 0 0 12px;
      border-left: 2px solid var(--mat-sys-outline-variant);
    }
    li {
      position: relative;
      padding: 0 0 20px 16px;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 12px;
    }
    .meta mat-icon {
      margin-left: -31px;
      background: var(--mat-sys-surface);
      color: var(--mat-sys-primary);
    }
    .when,
    .who {
      color: var(--mat-sys-on-surface-variant);
      font-size: 13px;
    }
    .transfer {
      margin: 6px 0;
      font-weight: 500;
    }
    .scroll {
      overflow-x: auto;
    }
    .changes {
      border-collapse: collapse;
      margin-top: 6px;
      width: min(760px, 100%);
      table-layout: fixed;
    }
    .changes th:first-child {
      width: 32%;
    }
    .changes th,
    .changes td {
      text-align: left;
      padding: 4px 12px 4px 0;
      vertical-align: top;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .changes thead th {
      font-size: 12px;
      color: var(--mat-sys-on-surface-variant);
      font-weight: 500;
    }
    .changes tbody th {
      font-weight: 400;
      color: var(--mat-sys-on-surface-variant);
    }
    .changes td {
      overflow-wrap: anywhere;
    }
    .before {
      color: var(--mat-sys-on-surface-variant);
      text-decoration: line-through;
    }
    summary {
      cursor: pointer;
      margin-top: 6px;
      color: var(--mat-sys-primary);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeviceHistoryComponent {
  protected readonly i18n = inject(I18nService);
  /** As the API sends them: oldest first. */
  readonly entries = input.required<readonly DeviceHistoryEntry[]>();
  readonly facilityNames = input<ReadonlyMap<string, string>>(new Map());

  protected readonly items = computed<HistoryItem[]>(() => {
    const names = this.facilityNames();
    const facility = (id: unknown) => (typeof id === 'string' ? (names.get(id) ?? id) : '—');
    return this.entries()
      .map((e, i) => {
        const move =
          e.action === 'UPDATE' ? e.changes.find((c) => c.field === 'facilityId') : undefined;
        return {
          key: `${i}-${e.at}`,
          at: this.i18n.dateTime(e.at),
          actor: e.actorEmail ?? this.i18n.t('history.system'),
          action: e.action,
          transfer: move ? { from: facility(move.before), to: facility(move.after) } : null,
          changes: e.changes
            .filter(
              (c) =>
                !(
                  e.action === 'CREATE' &&
                  (c.after === null || c.after === undefined || c.after === '')
                ),
            )
            .map((c) => ({
              field: c.field,
              label: fieldLabel(this.i18n, c.field),
              before: formatDeviceValue(this.i18n, c.field, c.before, (id) => names.get(id)),
              after: formatDeviceValue(this.i18n, c.field, c.after, (id) => names.get(id)),
            })),
        };
      })
      .reverse();
  });

  protected icon(e: HistoryItem): string {
    if (e.transfer) return 'local_shipping';
    return e.action === 'CREATE' ? 'add_circle' : e.action === 'DELETE' ? 'delete' : 'edit';
  }

  /** Narrows the template context's untyped value. */
  protected asChanges(v: unknown): HistoryChange[] {
    return v as HistoryChange[];
  }
}
