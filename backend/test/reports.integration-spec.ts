import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  KpiKey,
  KpiUnit,
  Role,
  type DeviceResponse,
  type ExecutiveDashboardResponse,
  type FacilityResponse,
  type Paged,
  type UtilisationSummaryResponse,
} from '@radfleet/shared';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityToday } from '../src/app/common/calendar.js';
import { packChartSheetNames, packSheetNames } from '../src/app/reports/executive-pack.service.js';
import { createDevice, createFacility, signInAs, type Account } from './support/accounts.js';
import { cityDate, createContract, createSupplier } from './support/contracts.js';
import { createTestApp, type TestApp } from './support/test-app.js';

// Issue 14: the executive report pack read back with exceljs — its sheets, its KPIs against the
// dashboard's, its utilisation against the utilisation API's, a chart picture on every chart
// sheet, user text that looks like a formula escaped — and opened by LibreOffice.

const run = promisify(execFile);

function binary(res: request.Response, cb: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

const FORMULA_LIKE = /^[=+\-@]/;

describe('the executive report pack', () => {
  let t: TestApp;
  let exec: Account;
  let admin: Account;
  const month = cityToday().slice(0, 7);
  let hostileFacility: FacilityResponse;

  const get = async <T>(account: Account, path: string, query: Record<string, string> = {}) => {
    const res = await request(t.server).get(path).query(query).set(account.auth);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as T;
  };
  const download = async (account: Account, query: Record<string, string>) => {
    const res = await request(t.server)
      .get('/api/reports/executive-pack.xlsx')
      .query(query)
      .set(account.auth)
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    return { wb, bytes: res.body as Buffer };
  };

  beforeAll(async () => {
    t = await createTestApp({ DEMO_DATA: 'true' });
    exec = await signInAs(t, Role.EXECUTIVE);
    admin = await signInAs(t, Role.ADMIN);
    // User text that a spreadsheet would take for formulas: a supplier of an expiring contract
    // and a facility with a device that has counts.
    const supplier = await createSupplier(t, admin, { name: '=HYPERLINK("http://x","click")' });
    await createContract(t, admin, supplier.id, {
      number: 'EXP-7',
      signedOn: cityDate(-300),
      startDate: cityDate(-290),
      endDate: cityDate(30),
    });
    hostileFacility = await createFacility(t, admin, { name: '@SUM(1+1) клиника' });
    // Archive-connected: measured, so the facility has a row on the utilisation sheet.
    await createDevice(t, admin, hostileFacility.id, { commissioningDate: '2020-03-01' });
  }, 240_000);
  afterAll(async () => t?.close());

  it('has the five sheets, the KPIs of the dashboard, typed cells, frozen headers and print areas', async () => {
    const { wb } = await download(exec, { month, lang: 'en' });
    const d = await get<ExecutiveDashboardResponse>(exec, '/api/dashboard/executive');
    expect(wb.worksheets.map((w) => w.name)).toEqual(packSheetNames('en'));

    const summary = wb.getWorksheet('Summary')!;
    d.kpis.forEach((k, i) => {
      const row = summary.getRow(5 + i);
      const value = row.getCell(2).value;
      if (k.unit === KpiUnit.RUB) expect(value).toBe(Number(k.amount));
      else expect(value ?? null).toBe(k.value);
      expect(row.getCell(1).note).toBeTruthy();
    });
    expect(typeof summary.getRow(5).getCell(2).value).toBe('number');
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    const rules = (summary as unknown as { conditionalFormattings: unknown[] })
      .conditionalFormattings;
    expect(rules.length).toBeGreaterThan(0);
    for (const ws of wb.worksheets) expect(ws.pageSetup.printArea, ws.name).toBeTruthy();

    const contracts = wb.getWorksheet('Contracts and SLA')!;
    const expiring = contracts
      .getSheetValues()
      .filter((r): r is ExcelJS.CellValue[] => Array.isArray(r) && r[1] === 'Expiring');
    expect(expiring.length).toBe(d.kpis.find((k) => k.key === KpiKey.CONTRACTS_EXPIRING_90)!.value);
    expect(expiring.every((r) => r[4] instanceof Date && typeof r[5] === 'number')).toBe(true);
  }, 240_000);

  it('adds up the utilisation sheet to the utilisation API, by district and in all', async () => {
    const { wb } = await download(exec, { month, lang: 'ru' });
    const d = await get<ExecutiveDashboardResponse>(exec, '/api/dashboard/executive');
    const summary = await get<UtilisationSummaryResponse>(exec, '/api/utilisation/summary', {
      from: d.utilisationFrom,
      to: d.utilisationTo,
      groupBy: 'FACILITY',
    });
    const ws = wb.getWorksheet('Загрузка')!;
    const rows = (ws.getSheetValues() as ExcelJS.CellValue[][]).slice(2, -1); // header, total
    expect(rows.length).toBe(summary.groups.length);
    const studies = rows.reduce((s, r) => s + Number(r[15] ?? 0), 0);
    expect(studies).toBe(summary.totals.studies);
    const byName = new Map(summary.groups.map((g) => [g.label, g]));
    for (const r of rows) {
      const g = byName.get(String(r[1]).replace(/^'/, ''))!;
      expect(g, String(r[1])).toBeDefined();
      expect(r[15]).toBe(g.studies);
      expect(r[17] ?? null).toBe(g.utilisationPct);
    }
    // The heat map's cells (the dashboard's) add up to the same studies.
    expect(d.heatMap.reduce((s, c) => s + c.studies, 0)).toBe(summary.totals.studies);
    const total = (ws.getSheetValues() as ExcelJS.CellValue[][]).at(-1)!;
    expect(total[17]).toBe(summary.totals.utilisationPct);
  }, 240_000);

  it('carries a chart picture on every chart sheet and leaves no formula-like user text', async () => {
    const { wb } = await download(exec, { month, lang: 'en' });
    for (const name of packChartSheetNames('en')) {
      const images = wb.getWorksheet(name)!.getImages();
      expect(images.length, name).toBeGreaterThan(0);
      const media = wb.getImage(Number(images[0]!.imageId));
      expect(media.extension).toBe('png');
      expect((media.buffer as unknown as Buffer).subarray(1, 4).toString()).toBe('PNG');
    }
    const texts: string[] = [];
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string') texts.push(cell.value);
        }),
      ),
    );
    expect(texts.filter((s) => FORMULA_LIKE.test(s))).toEqual([]);
    expect(texts).toContain(`'=HYPERLINK("http://x","click")`);
    expect(texts).toContain(`'@SUM(1+1) клиника`);
  }, 240_000);

  it('gives a facility manager the pack of their facilities only', async () => {
    const list = await get<Paged<FacilityResponse>>(admin, '/api/facilities', { pageSize: '3' });
    const ids = list.items.map((f) => f.id);
    const manager = await signInAs(t, Role.FACILITY_MANAGER, ids);
    const { wb } = await download(manager, { month, lang: 'en' });
    const devices = await get<Paged<DeviceResponse>>(manager, '/api/devices', {
      installed: 'true',
      facilityId: ids.join(','),
      pageSize: '1',
    });
    const summary = wb.getWorksheet('Summary')!;
    expect(summary.getRow(5).getCell(2).value).toBe(devices.total);
    expect(String(summary.getRow(2).getCell(1).value)).toContain(list.items[0]!.name);
    const util = (wb.getWorksheet('Utilisation')!.getSheetValues() as ExcelJS.CellValue[][]).slice(
      2,
      -1,
    );
    const names = new Set(list.items.map((f) => f.name));
    expect(util.every((r) => names.has(String(r[1])))).toBe(true);
  }, 240_000);

  it('refuses a month in the future or malformed with a field-level 400', async () => {
    for (const m of ['2999-01', '2025-13', 'soon']) {
      const res = await request(t.server)
        .get('/api/reports/executive-pack.xlsx')
        .query({ month: m })
        .set(exec.auth);
      expect(res.status, m).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors[0].field).toBe('month');
    }
  });

  it('opens in LibreOffice Calc (soffice --headless --convert-to csv exits 0)', async () => {
    const { bytes } = await download(exec, { month, lang: 'ru' });
    const dir = await mkdtemp(join(tmpdir(), 'radfleet-pack-'));
    try {
      const file = join(dir, 'pack.xlsx');
      await writeFile(file, bytes);
      // Its own profile folder, so that it never waits on another soffice's lock.
      await run(
        'soffice',
        [
          `-env:UserInstallation=file://${dir}/profile`,
          '--headless',
          '--convert-to',
          'csv',
          '--outdir',
          dir,
          file,
        ],
        { timeout: 180_000 },
      );
      expect(await readdir(dir)).toContain('pack.csv');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
