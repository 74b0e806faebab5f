import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import type { ContractStatus } from '@radfleet/shared';
import { I18nService } from '../core/i18n/i18n.service';

/** A contract's derived status as a small coloured label (the colour repeats the text). */
@Component({
  selector: 'rf-contract-status-chip',
  template: `<span class="chip" [attr.data-status]="status()">{{
    i18n.label('contractStatus', status())
  }}</span>`,
  styles: `
    .chip {
      display: inline-block;
      padding: 2px 10px;
      border-radius: 12px;
      font-size: 12px;
      line-height: 20px;
      white-space: nowrap;
      background: var(--mat-sys-surface-container-high);
    }
    .chip[data-status='ACTIVE'] {
      background: #d7f0dc;
      color: #0f5223;
    }
    .chip[data-status='EXPIRING'] {
      background: #ffe2c2;
      color: #7a3b00;
    }
    .chip[data-status='EXPIRED'],
    .chip[data-status='TERMINATED'] {
      background: #e6e6e6;
      color: #444;
    }
    .chip[data-status='DRAFT'] {
      background: #d9e6fb;
      color: #0b3b80;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContractStatusChipComponent {
  protected readonly i18n = inject(I18nService);
  readonly status = input.required<ContractStatus>();
}
