import { DOCUMENT, formatDate, formatNumber, registerLocaleData } from '@angular/common';
import localeRu from '@angular/common/locales/ru';
import { computed, effect, inject, Injectable, signal } from '@angular/core';
import { DISTRICT_NAMES, type District } from '@radfleet/shared';
import { en, ru, type MessageKey } from './messages';

export type Language = 'ru' | 'en';
export const LANGUAGES: readonly Language[] = ['ru', 'en'];
const STORAGE_KEY = 'radfleet.lang';
const LOCALES: Record<Language, string> = { ru: 'ru-RU', en: 'en-US' };
const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { ru, en };

registerLocaleData(localeRu, 'ru-RU');

function readStored(): Language {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return v === 'en' || v === 'ru' ? v : 'ru';
  } catch {
    return 'ru';
  }
}

/**
 * The interface language, as a signal. Templates call `t()`, `number()` and `date()`; because they
 * read the language signal, every view re-renders when the language changes.
 */
@Injectable({ providedIn: 'root' })
export class I18nService {
  private readonly document = inject(DOCUMENT);
  readonly language = signal<Language>(readStored());
  readonly locale = computed(() => LOCALES[this.language()]);

  constructor() {
    effect(() => {
      const lang = this.language();
      this.document.documentElement.lang = lang;
      try {
        globalThis.localStorage?.setItem(STORAGE_KEY, lang);
      } catch {
        /* storage may be disabled; the choice then lasts for this page only */
      }
    });
  }

  use(lang: Language): void {
    this.language.set(lang);
  }

  t(key: MessageKey, params?: Record<string, string | number>): string {
    let text: string = DICTIONARIES[this.language()][key] ?? key;
    if (params) {
      for (const [name, value] of Object.entries(params)) {
        text = text.replaceAll(`{${name}}`, typeof value === 'number' ? this.number(value) : value);
      }
    }
    return text;
  }

  /** The name of a district in the current language. */
  district(code: District | string): string {
    return DISTRICT_NAMES[code as District]?.[this.language()] ?? code;
  }

  /** A label for an enum value, e.g. `role.ADMIN`; falls back to the raw value. */
  label(prefix: string, value: string): string {
    const key = `${prefix}.${value}` as MessageKey;
    return DICTIONARIES[this.language()][key] ?? value;
  }

  /** A number in the current locale: `1 234,5` in Russian, `1,234.5` in English. */
  number(value: number | null | undefined, digits = '1.0-2'): string {
    return value == null || Number.isNaN(value) ? '—' : formatNumber(value, this.locale(), digits);
  }

  /** A date in the current locale: `27.11.2026` in Russian. */
  date(value: string | Date | null | undefined, format = 'shortDate'): string {
    if (value == null || value === '') return '—';
    return formatDate(value, format === 'shortDate' ? 'dd.MM.yyyy' : format, this.locale());
  }

  dateTime(value: string | Date | null | undefined): string {
    if (value == null || value === '') return '—';
    return formatDate(value, 'dd.MM.yyyy HH:mm', this.locale());
  }
}
