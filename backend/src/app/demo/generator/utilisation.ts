import { FacilityType, isPublicHoliday, isWorkingDay } from '@radfleet/shared';
import {
  addYears,
  dateParts,
  dayFromParts,
  formatIsoDate,
  MINUTES_PER_DAY,
  parseIsoDate,
  parseTimestamp,
  weekday,
} from './calendar.js';
import { type DeviceDraft } from './devices.js';
import { NOMINAL_STUDIES_PER_HOUR } from './equipment-catalogue.js';
import { Prng } from './prng.js';
import {
  type DemoCity,
  type DemoDailyUtilisation,
  type DemoDevice,
  type DemoMonthlyCount,
  type DemoServiceEvent,
  type DemoUsageProfile,
  MODALITIES,
  type Modality,
} from './types.js';

const { HOSPITAL, OUTPATIENT_CLINIC, DIAGNOSTIC_CENTRE, OTHER } = FacilityType;

/**
 * Mean studies on a working weekday at today's volume, by modality and facility type. CT is set so
 * that the city's scanners do about 2 M studies a year (DOMAIN.md: 1.71 M in 2020, 2.325 M
 * forecast for 2023), about 18,000 a scanner: a hospital scanner running round the clock at ~60 a
 * weekday and ~60 % of that at weekends; outpatient scanners, closed on Sundays, fewer.
 */
export const WEEKDAY_STUDIES: Readonly<Record<Modality, Readonly<Record<FacilityType, number>>>> = {
  CT: { [HOSPITAL]: 64, [OUTPATIENT_CLINIC]: 50, [DIAGNOSTIC_CENTRE]: 55, [OTHER]: 40 },
  MRI: { [HOSPITAL]: 22, [OUTPATIENT_CLINIC]: 18, [DIAGNOSTIC_CENTRE]: 21, [OTHER]: 16 },
  MAMMOGRAPHY: { [HOSPITAL]: 12, [OUTPATIENT_CLINIC]: 22, [DIAGNOSTIC_CENTRE]: 24, [OTHER]: 26 },
  RADIOGRAPHY: { [HOSPITAL]: 45, [OUTPATIENT_CLINIC]: 38, [DIAGNOSTIC_CENTRE]: 30, [OTHER]: 20 },
  FLUOROGRAPHY: { [HOSPITAL]: 25, [OUTPATIENT_CLINIC]: 50, [DIAGNOSTIC_CENTRE]: 40, [OTHER]: 65 },
  ANGIOGRAPHY: { [HOSPITAL]: 7, [OUTPATIENT_CLINIC]: 5, [DIAGNOSTIC_CENTRE]: 5, [OTHER]: 5 },
  DENSITOMETRY: { [HOSPITAL]: 10, [OUTPATIENT_CLINIC]: 12, [DIAGNOSTIC_CENTRE]: 14, [OTHER]: 10 },
};

/** Volume on Saturdays, Sundays and public holidays relative to a weekday. */
export const DAY_FACTORS: Readonly<
  Record<FacilityType, { saturday: number; sunday: number; holiday: number }>
> = {
  [HOSPITAL]: { saturday: 0.7, sunday: 0.6, holiday: 0.5 },
  [OUTPATIENT_CLINIC]: { saturday: 0.45, sunday: 0.08, holiday: 0.05 },
  [DIAGNOSTIC_CENTRE]: { saturday: 0.6, sunday: 0.3, holiday: 0.1 },
  [OTHER]: { saturday: 0.25, sunday: 0.02, holiday: 0.02 },
};

/** Seasonality by month: the New Year lull, spring and autumn peaks, the summer holidays. */
export const MONTH_FACTORS: readonly number[] = [
  0.88, 1, 1.05, 1.04, 0.92, 0.95, 0.86, 0.86, 1, 1.05, 1.05, 1.02,
];

/**
 * Year-on-year growth of one device's studies. The fleet itself grows about 11 % a year (new
 * devices outnumber decommissioned ones), so city totals grow faster: CT about +10 %/yr as in
 * DOMAIN.md (1.71 M in 2020 to a forecast 2.325 M in 2023), mammography and radiography strongly
 * (+172 % and +136 % planned over 2020), fluorography barely.
 */
