import { addMonths, addYears, dateParts, formatIsoDate } from './calendar.js';
import { type DeviceDraft } from './devices.js';
import { MANUFACTURERS } from './equipment-catalogue.js';
import { formatKopecks } from './money.js';
import { type Prng } from './prng.js';
import { MODALITY_PLURAL_GENITIVE } from './reference-data.js';
import { type SupplierDraft } from './suppliers.js';
import {
  type ContractType,
  type DemoContract,
  type DemoContractDevice,
  type DemoPaymentMilestone,
  type DemoSlaTerms,
} from './types.js';

/** A contract with its day numbers and covered devices, for the service-event generator. */
export interface ContractDraft {
  record: DemoContract;
  supplier: SupplierDraft;
  devices: DeviceDraft[];
  startDay: number;
  endDay: number;
  signedDay: number;
  valueKopecks: number;
}

export interface GeneratedContracts {
  contracts: ContractDraft[];
  contractDevices: DemoContractDevice[];
  paymentMilestones: DemoPaymentMilestone[];
}

/** Registry code of the city health department as the customer of centralised purchases. */
const CENTRAL_CUSTOMER = '03732000415';
const LIFECYCLE_WINDOW_YEARS = 5;
const SERVICE_YEARS = [4, 5, 5, 5, 6, 7] as const;

interface Plan {
  type: ContractType;
  supplier: SupplierDraft;
  devices: DeviceDraft[];
  signedDay: number;
  startDay: number;
  endDay: number;
  serviceYears: number | null;
  supplyKopecks: number;
  serviceKopecks: number;
  /** Day the equipment is (to be) handed over, for supply milestones. */
  deliveryDay: number;
  customer: string;
}

/**
 * Lifecycle contracts for devices installed in the last five years (batches of the same model
 * family bought together), supply or lifecycle contracts for planned devices, and yearly service
 * contracts for older devices, grouped by manufacturer and district. A few contracts have
 * expired; some end within 90 days; some older devices are not covered at all.
 */
