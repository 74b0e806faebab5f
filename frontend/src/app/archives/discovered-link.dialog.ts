import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import type { DeviceResponse, DiscoveredDeviceResponse } from '@radfleet/shared';
import { problemOf } from '../core/http/problem';
import { I18nService } from '../core/i18n/i18n.service';
import { ArchivesApi } from './archives.api';
import { DevicePickerComponent } from './device-picker.component';
import { identityText } from './archive-form.model';

/** Links a discovered identity to a registered device: its kept counts move to that device. */
@Component({
  selector: 'rf-discovered-link-dialog',
  imports: [MatDialogModule, MatButtonModule, DevicePickerComponent],
  template: `
    <h2 mat-dialog-title>{{ i18n.t('discovered.linkTitle') }}</h2>
    <mat-dialog-content class="fields">
      <p class="identity">{{ identity }}</p>
      <rf-device-picker (deviceChange)="device.set($event)" />
      <p class="hint">{{ i18n.t('discovered.linkHint') }}</p>
      @if (message()) {
        <p role="alert" class="error" data-testid="link-message">{{ message() }}</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>{{ i18n.t('common.cancel') }}</button>
      <button
        mat-flat-button
        type="button"
        (click)="link()"
        [disabled]="!device() || busy()"
        data-testid="link-save"
      >
        {{ i18n.t('discovered.link') }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .fields {
      min-width: min(560px, 80vw);
    }
    .identity {
      font-weight: 500;
    }
    .hint {
      color: var(--mat-sys-on-surface-variant);
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DiscoveredLinkDialog {
  protected readonly i18n = inject(I18nService);
  private readonly api = inject(ArchivesApi);
  private readonly ref =
    inject<MatDialogRef<DiscoveredLinkDialog, DiscoveredDeviceResponse>>(MatDialogRef);
  private readonly data = inject<DiscoveredDeviceResponse>(MAT_DIALOG_DATA);
  protected readonly identity = identityText(this.data);
  protected readonly device = signal<DeviceResponse | null>(null);
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);

  async link(): Promise<void> {
    const d = this.device();
    if (!d) return;
    this.busy.set(true);
    this.message.set(null);
    try {
      this.ref.close(await this.api.link(this.data.id, d.id));
    } catch (e) {
      const p = problemOf(e);
      this.message.set(p.detail || this.i18n.t('common.error'));
    } finally {
      this.busy.set(false);
    }
  }
}