export const ANNUAL_GROWTH: Readonly<Record<Modality, number>> = {
  CT: 0,
  MRI: 0.01,
  MAMMOGRAPHY: 0.22,
  RADIOGRAPHY: 0.2,
  FLUOROGRAPHY: -0.04,
  ANGIOGRAPHY: 0,
  DENSITOMETRY: 0,
};

/** Images per study: mean, and spread per study. Analogue images are films or frames. */
export const IMAGES_PER_STUDY: Readonly<Record<Modality, { mean: number; sd: number }>> = {
  CT: { mean: 420, sd: 300 },
  MRI: { mean: 300, sd: 150 },
  MAMMOGRAPHY: { mean: 4.2, sd: 0.6 },
  RADIOGRAPHY: { mean: 1.8, sd: 0.8 },
  FLUOROGRAPHY: { mean: 1.02, sd: 0.15 },
  ANGIOGRAPHY: { mean: 90, sd: 60 },
  DENSITOMETRY: { mean: 2.5, sd: 0.7 },
};

/** Day-to-day spread of a device's volume (log scale), on top of Poisson noise. */
const DAILY_SPREAD = 0.12;
/** New devices ramp up to full volume over this many days. */
const RAMP_UP_DAYS = 45;
/** Share of connected, in-service devices whose studies stop reaching the archive in the last week. */
const SILENT_SHARE = 0.005;

/**
 * The generator's ground truth for the devices whose use is measured: digital archive-connected
 * ones (daily, from the archive) and analogue ones (monthly, by hand).
 */
export function generateUsageProfiles(
  rng: Prng,
  devices: readonly DeviceDraft[],
  openBreakdowns: ReadonlyMap<string, number>,
  today: number,
  historyStart: number,
): DemoUsageProfile[] {
  const measured = devices.filter(
    (d) =>
      d.commissioningDay !== null &&
      (d.record.archiveConnected || d.record.technology === 'ANALOGUE'),
  );
  const silentCandidates = measured.filter(
    (d) =>
      d.record.status === 'IN_SERVICE' &&
      d.record.archiveConnected &&
      (d.commissioningDay as number) < today - 60,
  );
  const silentCount = Math.max(3, Math.round(silentCandidates.length * SILENT_SHARE));
  const silent = new Set(rng.fork('silent').shuffle(silentCandidates).slice(0, silentCount));

  return measured.map((d) => {
    const r = rng.fork(`profile:${d.record.inventoryNumber}`);
    const { modality, scheduledHoursPerDay } = d.record;
    const capacity = NOMINAL_STUDIES_PER_HOUR[modality] * scheduledHoursPerDay;
    const spread = modality === 'RADIOGRAPHY' ? 0.4 : 0.25;
    // A busy CT scanner reaches the top of the published throughput range (3.4 an hour against a
    // nominal 2.3, CADTH), so its volume may reach 1.5× the nominal capacity; others 1.1×.
    const weekdayStudies = Math.min(
      capacity * (modality === 'CT' ? 1.5 : 1.1),
      WEEKDAY_STUDIES[modality][d.facility.record.type] * r.logNormal(1, spread),
    );
    const { mean } = IMAGES_PER_STUDY[modality];
    const imagesPerStudy = Math.max(1, mean * r.logNormal(1, mean > 10 ? 0.25 : 0.05));

    let activeUntil = today;
    let stopReason: DemoUsageProfile['stopReason'] = null;
    if (d.decommissioningDay !== null) {
      activeUntil = d.decommissioningDay - 1;
      stopReason = 'DECOMMISSIONED';
    } else if (d.record.status === 'IDLE') {
      activeUntil = today - r.int(30, 150);
      stopReason = 'IDLE';
    } else if (d.record.status === 'UNDER_REPAIR') {
      activeUntil = openBreakdowns.get(d.record.inventoryNumber) ?? today;
      stopReason = 'UNDER_REPAIR';
    } else if (silent.has(d)) {
      activeUntil = today - r.int(3, 7);
      stopReason = 'SILENT';
    }
    return {
      inventoryNumber: d.record.inventoryNumber,
      weekdayStudies: round2(weekdayStudies),
      imagesPerStudy: round2(imagesPerStudy),
      activeFrom: formatIsoDate(Math.max(d.commissioningDay as number, historyStart)),
      activeUntil: formatIsoDate(activeUntil),
      stopReason,
    };
  });
}