export function generateContracts(
  rng: Prng,
  devices: readonly DeviceDraft[],
  suppliers: readonly SupplierDraft[],
  today: number,
): GeneratedContracts {
  const plans: Plan[] = [];
  const lifecycleFrom = addYears(today, -LIFECYCLE_WINDOW_YEARS);
  const recent = devices.filter(
    (d) =>
      d.commissioningDay !== null &&
      d.commissioningDay >= lifecycleFrom &&
      d.record.status !== 'DECOMMISSIONED',
  );
  const planned = devices.filter((d) => d.record.status === 'PLANNED');
  const inLifecycle = new Set<DeviceDraft>();

  // Lifecycle contracts: batches by modality, manufacturer and year of commissioning.
  for (const batch of batches(
    rng,
    recent,
    (d) =>
      `${d.record.modality}|${d.model.manufacturer}|${dateParts(d.commissioningDay as number).year}`,
    15,
  )) {
    if (rng.chance(0.1)) {
      continue; // bought outright; serviced under a SERVICE contract below
    }
    batch.forEach((d) => inLifecycle.add(d));
    const first = Math.min(...batch.map((d) => d.commissioningDay as number));
    const last = Math.max(...batch.map((d) => d.commissioningDay as number));
    const serviceYears = rng.pick(SERVICE_YEARS);
    const supply = sum(batch.map((d) => d.priceKopecks));
    const signedDay = first - rng.int(45, 150);
    plans.push({
      type: 'LIFECYCLE',
      supplier: pickSupplier(rng, suppliers, batch[0] as DeviceDraft, 'supplies'),
      devices: batch,
      signedDay,
      startDay: signedDay,
      endDay: addYears(last, serviceYears) - 1,
      serviceYears,
      supplyKopecks: supply,
      serviceKopecks: roundToRouble(supply * rng.float(0.05, 0.08) * serviceYears),
      deliveryDay: last,
      customer: CENTRAL_CUSTOMER,
    });
  }

  // Planned devices: signed recently, delivery still to come.
  for (const batch of batches(
    rng,
    planned,
    (d) => `${d.record.modality}|${d.model.manufacturer}`,
    8,
  )) {
    const last = Math.max(...batch.map((d) => d.plannedDay as number));
    const first = Math.min(...batch.map((d) => d.plannedDay as number));
    const lifecycle = rng.chance(0.5);
    const serviceYears = lifecycle ? rng.pick(SERVICE_YEARS) : null;
    const supply = sum(batch.map((d) => d.priceKopecks));
    const signedDay = Math.min(today - rng.int(15, 200), first - 20);
    plans.push({
      type: lifecycle ? 'LIFECYCLE' : 'SUPPLY',
      supplier: pickSupplier(rng, suppliers, batch[0] as DeviceDraft, 'supplies'),
      devices: batch,
      signedDay,
      startDay: signedDay,
      endDay: serviceYears === null ? last + 60 : addYears(last, serviceYears) - 1,
      serviceYears,
      supplyKopecks: supply,
      serviceKopecks:
        serviceYears === null ? 0 : roundToRouble(supply * rng.float(0.05, 0.08) * serviceYears),
      deliveryDay: last,
      customer: CENTRAL_CUSTOMER,
    });
  }

  // Service contracts for everything else still on the books, signed by the facilities.
  const rest = devices.filter(
    (d) =>
      !inLifecycle.has(d) && d.record.status !== 'PLANNED' && d.record.status !== 'DECOMMISSIONED',
  );
  const restBatches = batches(
    rng,
    rest,
    (d) => `${d.model.manufacturer}|${d.facility.record.district}`,
    rng.int(8, 20),
  );
  for (const batch of restBatches) {
    const r = rng.next();
    const customer = `0373200${String(1000 + (facilityIndex(batch[0] as DeviceDraft) % 9000))}`;
    const supplier = pickSupplier(rng, suppliers, batch[0] as DeviceDraft, 'services');
    if (r < 0.85) {
      const endDay = rng.chance(0.2) ? today + rng.int(5, 90) : today + rng.int(91, 700);
      let term = rng.int(1, 3);
      while (addYears(endDay + 1, -term) > today - 30) {
        term++;
      }
      const startDay = addYears(endDay + 1, -term);
      plans.push(servicePlan(rng, supplier, batch, startDay, endDay, term, customer));
      if (rng.chance(0.08)) {
        const previousTerm = rng.int(1, 2);
        plans.push(
          servicePlan(
            rng,
            supplier,
            batch,
            addYears(startDay, -previousTerm),
            startDay - 1,
            previousTerm,
            customer,
          ),
        );
      }
    } else if (r < 0.91) {
      // Expired and not renewed: these devices are out of contract now.
      const endDay = today - rng.int(20, 240);
      const term = rng.int(1, 2);
      plans.push(
        servicePlan(rng, supplier, batch, addYears(endDay + 1, -term), endDay, term, customer),
      );
    }
  }

  plans.sort((a, b) => a.signedDay - b.signedDay || a.customer.localeCompare(b.customer));
  const contracts: ContractDraft[] = [];
  const contractDevices: DemoContractDevice[] = [];
  const paymentMilestones: DemoPaymentMilestone[] = [];
  const milestoneRng = rng.fork('milestones');
  const termsRng = rng.fork('sla-terms');
  const firstService = plans.findIndex((p) => p.type === 'SERVICE');
  plans.forEach((plan, i) => {
    const code = `CTR-${String(i + 1).padStart(4, '0')}`;
    const valueKopecks = plan.supplyKopecks + plan.serviceKopecks;
    const yy = String(dateParts(plan.signedDay).year % 100).padStart(2, '0');
    const record: DemoContract = {
      code,
      number: `${plan.customer}${yy}${String(i + 1).padStart(6, '0')}`,
      type: plan.type,
      supplierCode: plan.supplier.record.code,
      subject: subject(plan),
      signedOn: formatIsoDate(plan.signedDay),
      startDate: formatIsoDate(plan.startDay),
      endDate: formatIsoDate(plan.endDay),
      value: formatKopecks(valueKopecks),
      serviceYears: plan.serviceYears,
      sla:
        plan.type === 'SUPPLY' ? null : sla(rng, termsRng, plan, valueKopecks, i === firstService),
    };
    contracts.push({
      record,
      supplier: plan.supplier,
      devices: plan.devices,
      startDay: plan.startDay,
      endDay: plan.endDay,
      signedDay: plan.signedDay,
      valueKopecks,
    });
    // Half the service contracts name a yearly fee per device (its payments are then allocated by them).
    const fees = plan.type === 'SERVICE' && termsRng.chance(0.5);
    for (const device of plan.devices) {
      contractDevices.push({
        contractCode: code,
        inventoryNumber: device.record.inventoryNumber,
        serviceFee: fees
          ? formatKopecks(
              roundToRouble(
                (plan.serviceKopecks * device.priceKopecks) /
                  Math.max(1, sum(plan.devices.map((d) => d.priceKopecks))) /
                  Math.max(1, (plan.endDay - plan.startDay + 1) / 365.25),
              ),
            )
          : null,
      });
    }
    paymentMilestones.push(...milestones(milestoneRng, plan, code, valueKopecks, today));
  });
  return { contracts, contractDevices, paymentMilestones };
}

