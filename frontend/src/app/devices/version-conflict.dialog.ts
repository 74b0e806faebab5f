import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { I18nService } from '../core/i18n/i18n.service';
import { fieldLabel } from './device-format';

/** One field as it was, and as it is now (theirs) or would be (mine). Values are already formatted. */
export interface ConflictChange {
  field: string;
  before: string;
  after: string;
}

export interface VersionConflictData {
  /** What someone else saved since this page read the device. */
  theirs: ConflictChange[];
  /** What this user is trying to save. */
  mine: ConflictChange[];
}

/** `reload`: drop my edits and show the current record; `keep`: save my edits over the current version. */
export type VersionConflictChoice = 'reload' | 'keep';

/** The device changed under the user's feet: show both sides and let them choose. */
@Component({
  selector: 'rf-version-conflict-dialog',
  imports: [MatDialogModule, MatButtonModule, MatIconModule],
  template: `
    <h2 mat-dialog-title>
      <mat-icon aria-hidden="true" class="warn">sync_problem</mat-icon>
      {{ i18n.t('conflict.title') }}
    </h2>
    <mat-dialog-content>
      <p>{{ i18n.t('conflict.text') }}</p>
      <h3>{{ i18n.t('conflict.theirs') }}</h3>
      @if (data.theirs.length === 0) {
        <p class="muted">{{ i18n.t('conflict.theirsUnknown') }}</p>
      } @else {
        <ul data-testid="conflict-theirs">
          @for (c of data.theirs; track c.field) {
            <li [class.clash]="clashes.has(c.field)">
              <strong>{{ label(c.field) }}</strong>: {{ c.before }} → {{ c.after }}
              @if (clashes.has(c.field)) {
                <span class="tag">{{ i18n.t('conflict.clash') }}</span>
              }
            </li>
          }
        </ul>
      }
      <h3>{{ i18n.t('conflict.mine') }}</h3>
      <ul data-testid="conflict-mine">
        @for (c of data.mine; track c.field) {
          <li [class.clash]="clashes.has(c.field)">
            <strong>{{ label(c.field) }}</strong>: {{ c.before }} → {{ c.after }}
          </li>
        }
      </ul>
      <p class="muted">{{ i18n.t('conflict.keepHint') }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>{{ i18n.t('common.cancel') }}</button>
      <button
        mat-stroked-button
        type="button"
        [mat-dialog-close]="'reload'"
        data-testid="conflict-reload"
      >
        {{ i18n.t('conflict.reload') }}
      </button>
      <button mat-flat-button type="button" [mat-dialog-close]="'keep'" data-testid="conflict-keep">
        {{ i18n.t('conflict.keep') }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    h3 {
      font-size: 14px;
      margin: 16px 0 4px;
    }
    ul {
      margin: 0;
      padding-left: 20px;
    }
    li {
      margin: 2px 0;
    }
    .clash strong {
      color: var(--mat-sys-error);
    }
    .tag {
      margin-left: 6px;
      font-size: 12px;
      color: var(--mat-sys-error);
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .warn {
      vertical-align: middle;
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VersionConflictDialog {
  protected readonly i18n = inject(I18nService);
  protected readonly data = inject<VersionConflictData>(MAT_DIALOG_DATA);
  /** Fields both sides changed: keeping mine overwrites theirs there. */
  protected readonly clashes = new Set(
    this.data.theirs.map((c) => c.field).filter((f) => this.data.mine.some((m) => m.field === f)),
  );

  protected label(field: string): string {
    return fieldLabel(this.i18n, field);
  }
}
