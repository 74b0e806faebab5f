import { beforeAll, describe, expect, it } from 'vitest';
import { isWorkingDay } from '@radfleet/shared';
import { generateCity } from './city.js';
import { type DemoCity, type DemoDevice, type Modality } from './types.js';
import {
  generateDailyUtilisation,
  generateDeviceUtilisation,
  generateUtilisationByDevice,
} from './utilisation.js';

const TODAY = '2025-06-15';
const DAY_MS = 86_400_000;

function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(date) - days * DAY_MS).toISOString().slice(0, 10);
}

/** Everything the tests need from one pass over the ~1 M rows. */
interface Summary {
  rows: number;
  millis: number;
  devices: Set<string>;
  lastDate: Map<string, string>;
  byDevice: Map<string, { date: string; studies: number }[]>;
  /** Studies of all devices by day class: working weekday, weekend, public holiday. */
  studiesByClass: { weekday: number; weekend: number; holiday: number };
  /** Studies per device in the last 365 days and in the 365 before. */
  lastYear: Map<string, number>;
  yearBefore: Map<string, number>;
  images: Map<Modality, { studies: number; images: number }>;
  badRows: number;
}

function summarise(city: DemoCity): Summary {
  const devices = new Map(city.devices.map((d) => [d.inventoryNumber, d]));
  const lastYearFrom = daysBefore(TODAY, 364);
  const yearBeforeFrom = daysBefore(TODAY, 729);
  const dayClass = new Map<string, 'weekday' | 'weekend' | 'holiday'>();
  const s: Summary = {
    rows: 0,
    millis: 0,
    devices: new Set(),
    lastDate: new Map(),
    byDevice: new Map(),
    studiesByClass: { weekday: 0, weekend: 0, holiday: 0 },
    lastYear: new Map(),
    yearBefore: new Map(),
    images: new Map(),
    badRows: 0,
  };
  const started = performance.now();
  for (const row of generateDailyUtilisation(city)) {
    s.rows++;
    const device = devices.get(row.inventoryNumber) as DemoDevice;
    if (
      row.studies <= 0 ||
      row.images < row.studies ||
      row.date < city.params.historyStart ||
      row.date >= TODAY
    ) {
      s.badRows++;
    }
    s.devices.add(row.inventoryNumber);
    s.lastDate.set(row.inventoryNumber, row.date);
    let cls = dayClass.get(row.date);
    if (cls === undefined) {
      const dow = new Date(`${row.date}T00:00:00Z`).getUTCDay();
      cls = isWorkingDay(row.date) ? 'weekday' : dow === 0 || dow === 6 ? 'weekend' : 'holiday';
      dayClass.set(row.date, cls);
    }
    s.studiesByClass[cls] += row.studies;
    if (row.date >= lastYearFrom) {
      s.lastYear.set(row.inventoryNumber, (s.lastYear.get(row.inventoryNumber) ?? 0) + row.studies);
    } else if (row.date >= yearBeforeFrom) {
      s.yearBefore.set(
        row.inventoryNumber,
        (s.yearBefore.get(row.inventoryNumber) ?? 0) + row.studies,
      );
    }
    const img = s.images.get(device.modality) ?? { studies: 0, images: 0 };
    img.studies += row.studies;
    img.images += row.images;
    s.images.set(device.modality, img);
  }
  s.millis = performance.now() - started;
  return s;
}

/** Calendar days of each class in the window. */
function daysByClass(
  from: string,
  to: string,
): { weekday: number; weekend: number; holiday: number } {
  const n = { weekday: 0, weekend: 0, holiday: 0 };
  for (let t = Date.parse(from); t <= Date.parse(to); t += DAY_MS) {
    const date = new Date(t).toISOString().slice(0, 10);
    const dow = new Date(t).getUTCDay();
    n[isWorkingDay(date) ? 'weekday' : dow === 0 || dow === 6 ? 'weekend' : 'holiday']++;
  }
  return n;
}

/**
 * The city's daily history is about a million rows and generating it is CPU-bound (about 1 s on an
 * idle core, several times that on a busy shared machine). These tests check what the rows say,
 * never how fast they come, so every test and hook gets an explicit timeout.
 */
const STREAM_TIMEOUT = 60_000;

/** The rows of one device from the stream, stopping as soon as they have been seen. */
function rowsFromStream(city: DemoCity, inventoryNumber: string) {
  for (const batch of generateUtilisationByDevice(city)) {
    if (batch.inventoryNumber === inventoryNumber) return batch.rows;
  }
  return undefined;
}

