import { FacilityType } from '@radfleet/shared';
import { apportion } from './apportion.js';
import { dateParts, formatIsoDate } from './calendar.js';
import {
  DICOM_MODALITY,
  dicomManufacturerName,
  type EquipmentModel,
  MANUFACTURERS,
  MODALITY_TAG,
  modelsFor,
  modelWeight,
  PRICE_RANGES_MRUB,
} from './equipment-catalogue.js';
import { type FacilityDraft } from './facilities.js';
import { roundedKopecks, formatKopecks } from './money.js';
import { type Prng } from './prng.js';
import { DECOMMISSIONING_REASONS, DEPARTMENTS } from './reference-data.js';
import {
  type DemoDevice,
  type DemoDicomIdentity,
  type DeviceStatus,
  type FundingSource,
  MODALITIES,
  type Modality,
  type Technology,
} from './types.js';

const { HOSPITAL, OUTPATIENT_CLINIC, DIAGNOSTIC_CENTRE, OTHER } = FacilityType;

/**
 * Devices per facility type and modality in the base (scale 1) city: 1,300 in all. Calibrated on
 * the public figures of DOMAIN.md: more than 580 X-ray (general radiography) units, 51 % of them
 * in hospitals; outpatient clinics hold most mammographs and fluorographs and a third of the CT
 * and MRI scanners.
 */
export const BASE_DEVICE_MIX: Readonly<Record<FacilityType, Partial<Record<Modality, number>>>> = {
  [HOSPITAL]: {
    CT: 75,
    MRI: 38,
    MAMMOGRAPHY: 35,
    RADIOGRAPHY: 306,
    FLUOROGRAPHY: 30,
    ANGIOGRAPHY: 20,
    DENSITOMETRY: 3,
  },
  [OUTPATIENT_CLINIC]: {
    CT: 40,
    MRI: 30,
    MAMMOGRAPHY: 165,
    RADIOGRAPHY: 250,
    FLUOROGRAPHY: 170,
    DENSITOMETRY: 12,
  },
  [DIAGNOSTIC_CENTRE]: {
    CT: 10,
    MRI: 10,
    MAMMOGRAPHY: 12,
    RADIOGRAPHY: 14,
    FLUOROGRAPHY: 5,
    DENSITOMETRY: 5,
  },
  [OTHER]: { CT: 5, MRI: 2, MAMMOGRAPHY: 8, RADIOGRAPHY: 30, FLUOROGRAPHY: 25 },
};

/** Share of analogue (film/screen) units per modality; none for CT, MRI, angiography, densitometry. */
export const ANALOGUE_SHARE: Readonly<Record<Modality, number>> = {
  CT: 0,
  MRI: 0,
  MAMMOGRAPHY: 0.21,
  RADIOGRAPHY: 0.2,
  FLUOROGRAPHY: 0.26,
  ANGIOGRAPHY: 0,
  DENSITOMETRY: 0,
};

/** Probability of an installed device being ≤ 5, 5–10 and > 10 years old. */
const AGE_PROFILE: Readonly<Record<Modality, readonly [number, number, number]>> = {
  CT: [0.55, 0.33, 0.12],
  MRI: [0.5, 0.35, 0.15],
  MAMMOGRAPHY: [0.45, 0.3, 0.25],
  RADIOGRAPHY: [0.45, 0.3, 0.25],
  FLUOROGRAPHY: [0.4, 0.3, 0.3],
  ANGIOGRAPHY: [0.5, 0.35, 0.15],
  DENSITOMETRY: [0.4, 0.4, 0.2],
};

const STATUS_SHARES = {
  PLANNED: 0.02,
  DECOMMISSIONED: 0.03,
  UNDER_REPAIR: 0.025,
  IDLE: 0.02,
} as const;

const DAYS_PER_YEAR = 365.25;

/** A device with what later generators need to know about it. */
export interface DeviceDraft {
  record: DemoDevice;
  facility: FacilityDraft;
  model: EquipmentModel;
  /** Day numbers (see calendar.ts). */
  commissioningDay: number | null;
  plannedDay: number | null;
  decommissioningDay: number | null;
  priceKopecks: number;
}

