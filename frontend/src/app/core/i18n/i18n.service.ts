import { DOCUMENT, formatDate, formatNumber, registerLocaleData } from '@angular/common';
import localeRu from '@angular/common/locales/ru';
import { computed, effect, inject, Injectable, signal } from '@angular/core';
import { DISTRICT_NAMES, type District, type Lang } from '@radfleet/shared';
import { en, ru, type MessageKey } from './messages';

export type Language = Lang;
export const LANGUAGES: readonly Language[] = ['ru', 'en'];
const STORAGE_KEY = 'radfleet.lang';
const LOCALES: Record<Language, string> = { ru: 'ru-RU', en: 'en-US' };
const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { ru, en };

registerLocaleData(localeRu, 'ru-RU');

/** `{n, plural, one {…} few {…} other {…}}` in a message, and each of its forms. */
const PLURAL = /\{(\w+), plural,((?:\s*\w+ \{[^{}]*\})+)\s*\}/g;
const PLURAL_FORM = /(\w+) \{([^{}]*)\}/g;

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

  /**
   * The message in the current language with its parameters filled in. A number parameter may pick
   * a plural form, chosen by `Intl.PluralRules` for the language:
   * `{n} {n, plural, one {устройство} few {устройства} other {устройств}}`.
   */
  t(key: MessageKey, params?: Record<string, string | number>): string {
    let text: string = DICTIONARIES[this.language()][key] ?? key;
    if (params) {
      const rules = new Intl.PluralRules(this.locale());
      text = text.replace(PLURAL, (whole, name: string, forms: string) => {
        const value = params[name];
        if (typeof value !== 'number') return whole;
        const options = new Map([...forms.matchAll(PLURAL_FORM)].map((m) => [m[1], m[2]]));
        return options.get(rules.select(value)) ?? options.get('other') ?? whole;
      });
      for (const [name, value] of Object.entries(params)) {
        text = text.replaceAll(`{${name}}`, typeof value === 'number' ? this.number(value) : value);
      }
    }
    return text;
  }

  /** Whether a string is a message key (a type guard: no cast needed to look it up). */
  has(key: string): key is MessageKey {
    return Object.hasOwn(DICTIONARIES.ru, key);
  }

  /** The name of a district in the current language. */
  district(code: District | string): string {
    return DISTRICT_NAMES[code as District]?.[this.language()] ?? code;
  }

  /** A label for an enum value, e.g. `role.ADMIN`; falls back to the raw value. */
  label(prefix: string, value: string): string {
    const key = `${prefix}.${value}`;
    return this.has(key) ? DICTIONARIES[this.language()][key] : value;
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
