import { formatTimestamp, MINUTES_PER_DAY, weekday } from './calendar.js';
import { type ContractDraft } from './contracts.js';
import { type DeviceDraft } from './devices.js';
import { kopecksFromRoubles, formatKopecks } from './money.js';
import { type Prng } from './prng.js';
import {
  BREAKDOWN_FAULTS,
  CALIBRATION_WORKS,
  INSPECTION_WORKS,
  MAINTENANCE_WORKS,
  MAJOR_FAULTS,
  UPGRADE_WORKS,
} from './reference-data.js';
import { type SupplierDraft } from './suppliers.js';
import { type DemoServiceEvent, type Modality, type ServiceEventType } from './types.js';

/** Breakdowns per device-year at age ≤ 5 years; older devices fail more (+10 % a year over 5). */
export const BREAKDOWNS_PER_YEAR: Readonly<Record<Modality, number>> = {
  CT: 1.8,
  MRI: 1.4,
  MAMMOGRAPHY: 1,
  RADIOGRAPHY: 1.1,
  FLUOROGRAPHY: 0.8,
  ANGIOGRAPHY: 1.8,
  DENSITOMETRY: 0.5,
};

/** Share of breakdowns that take weeks (tube, detector, quench; parts from abroad). */
const MAJOR_SHARE = 0.04;
/** Share of out-of-contract breakdowns that wait for a repair to be procured (44-FZ purchase). */
const PROCUREMENT_SHARE = 0.6;

const HOUR = 60;

interface Draft {
  type: ServiceEventType;
  reported: number;
  started: number | null;
  resolved: number | null;
  description: string;
  major: boolean;
}

/** How many devices get a second fault reported while a first is being repaired. */
export const OVERLAPPING_BREAKDOWN_DEVICES = 3;

/**
 * Service history of every installed device over the history window: planned maintenance,
 * calibration and inspections on weekdays, occasional upgrades, breakdowns (more for older
 * devices) with response and repair times that mostly meet the SLA and sometimes do not, and an
 * open breakdown for every device that is UNDER_REPAIR today. Everything happened before today
 * (the demo may load at any hour): nothing is reported, started or resolved later than the start of
 * today, except that open breakdowns stay open. Events of one device do not overlap, except on
 * OVERLAPPING_BREAKDOWN_DEVICES covered devices where a second fault is reported while the first is
 * being repaired, so that downtime merging (the union of the two) is visible.
 */
export function generateServiceEvents(
  rng: Prng,
  devices: readonly DeviceDraft[],
  contracts: readonly ContractDraft[],
  suppliers: readonly SupplierDraft[],
  today: number,
  historyStart: number,
): DemoServiceEvent[] {
  const coverage = new Map<DeviceDraft, ContractDraft[]>();
  for (const contract of contracts) {
    if (contract.record.type === 'SUPPLY') {
      continue;
    }
    for (const device of contract.devices) {
      const list = coverage.get(device);
      if (list) {
        list.push(contract);
      } else {
        coverage.set(device, [contract]);
      }
    }
  }

  const events: (DemoServiceEvent & { sortKey: number })[] = [];
  const todayStart = today * MINUTES_PER_DAY;
  let overlapping = 0;
  for (const device of devices) {
    if (device.commissioningDay === null) {
      continue;
    }
    const r = rng.fork(`events:${device.record.inventoryNumber}`);
    const start = Math.max(device.commissioningDay, historyStart);
    let end = Math.min(device.decommissioningDay ?? today, today) * MINUTES_PER_DAY;
    let open: Draft | null = null;
    if (device.record.status === 'UNDER_REPAIR') {
      const day = Math.min(today - 1, Math.max(start + 1, today - r.int(1, 40)));
      const reported = day * MINUTES_PER_DAY + r.int(8 * HOUR, 17 * HOUR);
      const started = reported + responseMinutes(r);
      open = {
        type: 'BREAKDOWN',
        reported,
        started: started < todayStart && r.chance(0.8) ? started : null,
        resolved: null,
        description: r.chance(0.5)
          ? MAJOR_FAULTS[device.record.modality]
          : r.pick(BREAKDOWN_FAULTS[device.record.modality]),
        major: true,
      };
      end = reported;
    }
    if (end <= start * MINUTES_PER_DAY) {
      continue;
    }

    const covering = coverage.get(device) ?? [];
    const contractOn = (day: number): ContractDraft | null =>
      covering.find((c) => c.startDay <= day && day <= c.endDay) ?? null;
    const drafts = nonOverlapping(
      candidates(r, device, start, end, (day) => contractOn(day) !== null),
      end,
    );
    if (overlapping < OVERLAPPING_BREAKDOWN_DEVICES) {
      const second = secondFault(r, device, drafts, end, (day) => contractOn(day) !== null);
      if (second) {
        drafts.push(second);
        drafts.sort((a, b) => a.reported - b.reported);
        overlapping++;
      }
    }
    if (open) {
      drafts.push(open);
    }
    for (const d of drafts) {
      const contract = contractOn(Math.floor(d.reported / MINUTES_PER_DAY));
      events.push({
        code: '',
        inventoryNumber: device.record.inventoryNumber,
        type: d.type,
        reportedAt: formatTimestamp(d.reported),
        startedAt: d.started === null ? null : formatTimestamp(d.started),
        resolvedAt: d.resolved === null ? null : formatTimestamp(d.resolved),
        description: d.description,
        cost: formatKopecks(cost(r, device.record.modality, d, contract)),
        contractCode: contract?.record.code ?? null,
        supplierCode: contract?.supplier.record.code ?? adHocSupplier(r, device, suppliers, d.type),
        sortKey: d.reported,
      });
    }
  }

  events.sort((a, b) => a.sortKey - b.sortKey || (a.inventoryNumber < b.inventoryNumber ? -1 : 1));
  const width = Math.max(6, String(events.length).length);
  return events.map(({ sortKey: _sortKey, ...event }, i) => ({
    ...event,
    code: `SE-${String(i + 1).padStart(width, '0')}`,
  }));
}