interface Slot {
  facility: FacilityDraft;
  modality: Modality;
  status: DeviceStatus;
  technology: Technology;
  ageYears: number;
}

export function generateDevices(
  rng: Prng,
  facilities: readonly FacilityDraft[],
  today: number,
  scale: number,
): DeviceDraft[] {
  const slots = allocateSlots(rng.fork('allocation'), facilities, scale);
  assignAgesAndTechnology(rng.fork('age'), slots);
  assignStatuses(rng.fork('status'), slots);

  const detail = rng.fork('detail');
  const serials = new Set<string>();
  const rooms = new Map<FacilityDraft, Set<string>>();
  const drafts = slots.map((slot) => buildDraft(detail, slot, today, serials, rooms));

  assignInventoryNumbers(rng.fork('inventory'), drafts);
  assignDicomIdentities(rng.fork('dicom'), drafts);
  drafts.sort((a, b) => (a.record.inventoryNumber < b.record.inventoryNumber ? -1 : 1));
  return drafts;
}

function allocateSlots(rng: Prng, facilities: readonly FacilityDraft[], scale: number): Slot[] {
  const slots: Slot[] = [];
  for (const type of Object.values(FacilityType)) {
    const ofType = facilities.filter((f) => f.record.type === type);
    for (const modality of MODALITIES) {
      const total = (BASE_DEVICE_MIX[type][modality] ?? 0) * scale;
      if (total === 0) {
        continue;
      }
      const weights = ofType.map((f) => f.size * f.kind.affinity[modality] * rng.float(0.8, 1.2));
      apportion(total, weights).forEach((count, i) => {
        for (let k = 0; k < count; k++) {
          slots.push({
            facility: ofType[i] as FacilityDraft,
            modality,
            status: 'IN_SERVICE',
            technology: 'DIGITAL',
            ageYears: 0,
          });
        }
      });
    }
  }
  return slots;
}

function assignAgesAndTechnology(rng: Prng, slots: Slot[]): void {
  for (const modality of MODALITIES) {
    const ofModality = slots.filter((s) => s.modality === modality);
    const planned = new Set(
      rng.shuffle(ofModality).slice(0, Math.round(ofModality.length * STATUS_SHARES.PLANNED)),
    );
    const [young, middle] = AGE_PROFILE[modality];
    for (const slot of ofModality) {
      if (planned.has(slot)) {
        slot.status = 'PLANNED';
        continue;
      }
      const r = rng.next();
      slot.ageYears =
        r < young
          ? 0.05 + 4.95 * rng.next()
          : r < young + middle
            ? 5 + 5 * rng.next()
            : 10 + 10 * Math.pow(rng.next(), 1.5);
    }
    // Analogue units are the oldest ones, give or take.
    const analogueCount = Math.round(ofModality.length * ANALOGUE_SHARE[modality]);
    const installed = ofModality.filter((s) => s.status !== 'PLANNED');
    const byAge = installed
      .map((slot) => ({ slot, key: slot.ageYears + rng.normal(0, 2.5) }))
      .sort((a, b) => b.key - a.key);
    for (const { slot } of byAge.slice(0, analogueCount)) {
      slot.technology = 'ANALOGUE';
      if (slot.ageYears < 7) {
        slot.ageYears = 7 + 3 * rng.next();
      }
    }
  }
}

function assignStatuses(rng: Prng, slots: Slot[]): void {
  const total = slots.length;
  let pool = slots.filter((s) => s.status !== 'PLANNED');
  const take = (status: DeviceStatus, share: number, weight: (s: Slot) => number): void => {
    const chosen = new Set(rng.sampleWeighted(pool, Math.round(total * share), weight));
    for (const slot of chosen) {
      slot.status = status;
    }
    pool = pool.filter((s) => !chosen.has(s));
  };
  take('DECOMMISSIONED', STATUS_SHARES.DECOMMISSIONED, (s) =>
    s.ageYears < 2.5
      ? 0
      : Math.max(0.05, s.ageYears - 8) ** 2 * (s.technology === 'ANALOGUE' ? 2 : 1),
  );
  take('UNDER_REPAIR', STATUS_SHARES.UNDER_REPAIR, (s) => 1 + s.ageYears / 4);
  take('IDLE', STATUS_SHARES.IDLE, (s) => (s.ageYears < 1 ? 0 : 1));
}

