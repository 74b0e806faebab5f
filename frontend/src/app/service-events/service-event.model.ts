import { type CreateServiceEventDto, type ServiceEventType } from '@radfleet/shared';
import { moneyOfInput } from '../core/i18n/format';
import type { MessageKey } from '../core/i18n/messages';

/** What the event form holds: date-times as typed, `27.11.2026 09:30` (local time). */
export interface ServiceEventFormValue {
  deviceId: string;
  type: ServiceEventType | '';
  reportedAt: string;
  startedAt: string;
  resolvedAt: string;
  description: string;
  /** As typed: `12 500,50` or `12500.50`. */
  cost: string;
  contractId: string;
}

export type ServiceEventFormErrors = Partial<Record<keyof ServiceEventFormValue, MessageKey>>;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A date-time as typed in the app's format, `27.11.2026 09:30` (also `27.11.2026, 9:30` or ISO
 * `2026-11-27T09:30`), in the browser's time zone, as an ISO timestamp with a zone; null when
 * empty, malformed or not a real moment.
 */
export function isoOfTyped(value: string): string | null {
  const t = value.trim();
  const dmy = /^(\d{1,2})\.(\d{1,2})\.(\d{4})[,\s]+(\d{1,2}):(\d{2})$/.exec(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2})[T\s](\d{2}):(\d{2})$/.exec(t);
  const parts = dmy
    ? [dmy[3], dmy[2], dmy[1], dmy[4], dmy[5]]
    : iso
      ? [iso[1], iso[2], iso[3], iso[4], iso[5]]
      : null;
  if (!parts) return null;
  const [y, mo, d, h, mi] = parts.map(Number) as [number, number, number, number, number];
  if (h > 23 || mi > 59) return null;
  const date = new Date(y, mo - 1, d, h, mi);
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  return date.toISOString();
}

/** A moment as the app shows and takes date-times, in the browser's time zone: `27.11.2026 09:30`. */
export function typedOfDate(d: Date): string {
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * Checks the form and builds the request body: timestamps in ISO with a zone, in order and not in
 * the future; empty optional fields left out; the cost in the API's decimal form.
 */
export function serviceEventBody(
  v: ServiceEventFormValue,
  now: Date = new Date(),
): { body: CreateServiceEventDto | null; errors: ServiceEventFormErrors } {
  const errors: ServiceEventFormErrors = {};
  if (!v.deviceId) errors.deviceId = 'common.required';
  if (!v.type) errors.type = 'common.required';
  if (!v.description.trim()) errors.description = 'common.required';

  const stamp = (field: 'reportedAt' | 'startedAt' | 'resolvedAt', required: boolean) => {
    if (!v[field]) {
      if (required) errors[field] = 'common.required';
      return null;
    }
    const iso = isoOfTyped(v[field]);
    if (!iso) errors[field] = 'serviceEvent.dateTimeInvalid';
    else if (new Date(iso).getTime() > now.getTime() + 60_000)
      errors[field] = 'serviceEvent.rule.future';
    return iso;
  };
  const reportedAt = stamp('reportedAt', true);
  const startedAt = stamp('startedAt', false);
  const resolvedAt = stamp('resolvedAt', false);
  if (reportedAt && startedAt && !errors.startedAt && startedAt < reportedAt)
    errors.startedAt = 'serviceEvent.rule.startedBeforeReported';
  const resolvedFloor = startedAt ?? reportedAt;
  if (resolvedAt && resolvedFloor && !errors.resolvedAt && resolvedAt < resolvedFloor)
    errors.resolvedAt = 'serviceEvent.rule.resolvedBeforeStart';

  let cost: string | null = null;
  if (v.cost.trim()) {
    cost = moneyOfInput(v.cost);
    if (cost === null) errors.cost = 'serviceEvent.rule.cost';
  }
  if (Object.keys(errors).length || !reportedAt || !v.type) return { body: null, errors };

  const body: CreateServiceEventDto = {
    deviceId: v.deviceId,
    type: v.type,
    reportedAt,
    description: v.description.trim(),
  };
  if (startedAt) body.startedAt = startedAt;
  if (resolvedAt) body.resolvedAt = resolvedAt;
  if (cost !== null) body.cost = cost;
  if (v.contractId) body.contractId = v.contractId;
  return { body, errors };
}

/** Downtime split for display: whole days and hours (one decimal) for a day or more, else hours. */
export function downtimeParts(hours: number): { days: number; hours: number } {
  const h = Math.max(0, hours);
  if (h < 24) return { days: 0, hours: Math.round(h * 10) / 10 };
  let days = Math.floor(h / 24);
  let rest = Math.round(h - days * 24);
  if (rest === 24) {
    days += 1;
    rest = 0;
  }
  return { days, hours: rest };
}

/** `5,5 ч`, or `3 д 4 ч` from a day on, in the current language. */
export function downtimeText(
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
  hours: number | null | undefined,
): string {
  if (hours == null || Number.isNaN(hours)) return '—';
  const p = downtimeParts(hours);
  return p.days
    ? t('downtime.daysHours', { d: p.days, h: p.hours })
    : t('downtime.hours', { h: p.hours });
}

/** The last twelve months up to today: the same day a year ago (exclusive) to today. */
export function lastTwelveMonths(today: string): { from: string; to: string } {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const start = new Date(Date.UTC(y - 1, m - 1, d + 1));
  return { from: start.toISOString().slice(0, 10), to: today };
}
