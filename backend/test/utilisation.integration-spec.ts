import ExcelJS from 'exceljs';
import {
  Role,
  UtilisationSource,
  type DeviceUtilisationResponse,
  type UtilisationSummaryResponse,
} from '@radfleet/shared';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { ArchiveSchedulerService } from '../src/app/archives/archive-scheduler.service.js';
import { SilentDevicesService } from '../src/app/utilisation/silent-devices.service.js';
import { addDays, cityToday } from '../src/app/common/calendar.js';
import { UtilisationService } from '../src/app/utilisation/utilisation.service.js';
import { createDevice, createFacility, signInAs, type Account } from './support/accounts.js';
import { createTestApp, type TestApp } from './support/test-app.js';

// Hand counts (facility scope, replace-not-add, audit) and the figures computed from them:
// capacity = nominal studies per hour × scheduled hours of the working days while installed
// (hours a week / 5 on each working day); utilisation % = studies / capacity. January 2024 has 17
// working days (1–8 January are the New Year holidays).

describe('utilisation: hand counts and figures', () => {
  let t: TestApp;
  let admin: Account;
  let manager: Account;
  let executive: Account;
  let radiography: string; // analogue, 6 studies/h × 35 h/week = 30 studies a day, in the manager's facility
  let fluorography: string; // analogue, 12/h × 50 h/week (modality default), in another facility
  let ct: string; // digital, archive-connected
  const inventory: Record<string, string> = {};

  const post = (who: Account, body: object) =>
    request(t.server).post('/api/utilisation/counts').set(who.auth).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAs(t, Role.ADMIN);
    const own = (await createFacility(t, admin)).id;
    const other = (await createFacility(t, admin)).id;
    manager = await signInAs(t, Role.FACILITY_MANAGER, [own]);
    executive = await signInAs(t, Role.EXECUTIVE);
    const analogue = { technology: 'ANALOGUE', archiveConnected: false };
    const r = await createDevice(t, admin, own, {
      ...analogue,
      modality: 'RADIOGRAPHY',
      scheduledHoursPerWeek: 35,
    });
    const f = await createDevice(t, admin, other, { ...analogue, modality: 'FLUOROGRAPHY' });
    const c = await createDevice(t, admin, other, { modality: 'CT' });
    [radiography, fluorography, ct] = [r.id, f.id, c.id];
    Object.assign(inventory, { r: r.inventoryNumber, f: f.inventoryNumber, c: c.inventoryNumber });
  });
  afterAll(async () => t?.close());

  it("lets a facility manager record counts for their own facility's devices only", async () => {
    await post(manager, {
      deviceId: radiography,
      period: 'DAY',
      date: '2024-01-15',
      studies: 12,
      images: 20,
    }).expect(201);
    await post(manager, {
      deviceId: radiography,
      period: 'DAY',
      date: '2024-01-16',
      studies: 18,
      images: 30,
    }).expect(201);
    await post(manager, {
      deviceId: radiography,
      period: 'DAY',
      date: '2024-02-01',
      studies: 30,
      images: 45,
    }).expect(201);
    await post(manager, {
      deviceId: radiography,
      period: 'DAY',
      date: '2023-01-20',
      studies: 10,
      images: 10,
    }).expect(201);
    const outside = await post(manager, {
      deviceId: fluorography,
      period: 'MONTH',
      date: '2024-01',
      studies: 1,
      images: 1,
    });
    expect(outside.status).toBe(403);
    expect(outside.body.code).toBe('OUTSIDE_FACILITY_SCOPE');
    await post(executive, {
      deviceId: radiography,
      period: 'DAY',
      date: '2024-01-15',
      studies: 1,
      images: 1,
    }).expect(403);
    const res = await post(admin, {
      deviceId: fluorography,
      period: 'MONTH',
      date: '2024-01',
      studies: 900,
      images: 900,
    }).expect(201);
    expect(res.body).toEqual({
      deviceId: fluorography,
      period: 'MONTH',
      day: '2024-01-01',
      source: 'MANUAL',
      studies: 900,
      images: 900,
    });
  });

  it('replaces an earlier count of the same day or month instead of adding to it, and audits both', async () => {
    await post(admin, {
      deviceId: fluorography,
      period: 'MONTH',
      date: '2024-01-01',
      studies: 1000,
      images: 1000,
    }).expect(201);
    const rows = await t.db.query(
      `SELECT day::text, studies, monthly FROM daily_utilisation WHERE device_id = $1`,
      [fluorography],
    );
    expect(rows.rows).toEqual([{ day: '2024-01-01', studies: 1000, monthly: true }]);
    const audit = await request(t.server)
      .get(`/api/audit?entityId=${fluorography}&entityType=utilisation&sort=at`)
      .set(admin.auth)
      .expect(200);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(['CREATE', 'UPDATE']);
  });

  it('refuses counts for archive-connected devices, future dates and malformed input', async () => {
    expect(
      (
        await post(admin, {
          deviceId: ct,
          period: 'DAY',
          date: '2024-01-15',
          studies: 1,
          images: 1,
        })
      ).body.code,
    ).toBe('COUNTS_FROM_ARCHIVE');
    const future = await post(admin, {
      deviceId: radiography,
      period: 'DAY',
      date: '2099-01-01',
      studies: 1,
      images: 1,
    });
    expect(future.status).toBe(400);
    await post(admin, {
      deviceId: radiography,
      period: 'DAY',
      date: '2024-02-30',
      studies: 1,
      images: 1,
    }).expect(400);
    await post(admin, {
      deviceId: radiography,
      period: 'DAY',
      date: '2024-01',
      studies: 1,
      images: 1,
    }).expect(400);
    await post(admin, {
      deviceId: radiography,
      period: 'WEEK',
      date: '2024-01-15',
      studies: -1,
      images: 1,
    }).expect(400);
  });

  it("computes a device's figures, weekly series and growth against the year before", async () => {
    const res = await request(t.server)
      .get(`/api/utilisation/devices/${radiography}?from=2024-01-01&to=2024-01-31&granularity=week`)
      .set(manager.auth)
      .expect(200);
    const body = res.body as DeviceUtilisationResponse;
    expect(body).toMatchObject({
      nominalStudiesPerHour: 6,
      scheduledHoursPerWeek: 35,
      granularity: 'WEEK',
      totals: {
        studies: 30,
        images: 50,
        imagesPerStudy: 1.67,
        activeDays: 2,
        // 6/h × 7 h × 17 working days
        capacityStudies: 714,
        utilisationPct: 4.2,
        hasData: true,
      },
      previousYear: { studies: 10 },
      growthPct: 200,
      growthUnavailable: null,
    });
    expect(body.series.map((p) => [p.period, p.studies, p.capacityStudies])).toEqual([
      ['2024-01-01', 0, 0], // holidays and a weekend
      ['2024-01-08', 0, 168], // 8 January is a holiday
      ['2024-01-15', 30, 210],
      ['2024-01-22', 0, 210],
      ['2024-01-29', 0, 126],
    ]);
    expect(body.series[2]!.utilisationPct).toBe(14.3);
    // A week without any count is "no data", not 0 %.
    expect(body.series[3]).toMatchObject({ hasData: false, utilisationPct: null });
  });

  it('adds full months from the monthly rollup and partial months day by day', async () => {
    const res = await request(t.server)
      .get(
        `/api/utilisation/devices/${radiography}?from=2024-01-16&to=2024-02-29&granularity=month`,
      )
      .set(admin.auth)
      .expect(200);
    expect(res.body.totals).toMatchObject({ studies: 48, images: 75, activeDays: 2 });
    expect(
      res.body.series.map((p: { period: string; studies: number }) => [p.period, p.studies]),
    ).toEqual([
      ['2024-01-01', 18],
      ['2024-02-01', 30],
    ]);
  });

  it('rolls up by modality and district, with the city series', async () => {
    const res = await request(t.server)
      .get('/api/utilisation/summary?groupBy=modality&from=2024-01-01&to=2024-01-31')
      .set(executive.auth)
      .expect(200);
    const body = res.body as UtilisationSummaryResponse;
    const by = Object.fromEntries(body.groups.map((g) => [g.key, g]));
    expect(by.FLUOROGRAPHY).toMatchObject({
      devices: 1,
      studies: 1000,
      images: 1000,
      activeDays: 0,
      // 12/h × 10 h × 17 working days = 2,040
      utilisationPct: 49,
    });
    expect(by.RADIOGRAPHY).toMatchObject({
      devices: 1,
      studies: 30,
      utilisationPct: 4.2,
      previousYearStudies: 10,
      growthPct: 200,
    });
    expect(by.CT).toMatchObject({
      devices: 1,
      hasData: false,
      utilisationPct: null,
      growthPct: null,
      growthUnavailable: 'NO_DATA',
    });
    expect(body.totals).toMatchObject({ devices: 3, studies: 1030 });
    expect(body.series).toEqual([expect.objectContaining({ period: '2024-01-01', studies: 1030 })]);

    const district = await request(t.server)
      .get(
        '/api/utilisation/summary?groupBy=district&from=2024-01-01&to=2024-01-31&modality=RADIOGRAPHY',
      )
      .set(admin.auth)
      .expect(200);
    expect(district.body.groups).toEqual([
      expect.objectContaining({ key: 'CAO', devices: 1, studies: 30 }),
    ]);
    await request(t.server)
      .get('/api/utilisation/summary?groupBy=planet')
      .set(admin.auth)
      .expect(400);
    await request(t.server)
      .get('/api/utilisation/summary?from=2024-02-01&to=2024-01-01')
      .set(admin.auth)
      .expect(400);
  });

  it('lists under-used and over-used devices by the thresholds', async () => {
    const res = await request(t.server)
      .get('/api/utilisation/ranking?from=2024-01-01&to=2024-01-31&underPct=30&overPct=30')
      .set(admin.auth)
      .expect(200);
    // The CT has no counts: "no data" is neither under- nor over-used.
    expect(res.body.underUsed.map((r: { deviceId: string }) => r.deviceId)).toEqual([radiography]);
    expect(
      res.body.overUsed.map((r: { deviceId: string; utilisationPct: number }) => [
        r.deviceId,
        r.utilisationPct,
      ]),
    ).toEqual([[fluorography, 49]]);
    const defaults = await request(t.server)
      .get('/api/utilisation/ranking?from=2024-01-01&to=2024-01-31')
      .set(admin.auth)
      .expect(200);
    expect(defaults.body).toMatchObject({ underPct: 30, overPct: 100, overUsed: [] });
  });

  it('answers 404 for an unknown device', async () => {
    await request(t.server)
      .get('/api/utilisation/devices/00000000-0000-4000-8000-000000000000')
      .set(admin.auth)
      .expect(404);
  });

  describe('spreadsheet import', () => {
    const csv = (lines: string[]) =>
      Buffer.from(['Инвентарный номер;Период;Дата;Исследований;Снимков', ...lines].join('\r\n'));
    const upload = (who: Account, body: Buffer, dryRun: boolean) =>
      request(t.server)
        .post(`/api/utilisation/import?dryRun=${dryRun}`)
        .set(who.auth)
        .attach('file', body, 'counts.csv');
    const imported = async () =>
      (
        await t.db.query(
          `SELECT d.inventory_number AS inv, u.day::text AS day, u.studies, u.images, u.monthly
             FROM daily_utilisation u JOIN devices d ON d.id = u.device_id
            WHERE u.source = 'IMPORT' ORDER BY 1, 2`,
        )
      ).rows;

    it('applies nothing when any row has an error, naming the row and column', async () => {
      const res = await upload(
        admin,
        csv([
          `${inventory.r};День;05.03.2024;7;9`,
          `${inventory.c};День;05.03.2024;1;1`,
          `NO-SUCH-DEVICE;День;05.03.2024;1;1`,
          `${inventory.r};День;05.03.2099;1;1`,
        ]),
        false,
      ).expect(200);
      expect(res.body).toMatchObject({ applied: false, totals: { rows: 4, create: 1, error: 3 } });
      expect(
        res.body.rows.map((r: { row: number; errors: { code: string }[] }) => [
          r.row,
          r.errors.map((e) => e.code),
        ]),
      ).toEqual([
        [2, []],
        [3, ['COUNTS_FROM_ARCHIVE']],
        [4, ['UNKNOWN_DEVICE']],
        [5, ['FUTURE_DATE']],
      ]);
      expect(await imported()).toEqual([]);
    });

    it('serves a template that imports once filled in', async () => {
      const res = await request(t.server)
        .get('/api/utilisation/import/template.xlsx')
        .set(admin.auth)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200)
        .expect('Content-Type', /spreadsheetml/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const headers = (ws.getRow(1).values as unknown[])
        .filter(Boolean)
        .map((h) => String(h).replace(/\s*\*$/, ''));
      expect(headers).toEqual(expect.arrayContaining(['Инвентарный номер', 'Дата']));
      const col = (name: string) => headers.indexOf(name) + 1;
      ws.getCell(3, col('Инвентарный номер')).value = inventory.f;
      ws.getCell(3, col('Дата')).value = new Date(Date.UTC(2024, 1, 1));
      for (const h of headers) {
        if (/Период|Period/.test(h)) ws.getCell(3, col(h)).value = 'Месяц';
        if (/Исследований|Studies/.test(h)) ws.getCell(3, col(h)).value = 420;
        if (/Снимков|Images/.test(h)) ws.getCell(3, col(h)).value = 430;
      }
      const filled = Buffer.from(await wb.xlsx.writeBuffer());
      const preview = await request(t.server)
        .post('/api/utilisation/import?dryRun=true')
        .set(admin.auth)
        .attach('file', filled, 'template.xlsx')
        .expect(200);
      expect(preview.body.totals).toMatchObject({ rows: 1, error: 0 });
    });

    it('previews with dryRun, then applies all rows, and a second import changes nothing', async () => {
      const file = csv([
        `${inventory.r};День;05.03.2024;7;9`,
        `${inventory.f};Месяц;01.03.2024;500;510`,
      ]);
      const preview = await upload(admin, file, true).expect(200);
      expect(preview.body).toMatchObject({
        dryRun: true,
        applied: false,
        totals: { create: 2, error: 0 },
      });
      expect(await imported()).toEqual([]);
      const applied = await upload(admin, file, false).expect(200);
      expect(applied.body).toMatchObject({ applied: true, totals: { create: 2 } });
      expect(await imported()).toEqual(
        [
          { inv: inventory.r, day: '2024-03-05', studies: 7, images: 9, monthly: false },
          { inv: inventory.f, day: '2024-03-01', studies: 500, images: 510, monthly: true },
        ].sort((a, b) => a.inv.localeCompare(b.inv)),
      );
      const again = await upload(admin, file, false).expect(200);
      expect(again.body.totals).toMatchObject({ unchanged: 2, create: 0, update: 0 });
      const changed = await upload(
        admin,
        csv([`${inventory.r};День;05.03.2024;8;9`]),
        false,
      ).expect(200);
      expect(changed.body.totals).toMatchObject({ update: 1 });
      const util = await request(t.server)
        .get(`/api/utilisation/devices/${radiography}?from=2024-03-01&to=2024-03-31`)
        .set(admin.auth)
        .expect(200);
      expect(util.body.totals.studies).toBe(8);
    });

    it("limits a facility manager to their own facilities' devices", async () => {
      // A file wholly outside the manager's facilities is refused as a whole.
      const all = await upload(manager, csv([`${inventory.f};Месяц;01.04.2024;5;5`]), false);
      expect(all.status).toBe(403);
      expect(all.body.code).toBe('OUTSIDE_FACILITY_SCOPE');
      // With some rows inside, the others are per-row errors.
      const res = await upload(
        manager,
        csv([`${inventory.r};День;06.03.2024;1;1`, `${inventory.f};Месяц;01.04.2024;5;5`]),
        true,
      ).expect(200);
      expect(res.body.rows[1].errors.map((e: { code: string }) => e.code)).toEqual([
        'OUTSIDE_SCOPE',
      ]);
      await upload(executive, csv([`${inventory.r};День;06.03.2024;1;1`]), false).expect(403);
    });
  });

  it('raises SILENT_DEVICE within one scheduled round when archive traffic stops, and resolves it when studies return', async () => {
    const facility = (await createFacility(t, admin)).id;
    const device = await createDevice(t, admin, facility, { modality: 'CT' });
    const write = (day: string) =>
      t.app.get(DataSource).transaction((em) =>
        t.app.get(UtilisationService).write(em, [
          {
            deviceId: device.id,
            day,
            source: UtilisationSource.ARCHIVE,
            studies: 5,
            images: 900,
          },
        ]),
      );
    await write(addDays(cityToday(), -20));
    const open = async () =>
      (
        await request(t.server)
          .get(`/api/alerts?type=SILENT_DEVICE&deviceId=${device.id}`)
          .set(admin.auth)
          .expect(200)
      ).body.items;
    expect(await open()).toEqual([]);
    await t.app.get(ArchiveSchedulerService).tick();
    const [alert] = await open();
    expect(alert).toMatchObject({
      severity: 'WARNING',
      facilityId: facility,
      params: { workingDays: 3, lastStudyDay: addDays(cityToday(), -20) },
    });
    // The CT device of the other tests never sent anything: it is not silent, it is not connected yet.
    expect(
      (await request(t.server).get(`/api/alerts?type=SILENT_DEVICE&deviceId=${ct}`).set(admin.auth))
        .body.total,
    ).toBe(0);

    await write(cityToday());
    expect(await t.app.get(SilentDevicesService).check()).toMatchObject({ resolved: 1 });
    expect(await open()).toEqual([]);
  });
});

