import { FacilityType, isValidInn, isValidKpp } from '@radfleet/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCity } from './city.js';
import { PRICE_RANGES_MRUB } from './equipment-catalogue.js';
import { parseDecimalKopecks } from './money.js';
import { type DemoCity, type DemoDevice, MODALITIES, SERVICE_EVENT_TYPES } from './types.js';

const TODAY = '2025-06-15';
const DAY_MS = 86_400_000;

function ageYears(device: DemoDevice): number {
  return (Date.parse(TODAY) - Date.parse(device.commissioningDate as string)) / DAY_MS / 365.25;
}

function share<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  return items.filter(predicate).length / items.length;
}

/**
 * Generating one city is CPU-bound (about 0.3 s on an idle core, several times that on a busy
 * shared machine), so the tests that generate whole cities get an explicit timeout: they check
 * correctness, never speed, and must not fail because the machine is loaded.
 */
const CITY_TIMEOUT = 60_000;

describe('generateCity', { timeout: CITY_TIMEOUT }, () => {
  let city: DemoCity;
  beforeAll(() => {
    city = generateCity({ seed: 42, today: TODAY });
  }, CITY_TIMEOUT);

  describe('determinism', () => {
    it('gives a deep-equal city for the same options', () => {
      expect(generateCity({ seed: 42, today: TODAY })).toEqual(city);
    });

    it('gives a different city for a different seed', () => {
      const other = generateCity({ seed: 43, today: TODAY });
      expect(other.facilities.length).toBe(city.facilities.length);
      expect(other.facilities).not.toEqual(city.facilities);
      expect(other.devices).not.toEqual(city.devices);
      expect(other.suppliers.map((s) => s.inn)).not.toEqual(city.suppliers.map((s) => s.inn));
    });

    it('takes "today" as a parameter: every history ends on it, nothing is dated after it', () => {
      const earlier = generateCity({ seed: 42, today: '2023-01-10', years: 2 });
      expect(earlier.params.historyStart).toBe('2021-01-11');
      const stamps = [
        ...earlier.devices.flatMap((d) => [d.commissioningDate ?? '', d.decommissioningDate ?? '']),
        ...earlier.serviceEvents.flatMap((e) => [
          e.reportedAt,
          e.startedAt ?? '',
          e.resolvedAt ?? '',
        ]),
      ];
      expect(stamps.every((s) => s.slice(0, 10) <= '2023-01-10')).toBe(true);
      expect(earlier.serviceEvents.every((e) => e.reportedAt >= '2021-01-11')).toBe(true);
    });

    it('rejects a malformed today, and years or scale out of range', () => {
      expect(() => generateCity({ seed: 1, today: '2025-02-30' })).toThrow(RangeError);
      expect(() => generateCity({ seed: 1, today: TODAY, scale: 0 })).toThrow(RangeError);
      expect(() => generateCity({ seed: 1, today: TODAY, scale: 1.5 })).toThrow(RangeError);
      expect(() => generateCity({ seed: 1, today: TODAY, years: 0 })).toThrow(RangeError);
    });
  });

  describe('districts and facilities', () => {
    it('has 12 districts and 155 facilities in every district, with unique codes, names and addresses', () => {
      expect(city.districts).toHaveLength(12);
      expect(city.facilities).toHaveLength(155);
      const districts = new Set(city.districts.map((d) => d.code));
      expect(new Set(city.facilities.map((f) => f.district))).toEqual(districts);
      expect(city.facilities.every((f) => /^MO-\d{3}$/.test(f.code))).toBe(true);
      expect(new Set(city.facilities.map((f) => f.code)).size).toBe(155);
      expect(new Set(city.facilities.map((f) => f.name)).size).toBe(155);
      expect(new Set(city.facilities.map((f) => f.address)).size).toBe(155);
    });

    it('mixes hospitals, outpatient clinics, diagnostic centres and others', () => {
      const byType = (type: FacilityType): number =>
        city.facilities.filter((f) => f.type === type).length;
      expect(byType(FacilityType.HOSPITAL)).toBe(45);
      expect(byType(FacilityType.OUTPATIENT_CLINIC)).toBe(90);
      expect(byType(FacilityType.DIAGNOSTIC_CENTRE)).toBe(8);
      expect(byType(FacilityType.OTHER)).toBe(12);
      expect(city.facilities.find((f) => f.type === FacilityType.HOSPITAL)?.name).toMatch(
        /^Городская клиническая больница № \d+$/,
      );
    });
  });

  describe('devices', () => {
    it('has about 1,300 devices with unique inventory numbers', () => {
      expect(city.devices.length).toBeGreaterThanOrEqual(1_200);
      expect(city.devices.length).toBeLessThanOrEqual(1_400);
      expect(city.devices.every((d) => /^INV-\d{6}$/.test(d.inventoryNumber))).toBe(true);
      expect(new Set(city.devices.map((d) => d.inventoryNumber)).size).toBe(city.devices.length);
      const facilities = new Set(city.facilities.map((f) => f.code));
      expect(city.devices.every((d) => facilities.has(d.facilityCode))).toBe(true);
    });

    it('has more than 580 X-ray units, 51 % of them in hospitals; outpatient clinics hold most mammographs', () => {
      const type = new Map(city.facilities.map((f) => [f.code, f.type]));
      const xray = city.devices.filter((d) => d.modality === 'RADIOGRAPHY');
      expect(xray.length).toBeGreaterThan(580);
      expect(share(xray, (d) => type.get(d.facilityCode) === FacilityType.HOSPITAL)).toBeCloseTo(
        0.51,
        2,
      );
      const mammographs = city.devices.filter((d) => d.modality === 'MAMMOGRAPHY');
      expect(
        share(mammographs, (d) => type.get(d.facilityCode) === FacilityType.OUTPATIENT_CLINIC),
      ).toBeGreaterThan(0.6);
      for (const modality of MODALITIES) {
        expect(city.devices.some((d) => d.modality === modality)).toBe(true);
      }
    });

    it('is 15–20 % analogue: radiography, fluorography and mammography only, and old', () => {
      const analogue = city.devices.filter((d) => d.technology === 'ANALOGUE');
      expect(analogue.length / city.devices.length).toBeGreaterThanOrEqual(0.15);
      expect(analogue.length / city.devices.length).toBeLessThanOrEqual(0.2);
      expect(new Set(analogue.map((d) => d.modality))).toEqual(
        new Set(['RADIOGRAPHY', 'FLUOROGRAPHY', 'MAMMOGRAPHY']),
      );
      const median = analogue.map(ageYears).sort((a, b) => a - b)[
        Math.floor(analogue.length / 2)
      ] as number;
      expect(median).toBeGreaterThan(9);
      expect(analogue.every((d) => !d.archiveConnected && d.dicom === null)).toBe(true);
    });

    it('spreads ages over 0–20 years, recent ones most common, with a tail over 10 years', () => {
      const installed = city.devices.filter(
        (d) => d.commissioningDate !== null && d.status !== 'DECOMMISSIONED',
      );
      const ages = installed.map(ageYears);
      const young = share(ages, (a) => a <= 5);
      const middle = share(ages, (a) => a > 5 && a <= 10);
      const old = share(ages, (a) => a > 10);
      expect(young).toBeGreaterThan(0.38);
      expect(young).toBeGreaterThan(middle);
      expect(old).toBeGreaterThan(0.12);
      expect(old).toBeLessThan(0.32);
      expect(Math.min(...ages)).toBeLessThan(0.5);
      expect(Math.max(...ages)).toBeGreaterThan(15);
      expect(Math.max(...ages)).toBeLessThanOrEqual(20.01);
      for (const d of installed) {
        const commissioned = Number((d.commissioningDate as string).slice(0, 4));
        expect(d.yearOfManufacture).toBeGreaterThanOrEqual(commissioned - 1);
        expect(d.yearOfManufacture).toBeLessThanOrEqual(commissioned);
      }
    });

    it('mixes statuses: mostly in service, some under repair or idle, a few decommissioned (with date and reason) or planned', () => {
      const statusShare = (status: DemoDevice['status']): number =>
        share(city.devices, (d) => d.status === status);
      expect(statusShare('IN_SERVICE')).toBeGreaterThan(0.85);
      for (const status of ['UNDER_REPAIR', 'IDLE', 'DECOMMISSIONED', 'PLANNED'] as const) {
        expect(statusShare(status)).toBeGreaterThan(0.01);
        expect(statusShare(status)).toBeLessThan(0.05);
      }
      for (const d of city.devices) {
        const decommissioned = d.status === 'DECOMMISSIONED';
        expect(d.decommissioningDate !== null).toBe(decommissioned);
        expect(d.decommissioningReason !== null).toBe(decommissioned);
        if (decommissioned) {
          expect((d.decommissioningDate as string) > (d.commissioningDate as string)).toBe(true);
          expect((d.decommissioningDate as string) <= TODAY).toBe(true);
        }
        const planned = d.status === 'PLANNED';
        expect(d.commissioningDate === null).toBe(planned);
        expect(d.serialNumber === null).toBe(planned);
        if (planned) {
          expect((d.plannedCommissioningDate as string) > TODAY).toBe(true);
        }
      }
    });

    it('schedules working hours: round the clock for hospital CT, weekly hours that include weekends', () => {
      const type = new Map(city.facilities.map((f) => [f.code, f.type]));
      for (const d of city.devices) {
        expect([8, 12, 16, 24]).toContain(d.scheduledHoursPerDay);
        expect(d.scheduledHoursPerWeek).toBeGreaterThanOrEqual(5 * d.scheduledHoursPerDay);
        expect(d.scheduledHoursPerWeek).toBeLessThanOrEqual(168);
        if (d.modality === 'CT' && type.get(d.facilityCode) === FacilityType.HOSPITAL) {
          expect(d.scheduledHoursPerWeek).toBe(168);
        }
      }
    });

    it('prices devices in roubles as exact decimals within each modality’s range', () => {
      for (const d of city.devices) {
        expect(d.purchasePrice).toMatch(/^\d+\.\d{2}$/);
        const [low, high] = PRICE_RANGES_MRUB[d.modality][d.technology] as readonly [
          number,
          number,
        ];
        const roubles = Number(parseDecimalKopecks(d.purchasePrice)) / 100;
        expect(roubles).toBeGreaterThanOrEqual(low * 1_000_000);
        expect(roubles).toBeLessThanOrEqual(high * 1_000_000);
      }
      const ct = city.devices
        .filter((d) => d.modality === 'CT')
        .map((d) => Number(d.purchasePrice));
      expect(Math.max(...ct) - Math.min(...ct)).toBeGreaterThan(30_000_000);
    });

    it('gives digital, archive-connected devices a unique DICOM identity that fits the DICOM limits', () => {
      const digital = city.devices.filter(
        (d) => d.technology === 'DIGITAL' && d.status !== 'PLANNED',
      );
      const connected = digital.filter((d) => d.archiveConnected);
      expect(connected.length / digital.length).toBeGreaterThan(0.9);
      expect(connected.length).toBeLessThan(digital.length);
      expect(city.devices.every((d) => (d.dicom !== null) === d.archiveConnected)).toBe(true);
      const identities = connected.map((d) => d.dicom as NonNullable<DemoDevice['dicom']>);
      for (const id of identities) {
        expect(id.aeTitle).toMatch(/^[A-Z0-9_]{1,16}$/);
        expect(id.stationName.length).toBeLessThanOrEqual(16);
        expect(id.institutionName.length).toBeLessThanOrEqual(64);
        expect(id.deviceSerialNumber.length).toBeGreaterThan(0);
      }
      expect(new Set(identities.map((i) => i.aeTitle)).size).toBe(identities.length);
      expect(new Set(identities.map((i) => i.stationName)).size).toBe(identities.length);
      expect(
        new Set(
          identities.map((i) => `${i.stationName}|${i.deviceSerialNumber}|${i.institutionName}`),
        ).size,
      ).toBe(identities.length);
      // The archive does not always see the nameplate serial number: reconciliation has work to do.
      const differing = share(connected, (d) => d.dicom?.deviceSerialNumber !== d.serialNumber);
      expect(differing).toBeGreaterThan(0.05);
      expect(differing).toBeLessThan(0.3);
    });

    it('uses real manufacturers, Russian makers among them', () => {
      const makers = new Set(city.devices.map((d) => d.manufacturer));
      for (const maker of [
        'Siemens Healthineers',
        'GE HealthCare',
        'Philips',
        'Canon Medical Systems',
        'Fujifilm',
        'Hologic',
        'НИПК «Электрон»',
        '«Амико»',
        '«Мосрентген»',
        '«Рентгенпром»',
      ]) {
        expect(makers).toContain(maker);
      }
      const serials = city.devices
        .filter((d) => d.serialNumber !== null)
        .map((d) => `${d.manufacturer}|${d.serialNumber}`);
      expect(new Set(serials).size).toBe(serials.length);
    });
  });

  describe('suppliers and contracts', () => {
    it('has 15–25 suppliers, all with valid, unique INNs; organisations with KPPs, sole traders with 12 digits', () => {
      expect(city.suppliers.length).toBeGreaterThanOrEqual(15);
      expect(city.suppliers.length).toBeLessThanOrEqual(25);
      expect(city.suppliers.every((s) => isValidInn(s.inn))).toBe(true);
      expect(new Set(city.suppliers.map((s) => s.inn)).size).toBe(city.suppliers.length);
      for (const s of city.suppliers) {
        if (s.kind === 'ORGANISATION') {
          expect(s.inn).toHaveLength(10);
          expect(isValidKpp(s.kpp as string)).toBe(true);
        } else {
          expect(s.inn).toHaveLength(12);
          expect(s.kpp).toBeNull();
        }
        expect(s.email).toMatch(/^[a-z0-9.-]+@[a-z0-9.-]+\.ru$/);
      }
      expect(city.suppliers.some((s) => s.kind === 'SOLE_TRADER')).toBe(true);
    });

    it('pays milestones that never exceed the contract value', () => {
      const paid = new Map<string, bigint>();
      for (const m of city.paymentMilestones) {
        paid.set(m.contractCode, (paid.get(m.contractCode) ?? 0n) + parseDecimalKopecks(m.amount));
        if (m.paidOn !== null) {
          expect(m.paidOn >= m.dueDate && m.paidOn <= TODAY).toBe(true);
        }
      }
      let exact = 0;
      for (const c of city.contracts) {
        const sum = paid.get(c.code) ?? 0n;
        expect(sum).toBeGreaterThan(0n);
        expect(sum <= parseDecimalKopecks(c.value)).toBe(true);
        exact += sum === parseDecimalKopecks(c.value) ? 1 : 0;
      }
      expect(exact / city.contracts.length).toBeGreaterThan(0.7);
      expect(exact).toBeLessThan(city.contracts.length);
    });

    it('has SLA terms on service and lifecycle contracts; some end within 90 days, a few have expired', () => {
      for (const c of city.contracts) {
        expect(c.startDate <= c.endDate && c.signedOn <= c.startDate).toBe(true);
        expect(c.number).toMatch(/^\d{19}$/);
        if (c.type === 'SUPPLY') {
          expect(c.sla).toBeNull();
          continue;
        }
        const sla = c.sla as NonNullable<typeof c.sla>;
        expect(Number(sla.guaranteedUptimePercent)).toBeGreaterThanOrEqual(95);
        expect(Number(sla.guaranteedUptimePercent)).toBeLessThanOrEqual(98);
        expect([24, 48, 72]).toContain(sla.responseHours);
        expect(sla.repairDays).toBeGreaterThanOrEqual(5);
        expect(sla.repairDays).toBeLessThanOrEqual(14);
        expect(Number(sla.penaltyPerDay)).toBeGreaterThan(0);
      }
      const in90Days = new Date(Date.parse(TODAY) + 90 * DAY_MS).toISOString().slice(0, 10);
      const endingSoon = city.contracts.filter((c) => c.endDate >= TODAY && c.endDate <= in90Days);
      const expired = city.contracts.filter((c) => c.endDate < TODAY);
      expect(endingSoon.length).toBeGreaterThan(5);
      expect(expired.length).toBeGreaterThan(3);
      expect(expired.length / city.contracts.length).toBeLessThan(0.12);
      const terms = city.contracts.flatMap((c) => (c.sla ? [c.sla] : []));
      expect(terms.some((t) => t.basis === 'SCHEDULED_HOURS')).toBe(true);
      expect(terms.some((t) => t.measurementPeriod === 'MONTH')).toBe(true);
      expect(terms.some((t) => t.measurementPeriod === 'QUARTER')).toBe(true);
      expect(new Set(city.contracts.map((c) => c.type))).toEqual(
        new Set(['SUPPLY', 'SERVICE', 'LIFECYCLE']),
      );
    });

    it('covers most in-service devices: lifecycle contracts for those installed in the last 5 years, service contracts for older ones', () => {
      const contracts = new Map(city.contracts.map((c) => [c.code, c]));
      const devices = new Map(city.devices.map((d) => [d.inventoryNumber, d]));
      const active = new Map<string, string>();
      for (const link of city.contractDevices) {
        const c = contracts.get(link.contractCode);
        const d = devices.get(link.inventoryNumber);
        expect(c && d).toBeTruthy();
        if (c && d && c.type !== 'SUPPLY' && c.startDate <= TODAY && c.endDate >= TODAY) {
          active.set(d.inventoryNumber, c.type);
        }
        if (c?.type === 'LIFECYCLE' && d?.commissioningDate) {
          expect(ageYears(d)).toBeLessThanOrEqual(5.01);
        }
      }
      const inService = city.devices.filter((d) => d.status === 'IN_SERVICE');
      expect(share(inService, (d) => active.has(d.inventoryNumber))).toBeGreaterThan(0.8);
      const recent = inService.filter((d) => ageYears(d) < 4);
      expect(share(recent, (d) => active.get(d.inventoryNumber) === 'LIFECYCLE')).toBeGreaterThan(
        0.8,
      );
      const old = inService.filter((d) => ageYears(d) > 6);
      expect(share(old, (d) => active.get(d.inventoryNumber) === 'SERVICE')).toBeGreaterThan(0.7);
      const planned = city.devices.filter((d) => d.status === 'PLANNED');
      const contracted = new Set(city.contractDevices.map((l) => l.inventoryNumber));
      expect(planned.every((d) => contracted.has(d.inventoryNumber))).toBe(true);
    });
  });

  describe('service events', () => {
    it('records every kind of event in order: reported ≤ started ≤ resolved, within the history window', () => {
      expect(new Set(city.serviceEvents.map((e) => e.type))).toEqual(new Set(SERVICE_EVENT_TYPES));
      expect(new Set(city.serviceEvents.map((e) => e.code)).size).toBe(city.serviceEvents.length);
      for (const e of city.serviceEvents) {
        expect(e.reportedAt >= city.params.historyStart).toBe(true);
        if (e.startedAt !== null) {
          expect(Date.parse(e.startedAt)).toBeGreaterThanOrEqual(Date.parse(e.reportedAt));
        }
        if (e.resolvedAt !== null) {
          expect(Date.parse(e.resolvedAt)).toBeGreaterThan(Date.parse(e.startedAt as string));
          expect(e.resolvedAt.slice(0, 10) <= TODAY).toBe(true);
        }
        expect(e.cost).toMatch(/^\d+\.\d{2}$/);
      }
    });

    it('happens before today: nothing reported, started or resolved later than the start of today', () => {
      const todayStart = Date.parse(`${TODAY}T00:00:00+03:00`);
      for (const e of city.serviceEvents) {
        for (const t of [e.reportedAt, e.startedAt, e.resolvedAt]) {
          if (t !== null) expect(Date.parse(t)).toBeLessThanOrEqual(todayStart);
        }
      }
    });

    it('overlaps two breakdowns on a few covered devices, so that merging them shows', () => {
      const byDevice = new Map<string, typeof city.serviceEvents>();
      for (const e of city.serviceEvents) {
        if (e.type !== 'BREAKDOWN') continue;
        byDevice.set(e.inventoryNumber, [...(byDevice.get(e.inventoryNumber) ?? []), e]);
      }
      let pairs = 0;
      for (const list of byDevice.values()) {
        list.sort((a, b) => Date.parse(a.reportedAt) - Date.parse(b.reportedAt));
        for (let i = 1; i < list.length; i++) {
          const before = list[i - 1]!;
          if (
            before.resolvedAt &&
            Date.parse(list[i]!.reportedAt) < Date.parse(before.resolvedAt)
          ) {
            expect(before.contractCode).not.toBeNull();
            pairs++;
          }
        }
      }
      expect(pairs).toBeGreaterThanOrEqual(2);
    });

    it('never overlaps two events of one device (but for those pairs), nor services a device outside its life', () => {
      const devices = new Map(city.devices.map((d) => [d.inventoryNumber, d]));
      const lastEnd = new Map<string, { type: string; end: number }>();
      const byTime = [...city.serviceEvents].sort(
        (a, b) => Date.parse(a.reportedAt) - Date.parse(b.reportedAt),
      );
      for (const e of byTime) {
        const device = devices.get(e.inventoryNumber) as DemoDevice;
        expect(e.reportedAt.slice(0, 10) >= (device.commissioningDate as string)).toBe(true);
        if (device.decommissioningDate) {
          expect((e.resolvedAt ?? e.reportedAt).slice(0, 10) <= device.decommissioningDate).toBe(
            true,
          );
        }
        const previous = lastEnd.get(e.inventoryNumber);
        if (e.type !== 'BREAKDOWN' || previous?.type !== 'BREAKDOWN') {
          expect(Date.parse(e.reportedAt)).toBeGreaterThan(previous?.end ?? -Infinity);
        }
        lastEnd.set(e.inventoryNumber, {
          type: e.type,
          end: e.resolvedAt === null ? Infinity : Date.parse(e.resolvedAt),
        });
      }
    });

    it('has one unresolved breakdown for each device under repair, and none for any other', () => {
      const open = city.serviceEvents.filter((e) => e.resolvedAt === null);
      expect(open.every((e) => e.type === 'BREAKDOWN')).toBe(true);
      const underRepair = city.devices
        .filter((d) => d.status === 'UNDER_REPAIR')
        .map((d) => d.inventoryNumber);
      expect(open.map((e) => e.inventoryNumber).sort()).toEqual(underRepair.sort());
    });

    it('links work under contract to the contract then in force, and breaches the SLA now and then', () => {
      const contracts = new Map(city.contracts.map((c) => [c.code, c]));
      const links = new Set(
        city.contractDevices.map((l) => `${l.contractCode}|${l.inventoryNumber}`),
      );
      let breakdowns = 0;
      let breaches = 0;
      for (const e of city.serviceEvents) {
        if (e.contractCode === null) {
          continue;
        }
        const c = contracts.get(e.contractCode);
        expect(c?.type).not.toBe('SUPPLY');
        expect(links.has(`${e.contractCode}|${e.inventoryNumber}`)).toBe(true);
        const day = e.reportedAt.slice(0, 10);
        expect(day >= (c?.startDate as string) && day <= (c?.endDate as string)).toBe(true);
        if (e.type === 'BREAKDOWN' && e.resolvedAt !== null && e.startedAt !== null && c?.sla) {
          breakdowns++;
          const response = (Date.parse(e.startedAt) - Date.parse(e.reportedAt)) / 3_600_000;
          const repair = (Date.parse(e.resolvedAt) - Date.parse(e.reportedAt)) / DAY_MS;
          if (response > c.sla.responseHours || repair > c.sla.repairDays) {
            breaches++;
          }
        }
      }
      expect(breakdowns).toBeGreaterThan(1_000);
      expect(breaches).toBeGreaterThan(10);
      expect(breaches / breakdowns).toBeLessThan(0.1);
    });

    it('gives plausible downtime: a few per cent of each year', () => {
      const historyStart = Date.parse(city.params.historyStart);
      const end = Date.parse(TODAY) + DAY_MS;
      let down = 0;
      for (const e of city.serviceEvents) {
        const from = Date.parse(e.type === 'BREAKDOWN' ? e.reportedAt : (e.startedAt as string));
        down += (e.resolvedAt === null ? end : Date.parse(e.resolvedAt)) - from;
      }
      let lived = 0;
      for (const d of city.devices) {
        if (d.commissioningDate !== null) {
          const from = Math.max(historyStart, Date.parse(d.commissioningDate));
          const to = d.decommissioningDate === null ? end : Date.parse(d.decommissioningDate);
          lived += Math.max(0, to - from);
        }
      }
      expect(down / lived).toBeGreaterThan(0.01);
      expect(down / lived).toBeLessThan(0.05);
    });
  });

  describe('monthly counts of analogue devices', () => {
    it('covers complete months of the window for analogue devices only, a few reports missing', () => {
      const analogue = new Set(
        city.devices.filter((d) => d.technology === 'ANALOGUE').map((d) => d.inventoryNumber),
      );
      expect(city.monthlyCounts.length).toBeGreaterThan(analogue.size * 20);
      for (const m of city.monthlyCounts) {
        expect(analogue.has(m.inventoryNumber)).toBe(true);
        expect(m.month >= city.params.historyStart.slice(0, 7) && m.month < TODAY.slice(0, 7)).toBe(
          true,
        );
        expect(m.images).toBeGreaterThanOrEqual(m.studies);
      }
      const inService = city.devices.filter(
        (d) => d.technology === 'ANALOGUE' && d.status === 'IN_SERVICE' && ageYears(d) > 4,
      );
      const reported = inService.map(
        (d) => city.monthlyCounts.filter((m) => m.inventoryNumber === d.inventoryNumber).length,
      );
      const fullWindow = 35; // July 2022 … May 2025
      expect(Math.max(...reported)).toBe(fullWindow);
      expect(reported.reduce((a, b) => a + b, 0) / (reported.length * fullWindow)).toBeGreaterThan(
        0.93,
      );
      expect(reported.reduce((a, b) => a + b, 0) / (reported.length * fullWindow)).toBeLessThan(1);
    });
  });
});