function servicePlan(
  rng: Prng,
  supplier: SupplierDraft,
  devices: DeviceDraft[],
  startDay: number,
  endDay: number,
  term: number,
  customer: string,
): Plan {
  const yearly = sum(devices.map((d) => d.priceKopecks)) * rng.float(0.04, 0.08);
  return {
    type: 'SERVICE',
    supplier,
    devices,
    signedDay: startDay - rng.int(10, 40),
    startDay,
    endDay,
    serviceYears: null,
    supplyKopecks: 0,
    serviceKopecks: roundToRouble(yearly * term),
    deliveryDay: startDay,
    customer,
  };
}

/** Split devices into groups by key, then into batches of 1 … `maxSize` devices. */
function batches(
  rng: Prng,
  devices: readonly DeviceDraft[],
  key: (d: DeviceDraft) => string,
  maxSize: number,
): DeviceDraft[][] {
  const groups = new Map<string, DeviceDraft[]>();
  for (const device of devices) {
    const k = key(device);
    const group = groups.get(k);
    if (group) {
      group.push(device);
    } else {
      groups.set(k, [device]);
    }
  }
  const result: DeviceDraft[][] = [];
  for (const k of [...groups.keys()].sort()) {
    const group = groups.get(k) as DeviceDraft[];
    for (let i = 0; i < group.length;) {
      const size = rng.int(1, maxSize);
      result.push(group.slice(i, i + size));
      i += size;
    }
  }
  return result;
}

function pickSupplier(
  rng: Prng,
  suppliers: readonly SupplierDraft[],
  device: DeviceDraft,
  role: 'supplies' | 'services',
): SupplierDraft {
  const maker = device.model.manufacturer;
  const authorised = suppliers.filter(
    (s) => s.template[role] && s.template.manufacturers.includes(maker),
  );
  return rng.pick(authorised.length > 0 ? authorised : suppliers.filter((s) => s.template[role]));
}

/**
 * SLA terms: heavy equipment guarantees more. Some service contracts of light equipment measure
 * uptime over the devices' working hours; some contracts measure it month by month. The first
 * service contract does both, so that the demo always shows each.
 */
function sla(
  rng: Prng,
  termsRng: Prng,
  plan: Plan,
  valueKopecks: number,
  showcase: boolean,
): DemoSlaTerms {
  const heavy = plan.devices.some(
    (d) =>
      d.record.modality === 'CT' ||
      d.record.modality === 'MRI' ||
      d.record.modality === 'ANGIOGRAPHY',
  );
  const uptime = heavy
    ? rng.pick(['96.0', '97.0', '97.5', '98.0'])
    : rng.pick(['95.0', '96.0', '97.0']);
  const penalty = Math.max(
    1_000,
    Math.round(((valueKopecks / 100) * rng.float(0.0003, 0.001)) / 100) * 100,
  );
  return {
    guaranteedUptimePercent: uptime,
    responseHours: heavy ? rng.pick([24, 24, 48]) : rng.pick([24, 48, 72]),
    repairDays: heavy ? rng.int(5, 10) : rng.int(7, 14),
    penaltyPerDay: formatKopecks(penalty * 100),
    basis:
      showcase || (plan.type === 'SERVICE' && !heavy && termsRng.chance(0.3))
        ? 'SCHEDULED_HOURS'
        : 'ROUND_THE_CLOCK',
    measurementPeriod: showcase || termsRng.chance(0.2) ? 'MONTH' : 'QUARTER',
  };
}

