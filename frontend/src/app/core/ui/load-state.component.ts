import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { I18nService } from '../i18n/i18n.service';

/** The loading bar, the error state with a retry, and the empty state of a list or page. */
@Component({
  selector: 'rf-load-state',
  imports: [MatProgressBarModule, MatButtonModule, MatIconModule],
  template: `
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="i18n.t('common.loading')" />
    }
    @if (error()) {
      <div class="state error" role="alert" data-testid="load-error">
        <mat-icon aria-hidden="true">error</mat-icon>
        <span>{{ i18n.t('common.error') }}</span>
        <button mat-stroked-button type="button" (click)="retry.emit()">
          {{ i18n.t('common.retry') }}
        </button>
      </div>
    } @else if (empty() && !loading()) {
      <div class="state" data-testid="empty">
        <mat-icon aria-hidden="true">inbox</mat-icon>
        <span>{{ emptyText() ?? i18n.t('common.empty') }}</span>
      </div>
    }
  `,
  styles: `
    .state {
      display: flex;
      align-items: center;
      gap: 12px;
      padding: 24px;
      color: var(--mat-sys-on-surface-variant);
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoadStateComponent {
  protected readonly i18n = inject(I18nService);
  readonly loading = input(false);
  readonly error = input(false);
  readonly empty = input(false);
  readonly emptyText = input<string>();
  readonly retry = output<void>();
}