// The 10× city is the size the uniqueness of codes has to survive, so it cannot be made smaller;
// it takes about 4 s on an idle core.
describe('generateCity at 10× scale', { timeout: 4 * CITY_TIMEOUT }, () => {
  it('has 1,550 facilities and 13,000 devices, every code still unique', () => {
    const big = generateCity({ seed: 'bench', today: TODAY, scale: 10 });
    expect(big.districts).toHaveLength(12);
    expect(big.facilities).toHaveLength(1_550);
    expect(big.devices).toHaveLength(13_000);
    expect(new Set(big.facilities.map((f) => f.code)).size).toBe(1_550);
    expect(new Set(big.facilities.map((f) => f.name)).size).toBe(1_550);
    expect(new Set(big.devices.map((d) => d.inventoryNumber)).size).toBe(13_000);
    const ae = big.devices.flatMap((d) => (d.dicom ? [d.dicom.aeTitle] : []));
    expect(new Set(ae).size).toBe(ae.length);
    expect(ae.every((t) => t.length <= 16)).toBe(true);
    expect(new Set(big.contracts.map((c) => c.number)).size).toBe(big.contracts.length);
    expect(new Set(big.serviceEvents.map((e) => e.code)).size).toBe(big.serviceEvents.length);
    expect(big.suppliers.every((s) => isValidInn(s.inn))).toBe(true);
  });
});
