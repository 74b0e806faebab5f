import { AlertType, type AlertResponse } from '@radfleet/shared';
import type { I18nService } from '../core/i18n/i18n.service';
import type { MessageKey } from '../core/i18n/messages';
import { money } from '../core/i18n/format';

const TEXT: Record<AlertType, MessageKey> = {
  [AlertType.SILENT_DEVICE]: 'alert.text.SILENT_DEVICE',
  [AlertType.CONTRACT_ENDING_90]: 'alert.text.CONTRACT_ENDING',
  [AlertType.CONTRACT_ENDING_30]: 'alert.text.CONTRACT_ENDING',
  [AlertType.COVERAGE_ENDING]: 'alert.text.COVERAGE_ENDING',
  [AlertType.NO_COVERAGE]: 'alert.text.NO_COVERAGE',
  [AlertType.SLA_BREACH]: 'alert.text.SLA_BREACH',
};

/** The parameters each phrasing needs; without them the server's English message is shown. */
const NEEDS: Record<AlertType, readonly string[]> = {
  [AlertType.SILENT_DEVICE]: ['inventoryNumber', 'workingDays'],
  [AlertType.CONTRACT_ENDING_90]: ['number', 'supplier', 'endDate', 'days'],
  [AlertType.CONTRACT_ENDING_30]: ['number', 'supplier', 'endDate', 'days'],
  [AlertType.COVERAGE_ENDING]: ['devices', 'number', 'inventoryNumbers', 'coveredUntil', 'days'],
  [AlertType.NO_COVERAGE]: ['devices', 'inventoryNumbers'],
  [AlertType.SLA_BREACH]: ['number', 'from', 'to', 'breachedDevices', 'penaltyDays'],
};

const DATE_PARAMS = new Set(['endDate', 'coveredUntil', 'lastStudyDay', 'from', 'to']);
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** One parameter, readable in the current language: dates, numbers, money and per cent. */
function formatParam(i18n: I18nService, name: string, value: string | number | null): string {
  if (value === null || value === '') {
    return name === 'uptimePercent' ? '—' : i18n.t('alert.none');
  }
  if (DATE_PARAMS.has(name) && typeof value === 'string' && ISO_DAY.test(value))
    return i18n.date(value);
  if (name === 'penaltyAmount') return money(i18n, String(value));
  if (name === 'uptimePercent') return `${i18n.number(Number(value), '1.0-2')} %`;
  if (typeof value === 'number') return i18n.number(value);
  return value;
}

/** An alert phrased from its type and parameters in the interface language. */
export function alertText(i18n: I18nService, alert: AlertResponse): string {
  const key = TEXT[alert.type];
  const params = alert.params ?? {};
  if (!key || NEEDS[alert.type].some((p) => params[p] === undefined)) return alert.message;
  const formatted: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    formatted[name] = formatParam(i18n, name, value);
  }
  // Optional parameters a phrasing mentions but the server left out.
  if (alert.type === AlertType.SILENT_DEVICE) formatted['lastStudyDay'] ??= i18n.t('alert.none');
  if (alert.type === AlertType.SLA_BREACH) {
    formatted['uptimePercent'] ??= '—';
    formatted['penaltyAmount'] ??= '—';
  }
  return i18n.t(key, formatted);
}
