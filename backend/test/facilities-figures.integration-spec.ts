import ExcelJS from 'exceljs';
import {
  addDays,
  cityDateOf,
  Role,
  type FacilityDetailResponse,
  type FacilityResponse,
  type FleetTotals,
  type Paged,
} from '@radfleet/shared';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevice, createFacility, signInAs, type Account } from './support/accounts.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** Reads a binary supertest answer into a Buffer. */
function binary(res: request.Response, cb: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

interface SummaryLine {
  label: string;
  digital: number;
  analogue: number;
  total: number;
  share: number | null;
}

/** The registry export's summary sheet, read back as exceljs sees it. */
async function exportSummary(t: TestApp, who: Account, query: Record<string, unknown> = {}) {
  const res = await request(t.server)
    .get('/api/devices/export.xlsx')
    .query({ lang: 'en', ...query })
    .set(who.auth)
    .buffer(true)
    .parse(binary)
    .expect(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.body as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('Summary')!;
  const lines: SummaryLine[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const share = row.getCell(5).value;
    lines.push({
      label: String(row.getCell(1).value),
      digital: Number(row.getCell(2).value),
      analogue: Number(row.getCell(3).value),
      total: Number(row.getCell(4).value),
      share: share === null || share === undefined ? null : Number(share),
    });
  });
  return { lines, all: lines.find((l) => l.label === 'All modalities')! };
}

async function cityFigures(t: TestApp, who: Account) {
  const totals = (await request(t.server).get('/api/facilities/totals').set(who.auth).expect(200))
    .body as FleetTotals;
  const list = (
    await request(t.server)
      .get('/api/facilities')
      .query({ pageSize: 500 })
      .set(who.auth)
      .expect(200)
  ).body as Paged<FacilityResponse>;
  const summary = await exportSummary(t, who);
  return { totals, list, summary };
}

/** Installed base and digital share: one definition on the facility list, page, city total and export. */
describe('installed base and digital share on every screen (README "Glossary")', () => {
  let t: TestApp;
  let admin: Account;
  let exec: Account;
  let north: string;
  let south: string;
  const today = cityDateOf(new Date());

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAs(t, Role.ADMIN);
    exec = await signInAs(t, Role.EXECUTIVE);
    north = (await createFacility(t, admin, { code: 'F-N', name: 'Северная' })).id;
    south = (await createFacility(t, admin, { code: 'F-S', name: 'Южная' })).id;
    // North: a digital CT and an analogue radiography unit installed; a PLANNED digital CT; a digital
    // MRI decommissioned today (no longer installed); a digital CT commissioned today (installed).
    await createDevice(t, admin, north, { modality: 'CT', commissioningDate: '2020-02-29' });
    await createDevice(t, admin, north, {
      modality: 'RADIOGRAPHY',
      technology: 'ANALOGUE',
      archiveConnected: false,
    });
    await createDevice(t, admin, north, {
      status: 'PLANNED',
      commissioningDate: addDays(today, 30),
      yearOfManufacture: null,
    });
    await createDevice(t, admin, north, {
      modality: 'MRI',
      status: 'DECOMMISSIONED',
      decommissionedOn: today,
      decommissionReason: 'replaced',
    });
    await createDevice(t, admin, north, {
      commissioningDate: today,
      yearOfManufacture: null,
    });
    // South: a digital MRI installed, and one decommissioned last year.
    await createDevice(t, admin, south, { modality: 'MRI' });
    await createDevice(t, admin, south, {
      modality: 'MRI',
      technology: 'ANALOGUE',
      archiveConnected: false,
      status: 'DECOMMISSIONED',
      decommissionedOn: addDays(today, -365),
      decommissionReason: 'worn out',
    });
  });
  afterAll(async () => t?.close());

  it('counts the installed base per facility on the list and the facility page', async () => {
    const { list } = await cityFigures(t, exec);
    const byCode = new Map(list.items.map((f) => [f.code, f]));
    expect(byCode.get('F-N')!.deviceCount).toBe(3);
    expect(byCode.get('F-N')!.digitalShare).toBeCloseTo(2 / 3, 12);
    expect(byCode.get('F-S')).toMatchObject({ deviceCount: 1, digitalShare: 1 });
    const page = (
      await request(t.server).get(`/api/facilities/${north}`).set(exec.auth).expect(200)
    ).body as FacilityDetailResponse;
    expect(page.deviceCount).toBe(3);
    expect(page.digitalShare).toBe(byCode.get('F-N')!.digitalShare);
    expect(page.modalityBreakdown).toEqual([
      { modality: 'CT', digital: 2, analogue: 0 },
      { modality: 'RADIOGRAPHY', digital: 0, analogue: 1 },
    ]);
  });

  it('gives one city total, equal to the facilities summed and to the export summary', async () => {
    const { totals, list, summary } = await cityFigures(t, exec);
    expect(totals).toEqual({ on: today, deviceCount: 4, digitalCount: 3, digitalShare: 0.75 });
    expect(list.items.reduce((n, f) => n + f.deviceCount, 0)).toBe(totals.deviceCount);
    expect(summary.all).toEqual({
      label: 'All modalities',
      digital: 3,
      analogue: 1,
      total: 4,
      share: totals.digitalShare,
    });
    expect(summary.lines.filter((l) => l !== summary.all)).toEqual([
      { label: 'CT', digital: 2, analogue: 0, total: 2, share: 1 },
      { label: 'MRI', digital: 1, analogue: 0, total: 1, share: 1 },
      { label: 'Radiography', digital: 0, analogue: 1, total: 1, share: 0 },
    ]);
  });

  it('counts the installed base among the filtered devices in the export summary', async () => {
    const north_ = await exportSummary(t, exec, { facilityId: north });
    expect(north_.all.total).toBe(3);
    expect(north_.all.share).toBeCloseTo(2 / 3, 12);
    const planned = await exportSummary(t, exec, { status: 'PLANNED' });
    expect(planned.lines).toEqual([
      { label: 'All modalities', digital: 0, analogue: 0, total: 0, share: null },
    ]);
  });

  it('changes none of them when a PLANNED device is added', async () => {
    const before = await cityFigures(t, exec);
    await createDevice(t, admin, south, {
      modality: 'MAMMOGRAPHY',
      technology: 'ANALOGUE',
      archiveConnected: false,
      status: 'PLANNED',
      commissioningDate: null,
    });
    const after = await cityFigures(t, exec);
    expect(after.totals).toEqual(before.totals);
    expect(after.summary).toEqual(before.summary);
    expect(after.list.items.map((f) => [f.code, f.deviceCount, f.digitalShare])).toEqual(
      before.list.items.map((f) => [f.code, f.deviceCount, f.digitalShare]),
    );
  });
});