/** What the daily model needs, computed once per city (see `contextFor`). */
interface UtilisationContext {
  root: Prng;
  firstDay: number;
  today: number;
  dates: string[];
  /** Weekday × month factor per day of the window, by facility type. */
  dayFactor: Map<FacilityType, Float64Array>;
  /** Growth factor per day of the window, by modality. */
  growth: Map<Modality, Float64Array>;
  devices: Map<string, DemoDevice>;
  facilityTypes: Map<string, FacilityType>;
  downtime: Map<string, [number, number][]>;
}

const contexts = new WeakMap<DemoCity, UtilisationContext>();

function contextFor(city: DemoCity): UtilisationContext {
  const cached = contexts.get(city);
  if (cached) {
    return cached;
  }
  const firstDay = parseIsoDate(city.params.historyStart);
  const today = parseIsoDate(city.params.today);
  const length = today - firstDay + 1;
  const dates: string[] = [];
  const week: number[] = [];
  const working: boolean[] = [];
  const holiday: boolean[] = [];
  const month: number[] = [];
  for (let i = 0; i < length; i++) {
    const day = firstDay + i;
    const date = formatIsoDate(day);
    dates.push(date);
    week.push(weekday(day));
    // The city's production calendar (shared): public holidays and the decreed transfers.
    working.push(isWorkingDay(date));
    holiday.push(isPublicHoliday(date));
    month.push(dateParts(day).month);
  }
  const dayFactor = new Map<FacilityType, Float64Array>();
  for (const type of Object.values(FacilityType)) {
    const f = DAY_FACTORS[type];
    const values = new Float64Array(length);
    for (let i = 0; i < length; i++) {
      // A working day (a transferred working Saturday too) runs at weekday volume; a day off
      // that is a holiday or a transferred weekday at holiday volume; other weekends as such.
      const base = working[i]
        ? 1
        : holiday[i] || (week[i] as number) < 5
          ? f.holiday
          : week[i] === 5
            ? f.saturday
            : f.sunday;
      values[i] = base * (MONTH_FACTORS[(month[i] as number) - 1] as number);
    }
    dayFactor.set(type, values);
  }
  const growth = new Map<Modality, Float64Array>();
  for (const modality of MODALITIES) {
    const values = new Float64Array(length);
    const base = 1 + ANNUAL_GROWTH[modality];
    for (let i = 0; i < length; i++) {
      values[i] = Math.pow(base, (firstDay + i - today) / 365.25);
    }
    growth.set(modality, values);
  }
  const context: UtilisationContext = {
    root: Prng.from(city.params.seed),
    firstDay,
    today,
    dates,
    dayFactor,
    growth,
    devices: new Map(city.devices.map((d) => [d.inventoryNumber, d])),
    facilityTypes: new Map(city.facilities.map((f) => [f.code, f.type])),
    downtime: downtimeIndex(city.serviceEvents),
  };
  contexts.set(city, context);
  return context;
}

/** Downtime intervals per device, in local minutes: breakdowns from report, planned work from start. */
function downtimeIndex(events: readonly DemoServiceEvent[]): Map<string, [number, number][]> {
  const index = new Map<string, [number, number][]>();
  for (const e of events) {
    const from = parseTimestamp(
      e.type === 'BREAKDOWN' ? e.reportedAt : (e.startedAt ?? e.reportedAt),
    );
    const to = e.resolvedAt === null ? Infinity : parseTimestamp(e.resolvedAt);
    const list = index.get(e.inventoryNumber);
    if (list) {
      list.push([from, to]);
    } else {
      index.set(e.inventoryNumber, [[from, to]]);
    }
  }
  return index;
}