describe('daily utilisation', { timeout: STREAM_TIMEOUT }, () => {
  let city: DemoCity;
  let summary: Summary;
  beforeAll(() => {
    city = generateCity({ seed: 42, today: TODAY });
    summary = summarise(city);
    process.stdout.write(
      `[demo generator] ${summary.rows.toLocaleString('en')} daily utilisation rows for ` +
        `${summary.devices.size} devices over ${city.params.years} years in ${Math.round(summary.millis)} ms\n`,
    );
  }, STREAM_TIMEOUT);

  it('covers every digital, archive-connected device over about 3 years: about a million rows', () => {
    const connected = new Set(
      city.devices.filter((d) => d.archiveConnected).map((d) => d.inventoryNumber),
    );
    expect([...summary.devices].every((id) => connected.has(id))).toBe(true);
    // Only a device commissioned in the last few days may have no studies yet.
    const missing = city.devices.filter(
      (d) => connected.has(d.inventoryNumber) && !summary.devices.has(d.inventoryNumber),
    );
    expect(missing.every((d) => (d.commissioningDate as string) >= daysBefore(TODAY, 7))).toBe(
      true,
    );
    expect(
      city.devices
        .filter((d) => summary.devices.has(d.inventoryNumber))
        .every((d) => d.technology === 'DIGITAL'),
    ).toBe(true);
    expect(summary.devices.size).toBeGreaterThan(900);
    expect(summary.rows).toBeGreaterThan(800_000);
    expect(summary.rows).toBeLessThan(1_200_000);
    expect(summary.badRows).toBe(0);
  });

  it('is deterministic, and one device regenerated alone gives the same rows as the stream', () => {
    const again = generateCity({ seed: 42, today: TODAY });
    const first = generateUtilisationByDevice(city).next().value;
    const firstAgain = generateUtilisationByDevice(again).next().value;
    expect(firstAgain).toEqual(first);
    const device = [...summary.devices][Math.floor(summary.devices.size / 2)] as string;
    const alone = generateDeviceUtilisation(again, device);
    expect(alone.length).toBeGreaterThan(100);
    expect(alone).toEqual(rowsFromStream(city, device));
    const other = generateCity({ seed: 7, today: TODAY });
    expect(generateUtilisationByDevice(other).next().value).not.toEqual(first);
  }, 60_000);

  it('does about 17,000 studies a year per CT scanner (13,000–22,000)', () => {
    const fullYear = city.usageProfiles.filter((p) => {
      const device = city.devices.find(
        (d) => d.inventoryNumber === p.inventoryNumber,
      ) as DemoDevice;
      return (
        device.modality === 'CT' &&
        device.archiveConnected &&
        p.stopReason === null &&
        p.activeFrom <= daysBefore(TODAY, 400)
      );
    });
    expect(fullYear.length).toBeGreaterThan(50);
    const perScanner = fullYear.map((p) => summary.lastYear.get(p.inventoryNumber) ?? 0);
    const mean = perScanner.reduce((a, b) => a + b, 0) / perScanner.length;
    expect(mean).toBeGreaterThan(13_000);
    expect(mean).toBeLessThan(22_000);
  });

  it('does 1.7–2.3 M CT studies a year across the city (DOMAIN.md)', () => {
    const ct = city.devices.filter((d) => d.modality === 'CT').map((d) => d.inventoryNumber);
    const total = ct.reduce((a, id) => a + (summary.lastYear.get(id) ?? 0), 0);
    process.stdout.write(`[demo generator] CT studies in the last year: ${total}\n`);
    expect(total).toBeGreaterThan(1_700_000);
    expect(total).toBeLessThan(2_300_000);
  });

  it('has no row for today, which is not over yet', () => {
    expect([...summary.lastDate.values()].every((d) => d < TODAY)).toBe(true);
  });

  it('follows the production calendar: a transferred day off is quiet, like a holiday', () => {
    const c = generateCity({ seed: 42, today: '2026-03-20', years: 1 });
    const day = (date: string) => {
      let n = 0;
      for (const r of generateDailyUtilisation(c)) if (r.date === date) n += r.studies;
      return n;
    };
    // Monday 9 March 2026 is a day off by decree; Tuesday 10 March a working day.
    expect(day('2026-03-09')).toBeLessThan(0.4 * day('2026-03-10'));
  }, 60_000);

  it('is busier on weekdays than at weekends, and quiet on public holidays', () => {
    const days = daysByClass(city.params.historyStart, TODAY);
    const weekday = summary.studiesByClass.weekday / days.weekday;
    const weekend = summary.studiesByClass.weekend / days.weekend;
    const holiday = summary.studiesByClass.holiday / days.holiday;
    expect(weekday).toBeGreaterThan(1.5 * weekend);
    expect(holiday).toBeLessThan(0.4 * weekday);
    expect(holiday).toBeLessThan(weekend);
  });

  it('grows year on year: CT about +10 %, mammography and radiography strongly', () => {
    const growth = (modality: Modality): number => {
      const ids = city.devices.filter((d) => d.modality === modality).map((d) => d.inventoryNumber);
      const sum = (m: Map<string, number>): number =>
        ids.reduce((a, id) => a + (m.get(id) ?? 0), 0);
      return sum(summary.lastYear) / sum(summary.yearBefore);
    };
    expect(growth('CT')).toBeGreaterThan(1.04);
    expect(growth('CT')).toBeLessThan(1.2);
    expect(growth('MAMMOGRAPHY')).toBeGreaterThan(1.25);
    expect(growth('RADIOGRAPHY')).toBeGreaterThan(1.2);
  });

  it('has images per study typical of each modality', () => {
    const perStudy = (m: Modality): number => {
      const x = summary.images.get(m) as { studies: number; images: number };
      return x.images / x.studies;
    };
    expect(perStudy('CT')).toBeGreaterThan(200);
    expect(perStudy('CT')).toBeLessThan(700);
    expect(perStudy('MRI')).toBeGreaterThan(150);
    expect(perStudy('MRI')).toBeLessThan(500);
    expect(perStudy('MAMMOGRAPHY')).toBeGreaterThan(3.5);
    expect(perStudy('MAMMOGRAPHY')).toBeLessThan(5);
    expect(perStudy('RADIOGRAPHY')).toBeGreaterThan(1);
    expect(perStudy('RADIOGRAPHY')).toBeLessThan(3);
    expect(perStudy('FLUOROGRAPHY')).toBeGreaterThanOrEqual(1);
    expect(perStudy('FLUOROGRAPHY')).toBeLessThan(1.2);
  });

  it('has no studies on days a device was down all day', () => {
    const long = city.serviceEvents.filter(
      (e) =>
        e.resolvedAt !== null && Date.parse(e.resolvedAt) - Date.parse(e.reportedAt) > 3 * DAY_MS,
    );
    let checked = 0;
    for (const e of long.slice(0, 200)) {
      const rows = generateDeviceUtilisation(city, e.inventoryNumber);
      if (rows.length === 0) {
        continue;
      }
      const inside = (date: string): boolean =>
        Date.parse(`${date}T00:00:00+03:00`) >= Date.parse(e.reportedAt) &&
        Date.parse(`${date}T00:00:00+03:00`) + DAY_MS <= Date.parse(e.resolvedAt as string);
      expect(rows.filter((r) => inside(r.date))).toEqual([]);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('has a few devices that went silent in the last week, and none after a breakdown still open', () => {
    const silent = city.usageProfiles.filter((p) => p.stopReason === 'SILENT');
    expect(silent.length).toBeGreaterThanOrEqual(3);
    for (const p of silent) {
      const device = city.devices.find(
        (d) => d.inventoryNumber === p.inventoryNumber,
      ) as DemoDevice;
      expect(device.status).toBe('IN_SERVICE');
      const last = summary.lastDate.get(p.inventoryNumber) as string;
      expect(last <= p.activeUntil).toBe(true);
      expect(last >= daysBefore(TODAY, 10)).toBe(true);
      expect(p.activeUntil <= daysBefore(TODAY, 3) && p.activeUntil >= daysBefore(TODAY, 7)).toBe(
        true,
      );
    }
    // Every other working, connected device sent studies in the last three days.
    const silentIds = new Set(silent.map((p) => p.inventoryNumber));
    const busy = city.devices.filter(
      (d) => d.status === 'IN_SERVICE' && d.archiveConnected && !silentIds.has(d.inventoryNumber),
    );
    const recent = busy.filter(
      (d) => (summary.lastDate.get(d.inventoryNumber) ?? '') >= daysBefore(TODAY, 3),
    );
    expect(recent.length / busy.length).toBeGreaterThan(0.97);
    for (const e of city.serviceEvents.filter((x) => x.resolvedAt === null)) {
      const last = summary.lastDate.get(e.inventoryNumber);
      if (last !== undefined) {
        expect(last <= e.reportedAt.slice(0, 10)).toBe(true);
      }
    }
    for (const d of city.devices.filter(
      (x) => x.status === 'DECOMMISSIONED' && summary.devices.has(x.inventoryNumber),
    )) {
      expect(
        (summary.lastDate.get(d.inventoryNumber) as string) < (d.decommissioningDate as string),
      ).toBe(true);
    }
  });
});
