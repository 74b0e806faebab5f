import { formatKopecks, kopecks, type FieldError } from '@radfleet/shared';

/** A contract's dates and value, as the consistency rules see them. */
export interface ContractTerms {
  startDate: string;
  endDate: string;
  value: string;
  terminatedOn: string | null;
}

/** One covered device and its service period. */
export interface CoveredDevice {
  deviceId: string;
  serviceFrom: string;
  serviceTo: string;
  serviceFee: string | null;
}

/** One payment milestone. */
export interface Milestone {
  description: string | null;
  dueDate: string;
  amount: string;
  paidOn: string | null;
}

/**
 * Rules across fields that a single field's validation cannot see: the dates in order, the
 * milestones within the value, each device listed once and served within the contract's dates.
 * Returns field errors; an empty list means the contract is consistent. Dates are ISO dates.
 */
export function contractRuleErrors(
  c: ContractTerms,
  devices: readonly CoveredDevice[],
  milestones: readonly Milestone[],
): FieldError[] {
  const errors: FieldError[] = [];
  if (c.endDate < c.startDate)
    errors.push({ field: 'endDate', message: 'endDate must not be before startDate' });
  if (c.terminatedOn !== null && c.terminatedOn > c.endDate)
    errors.push({ field: 'endDate', message: 'endDate must not be before the termination' });
  const total = milestones.reduce((s, m) => s + kopecks(m.amount), 0n);
  if (total > kopecks(c.value))
    errors.push({
      field: 'milestones',
      message: `the milestones add up to ${formatKopecks(total)}, more than the value ${c.value}`,
    });
  const seen = new Set<string>();
  devices.forEach((d, i) => {
    if (seen.has(d.deviceId))
      errors.push({ field: `devices.${i}.deviceId`, message: 'the device is listed twice' });
    seen.add(d.deviceId);
    if (d.serviceFrom < c.startDate || d.serviceFrom > c.endDate)
      errors.push({
        field: `devices.${i}.serviceFrom`,
        message: "serviceFrom must be within the contract's dates",
      });
    if (d.serviceTo < c.startDate || d.serviceTo > c.endDate)
      errors.push({
        field: `devices.${i}.serviceTo`,
        message: "serviceTo must be within the contract's dates",
      });
    if (d.serviceTo < d.serviceFrom)
      errors.push({
        field: `devices.${i}.serviceTo`,
        message: 'serviceTo must not be before serviceFrom',
      });
  });
  return errors;
}

/**
 * Whether a contract may be terminated on `terminatedOn`: it must be signed (a draft is not in
 * force), and the date within its signature and end. Returns field errors, empty when it may.
 */
export function terminationRuleErrors(
  c: { signedOn: string | null; endDate: string },
  terminatedOn: string,
): FieldError[] {
  const errors: FieldError[] = [];
  if (c.signedOn === null)
    errors.push({ field: 'terminatedOn', message: 'a draft is not in force: edit it instead' });
  else if (terminatedOn < c.signedOn)
    errors.push({ field: 'terminatedOn', message: 'terminatedOn must not be before signedOn' });
  if (terminatedOn > c.endDate)
    errors.push({ field: 'terminatedOn', message: 'terminatedOn must not be after endDate' });
  return errors;
}
