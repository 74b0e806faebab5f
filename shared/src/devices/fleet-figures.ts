import { addMonths, addYears, type IsoDay } from '../calendar/city-calendar.js';
import { DeviceStatus } from './device.enums.js';

/**
 * The fleet's definitions, written once (README, "Glossary"). The backend's SQL twins live in
 * backend/src/app/devices/fleet-figures.sql.ts and are tested against these functions.
 */

/** What the definitions read of a device. */
export interface DeviceDates {
  status: DeviceStatus;
  commissioningDate: IsoDay | null;
  yearOfManufacture: number | null;
  decommissionedOn: IsoDay | null;
}

/** When the device's service began: commissioning, else mid-year of manufacture, else unknown. */
export function serviceStart(d: DeviceDates): IsoDay | null {
  if (d.commissioningDate) return d.commissioningDate;
  return d.yearOfManufacture ? `${String(d.yearOfManufacture).padStart(4, '0')}-07-01` : null;
}

/**
 * Installed base on a date: devices commissioned on or before that date and not decommissioned by
 * it. PLANNED devices never count; DECOMMISSIONED ones count only before their date.
 */
export function isInstalledOn(d: DeviceDates, day: IsoDay): boolean {
  if (d.status === DeviceStatus.PLANNED) return false;
  const start = serviceStart(d);
  if (start === null || start > day) return false;
  return d.decommissionedOn === null || d.decommissionedOn > day;
}

/** The day a device's age is measured to: today, or its decommissioning date if that came first. */
export function ageReferenceDay(d: DeviceDates, today: IsoDay): IsoDay {
  return d.decommissionedOn !== null && d.decommissionedOn < today ? d.decommissionedOn : today;
}

/** Whole months from `from` to `to` (negative when `to` is earlier), as a calendar counts them. */
export function wholeMonthsBetween(from: IsoDay, to: IsoDay): number {
  if (to < from) return 0 - wholeMonthsBetween(to, from) || 0;
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  const months = (ty - fy) * 12 + (tm - fm);
  // A month is complete on the same day of the month (or that month's last day, when shorter).
  return addMonths(from, months) > to ? months - 1 : months;
}

/** Age in whole years: from service start to today (or to decommissioning); null when unknown. */
export function ageYears(d: DeviceDates, today: IsoDay): number | null {
  const start = serviceStart(d);
  if (start === null) return null;
  const to = ageReferenceDay(d, today);
  return to <= start ? 0 : Math.floor(wholeMonthsBetween(start, to) / 12);
}

/**
 * Life by use annualises the studies of its 12-month window only when the device was in service for
 * at least this many days of it; with fewer, the modality's default applies.
 */
export const MIN_DAYS_TO_ANNUALISE = 30;

/** End of life: service start plus the life in force; null when the start is unknown. */
export function endOfLife(d: DeviceDates, lifeYears: number): IsoDay | null {
  const start = serviceStart(d);
  return start === null ? null : addYears(start, lifeYears);
}

/** Past life: today is after the end-of-life date. */
export function isPastLife(endOfLifeDate: IsoDay | null, today: IsoDay): boolean {
  return endOfLifeDate !== null && today > endOfLifeDate;
}

/** Remaining life in whole months from today to the end of life (negative once past it). */
export function remainingLifeMonths(endOfLifeDate: IsoDay | null, today: IsoDay): number | null {
  return endOfLifeDate === null ? null : wholeMonthsBetween(today, endOfLifeDate);
}