function milestones(
  rng: Prng,
  plan: Plan,
  code: string,
  valueKopecks: number,
  today: number,
): DemoPaymentMilestone[] {
  const items: { description: string; dueDay: number; amount: number }[] = [];
  if (plan.type === 'SERVICE') {
    const stages = Math.max(1, Math.round((plan.endDay - plan.startDay + 1) / 91.3));
    const each = Math.floor(plan.serviceKopecks / stages / 100) * 100;
    for (let k = 1; k <= stages; k++) {
      const periodEnd = Math.min(plan.endDay, addMonths(plan.startDay, 3 * k) - 1);
      items.push({
        description: `Техническое обслуживание, этап ${k} из ${stages}`,
        dueDay: periodEnd + 15,
        amount: k === stages ? plan.serviceKopecks - each * (stages - 1) : each,
      });
    }
  } else {
    const advance = rng.chance(0.6) ? Math.round((plan.supplyKopecks * 0.3) / 100) * 100 : 0;
    if (advance > 0) {
      items.push({
        description: 'Аванс 30 % стоимости поставки',
        dueDay: plan.signedDay + 10,
        amount: advance,
      });
    }
    items.push({
      description: 'Поставка, монтаж и ввод в эксплуатацию',
      dueDay: plan.deliveryDay + 20,
      amount: plan.supplyKopecks - advance,
    });
    const years = plan.serviceYears ?? 0;
    const each = years > 0 ? Math.floor(plan.serviceKopecks / years / 100) * 100 : 0;
    for (let y = 1; y <= years; y++) {
      items.push({
        description: `Сервисное обслуживание, ${y}-й год`,
        dueDay: addYears(plan.deliveryDay, y),
        amount: y === years ? plan.serviceKopecks - each * (years - 1) : each,
      });
    }
  }
  // Some contracts end up paid below their value: savings, or a penalty withheld.
  const last = items[items.length - 1];
  if (last && rng.chance(0.15)) {
    const cut = Math.round((last.amount * rng.float(0.01, 0.05)) / 100) * 100;
    last.amount -= Math.min(cut, last.amount);
    last.description += ' (с удержанием неустойки)';
  }
  const total = sum(items.map((x) => x.amount));
  if (total > valueKopecks) {
    throw new Error(`Milestones of ${code} exceed its value`);
  }
  return items.map((item, i) => {
    let paidOn: string | null = null;
    if (item.dueDay <= today && !rng.chance(0.04)) {
      const paidDay = item.dueDay + rng.int(0, 25);
      paidOn = paidDay <= today ? formatIsoDate(paidDay) : null;
    }
    return {
      contractCode: code,
      sequence: i + 1,
      description: item.description,
      dueDate: formatIsoDate(item.dueDay),
      amount: formatKopecks(item.amount),
      paidOn,
    };
  });
}

function subject(plan: Plan): string {
  const modalities = [...new Set(plan.devices.map((d) => d.record.modality))];
  const what =
    modalities.length === 1
      ? MODALITY_PLURAL_GENITIVE[modalities[0] as keyof typeof MODALITY_PLURAL_GENITIVE]
      : 'оборудования лучевой диагностики';
  const n = `${plan.devices.length} ед.`;
  switch (plan.type) {
    case 'LIFECYCLE':
      return `Поставка, монтаж, ввод в эксплуатацию и сервисное обслуживание ${what} (${n}) в течение ${yearsPhrase(plan.serviceYears ?? 0)}`;
    case 'SUPPLY':
      return `Поставка, монтаж и ввод в эксплуатацию ${what} (${n})`;
    case 'SERVICE': {
      const maker = MANUFACTURERS[(plan.devices[0] as DeviceDraft).model.manufacturer].name;
      return `Техническое обслуживание и ремонт ${what} производства ${maker} (${n})`;
    }
  }
}

/** «3 лет», «5 лет» after «в течение» (genitive plural for all). */
function yearsPhrase(years: number): string {
  return years === 1 ? '1 года' : `${years} лет`;
}

function facilityIndex(device: DeviceDraft): number {
  return Number(device.facility.record.code.replace(/\D/g, ''));
}

function roundToRouble(kopecks: number): number {
  return Math.round(kopecks / 100) * 100;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
