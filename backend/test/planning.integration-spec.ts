import {
  addDays,
  addMonths,
  PRIORITY_FACTORS,
  Role,
  type AgeProfileResponse,
  type DemandResponse,
  type DeviceCostResponse,
  type DeviceUtilisationResponse,
  type DeviceResponse,
  type LifeBandsResponse,
  type Paged,
  type PricesResponse,
  type PriorityItem,
  type WeightsResponse,
} from '@radfleet/shared';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityToday } from '../src/app/common/calendar.js';
import { createDevice, createFacility, signInAs, type Account } from './support/accounts.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * A hand-made facility of six devices, created through the API with chosen dates, prices, events
 * and counts, whose priority order follows from the factors (default weights):
 *
 * - MRI: 5 years (age 6.67), vendor support ended (15), the only MRI (no backup 10): ≈ 31.7
 * - CT-OLD: CT, 9 years (ratio 0.9 → age 12 points), 4 breakdowns of 120 h in the last year
 *   (breakdowns 10, downtime 6.67), service cost 20 M: ≈ 29.3. The service-cost ratio is cost of
 *   ownership's (cost-rules.ts): the service cost so far over the years in service (20 M ÷ 9.1
 *   years ≈ 2.2 M a year) against ~75 M, ≈ 0.03 → 0.6 points, not the 20 M of the last 12 months
 *   (≈ 8 points) planning once counted on its own; so the MRI now comes first.
 * - XR-ANALOGUE: radiography, analogue (10), 16 years, 9,999 studies a year → life 14
 *   (age 15.2), ≈ 68 % used (pressure 3.4; utilisation's capacity counts the production
 *   calendar's working days at hours/5, not every day at hours/7): ≈ 28.6
 * - XR-BUSY: radiography, digital, 12 years, 25,000 studies → life 10 (age 16), > 100 % used (5): 21
 * - MAMMO: 1 year (age 1.3), the only mammograph (10): ≈ 11.3
 * - CT-NEW: CT, 3 years (age 4): 4
 */
describe('replacement planning', () => {
  let t: TestApp;
  let admin: Account;
  let procurement: Account;
  let manager: Account;
  let exec: Account;
  let facility: string;
  let other: string;
  const today = cityToday();
  const ago = (years: number, months = 1) => addMonths(today, -(years * 12 + months));
  const ids: Record<string, string> = {};

  const priorities = async (who: Account, query: Record<string, unknown> = {}) =>
    (
      await request(t.server)
        .get('/api/planning/priorities')
        .query({ pageSize: 100, ...query })
        .set(who.auth)
        .expect(200)
    ).body as Paged<PriorityItem>;

  const monthlyCounts = async (deviceId: string, total: number) => {
    const first = addMonths(`${today.slice(0, 7)}-01`, -12);
    const each = Math.floor(total / 12);
    for (let i = 0; i < 12; i++) {
      const studies = i === 11 ? total - each * 11 : each;
      await request(t.server)
        .post('/api/utilisation/counts')
        .set(admin.auth)
        .send({
          deviceId,
          period: 'MONTH',
          date: addMonths(first, i),
          studies,
          images: studies * 2,
        })
        .expect((r) => expect([200, 201], JSON.stringify(r.body)).toContain(r.status));
    }
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAs(t, Role.ADMIN);
    procurement = await signInAs(t, Role.PROCUREMENT);
    exec = await signInAs(t, Role.EXECUTIVE);
    facility = (await createFacility(t, admin, { district: 'ZAO', name: 'Больница Плановая' })).id;
    other = (await createFacility(t, admin, { district: 'ZAO', name: 'Поликлиника Другая' })).id;
    manager = await signInAs(t, Role.FACILITY_MANAGER, [other]);
    const make = async (name: string, body: Record<string, unknown>, at = facility) => {
      ids[name] = (
        await createDevice(t, admin, at, {
          inventoryNumber: `PLAN-${name}`,
          archiveConnected: false,
          technology: 'DIGITAL',
          yearOfManufacture: Number(String(body['commissioningDate']).slice(0, 4)),
          ...body,
        })
      ).id;
    };
    await make('CT-NEW', {
      modality: 'CT',
      commissioningDate: ago(3),
      purchasePrice: '65000000.00',
    });
    await make('CT-OLD', {
      modality: 'CT',
      commissioningDate: ago(9),
      purchasePrice: '40000000.00',
    });
    await make('MRI', {
      modality: 'MRI',
      commissioningDate: ago(5),
      purchasePrice: null,
      vendorSupportEndsOn: addMonths(today, -1),
    });
    await make('MAMMO', {
      modality: 'MAMMOGRAPHY',
      commissioningDate: ago(1),
      purchasePrice: null,
      vendorSupportEndsOn: addMonths(today, 60),
    });
    await make('XR-ANALOGUE', {
      modality: 'RADIOGRAPHY',
      technology: 'ANALOGUE',
      commissioningDate: ago(16),
      purchasePrice: null,
    });
    await make('XR-BUSY', {
      modality: 'RADIOGRAPHY',
      commissioningDate: ago(12),
      purchasePrice: null,
    });
    // Another facility's CT, for the manager's scope and the age profile.
    await make(
      'OTHER-CT',
      { modality: 'CT', commissioningDate: ago(7), purchasePrice: null },
      other,
    );

    await monthlyCounts(ids['XR-ANALOGUE']!, 9_999);
    await monthlyCounts(ids['XR-BUSY']!, 25_000);
    for (let k = 1; k <= 4; k++) {
      const day = addDays(today, -40 * k);
      await request(t.server)
        .post('/api/service-events')
        .set(admin.auth)
        .send({
          deviceId: ids['CT-OLD'],
          type: 'BREAKDOWN',
          reportedAt: `${day}T09:00:00+03:00`,
          resolvedAt: `${addDays(day, 5)}T09:00:00+03:00`,
          description: `Отказ ${k}`,
          cost: '5000000.00',
        })
        .expect(201);
    }
  });
  afterAll(async () => t?.close());

  const order = (items: PriorityItem[]) =>
    items.filter((i) => !i.inventoryNumber.startsWith('PLAN-OTHER')).map((i) => i.inventoryNumber);

  it('ranks the six devices in the order their factors imply, contributions adding up to the score', async () => {
    const body = await priorities(exec, { facilityId: facility });
    expect(body.total).toBe(6);
    expect(order(body.items)).toEqual([
      'PLAN-MRI',
      'PLAN-CT-OLD',
      'PLAN-XR-ANALOGUE',
      'PLAN-XR-BUSY',
      'PLAN-MAMMO',
      'PLAN-CT-NEW',
    ]);
    for (const item of body.items) {
      expect(item.factors.map((f) => f.factor)).toEqual(PRIORITY_FACTORS);
      const sum = item.factors.reduce((s, f) => s + Math.round(f.contribution * 100), 0);
      expect(sum / 100).toBe(item.score);
    }
    const ct = body.items.find((i) => i.inventoryNumber === 'PLAN-CT-OLD')!;
    const f = Object.fromEntries(ct.factors.map((x) => [x.factor, x]));
    expect(f['BREAKDOWNS']).toMatchObject({ value: 4, weight: 15, contribution: 10 });
    expect(f['DOWNTIME']!.value).toBe(480);
    expect(f['NO_BACKUP']!.value).toBe(0);
    expect(ct.replacementPrice).not.toBeNull();
    // One definition per figure: the score reads the numbers the device page and utilisation show.
    const availability = (
      await request(t.server)
        .get(`/api/devices/${ids['CT-OLD']}/availability`)
        .query({ from: addDays(today, -364), to: today })
        .set(exec.auth)
        .expect(200)
    ).body as { unplannedDowntimeHours: number };
    expect(f['DOWNTIME']!.value).toBe(availability.unplannedDowntimeHours);
    const cost = (
      await request(t.server).get(`/api/devices/${ids['CT-OLD']}/cost`).set(exec.auth).expect(200)
    ).body as DeviceCostResponse;
    expect(f['SERVICE_COST']!.value).toBeCloseTo(
      Number(cost.yearlyServiceCost) / Number(ct.replacementPrice),
      3,
    );
    const xr = body.items.find((i) => i.inventoryNumber === 'PLAN-XR-ANALOGUE')!;
    const windowFrom = addMonths(`${today.slice(0, 7)}-01`, -12);
    const use = (
      await request(t.server)
        .get(`/api/utilisation/devices/${ids['XR-ANALOGUE']}`)
        .query({
          from: windowFrom,
          to: addDays(`${today.slice(0, 7)}-01`, -1),
          granularity: 'month',
        })
        .set(exec.auth)
        .expect(200)
    ).body as DeviceUtilisationResponse;
    expect(use.totals.studies).toBe(9_999);
    expect(xr.utilisationPct).toBe(use.totals.utilisationPct);
    // A device nobody reported counts for has no utilisation ("no data"), never 0 %.
    expect(body.items.find((i) => i.inventoryNumber === 'PLAN-CT-NEW')!.utilisationPct).toBeNull();
    const mri = body.items.find((i) => i.inventoryNumber === 'PLAN-MRI')!;
    expect(mri.factors.find((x) => x.factor === 'VENDOR_SUPPORT')).toMatchObject({
      normalised: 1,
      contribution: 15,
    });
  });

  it('gives radiography 14 years at 9,999 studies and 10 at 25,000; end of life = start + that', async () => {
    const body = await priorities(exec, { facilityId: facility, modality: 'RADIOGRAPHY' });
    const byInv = Object.fromEntries(body.items.map((i) => [i.inventoryNumber, i]));
    expect(byInv['PLAN-XR-ANALOGUE']).toMatchObject({
      adjustedLifeYears: 14,
      lifeBasis: 'USE',
      studiesPerYear: 9_999,
      endOfLifeDate: addMonths(ago(16), 14 * 12),
      pastLife: true,
    });
    expect(byInv['PLAN-XR-BUSY']).toMatchObject({
      adjustedLifeYears: 10,
      lifeBasis: 'USE',
      studiesPerYear: 25_000,
    });
    // The registry says the same: its service life in force is the adjusted life, so its end of
    // life and past-life flag are the priorities' (XR-BUSY: 12 years of a 10-year life by use is past
    // life, though the radiography default of 12 years would not yet be).
    const all = await priorities(exec, { facilityId: facility });
    const registry = (
      await request(t.server)
        .get('/api/devices')
        .query({ facilityId: facility, pageSize: 100 })
        .set(exec.auth)
        .expect(200)
    ).body.items as DeviceResponse[];
    expect(registry).toHaveLength(all.total);
    for (const item of all.items) {
      const d = registry.find((x) => x.id === item.deviceId)!;
      expect(
        {
          life: d.effectiveServiceLifeYears,
          eol: d.endOfLifeDate,
          past: d.pastServiceLife,
        },
        item.inventoryNumber,
      ).toEqual({ life: item.adjustedLifeYears, eol: item.endOfLifeDate, past: item.pastLife });
    }
    expect(byInv['PLAN-XR-BUSY']!.pastLife).toBe(true);
    const overdue = (
      await request(t.server)
        .get('/api/devices')
        .query({ facilityId: facility, overdue: true, pageSize: 100 })
        .set(exec.auth)
        .expect(200)
    ).body.items as DeviceResponse[];
    expect(overdue.map((d) => d.inventoryNumber).sort()).toEqual(
      all.items
        .filter((i) => i.pastLife)
        .map((i) => i.inventoryNumber)
        .sort(),
    );
    // Without counts: the modality default.
    const mammo = (await priorities(exec, { modality: 'MAMMOGRAPHY' })).items[0]!;
    expect(mammo).toMatchObject({ adjustedLifeYears: 10, lifeBasis: 'MODALITY_DEFAULT' });
  });

  it('reorders as expected when one weight changes, and refuses a stale version', async () => {
    const w = (await request(t.server).get('/api/planning/weights').set(exec.auth).expect(200))
      .body as WeightsResponse;
    const put = await request(t.server)
      .put('/api/planning/weights')
      .set(admin.auth)
      .send({ version: w.version, weights: { ...w.weights, VENDOR_SUPPORT: 0 } })
      .expect(200);
    expect(put.body.version).toBe(w.version + 1);
    // Without vendor support, the MRI falls below both radiography units.
    expect(order((await priorities(exec, { facilityId: facility })).items)).toEqual([
      'PLAN-CT-OLD',
      'PLAN-XR-ANALOGUE',
      'PLAN-XR-BUSY',
      'PLAN-MRI',
      'PLAN-MAMMO',
      'PLAN-CT-NEW',
    ]);
    const stale = await request(t.server)
      .put('/api/planning/weights')
      .set(admin.auth)
      .send({ version: w.version, weights: w.weights })
      .expect(409);
    expect(stale.body.currentVersion).toBe(w.version + 1);
    await request(t.server)
      .put('/api/planning/weights')
      .set(admin.auth)
      .send({ version: w.version + 1, weights: w.weights })
      .expect(200);
    const audit = await request(t.server)
      .get('/api/audit')
      .query({ entityType: 'priority-weights' })
      .set(admin.auth)
      .expect(200);
    expect(audit.body.total).toBeGreaterThanOrEqual(2);
  });

  it('filters by band, recommendation and sorts by any column', async () => {
    const all = await priorities(exec, { facilityId: facility, sort: 'inventoryNumber' });
    expect(all.items.map((i) => i.inventoryNumber)).toEqual(
      [...all.items.map((i) => i.inventoryNumber)].sort(),
    );
    const band = all.items[0]!.band;
    const banded = await priorities(exec, { facilityId: facility, band });
    expect(banded.items.every((i) => i.band === band)).toBe(true);
    const byAge = await priorities(exec, { facilityId: facility, sort: '-AGE', pageSize: 1 });
    expect(byAge).toMatchObject({ total: 6, page: 1, pageSize: 1 });
    // 12 years of a 10-year life (16 points) before 16 of 14 (15.24).
    expect(byAge.items[0]!.inventoryNumber).toBe('PLAN-XR-BUSY');
    const bad = await request(t.server)
      .get('/api/planning/priorities')
      .query({ sort: 'nope', band: 'SOON' })
      .set(exec.auth)
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['band', 'sort']);
  });

  it("answers one device's priority for the device page, as the list scores it", async () => {
    const listed = (await priorities(exec, { facilityId: facility })).items.find(
      (i) => i.inventoryNumber === 'PLAN-XR-ANALOGUE',
    )!;
    const one = (
      await request(t.server)
        .get(`/api/planning/priorities/devices/${ids['XR-ANALOGUE']}`)
        .set(exec.auth)
        .expect(200)
    ).body as PriorityItem;
    expect(one).toEqual(listed);
    // Another facility's device is not the manager's; an unknown one is not scored; a bad id is 400.
    await request(t.server)
      .get(`/api/planning/priorities/devices/${ids['XR-ANALOGUE']}`)
      .set(manager.auth)
      .expect(404);
    await request(t.server)
      .get(`/api/planning/priorities/devices/${ids['OTHER-CT']}`)
      .set(manager.auth)
      .expect(200);
    await request(t.server)
      .get('/api/planning/priorities/devices/00000000-0000-4000-8000-000000000000')
      .set(exec.auth)
      .expect(404)
      .expect('content-type', /problem\+json/);
    await request(t.server).get('/api/planning/priorities/devices/nope').set(exec.auth).expect(400);
  });

  it("shows a facility manager only their facilities' rows", async () => {
    const body = await priorities(manager);
    expect(body.items.map((i) => i.inventoryNumber)).toEqual(['PLAN-OTHER-CT']);
  });

  it('exports the priorities with the factor columns', async () => {
    const res = await request(t.server)
      .get('/api/planning/priorities/export.xlsx')
      .query({ facilityId: facility, lang: 'en' })
      .set(exec.auth)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('Score');
    expect(header).toContain('Breakdowns, points');
    expect(sheet.rowCount).toBe(7);
  });

  it('counts the COCIR age shares as a hand count of the registry does', async () => {
    const profile = (
      await request(t.server)
        .get('/api/planning/age-profile')
        .query({ groupBy: 'modality', date: today })
        .set(manager.auth)
        .expect(200)
    ).body as AgeProfileResponse;
    const devices = (
      await request(t.server)
        .get('/api/devices')
        .query({ pageSize: 500 })
        .set(exec.auth)
        .expect(200)
    ).body.items as DeviceResponse[];
    for (const row of profile.rows) {
      const mine = devices.filter((d) => d.modality === row.key && d.age !== null);
      expect(row, row.key).toMatchObject({
        devices: mine.length,
        upTo5: mine.filter((d) => d.age! <= 5).length,
        from6to10: mine.filter((d) => d.age! >= 6 && d.age! <= 10).length,
        over10: mine.filter((d) => d.age! > 10).length,
      });
    }
    const ct = profile.rows.find((r) => r.key === 'CT')!;
    expect(ct).toMatchObject({ devices: 3, upTo5: 1, from6to10: 2, over10: 0, compliant: false });
    expect(profile.total.devices).toBe(7);
    // Before any device started, the installed base is empty.
    const before = await request(t.server)
      .get('/api/planning/age-profile')
      .query({ groupBy: 'district', date: ago(20) })
      .set(exec.auth)
      .expect(200);
    expect(before.body.rows).toEqual([]);
    const history = await request(t.server)
      .get('/api/planning/age-profile/history')
      .set(exec.auth)
      .expect(200);
    expect(history.body.years.at(-1).date).toBe(today);
    expect(history.body.years.at(-1).total.devices).toBe(7);
  });

  it('lets ADMIN edit life bands (refusing a table without a band from 0) and PROCUREMENT prices', async () => {
    const bands = (
      await request(t.server).get('/api/planning/life-bands').set(exec.auth).expect(200)
    ).body as LifeBandsResponse;
    expect(bands.bands.filter((b) => b.modality === 'RADIOGRAPHY')).toEqual([
      expect.objectContaining({ minStudiesPerYear: 0, lifeYears: 14 }),
      expect.objectContaining({ minStudiesPerYear: 10_000, lifeYears: 12 }),
      expect.objectContaining({ minStudiesPerYear: 20_001, lifeYears: 10 }),
    ]);
    const broken = await request(t.server)
      .put('/api/planning/life-bands')
      .set(admin.auth)
      .send({ version: bands.version, bands: bands.bands.filter((b) => b.minStudiesPerYear > 0) })
      .expect(400);
    expect(broken.body.errors[0].field).toBe('bands');

    const prices = (await request(t.server).get('/api/planning/prices').set(exec.auth).expect(200))
      .body as PricesResponse;
    expect(prices.escalationPct).toBe(5);
    const ctFleet = prices.today.find((p) => p.modality === 'CT')!;
    // The fleet's own CT price: the one purchase of the last five years (65 M, 3 years ago) at 5 % a year.
    expect(ctFleet).toMatchObject({ basis: 'FLEET_MEDIAN', purchases: 1 });
    expect(Number(ctFleet.price)).toBeCloseTo(65_000_000 * 1.05 ** (37 / 12), -1);
    const put = await request(t.server)
      .put('/api/planning/prices')
      .set(procurement.auth)
      .send({
        version: prices.version,
        escalationPct: 0,
        prices: [
          {
            modality: 'CT',
            price: '100000000.00',
            effectiveFrom: today,
            source: 'Tender 2026',
          },
        ],
      })
      .expect(200);
    expect(put.body.today.find((p: { modality: string }) => p.modality === 'CT')).toMatchObject({
      price: '100000000.00',
      basis: 'CATALOGUE',
    });
    const ct = (await priorities(exec, { q: 'PLAN-CT-OLD' })).items[0]!;
    expect(ct.replacementPrice).toBe('100000000.00');
    // Cost of ownership's ratio: 20 M of breakdown repairs over the ~9.1 years in service (days ÷
    // 365.25), ≈ 2.2 M a year, against the catalogue's 100 M.
    const years = (Date.parse(today) - Date.parse(ago(9))) / 86_400_000 / 365.25;
    expect(ct.factors.find((f) => f.factor === 'SERVICE_COST')!.value).toBeCloseTo(
      20_000_000 / years / 100_000_000,
      3,
    );
  });

  it('forecasts demand with a 12-month backtest and sets it against capacity in devices', async () => {
    const east = (await createFacility(t, admin, { district: 'TAO', name: 'Центр Флюорографии' }))
      .id;
    const fl = await createDevice(t, admin, east, {
      inventoryNumber: 'PLAN-FL',
      modality: 'FLUOROGRAPHY',
      technology: 'ANALOGUE',
      archiveConnected: false,
      commissioningDate: ago(4),
      yearOfManufacture: Number(ago(4).slice(0, 4)),
    });
    const first = addMonths(`${today.slice(0, 7)}-01`, -36);
    for (let i = 0; i < 36; i++) {
      // Growing, with winter peaks.
      const studies = Math.round(
        2_000 + 15 * i + 400 * Math.cos((2 * Math.PI * (i + Number(first.slice(5, 7)) - 1)) / 12),
      );
      await request(t.server)
        .post('/api/utilisation/counts')
        .set(admin.auth)
        .send({
          deviceId: fl.id,
          period: 'MONTH',
          date: addMonths(first, i),
          studies,
          images: studies,
        })
        .expect((r) => expect([200, 201]).toContain(r.status));
    }
    const body = (
      await request(t.server)
        .get('/api/planning/demand')
        .query({ modality: 'FLUOROGRAPHY', district: 'TAO', years: 3 })
        .set(manager.auth)
        .expect(200)
    ).body as DemandResponse;
    const d = body.modalities[0]!;
    expect(d.history).toHaveLength(36);
    expect(d.method).toMatch(/MSTL/);
    expect(d.backtestMapePct).not.toBeNull();
    expect(d.backtestMapePct!).toBeLessThan(15);
    expect(d.years.map((y) => y.year)).toEqual([1, 2, 3].map((k) => Number(today.slice(0, 4)) + k));
    expect(d.installedDevices).toBe(1);
    // 12 studies an hour × 50 hours a week × 52.18 weeks, nothing out of service.
    expect(d.capacityStudiesPerYear).toBe(Math.round(12 * 50 * (365.25 / 7)));
    for (const y of d.years)
      expect(y.gapDevices).toBeCloseTo(
        (y.forecastStudies - y.capacityStudies) / d.capacityPerDevicePerYear!,
        0,
      );
    for (const p of d.forecast) expect(p.lower).toBeLessThanOrEqual(p.studies);
    await request(t.server)
      .get('/api/planning/demand')
      .query({ years: 11 })
      .set(exec.auth)
      .expect(400);
  });
});
