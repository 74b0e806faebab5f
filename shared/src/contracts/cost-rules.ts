import { daysBetween, type IsoDay } from '../calendar/city-calendar.js';

/**
 * Cost of ownership, defined once (README, "Glossary"). The backend's SQL twins are in
 * backend/src/app/service-events/cost-of-ownership.sql.ts and are tested against these functions.
 */

/** What the allocation of a contract's payments reads of each covered device. */
export interface AllocationWeight {
  /** The contract's fee for the device, when it names one (decimal roubles). */
  serviceFee: string | null;
  /** The device's purchase price (decimal roubles), when known. */
  purchasePrice: string | null;
}

const positive = (v: string | null): number => (v !== null && Number(v) > 0 ? Number(v) : 0);

/**
 * Each covered device's share (0–1, summing to 1) of a contract's payments: in proportion to the
 * per-device service fees where the contract gives one for every device, else to the devices'
 * purchase prices where every device has one, else equal.
 */
export function allocationShares(devices: readonly AllocationWeight[]): number[] {
  const n = devices.length;
  if (n === 0) return [];
  const pick = (weights: number[]) => {
    const total = weights.reduce((s, w) => s + w, 0);
    return weights.every((w) => w > 0) && total > 0 ? weights.map((w) => w / total) : null;
  };
  return (
    pick(devices.map((d) => positive(d.serviceFee))) ??
    pick(devices.map((d) => positive(d.purchasePrice))) ??
    devices.map(() => 1 / n)
  );
}

/** Days in a year, on average over the Gregorian cycle's leap years. */
export const DAYS_PER_YEAR = 365.25;

/**
 * Years in service from the service start to `until` (today, or the decommissioning date when it
 * came first), pro rata by days; null when the start is unknown.
 */
export function yearsInService(start: IsoDay | null, until: IsoDay): number | null {
  if (start === null) return null;
  return Math.max(0, daysBetween(start, until)) / DAYS_PER_YEAR;
}

/** The divisor of a yearly cost: the years in service, at least one (unknown counts as one). */
export function costYearsDivisor(years: number | null): number {
  return Math.max(1, years ?? 1);
}

/** A cost per year of service: `totalKopecks` over at least one year, rounded to the kopeck. */
export function yearlyCostKopecks(totalKopecks: bigint, years: number | null): bigint {
  return BigInt(Math.round(Number(totalKopecks) / costYearsDivisor(years)));
}

/**
 * The service-cost ratio: yearly service cost ÷ current replacement price (HTM rule of thumb: above
 * 0.3 a replacement candidate, above 0.5 replace). Null when the replacement price is unknown or 0.
 */
export function serviceCostRatio(
  yearlyServiceCost: string,
  replacementPrice: string | null,
): number | null {
  const price = replacementPrice === null ? 0 : Number(replacementPrice);
  return price > 0 ? Number(yearlyServiceCost) / price : null;
}

/** Ratio thresholds of the rule of thumb. */
export const SERVICE_COST_CANDIDATE_RATIO = 0.3;
export const SERVICE_COST_REPLACE_RATIO = 0.5;

/** What a device's service cost is made of, in kopecks. */
export interface ServiceCostParts {
  /** The device's shares of SERVICE contracts' paid milestones. */
  serviceContracts: bigint;
  /** Its shares of LIFECYCLE contracts' paid milestones (supply and service together). */
  lifecycleContracts: bigint;
  /** Its purchase price: the supply part of a lifecycle contract. */
  purchasePrice: bigint;
  /** Costs of service events no contract includes. */
  uncoveredEvents: bigint;
}

/**
 * Service cost so far: SERVICE contract shares, LIFECYCLE contract shares beyond the purchase price,
 * and service events no contract includes (events a contract includes are in its payments already).
 */
export function serviceCostKopecks(p: ServiceCostParts): bigint {
  const lifecycleService = p.lifecycleContracts - p.purchasePrice;
  return p.serviceContracts + (lifecycleService > 0n ? lifecycleService : 0n) + p.uncoveredEvents;
}
