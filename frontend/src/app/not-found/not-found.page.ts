import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { Router, RouterLink } from '@angular/router';
import { I18nService } from '../core/i18n/i18n.service';

@Component({
  selector: 'rf-not-found-page',
  imports: [RouterLink, MatButtonModule, MatIconModule],
  template: `
    <section class="rf-page not-found" data-testid="not-found">
      <mat-icon class="big" aria-hidden="true">travel_explore</mat-icon>
      <h1>{{ i18n.t('notFound.title') }}</h1>
      <p>{{ i18n.t('notFound.text', { path: path }) }}</p>
      <a mat-flat-button routerLink="/">{{ i18n.t('notFound.home') }}</a>
    </section>
  `,
  styles: `
    .not-found {
      text-align: center;
      padding-top: 64px;
    }
    .big {
      font-size: 64px;
      width: 64px;
      height: 64px;
      color: var(--mat-sys-outline);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFoundPage {
  protected readonly i18n = inject(I18nService);
  protected readonly path = inject(Router).url;
}
