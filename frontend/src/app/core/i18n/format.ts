import { MONEY_PATTERN } from '@radfleet/shared';
import type { I18nService } from './i18n.service';

/** Display and input of the values every domain shows the same way: money and shares. */

/** Roubles, exactly as stored (a decimal string), in the current locale: `45 000 000,00 ₽`. */
export function money(i18n: I18nService, value: string | null | undefined): string {
  if (value == null || value === '') return '—';
  const n = Number(value);
  return Number.isFinite(n) ? `${i18n.number(n, '1.2-2')} ₽` : value;
}

/** Roubles as typed (spaces, comma or point) in the API's form `12500.50`; null when not an amount. */
export function moneyOfInput(value: string): string | null {
  const v = value.replace(/[\s\u00a0]/g, '').replace(',', '.');
  return MONEY_PATTERN.test(v) ? v : null;
}

/**
 * A digital share (0..1) as the product shows it everywhere: a percent with one decimal, `84,5 %`;
 * "no data" when there is no installed base to divide by.
 */
export function sharePercent(i18n: I18nService, share: number | null | undefined): string {
  if (share == null) return i18n.t('device.noData');
  return `${i18n.number(share * 100, '1.1-1')} %`;
}
