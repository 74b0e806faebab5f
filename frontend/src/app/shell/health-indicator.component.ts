import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { I18nService } from '../core/i18n/i18n.service';
import { HealthApi } from '../health';

/** The service's health in one line of the shell's footer: service, database and version. */
@Component({
  selector: 'rf-health-indicator',
  imports: [MatIconModule, MatButtonModule],
  template: `
    <div class="health" role="status" aria-live="polite" data-testid="health-indicator">
      @if (api.health(); as h) {
        <span
          [class.ok]="h.status === 'ok'"
          [class.bad]="h.status !== 'ok'"
          data-testid="service-status"
        >
          <mat-icon aria-hidden="true">{{ h.status === 'ok' ? 'check_circle' : 'error' }}</mat-icon>
          {{ i18n.t('home.service') }}:
          {{ i18n.t(h.status === 'ok' ? 'home.status.ok' : 'home.status.error') }}
        </span>
        <span
          [class.ok]="h.database === 'up'"
          [class.bad]="h.database !== 'up'"
          data-testid="database-status"
        >
          <mat-icon aria-hidden="true">{{
            h.database === 'up' ? 'database' : 'database_off'
          }}</mat-icon>
          {{ i18n.t('home.database') }}:
          {{ i18n.t(h.database === 'up' ? 'home.db.up' : 'home.db.down') }}
        </span>
        <span>{{ i18n.t('home.version') }} <span data-testid="version">{{ h.version }}</span></span>
      } @else if (api.unreachable()) {
        <span class="bad" data-testid="health-error">
          <mat-icon aria-hidden="true">cloud_off</mat-icon> {{ i18n.t('home.unreachable') }}
        </span>
      } @else {
        <span>{{ i18n.t('home.loading') }}</span>
      }
      @if (api.unreachable() || api.health()?.status === 'error') {
        <button mat-button type="button" (click)="api.reload()" [disabled]="api.loading()">
          <mat-icon>refresh</mat-icon> {{ i18n.t('home.retry') }}
        </button>
      }
    </div>
  `,
  styles: `
    .health {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      align-items: center;
      font-size: 12px;
      color: var(--mat-sys-on-surface-variant);
    }
    span {
      display: inline-flex;
      gap: 4px;
      align-items: center;
    }
    mat-icon {
      font-size: 16px;
      width: 16px;
      height: 16px;
    }
    .ok mat-icon {
      color: #15803d;
    }
    .bad {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HealthIndicatorComponent {
  protected readonly i18n = inject(I18nService);
  protected readonly api = inject(HealthApi);
}