function buildDraft(
  rng: Prng,
  slot: Slot,
  today: number,
  serials: Set<string>,
  rooms: Map<FacilityDraft, Set<string>>,
): DeviceDraft {
  const { facility, modality, technology, status } = slot;
  const planned = status === 'PLANNED';
  const commissioningDay = planned
    ? null
    : today - Math.max(1, Math.round(slot.ageYears * DAYS_PER_YEAR));
  const plannedDay = planned ? today + rng.int(20, 240) : null;
  const commissioningYear = dateParts(commissioningDay ?? (plannedDay as number)).year;
  const yearOfManufacture = planned ? null : commissioningYear - (rng.chance(0.35) ? 1 : 0);
  const candidates = modelsFor(modality, technology, yearOfManufacture ?? commissioningYear);
  const model = rng.weighted(candidates, (x) =>
    modelWeight(x, yearOfManufacture ?? commissioningYear),
  );

  let decommissioningDay: number | null = null;
  let decommissioningReason: string | null = null;
  if (status === 'DECOMMISSIONED' && commissioningDay !== null) {
    const latest = Math.min(730, today - commissioningDay - 365);
    decommissioningDay = today - rng.int(10, Math.max(10, latest));
    decommissioningReason = rng.pick(DECOMMISSIONING_REASONS);
  }

  const priceKopecks = price(rng, modality, technology, model, slot.ageYears);
  const hoursPerWeekday = scheduledHours(rng, facility.record.type, modality);
  const manufacturer = MANUFACTURERS[model.manufacturer];
  let serialNumber: string | null = null;
  if (!planned) {
    do {
      serialNumber = rng
        .pattern(manufacturer.serialPattern)
        .replace('YY', String((yearOfManufacture as number) % 100).padStart(2, '0'));
    } while (serials.has(`${model.manufacturer}:${serialNumber}`));
    serials.add(`${model.manufacturer}:${serialNumber}`);
  }

  const inpatient = facility.record.type === HOSPITAL;
  const department = rng.pick(DEPARTMENTS[modality][inpatient ? 'inpatient' : 'outpatient']);
  const room = uniqueRoom(rng, modality, rooms, facility);
  const digital = technology === 'DIGITAL';
  const archiveConnected = digital && !planned && !rng.chance(slot.ageYears > 8 ? 0.12 : 0.03);

  return {
    record: {
      inventoryNumber: '',
      facilityCode: facility.record.code,
      modality,
      technology,
      manufacturer: manufacturer.name,
      model: model.model,
      serialNumber,
      yearOfManufacture,
      commissioningDate: commissioningDay === null ? null : formatIsoDate(commissioningDay),
      plannedCommissioningDate: plannedDay === null ? null : formatIsoDate(plannedDay),
      status,
      decommissioningDate: decommissioningDay === null ? null : formatIsoDate(decommissioningDay),
      decommissioningReason,
      department,
      room,
      purchasePrice: formatKopecks(priceKopecks),
      fundingSource: fundingSource(rng, facility.record.type, commissioningYear),
      scheduledHoursPerDay: hoursPerWeekday,
      scheduledHoursPerWeek: hoursPerWeek(facility.record.type, hoursPerWeekday),
      archiveConnected,
      dicom: null,
    },
    facility,
    model,
    commissioningDay,
    plannedDay,
    decommissioningDay,
    priceKopecks,
  };
}

/**
 * Purchase price strictly inside the modality's range: dearer for higher-tier models, a little
 * cheaper for older ones (a logistic curve, so that no price piles up at either end).
 */