/** Working window of a day in minutes from midnight, for the device's scheduled hours. */
function workingWindow(hours: number): [number, number] {
  if (hours >= 24) {
    return [0, MINUTES_PER_DAY];
  }
  const start = hours >= 16 ? 7 * 60 : 8 * 60;
  return [start, start + hours * 60];
}

/**
 * Studies per day of one device over the window (index 0 = `historyStart`), zero outside its
 * active period and during downtime. Studies are Poisson around a mean that follows the weekday,
 * holiday and seasonal pattern, grows year on year, and ramps up after commissioning.
 */
function dailyStudies(
  ctx: UtilisationContext,
  profile: DemoUsageProfile,
  device: DemoDevice,
  r: Prng,
): Int32Array {
  const length = ctx.dates.length;
  const studies = new Int32Array(length);
  const from = parseIsoDate(profile.activeFrom) - ctx.firstDay;
  const until = parseIsoDate(profile.activeUntil) - ctx.firstDay;
  if (until < 0 || from >= length || until < from) {
    return studies;
  }
  const availability = new Float64Array(length).fill(1);
  const [open, close] = workingWindow(device.scheduledHoursPerDay);
  const workMinutes = close - open;
  for (const [start, end] of ctx.downtime.get(device.inventoryNumber) ?? []) {
    const firstDay = Math.max(0, Math.floor(start / MINUTES_PER_DAY) - ctx.firstDay);
    const lastDay = Math.min(
      length - 1,
      Math.floor(Math.min(end, (ctx.today + 1) * MINUTES_PER_DAY - 1) / MINUTES_PER_DAY) -
        ctx.firstDay,
    );
    for (let i = firstDay; i <= lastDay; i++) {
      const dayStart = (ctx.firstDay + i) * MINUTES_PER_DAY;
      const overlap = Math.min(end, dayStart + close) - Math.max(start, dayStart + open);
      if (overlap > 0) {
        availability[i] = Math.max(0, (availability[i] as number) - overlap / workMinutes);
      }
    }
  }
  const commissioned =
    device.commissioningDate === null
      ? -Infinity
      : parseIsoDate(device.commissioningDate) - ctx.firstDay;
  const dayFactor = ctx.dayFactor.get(
    ctx.facilityTypes.get(device.facilityCode) as FacilityType,
  ) as Float64Array;
  const growth = ctx.growth.get(device.modality) as Float64Array;
  const correction = Math.exp(-(DAILY_SPREAD * DAILY_SPREAD) / 2);
  for (let i = Math.max(0, from); i <= Math.min(until, length - 1); i++) {
    const ramp =
      i - commissioned < RAMP_UP_DAYS ? 0.4 + (0.6 * (i - commissioned)) / RAMP_UP_DAYS : 1;
    const mean =
      profile.weekdayStudies *
      (dayFactor[i] as number) *
      (growth[i] as number) *
      ramp *
      (availability[i] as number) *
      Math.exp(DAILY_SPREAD * r.normal()) *
      correction;
    studies[i] = r.poisson(mean);
  }
  return studies;
}

function imagesFor(
  studies: number,
  modality: Modality,
  profile: DemoUsageProfile,
  r: Prng,
): number {
  if (studies === 0) {
    return 0;
  }
  const { mean, sd } = IMAGES_PER_STUDY[modality];
  const expected = studies * profile.imagesPerStudy;
  const noisy = Math.round(
    expected + Math.sqrt(studies) * sd * (profile.imagesPerStudy / mean) * r.normal(),
  );
  return Math.max(studies, noisy);
}

/**
 * One device's rows: only days with at least one study, as the archive would report them, up to
 * yesterday: today is not over, so it has no full-day count.
 */
