import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';

/** One figure of a home page, linking to the list it summarises with that list's URL filters. */
@Component({
  selector: 'rf-home-tile',
  imports: [RouterLink, MatIconModule],
  template: `
    <a
      class="tile"
      [routerLink]="route()"
      [queryParams]="query()"
      [attr.data-testid]="'tile-' + key()"
      [attr.data-rag]="rag()"
    >
      <mat-icon aria-hidden="true">{{ icon() }}</mat-icon>
      <span class="value" data-testid="tile-value">{{ value() }}</span>
      <span class="label">{{ label() }}</span>
      @if (note()) {
        <span class="note">{{ note() }}</span>
      }
    </a>
  `,
  styles: `
    .tile {
      display: grid;
      grid-template-columns: auto 1fr;
      grid-template-areas: 'icon value' 'label label' 'note note';
      gap: 4px 12px;
      align-items: center;
      padding: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-left: 4px solid var(--mat-sys-outline);
      border-radius: 12px;
      color: inherit;
      text-decoration: none;
      height: 100%;
      box-sizing: border-box;
    }
    .tile:hover,
    .tile:focus-visible {
      background: var(--mat-sys-surface-container);
    }
    .tile[data-rag='GREEN'] {
      border-left-color: #15803d;
    }
    .tile[data-rag='AMBER'] {
      border-left-color: #b45309;
    }
    .tile[data-rag='RED'] {
      border-left-color: var(--mat-sys-error);
    }
    mat-icon {
      grid-area: icon;
      color: var(--mat-sys-primary);
    }
    .value {
      grid-area: value;
      font-size: 28px;
      font-weight: 500;
    }
    .label {
      grid-area: label;
    }
    .note {
      grid-area: note;
      font-size: 13px;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HomeTileComponent {
  readonly key = input.required<string>();
  readonly icon = input('info');
  readonly value = input.required<string>();
  readonly label = input.required<string>();
  readonly note = input<string | null>(null);
  readonly route = input.required<string>();
  readonly query = input<Record<string, string>>({});
  readonly rag = input<string | null>(null);
}