describe('utilisation: hand counts inside the installed period', () => {
  let t: TestApp;
  let admin: Account;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAs(t, Role.ADMIN);
  });
  afterAll(async () => t?.close());

  it("accepts counts only inside the device's installed period, in the API and in the import", async () => {
    const facility = (await createFacility(t, admin)).id;
    const old = await createDevice(t, admin, facility, {
      technology: 'ANALOGUE',
      archiveConnected: false,
      yearOfManufacture: 2006,
      commissioningDate: '2007-05-10',
      status: 'DECOMMISSIONED',
      decommissionedOn: '2023-06-30',
      decommissionReason: 'Износ',
    });
    const count = (period: string, date: string) =>
      request(t.server)
        .post('/api/utilisation/counts')
        .set(admin.auth)
        .send({ deviceId: old.id, period, date, studies: 3, images: 6 });
    for (const [period, date, word] of [
      ['DAY', '1900-01-01', 'commissioned (2007-05-10)'],
      ['DAY', '2007-05-09', 'commissioned (2007-05-10)'],
      ['MONTH', '2007-04', 'commissioned (2007-05-10)'],
      ['DAY', '2023-07-01', 'decommissioned (2023-06-30)'],
      ['MONTH', '2023-07', 'decommissioned (2023-06-30)'],
    ] as const) {
      const res = await count(period, date);
      expect(res.status, date).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.errors, date).toEqual([
        { field: 'date', message: expect.stringContaining(word) },
      ]);
    }
    // The first and last day, and the months they fall in, are inside.
    await count('DAY', '2007-05-10').expect(201);
    await count('MONTH', '2007-05').expect(201);
    await count('DAY', '2023-06-30').expect(201);
    await count('MONTH', '2023-06').expect(201);

    const res = await request(t.server)
      .post('/api/utilisation/import?dryRun=true')
      .set(admin.auth)
      .attach(
        'file',
        Buffer.from(
          [
            'Инвентарный номер;Период;Дата;Исследований;Снимков',
            `${old.inventoryNumber};День;01.01.2001;1;1`,
            `${old.inventoryNumber};День;01.07.2023;1;1`,
            `${old.inventoryNumber};День;01.06.2023;1;1`,
          ].join('\r\n'),
        ),
        'period.csv',
      )
      .expect(200);
    expect(
      res.body.rows.map((r: { errors: { code: string }[] }) => r.errors.map((e) => e.code)),
    ).toEqual([['BEFORE_COMMISSIONING'], ['AFTER_DECOMMISSIONING'], []]);
    expect(res.body.rows[0].errors[0]).toMatchObject({ column: 'Дата' });
  });
});