function deviceRows(ctx: UtilisationContext, profile: DemoUsageProfile): DemoDailyUtilisation[] {
  const device = ctx.devices.get(profile.inventoryNumber) as DemoDevice;
  const r = ctx.root.fork(`utilisation:${profile.inventoryNumber}`);
  const studies = dailyStudies(ctx, profile, device, r);
  const rows: DemoDailyUtilisation[] = [];
  for (let i = 0; i < studies.length - 1; i++) {
    const n = studies[i] as number;
    if (n > 0) {
      rows.push({
        inventoryNumber: profile.inventoryNumber,
        date: ctx.dates[i] as string,
        studies: n,
        images: imagesFor(n, device.modality, profile, r),
      });
    }
  }
  return rows;
}

function archiveProfiles(city: DemoCity, ctx: UtilisationContext): DemoUsageProfile[] {
  return city.usageProfiles.filter(
    (p) => ctx.devices.get(p.inventoryNumber)?.archiveConnected === true,
  );
}

/**
 * Daily utilisation of every digital, archive-connected device over the history window, device by
 * device (in inventory-number order): about 1,000 devices × 1,100 days at scale 1. Lazy, so a
 * loader can stream it into COPY without holding it all.
 */
export function* generateUtilisationByDevice(
  city: DemoCity,
): Generator<{ inventoryNumber: string; rows: DemoDailyUtilisation[] }> {
  const ctx = contextFor(city);
  for (const profile of archiveProfiles(city, ctx)) {
    yield { inventoryNumber: profile.inventoryNumber, rows: deviceRows(ctx, profile) };
  }
}

/** The same rows as `generateUtilisationByDevice`, one at a time. */
export function* generateDailyUtilisation(city: DemoCity): Generator<DemoDailyUtilisation> {
  for (const batch of generateUtilisationByDevice(city)) {
    yield* batch.rows;
  }
}

/** Daily rows of one archive-connected device (empty for any other device). */
export function generateDeviceUtilisation(
  city: DemoCity,
  inventoryNumber: string,
): DemoDailyUtilisation[] {
  const ctx = contextFor(city);
  const profile = archiveProfiles(city, ctx).find((p) => p.inventoryNumber === inventoryNumber);
  return profile ? deviceRows(ctx, profile) : [];
}

/**
 * Monthly hand counts of analogue devices for every complete month of the window in which the
 * device was working; about 3 % of the reports are missing, as they are in real life.
 */
export function generateMonthlyCounts(city: DemoCity): DemoMonthlyCount[] {
  const ctx = contextFor(city);
  const counts: DemoMonthlyCount[] = [];
  const { year: ty, month: tm } = dateParts(ctx.today);
  const firstOfThisMonth = dayFromParts(ty, tm, 1);
  for (const profile of city.usageProfiles) {
    const device = ctx.devices.get(profile.inventoryNumber) as DemoDevice;
    if (device.technology !== 'ANALOGUE') {
      continue;
    }
    const r = ctx.root.fork(`counts:${profile.inventoryNumber}`);
    const studies = dailyStudies(ctx, profile, device, r);
    const from = parseIsoDate(profile.activeFrom);
    const until = parseIsoDate(profile.activeUntil);
    let monthStart = ctx.firstDay;
    if (dateParts(monthStart).day !== 1) {
      const p = dateParts(monthStart);
      monthStart = dayFromParts(p.year, p.month + 1, 1);
    }
    while (monthStart < firstOfThisMonth) {
      const p = dateParts(monthStart);
      const next = dayFromParts(p.year, p.month + 1, 1);
      const missing = r.chance(0.03);
      if (!missing && from < next && until >= monthStart) {
        let total = 0;
        for (let day = monthStart; day < next; day++) {
          total += studies[day - ctx.firstDay] as number;
        }
        counts.push({
          inventoryNumber: profile.inventoryNumber,
          month: `${p.year}-${String(p.month).padStart(2, '0')}`,
          studies: total,
          images: imagesFor(total, device.modality, profile, r),
        });
      }
      monthStart = next;
    }
  }
  return counts;
}

/** First day of a history of `years` years ending `today` (inclusive). */
export function historyStartFor(today: number, years: number): number {
  return addYears(today, -years) + 1;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
