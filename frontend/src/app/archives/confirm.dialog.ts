import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { I18nService } from '../core/i18n/i18n.service';

/** Asks before something is removed; closes with true to go ahead. */
@Component({
  selector: 'rf-archive-confirm-dialog',
  imports: [MatDialogModule, MatButtonModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>{{ data.text }}</mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">
        {{ i18n.t('common.cancel') }}
      </button>
      <button mat-flat-button type="button" [mat-dialog-close]="true" data-testid="confirm-yes">
        {{ i18n.t('archives.delete') }}
      </button>
    </mat-dialog-actions>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmDialog {
  protected readonly i18n = inject(I18nService);
  protected readonly data = inject<{ title: string; text: string }>(MAT_DIALOG_DATA);
}
