import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { I18nService } from '../core/i18n/i18n.service';
import { LoadStateComponent } from '../core/ui/load-state.component';
import { FacilitiesApi } from './facilities.api';

@Component({
  selector: 'rf-facility-page',
  imports: [RouterLink, MatCardModule, MatButtonModule, MatIconModule, LoadStateComponent],
  template: `
    <section class="rf-page">
      <a mat-button routerLink="/facilities"
        ><mat-icon>arrow_back</mat-icon> {{ i18n.t('nav.facilities') }}</a
      >
      <rf-load-state
        [loading]="facility.isLoading()"
        [error]="failed()"
        (retry)="facility.reload()"
      />
      @if (notFound()) {
        <p role="alert">{{ i18n.t('facilities.notFound') }}</p>
      }
      @if (facility.hasValue()) {
        @let f = facility.value();
        <h1 data-testid="facility-name">{{ f.name }}</h1>
        <mat-card appearance="outlined">
          <mat-card-content>
            <dl class="facts">
              <div>
                <dt>{{ i18n.t('facilities.code') }}</dt>
                <dd>{{ f.code }}</dd>
              </div>
              <div>
                <dt>{{ i18n.t('facilities.shortName') }}</dt>
                <dd>{{ f.shortName }}</dd>
              </div>
              <div>
                <dt>{{ i18n.t('facilities.type') }}</dt>
                <dd>{{ i18n.label('facilityType', f.type) }}</dd>
              </div>
              <div>
                <dt>{{ i18n.t('facilities.district') }}</dt>
                <dd>{{ i18n.district(f.district) }}</dd>
              </div>
              <div>
                <dt>{{ i18n.t('facilities.address') }}</dt>
                <dd>{{ f.address || '—' }}</dd>
              </div>
            </dl>
          </mat-card-content>
        </mat-card>
      }
    </section>
  `,
  styles: `
    .facts {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
      gap: 16px;
      margin: 0;
    }
    dt {
      font-size: 12px;
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 4px 0 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FacilityPage {
  protected readonly i18n = inject(I18nService);
  readonly id = input.required<string>();
  protected readonly facility = inject(FacilitiesApi).oneResource(this.id);
  private readonly status = computed(() => {
    const e = this.facility.error() as { status?: number } | undefined;
    return e?.status;
  });
  protected readonly notFound = computed(() => this.status() === 404 || this.status() === 400);
  protected readonly failed = computed(
    () => this.facility.status() === 'error' && !this.notFound(),
  );
}
