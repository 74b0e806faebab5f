import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import type { DeviceStatus } from '@radfleet/shared';
import { I18nService } from '../core/i18n/i18n.service';

/** A device's status as a small coloured label (the colour repeats the text, never replaces it). */
@Component({
  selector: 'rf-device-status-chip',
  template: `<span class="chip" [attr.data-status]="status()">{{
    i18n.label('deviceStatus', status())
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
      color: var(--mat-sys-on-surface);
    }
    .chip[data-status='IN_SERVICE'] {
      background: #d7f0dc;
      color: #0f5223;
    }
    .chip[data-status='UNDER_REPAIR'] {
      background: #ffe2c2;
      color: #7a3b00;
    }
    .chip[data-status='IDLE'] {
      background: #e8e2f4;
      color: #3e2a6b;
    }
    .chip[data-status='PLANNED'] {
      background: #d9e6fb;
      color: #0b3b80;
    }
    .chip[data-status='DECOMMISSIONED'] {
      background: #e6e6e6;
      color: #444;
      text-decoration: line-through;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeviceStatusChipComponent {
  protected readonly i18n = inject(I18nService);
  readonly status = input.required<DeviceStatus>();
}
