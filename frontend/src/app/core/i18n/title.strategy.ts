import { effect, inject, Injectable, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { TitleStrategy, type RouterStateSnapshot } from '@angular/router';
import { I18nService } from './i18n.service';
import type { MessageKey } from './messages';

/** A route's title: the message key of its page name (the tab then reads "Устройства — RadFleet"). */
export const pageTitle = (key: MessageKey): MessageKey => key;

/**
 * Sets the browser tab's title from the route's `title` (a message key, see `pageTitle`), in the
 * current language, and again whenever the language changes; a route without one shows "RadFleet".
 */
@Injectable({ providedIn: 'root' })
export class TranslatedTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly i18n = inject(I18nService);
  private readonly key = signal<MessageKey | null>(null);

  constructor() {
    super();
    effect(() => this.title.setTitle(this.text(this.key())));
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    const key = this.buildTitle(snapshot);
    this.key.set(key !== undefined && this.i18n.has(key) ? key : null);
    // Now as well, not only when the effect next runs: history entries take the title at once.
    this.title.setTitle(this.text(this.key()));
  }

  private text(key: MessageKey | null): string {
    return key ? `${this.i18n.t(key)} — RadFleet` : 'RadFleet';
  }
}