/** Acceptance: on a fresh demo start the city's digital share is one number everywhere. */
describe('the demo city', () => {
  let t: TestApp;
  let admin: Account;

  beforeAll(async () => {
    t = await createTestApp({ DEMO_DATA: 'true' });
    admin = await signInAs(t, Role.ADMIN);
  }, 240_000);
  afterAll(async () => t?.close());

  it('shows the same digital share on the city total, the facility list and the export', async () => {
    const { totals, list, summary } = await cityFigures(t, admin);
    expect(totals.deviceCount).toBeGreaterThan(1_000);
    expect(list.items.length).toBe(list.total);
    expect(list.items.reduce((n, f) => n + f.deviceCount, 0)).toBe(totals.deviceCount);
    const digital = list.items.reduce(
      (n, f) => n + Math.round((f.digitalShare ?? 0) * f.deviceCount),
      0,
    );
    expect(digital).toBe(totals.digitalCount);
    expect(summary.all.total).toBe(totals.deviceCount);
    expect(summary.all.digital).toBe(totals.digitalCount);
    expect(summary.all.share).toBe(totals.digitalShare);

    const facilityId = list.items[0]!.id;
    await createDevice(t, admin, facilityId, {
      status: 'PLANNED',
      commissioningDate: null,
    });
    const after = await cityFigures(t, admin);
    expect(after.totals).toEqual(totals);
    expect(after.summary.all).toEqual(summary.all);
  }, 300_000);
});