function candidates(
  r: Prng,
  device: DeviceDraft,
  startDay: number,
  end: number,
  covered: (day: number) => boolean,
): Draft[] {
  const modality = device.record.modality;
  const heavy = modality === 'CT' || modality === 'MRI' || modality === 'ANGIOGRAPHY';
  const out: Draft[] = [];
  const endDay = Math.ceil(end / MINUTES_PER_DAY);

  const planned = (
    type: ServiceEventType,
    day: number,
    minHours: number,
    maxHours: number,
    description: string,
  ): void => {
    const workday = day + (weekday(day) === 5 ? 2 : weekday(day) === 6 ? 1 : 0);
    const startMinute = workday * MINUTES_PER_DAY + r.int(9 * HOUR, 11 * HOUR);
    out.push({
      type,
      reported: startMinute,
      started: startMinute,
      resolved: startMinute + r.int(minHours * HOUR, maxHours * HOUR),
      description,
      major: false,
    });
  };

  const maintenanceDays = heavy ? 91 : 182;
  for (
    let day = startDay + r.int(0, maintenanceDays);
    day < endDay;
    day += maintenanceDays + r.int(-10, 10)
  ) {
    planned('PREVENTIVE_MAINTENANCE', day, heavy ? 4 : 2, heavy ? 8 : 5, r.pick(MAINTENANCE_WORKS));
  }
  if (modality !== 'RADIOGRAPHY' && modality !== 'FLUOROGRAPHY') {
    for (let day = startDay + r.int(0, 365); day < endDay; day += 365 + r.int(-20, 20)) {
      planned('CALIBRATION', day, 2, 4, CALIBRATION_WORKS[modality]);
    }
  }
  for (let day = startDay + r.int(0, 365); day < endDay; day += 365 + r.int(-15, 15)) {
    planned('INSPECTION', day, 1, 3, INSPECTION_WORKS[modality]);
  }
  if (device.record.technology === 'DIGITAL') {
    const upgradesPerYear = heavy ? 0.06 : 0.03;
    for (let day = startDay; day < endDay; day += 365) {
      if (r.chance(upgradesPerYear)) {
        planned('UPGRADE', day + r.int(0, 364), 8, 60, r.pick(UPGRADE_WORKS[modality]));
      }
    }
  }

  const commissioned = device.commissioningDay as number;
  for (let year = startDay; year < endDay; year += 365) {
    const age = (year - commissioned) / 365.25;
    const rate =
      (BREAKDOWNS_PER_YEAR[modality] *
        (1 + Math.max(0, age - 5) * 0.1) *
        (device.record.technology === 'ANALOGUE' ? 1.2 : 1) *
        (Math.min(endDay, year + 365) - year)) /
      365;
    const count = r.poisson(rate);
    for (let k = 0; k < count; k++) {
      const day = year + r.int(0, Math.min(endDay, year + 365) - year - 1);
      const reported =
        day * MINUTES_PER_DAY +
        (r.chance(0.9) ? r.int(8 * HOUR, 20 * HOUR) : r.int(0, 24 * HOUR - 1));
      const started = reported + responseMinutes(r);
      const major = r.chance(MAJOR_SHARE);
      let repairHours = major
        ? r.logNormal(12 * 24, 0.5)
        : Math.min(400, Math.max(1, r.logNormal(30, 0.8)));
      if (!covered(day) && r.chance(PROCUREMENT_SHARE)) {
        repairHours += r.logNormal(10 * 24, 0.6);
      }
      out.push({
        type: 'BREAKDOWN',
        reported,
        started,
        resolved: started + Math.round(repairHours * HOUR),
        description: major ? MAJOR_FAULTS[modality] : r.pick(BREAKDOWN_FAULTS[modality]),
        major,
      });
    }
  }
  return out;
}

