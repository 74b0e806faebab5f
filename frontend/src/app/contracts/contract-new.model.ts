import {
  SlaMeasurementPeriod,
  SlaVerdictScope,
  UptimeBasis,
  type ContractType,
  type CreateContractDto,
  type PaymentMilestoneDto,
  type SlaTermsDto,
} from '@radfleet/shared';
import type { MessageKey } from '../core/i18n/messages';
import { moneyOfInput } from '../core/i18n/format';

export interface MilestoneFormValue {
  description: string;
  dueDate: string | null;
  amount: string;
}

/** The create form with dates already as `YYYY-MM-DD` (or null) and money as typed. */
export interface ContractFormValue {
  number: string;
  type: ContractType | '';
  supplierId: string;
  subject: string;
  signedOn: string | null;
  startDate: string | null;
  endDate: string | null;
  value: string;
  milestones: MilestoneFormValue[];
  sla: SlaFormValue;
  /** Lines `inventory number: amount`, optional. */
  serviceFees: string;
  /** Inventory numbers of the covered devices, as typed. */
  devices: string;
}

/** SLA terms as typed; `enabled` false leaves the contract without an SLA. */
export interface SlaFormValue {
  enabled: boolean;
  guaranteedUptimePercent: string;
  basis: UptimeBasis;
  responseHours: string;
  repairDays: string;
  penaltyPerDay: string;
  measurementPeriod: SlaMeasurementPeriod;
  verdictScope: SlaVerdictScope;
}

export const DEFAULT_SLA: SlaFormValue = {
  enabled: true,
  guaranteedUptimePercent: '95',
  basis: UptimeBasis.ROUND_THE_CLOCK,
  responseHours: '24',
  repairDays: '7',
  penaltyPerDay: '0',
  measurementPeriod: SlaMeasurementPeriod.QUARTER,
  verdictScope: SlaVerdictScope.PER_DEVICE,
};

/** A whole number typed by a person, within bounds; null otherwise. */
function wholeNumber(text: string, min: number, max: number): number | null {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n >= min && n <= max ? n : null;
}

/** SLA terms, checked; errors keyed `sla.<field>`. */
function slaTerms(v: SlaFormValue, errors: ContractFormErrors): SlaTermsDto | null {
  if (!v.enabled) return null;
  const pct = Number(v.guaranteedUptimePercent.trim().replace(',', '.'));
  const pctOk =
    v.guaranteedUptimePercent.trim() !== '' &&
    Number.isFinite(pct) &&
    pct >= 0 &&
    pct <= 100 &&
    /^\d+([.,]\d{1,2})?$/.test(v.guaranteedUptimePercent.trim());
  if (!pctOk) errors['sla.guaranteedUptimePercent'] = 'contractNew.slaPercentRule';
  const responseHours = wholeNumber(v.responseHours, 1, 8760);
  if (responseHours === null) errors['sla.responseHours'] = 'contractNew.slaHoursRule';
  const repairDays = wholeNumber(v.repairDays, 1, 365);
  if (repairDays === null) errors['sla.repairDays'] = 'contractNew.slaDaysRule';
  const penalty = moneyOfInput(v.penaltyPerDay);
  if (penalty === null) errors['sla.penaltyPerDay'] = 'contractNew.moneyRule';
  if (!pctOk || responseHours === null || repairDays === null || penalty === null) return null;
  return {
    guaranteedUptimePercent: pct,
    basis: v.basis,
    responseHours,
    repairDays,
    penaltyPerDay: penalty,
    measurementPeriod: v.measurementPeriod,
    verdictScope: v.verdictScope,
  };
}

/**
 * Per-device service fees typed as lines `inventory number: amount` (or `=` / tab), each for a
 * device of `devices`; null (and the error set) when a line is not one of those.
 */
export function serviceFees(
  text: string,
  devices: readonly string[],
  errors: ContractFormErrors,
): Map<string, string> | null {
  const fees = new Map<string, string>();
  const listed = new Map(devices.map((d) => [d.toLowerCase(), d]));
  for (const line of text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const m = /^(.+?)\s*[:=\t]\s*(.+)$/.exec(line);
    const device = m ? listed.get(m[1]!.trim().toLowerCase()) : undefined;
    const amount = m ? moneyOfInput(m[2]!) : null;
    if (!device || amount === null) {
      errors['serviceFees'] = 'contractNew.serviceFeesRule';
      return null;
    }
    fees.set(device, amount);
  }
  return fees;
}

export type ContractFormErrors = Record<string, MessageKey>;

const NUMBER = /^[\p{L}\p{N}][\p{L}\p{N} ./_№#-]{0,63}$/u;

/** Inventory numbers as typed: split on commas, semicolons and new lines, trimmed, each once. */
export function inventoryNumbers(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,;\n]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** Checks the form and builds `CreateContractDto` (devices are added once their ids are known). */
export function contractBody(v: ContractFormValue): {
  body: CreateContractDto | null;
  errors: ContractFormErrors;
} {
  const errors: ContractFormErrors = {};
  const number = v.number.trim();
  if (!number) errors['number'] = 'common.required';
  else if (!NUMBER.test(number)) errors['number'] = 'contractNew.numberRule';
  if (!v.type) errors['type'] = 'common.required';
  if (!v.supplierId) errors['supplierId'] = 'common.required';
  if (!v.subject.trim()) errors['subject'] = 'common.required';
  if (!v.startDate) errors['startDate'] = 'common.required';
  if (!v.endDate) errors['endDate'] = 'common.required';
  if (v.startDate && v.endDate && v.endDate < v.startDate)
    errors['endDate'] = 'contractNew.endBeforeStart';
  const value = moneyOfInput(v.value);
  if (!v.value.trim()) errors['value'] = 'common.required';
  else if (value === null) errors['value'] = 'contractNew.moneyRule';
  const milestones: PaymentMilestoneDto[] = [];
  v.milestones.forEach((m, i) => {
    const amount = moneyOfInput(m.amount);
    if (!m.dueDate) errors[`milestones.${i}.dueDate`] = 'common.required';
    if (!m.amount.trim()) errors[`milestones.${i}.amount`] = 'common.required';
    else if (amount === null) errors[`milestones.${i}.amount`] = 'contractNew.moneyRule';
    if (m.dueDate && amount !== null)
      milestones.push({
        dueDate: m.dueDate,
        amount,
        ...(m.description.trim() ? { description: m.description.trim() } : {}),
      });
  });
  const sla = slaTerms(v.sla, errors);
  serviceFees(v.serviceFees, inventoryNumbers(v.devices), errors);
  if (Object.keys(errors).length || !v.type || !value || !v.startDate || !v.endDate)
    return { body: null, errors };
  return {
    body: {
      number,
      type: v.type,
      supplierId: v.supplierId,
      subject: v.subject.trim(),
      signedOn: v.signedOn,
      startDate: v.startDate,
      endDate: v.endDate,
      value,
      milestones,
      sla,
    },
    errors,
  };
}