function price(
  rng: Prng,
  modality: Modality,
  technology: Technology,
  model: EquipmentModel,
  ageYears: number,
): number {
  const range = PRICE_RANGES_MRUB[modality][technology] ?? PRICE_RANGES_MRUB[modality].DIGITAL;
  const [low, high] = range as readonly [number, number];
  const x = 4 * (0.8 * model.tier - 0.4 - 0.015 * ageYears) + rng.normal(0, 0.4);
  const position = 1 / (1 + Math.exp(-x));
  return roundedKopecks((low + (high - low) * position) * 1_000_000, 100);
}

function fundingSource(rng: Prng, type: FacilityType, year: number): FundingSource {
  const r = rng.next();
  if (year >= 2019 && type === OUTPATIENT_CLINIC) {
    // Modernisation of primary care under the national project, from 2021.
    return r < 0.45
      ? 'FEDERAL_BUDGET'
      : r < 0.9
        ? 'CITY_BUDGET'
        : r < 0.95
          ? 'COMPULSORY_HEALTH_INSURANCE'
          : 'INCOME_GENERATING';
  }
  if (year >= 2019) {
    return r < 0.7
      ? 'CITY_BUDGET'
      : r < 0.9
        ? 'FEDERAL_BUDGET'
        : r < 0.95
          ? 'COMPULSORY_HEALTH_INSURANCE'
          : 'INCOME_GENERATING';
  }
  return r < 0.6
    ? 'CITY_BUDGET'
    : r < 0.8
      ? 'FEDERAL_BUDGET'
      : r < 0.95
        ? 'COMPULSORY_HEALTH_INSURANCE'
        : 'INCOME_GENERATING';
}

/**
 * Scheduled hours a week from the weekday hours: hospitals work weekends (round the clock where
 * the weekday is), outpatient clinics six hours on Saturdays, diagnostic centres part of the
 * weekend, the others not at all.
 */
function hoursPerWeek(type: FacilityType, weekday: number): number {
  switch (type) {
    case HOSPITAL:
      return weekday >= 24 ? 168 : 6 * weekday;
    case OUTPATIENT_CLINIC:
      return 5 * weekday + 6;
    case DIAGNOSTIC_CENTRE:
      return Math.round(5.75 * weekday);
    default:
      return 5 * weekday;
  }
}

/** Weekday working hours: emergency departments run CT and some X-ray rooms round the clock. */
function scheduledHours(rng: Prng, type: FacilityType, modality: Modality): number {
  switch (type) {
    case HOSPITAL:
      switch (modality) {
        case 'CT':
          return 24;
        case 'MRI':
          return rng.chance(0.2) ? 24 : 16;
        case 'RADIOGRAPHY':
          return rng.chance(0.4) ? 24 : 12;
        case 'ANGIOGRAPHY':
          return rng.chance(0.5) ? 24 : 12;
        default:
          return 8;
      }
    case OUTPATIENT_CLINIC:
      return modality === 'DENSITOMETRY' || (modality === 'MAMMOGRAPHY' && rng.chance(0.3))
        ? 8
        : 12;
    case DIAGNOSTIC_CENTRE:
      return modality === 'CT' || modality === 'MRI' ? 16 : 12;
    default:
      return modality === 'CT' || modality === 'MRI' ? 12 : 8;
  }
}

function uniqueRoom(
  rng: Prng,
  modality: Modality,
  rooms: Map<FacilityDraft, Set<string>>,
  facility: FacilityDraft,
): string {
  let used = rooms.get(facility);
  if (!used) {
    used = new Set();
    rooms.set(facility, used);
  }
  const heavy = modality === 'CT' || modality === 'MRI' || modality === 'ANGIOGRAPHY';
  for (;;) {
    const floor = heavy ? rng.int(0, 1) : rng.int(1, 4);
    const suffix = rng.chance(0.08) ? rng.pick(['а', 'б']) : '';
    const room = `${floor}${String(rng.int(1, 40)).padStart(2, '0')}${suffix}`;
    if (!used.has(room)) {
      used.add(room);
      return room;
    }
  }
}