/**
 * A second breakdown reported two hours into the repair of a long covered one and resolved two hours
 * after it, when that fits before the next event and the end; null when the device has none such.
 */
function secondFault(
  r: Prng,
  device: DeviceDraft,
  drafts: readonly Draft[],
  end: number,
  covered: (day: number) => boolean,
): Draft | null {
  for (let i = 0; i < drafts.length; i++) {
    const first = drafts[i] as Draft;
    const next = drafts[i + 1];
    if (first.type !== 'BREAKDOWN' || first.resolved === null) continue;
    if (first.resolved - first.reported < 8 * HOUR) continue;
    if (!covered(Math.floor(first.reported / MINUTES_PER_DAY))) continue;
    const resolved = first.resolved + 2 * HOUR;
    if (resolved >= end || (next && resolved >= next.reported)) continue;
    const reported = first.reported + 2 * HOUR;
    return {
      type: 'BREAKDOWN',
      reported,
      started: reported + HOUR,
      resolved,
      description: r.pick(BREAKDOWN_FAULTS[device.record.modality]),
      major: false,
    };
  }
  return null;
}

/** Hours from report to engineer on site: median 6 h, rarely more than a day or three. */
function responseMinutes(r: Prng): number {
  return Math.round(Math.min(240, Math.max(0.5, r.logNormal(6, 0.8))) * HOUR);
}

/** Keep events in report order, dropping any that overlaps the one before or runs past `end`. */
function nonOverlapping(drafts: Draft[], end: number): Draft[] {
  drafts.sort((a, b) => a.reported - b.reported);
  const kept: Draft[] = [];
  let busyUntil = -Infinity;
  for (const d of drafts) {
    const finish = d.resolved as number;
    if (d.reported < busyUntil + HOUR || finish >= end) {
      continue;
    }
    kept.push(d);
    busyUntil = finish;
  }
  return kept;
}

function cost(r: Prng, modality: Modality, d: Draft, contract: ContractDraft | null): number {
  const heavy = modality === 'CT' || modality === 'MRI' || modality === 'ANGIOGRAPHY';
  const roubles = (low: number, high: number): number => Math.round(r.float(low, high) / 10) * 10;
  switch (d.type) {
    case 'PREVENTIVE_MAINTENANCE':
      return contract
        ? 0
        : kopecksFromRoubles(heavy ? roubles(150_000, 450_000) : roubles(30_000, 120_000));
    case 'CALIBRATION':
      return contract ? 0 : kopecksFromRoubles(roubles(20_000, 90_000));
    case 'INSPECTION':
      return contract ? 0 : kopecksFromRoubles(roubles(8_000, 30_000));
    case 'UPGRADE':
      if (contract?.record.type === 'LIFECYCLE' && r.chance(0.7)) {
        return 0;
      }
      return kopecksFromRoubles(heavy ? roubles(300_000, 5_000_000) : roubles(100_000, 800_000));
    case 'BREAKDOWN': {
      if (contract && r.chance(0.85)) {
        return 0;
      }
      const parts = d.major ? MAJOR_PART_MRUB[modality] : ([0.015, heavy ? 1.5 : 0.5] as const);
      const full = roubles(parts[0] * 1_000_000, parts[1] * 1_000_000);
      // Under contract only the parts the contract excludes are paid for.
      return kopecksFromRoubles(contract ? Math.round(full * 0.3) : full);
    }
  }
}

/** Cost of a major repair in millions of roubles (tube, detector, magnet). */
const MAJOR_PART_MRUB: Readonly<Record<Modality, readonly [number, number]>> = {
  CT: [6, 14],
  MRI: [3, 9],
  MAMMOGRAPHY: [2, 5],
  RADIOGRAPHY: [1, 3],
  FLUOROGRAPHY: [0.8, 2.5],
  ANGIOGRAPHY: [6, 12],
  DENSITOMETRY: [0.5, 1.5],
};

/** Out-of-contract work: an authorised service company, or (for inspections) an accredited lab not on the list. */
function adHocSupplier(
  r: Prng,
  device: DeviceDraft,
  suppliers: readonly SupplierDraft[],
  type: ServiceEventType,
): string | null {
  if (type === 'INSPECTION' && r.chance(0.5)) {
    return null;
  }
  const authorised = suppliers.filter(
    (s) => s.template.services && s.template.manufacturers.includes(device.model.manufacturer),
  );
  return authorised.length > 0 ? r.pick(authorised).record.code : null;
}
