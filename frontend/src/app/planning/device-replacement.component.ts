import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import type { PriorityItem } from '@radfleet/shared';
import { I18nService } from '../core/i18n/i18n.service';
import type { MessageKey } from '../core/i18n/messages';
import { PlanningApi } from './planning.api';
import { FACTOR_COLOURS, factorSentence, lifeSentence } from './planning-explain';

/**
 * The device page's "Replacement" card: the device's priority score split by factor, its band and
 * recommendation, its adjusted life and why, end of life and replacement price, the factors in
 * words on demand, and a link to its explanation among the priorities.
 */
@Component({
  selector: 'rf-device-replacement',
  imports: [RouterLink, MatButtonModule, MatCardModule, MatIconModule, MatTooltipModule],
  template: `
    <mat-card appearance="outlined" data-testid="replacement-card">
      <mat-card-header>
        <mat-card-title>{{ i18n.t('planning.card.title') }}</mat-card-title>
      </mat-card-header>
      <mat-card-content>
        @if (priority.isLoading()) {
          <p>{{ i18n.t('common.loading') }}</p>
        } @else if (notScored()) {
          <p data-testid="replacement-not-scored">{{ i18n.t('planning.card.notScored') }}</p>
        } @else if (priority.error()) {
          <p role="alert">{{ i18n.t('common.error') }}</p>
        } @else if (item(); as p) {
          <p class="headline">
            <strong data-testid="replacement-score">{{
              i18n.t('planning.card.score', { score: i18n.number(p.score, '1.2-2') })
            }}</strong>
            <span class="chip" [attr.data-band]="p.band" data-testid="replacement-band">{{
              i18n.t($any('planning.band.' + p.band))
            }}</span>
            <span>{{ i18n.t($any('planning.recommendation.' + p.recommendation)) }}</span>
          </p>
          <div class="bar" role="img" [attr.aria-label]="barLabel()">
            @for (f of p.factors; track f.factor) {
              @if (f.contribution > 0) {
                <span
                  [style.width.%]="f.contribution"
                  [style.background]="colours[f.factor]"
                  [matTooltip]="factorName(f.factor) + ': ' + i18n.number(f.contribution, '1.2-2')"
                ></span>
              }
            }
          </div>
          <p data-testid="replacement-life">{{ life() }}</p>
          @if (open()) {
            <ul data-testid="replacement-factors">
              @for (f of p.factors; track f.factor; let k = $index) {
                <li [class.zero]="f.contribution === 0">
                  <span class="swatch" [style.background]="colours[f.factor]"></span>
                  <strong>{{ factorName(f.factor) }}</strong>: {{ sentence(p, k) }}
                </li>
              }
            </ul>
          }
          <div class="actions">
            <button mat-button type="button" (click)="open.set(!open())">
              <mat-icon>{{ open() ? 'expand_less' : 'expand_more' }}</mat-icon>
              {{ i18n.t(open() ? 'planning.card.hide' : 'planning.card.why') }}
            </button>
            <a
              mat-button
              routerLink="/planning"
              [queryParams]="{ explain: p.deviceId, q: p.inventoryNumber }"
              data-testid="replacement-explanation-link"
            >
              <mat-icon>format_list_numbered</mat-icon> {{ i18n.t('planning.card.inPriorities') }}
            </a>
          </div>
        }
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    .headline {
      display: flex;
      align-items: center;
      gap: 12px;
      flex-wrap: wrap;
    }
    .bar {
      display: flex;
      width: 100%;
      max-width: 320px;
      height: 14px;
      background: var(--mat-sys-surface-container-high);
      border-radius: 3px;
      overflow: hidden;
    }
    .bar span {
      height: 100%;
    }
    .chip {
      display: inline-block;
      padding: 2px 10px;
      border-radius: 12px;
      font-size: 12px;
      background: var(--mat-sys-surface-container-high);
    }
    .chip[data-band='REPLACE_NOW'] {
      background: #fde2e1;
      color: #8a1c14;
    }
    .chip[data-band='WITHIN_2_YEARS'] {
      background: #fff0d6;
      color: #7a4a00;
    }
    .chip[data-band='MONITOR'] {
      background: #e3f0ff;
      color: #0b4a8b;
    }
    ul {
      padding-left: 0;
      list-style: none;
    }
    li {
      margin: 4px 0;
    }
    li.zero {
      color: var(--mat-sys-on-surface-variant);
    }
    .swatch {
      display: inline-block;
      width: 10px;
      height: 10px;
      margin-right: 6px;
      border-radius: 2px;
    }
    .actions {
      display: flex;
      gap: 8px;
      flex-wrap: wrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeviceReplacementComponent {
  protected readonly i18n = inject(I18nService);
  private readonly api = inject(PlanningApi);
  readonly deviceId = input.required<string>();
  protected readonly colours = FACTOR_COLOURS;
  protected readonly open = signal(false);
  protected readonly priority = this.api.devicePriorityResource(this.deviceId);
  protected readonly item = computed<PriorityItem | null>(() =>
    this.priority.hasValue() ? this.priority.value() : null,
  );
  /** 404: the device is not in the installed base (or not in the manager's facilities). */
  protected readonly notScored = computed(() => {
    const e = this.priority.error();
    return e instanceof HttpErrorResponse && e.status === 404;
  });
  protected readonly life = computed(() => {
    const p = this.item();
    return p ? lifeSentence(this.i18n, p) : '';
  });
  protected readonly barLabel = computed(() => {
    const p = this.item();
    if (!p) return '';
    return p.factors
      .filter((f) => f.contribution > 0)
      .map((f) => `${this.factorName(f.factor)} ${this.i18n.number(f.contribution, '1.2-2')}`)
      .join(', ');
  });

  protected factorName(f: string): string {
    return this.i18n.t(`planning.factor.${f}` as MessageKey);
  }

  protected sentence(p: PriorityItem, k: number): string {
    return factorSentence(this.i18n, p.factors[k]!);
  }
}