/** `INV-000123`, increasing with commissioning (the order in which assets were taken on the books). */
function assignInventoryNumbers(rng: Prng, drafts: DeviceDraft[]): void {
  const order = [...drafts].sort(
    (a, b) =>
      (a.commissioningDay ?? a.plannedDay ?? 0) - (b.commissioningDay ?? b.plannedDay ?? 0) ||
      (a.facility.record.code < b.facility.record.code
        ? -1
        : a.facility.record.code > b.facility.record.code
          ? 1
          : 0) ||
      MODALITIES.indexOf(a.record.modality) - MODALITIES.indexOf(b.record.modality),
  );
  let next = 100 + rng.int(0, 50);
  const width = Math.max(6, String(next + drafts.length * 3).length);
  for (const draft of order) {
    draft.record.inventoryNumber = `INV-${String(next).padStart(width, '0')}`;
    next += rng.int(1, 3);
  }
}

/**
 * DICOM identities of digital, archive-connected devices: unique AE titles and station names, the
 * serial number as the archive receives it (sometimes not the nameplate one: a detector serial, a
 * prefix, stripped punctuation) and the institution name in the form each device was set up with.
 */
function assignDicomIdentities(rng: Prng, drafts: DeviceDraft[]): void {
  const counters = new Map<string, number>();
  const stations = new Set<string>();
  const aeTitles = new Set<string>();
  const byInventory = [...drafts].sort((a, b) =>
    a.record.inventoryNumber < b.record.inventoryNumber ? -1 : 1,
  );
  for (const draft of byInventory) {
    const device = draft.record;
    if (
      !device.archiveConnected ||
      device.serialNumber === null ||
      device.yearOfManufacture === null
    ) {
      continue;
    }
    const tag = MODALITY_TAG[device.modality];
    const key = `${draft.facility.tag}:${tag}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    const nn = String(n).padStart(2, '0');

    const aeTitle = `${draft.facility.tag}_${tag}${nn}`;
    let stationName = `${draft.facility.tag}-${tag}-${nn}`;
    const digits = device.serialNumber.replace(/\D/g, '').slice(-5);
    if (rng.chance(0.3) && digits.length >= 4 && !stations.has(`${tag}${digits}`)) {
      stationName = `${tag}${digits}`;
    }
    if (
      aeTitle.length > 16 ||
      stationName.length > 16 ||
      aeTitles.has(aeTitle) ||
      stations.has(stationName)
    ) {
      throw new Error(
        `Cannot give ${device.inventoryNumber} a unique DICOM identity of at most 16 characters`,
      );
    }
    aeTitles.add(aeTitle);
    stations.add(stationName);

    device.dicom = {
      stationName,
      aeTitle,
      deviceSerialNumber: archiveSerial(rng, device),
      institutionName: institutionName(rng, draft.facility),
      manufacturer: dicomManufacturerName(draft.model.manufacturer, device.yearOfManufacture),
      modelName: device.model,
      modality:
        device.modality === 'RADIOGRAPHY' && device.yearOfManufacture < 2010
          ? 'CR'
          : DICOM_MODALITY[device.modality],
    } satisfies DemoDicomIdentity;
  }
}

function archiveSerial(rng: Prng, device: DemoDevice): string {
  const serial = device.serialNumber as string;
  const r = rng.next();
  if (r < 0.82) {
    return serial;
  }
  if (/[^A-Z0-9]/.test(serial)) {
    return serial.replace(/[^A-Z0-9]/g, '');
  }
  const flatPanel =
    device.modality === 'RADIOGRAPHY' ||
    device.modality === 'MAMMOGRAPHY' ||
    device.modality === 'FLUOROGRAPHY';
  return flatPanel && r < 0.92 ? rng.pattern('D########') : `SN${serial}`;
}

function institutionName(rng: Prng, facility: FacilityDraft): string {
  const r = rng.next();
  if (r < 0.55) {
    return facility.record.shortName;
  }
  if (r < 0.8) {
    return `${facility.kind.latin} N${facility.number}`;
  }
  return facility.record.name;
}
