import {
  Role,
  SyncTrigger,
  scheduledHours,
  capacityStudies,
  utilisationPct,
  type ArchiveResponse,
  type UtilisationSummaryResponse,
} from '@radfleet/shared';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { ArchiveSyncService } from '../src/app/archives/archive-sync.service.js';
import { cityToday } from '../src/app/common/calendar.js';
import { generateCity } from '../src/app/demo/generator/index.js';
import { loadDemoUtilisation } from '../src/app/utilisation/utilisation-demo.loader.js';
import { UtilisationService } from '../src/app/utilisation/utilisation.service.js';
import { createDevice, createFacility, signInAs, type Account } from './support/accounts.js';
import { buildDayLoad, type DeviceIdentity } from './support/dicom.js';
import { TestOrthanc } from './support/orthanc.js';
import { createTestApp, type TestApp } from './support/test-app.js';

// Issue 15: every rollup the API serves equals a direct aggregation of the daily rows — after a
// demo-like load, an archive sync (real Orthanc), a link/back-fill, a hand-count import and a device
// moving to another facility; and the rebuild command gives the same rollups.

const CT: DeviceIdentity = {
  modality: 'CT',
  manufacturer: 'SIEMENS',
  institutionName: 'Больница №3',
  stationName: 'CT-R1',
  manufacturerModelName: 'SOMATOM go.Up',
  deviceSerialNumber: 'ROLL-CT-1',
};
const UNKNOWN: DeviceIdentity = {
  modality: 'CT',
  manufacturer: 'GE MEDICAL SYSTEMS',
  institutionName: 'Больница №3',
  stationName: 'CT-X9',
  manufacturerModelName: 'Revolution EVO',
  deviceSerialNumber: 'ROLL-UNKNOWN-9',
};

describe('utilisation rollups stay exact', () => {
  let t: TestApp;
  let admin: Account;
  const orthanc = new TestOrthanc();
  let facilities: string[];
  const ids = new Map<string, string>();

  /** Rows where a stored rollup differs from the daily rows' direct aggregation (both ways). */
  async function rollupDrift(): Promise<unknown[]> {
    const direct = `
      SELECT x.device_id, date_trunc('month', x.day)::date AS month, sum(x.studies)::int AS studies,
             sum(x.images)::bigint AS images,
             count(*) FILTER (WHERE x.daily AND x.studies > 0)::int AS active_days
        FROM (SELECT device_id, day, sum(studies) AS studies, sum(images) AS images, bool_or(NOT monthly) AS daily
                FROM daily_utilisation GROUP BY device_id, day) x
       GROUP BY 1, 2`;
    const byFacility = `
      SELECT m.month, d.facility_id, d.modality, count(*)::int AS devices, sum(m.studies)::bigint AS studies,
             sum(m.images)::bigint AS images, sum(m.active_days)::int AS active_days
        FROM (${direct}) m JOIN devices d ON d.id = m.device_id GROUP BY 1, 2, 3`;
    const stored = `SELECT device_id, month, studies, images::bigint, active_days FROM monthly_utilisation`;
    const storedF = `SELECT month, facility_id, modality, devices, studies, images, active_days FROM utilisation_rollup`;
    const q = async (sql: string) => (await t.db.query(sql)).rows;
    return [
      ...(await q(`(${direct}) EXCEPT (${stored})`)),
      ...(await q(`(${stored}) EXCEPT (${direct})`)),
      ...(await q(`(${byFacility}) EXCEPT (${storedF})`)),
      ...(await q(`(${storedF}) EXCEPT (${byFacility})`)),
    ];
  }

  /** The API's summary groups against the daily rows aggregated directly, for whole and partial months. */
  async function expectApiEqualsDaily(from: string, to: string): Promise<void> {
    for (const groupBy of ['modality', 'district', 'facility'] as const) {
      const res = await request(t.server)
        .get(`/api/utilisation/summary?groupBy=${groupBy}&from=${from}&to=${to}&granularity=month`)
        .set(admin.auth)
        .expect(200);
      const body = res.body as UtilisationSummaryResponse;
      const key = {
        modality: 'd.modality',
        district: 'f.district',
        facility: 'd.facility_id::text',
      }[groupBy];
      const rows = (
        await t.db.query<{ key: string; studies: string; images: string; active: string }>(
          `SELECT ${key} AS key, sum(s) AS studies, sum(i) AS images,
                  count(*) FILTER (WHERE daily AND s > 0) AS active
             FROM (SELECT device_id, day, sum(studies) AS s, sum(images) AS i, bool_or(NOT monthly) AS daily
                     FROM daily_utilisation WHERE day BETWEEN $1 AND $2 GROUP BY 1, 2) x
             JOIN devices d ON d.id = x.device_id JOIN facilities f ON f.id = d.facility_id
            GROUP BY 1`,
          [from, to],
        )
      ).rows;
      const want = Object.fromEntries(
        rows.map((r) => [r.key, [Number(r.studies), Number(r.images), Number(r.active)]]),
      );
      const got = Object.fromEntries(
        body.groups
          .filter((g) => g.hasData)
          .map((g) => [g.key, [g.studies, g.images, g.activeDays]]),
      );
      expect(got, `${groupBy} ${from}..${to}`).toEqual(want);
      const monthly = (
        await t.db.query<{ month: string; studies: string }>(
          `SELECT to_char(day, 'YYYY-MM-01') AS month, sum(studies) AS studies FROM daily_utilisation
            WHERE day BETWEEN $1 AND $2 GROUP BY 1`,
          [from, to],
        )
      ).rows;
      expect(
        Object.fromEntries(body.series.filter((p) => p.hasData).map((p) => [p.period, p.studies])),
      ).toEqual(Object.fromEntries(monthly.map((m) => [m.month, Number(m.studies)])));
    }
  }

  async function expectExact(): Promise<void> {
    expect(await rollupDrift()).toEqual([]);
    const today = cityToday();
    await expectApiEqualsDaily(`${Number(today.slice(0, 4)) - 1}-01-01`, today);
    await expectApiEqualsDaily('2024-02-10', '2024-04-20');
  }

  beforeAll(async () => {
    [t] = await Promise.all([createTestApp(), orthanc.start()]);
    admin = await signInAs(t, Role.ADMIN);
    facilities = [(await createFacility(t, admin)).id, (await createFacility(t, admin)).id];
  });
  afterAll(async () => {
    await orthanc.stop();
    await t?.close();
  });

  it('after a demo-like load: the demo generator bulk-loaded into devices of two facilities', async () => {
    const city = generateCity({ seed: 42, today: cityToday(), years: 2 });
    const picked = city.devices
      .filter((d) => d.commissioningDate !== null && d.commissioningDate < '2024-01-01')
      .filter((d) => d.archiveConnected || d.technology === 'ANALOGUE')
      .slice(0, 12);
    for (const [k, d] of picked.entries()) {
      const created = await createDevice(t, admin, facilities[k % 2]!, {
        inventoryNumber: d.inventoryNumber,
        modality: d.modality,
        technology: d.technology,
        archiveConnected: d.archiveConnected,
        commissioningDate: d.commissioningDate,
        yearOfManufacture: d.yearOfManufacture,
      });
      ids.set(d.inventoryNumber, created.id);
    }
    await t.app.get(DataSource).transaction((em) => loadDemoUtilisation(em, city, ids));
    const n = await t.db.query('SELECT count(*)::int AS n FROM daily_utilisation');
    expect(n.rows[0].n).toBeGreaterThan(500);
    // The demo has no full-day count for today.
    const todays = await t.db.query(
      'SELECT count(*)::int AS n FROM daily_utilisation WHERE day >= $1',
      [cityToday()],
    );
    expect(todays.rows[0].n).toBe(0);
    await expectExact();
  }, 120_000);

  it('after an archive sync and a link/back-fill of a discovered identity', async () => {
    const ct = await createDevice(t, admin, facilities[0]!, { dicomSerialNumber: 'ROLL-CT-1' });
    const target = await createDevice(t, admin, facilities[1]!, { modality: 'CT' });
    const loads = [
      buildDayLoad(CT, '20240304', { studies: 3, seriesPerStudy: 2, instancesPerSeries: 5 }),
      buildDayLoad(CT, '20240305', { studies: 4, seriesPerStudy: 1, instancesPerSeries: 7 }),
      buildDayLoad(UNKNOWN, '20240304', { studies: 2, seriesPerStudy: 2, instancesPerSeries: 3 }),
    ];
    await orthanc.uploadAll(loads.flatMap((l) => l.files));
    const archive = (
      await request(t.server)
        .post('/api/archives')
        .set(admin.auth)
        .send({
          name: 'Rollup PACS',
          baseUrl: orthanc.baseUrl,
          lookBackDays: 3,
          syncFrom: '2024-03-04',
        })
        .expect(201)
    ).body as ArchiveResponse;
    const run = await t.app
      .get(ArchiveSyncService)
      .run(archive.id, SyncTrigger.MANUAL, '2024-03-05');
    expect(run.status).toBe('SUCCEEDED');
    const ctRows = await t.db.query(
      'SELECT sum(studies)::int AS s FROM daily_utilisation WHERE device_id = $1',
      [ct.id],
    );
    expect(ctRows.rows[0].s).toBe(7);
    await expectExact();

    const inbox = (await request(t.server).get('/api/archives/discovered').set(admin.auth)).body;
    await request(t.server)
      .post(`/api/archives/discovered/${inbox.items[0].id}/link`)
      .set(admin.auth)
      .send({ deviceId: target.id })
      .expect(200);
    const moved = await t.db.query(
      'SELECT sum(studies)::int AS s FROM daily_utilisation WHERE device_id = $1',
      [target.id],
    );
    expect(moved.rows[0].s).toBe(2);
    await expectExact();
  }, 120_000);

  it('after a hand-count import, a device moving to another facility, and a rebuild', async () => {
    const analogue = await createDevice(t, admin, facilities[0]!, {
      modality: 'RADIOGRAPHY',
      technology: 'ANALOGUE',
      archiveConnected: false,
    });
    const csv = Buffer.from(
      [
        'Инвентарный номер;Период;Дата;Исследований;Снимков',
        `${analogue.inventoryNumber};День;05.03.2024;8;9`,
        `${analogue.inventoryNumber};Месяц;01.02.2024;300;320`,
      ].join('\r\n'),
    );
    const res = await request(t.server)
      .post('/api/utilisation/import?dryRun=false')
      .set(admin.auth)
      .attach('file', csv, 'counts.csv')
      .expect(200);
    expect(res.body, JSON.stringify(res.body.rows)).toMatchObject({ applied: true });
    await expectExact();

    const moved = await request(t.server)
      .get(`/api/devices/${analogue.id}`)
      .set(admin.auth)
      .expect(200);
    await request(t.server)
      .patch(`/api/devices/${analogue.id}`)
      .set(admin.auth)
      .send({ facilityId: facilities[1], version: moved.body.version })
      .expect(200);
    await expectExact();

    const before = (await t.db.query('SELECT * FROM utilisation_rollup ORDER BY 1, 2, 3')).rows;
    await t.app
      .get(DataSource)
      .transaction((em) => t.app.get(UtilisationService).rebuildRollups(em));
    expect((await t.db.query('SELECT * FROM utilisation_rollup ORDER BY 1, 2, 3')).rows).toEqual(
      before,
    );
  }, 120_000);
});

describe('the utilisation summary equals the one definition, on a hand-made device set', () => {
  let t: TestApp;
  let admin: Account;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAs(t, Role.ADMIN);
  });
  afterAll(async () => t?.close());

  it('capacity over working days of the installed period, round the clock every day; devices installed in the period', async () => {
    const facility = (await createFacility(t, admin)).id;
    const analogue = { technology: 'ANALOGUE', archiveConnected: false, modality: 'RADIOGRAPHY' };
    // RADIOGRAPHY: nominal 6 studies an hour (modality default).
    const a = await createDevice(t, admin, facility, { ...analogue, scheduledHoursPerWeek: 40 });
    const b = await createDevice(t, admin, facility, {
      ...analogue,
      scheduledHoursPerWeek: 168,
      commissioningDate: '2026-01-16',
    });
    const c = await createDevice(t, admin, facility, {
      ...analogue,
      scheduledHoursPerWeek: 40,
      status: 'DECOMMISSIONED',
      decommissionedOn: '2026-01-14',
      decommissionReason: 'Replaced',
    });
    // Installed only after the period: not counted, no capacity.
    await createDevice(t, admin, facility, { ...analogue, commissioningDate: '2026-02-10' });
    const post = (deviceId: string, date: string, studies: number) =>
      request(t.server)
        .post('/api/utilisation/counts')
        .set(admin.auth)
        .send({ deviceId, period: 'DAY', date, studies, images: studies })
        .expect(201);
    await post(a.id, '2026-01-12', 40);
    await post(b.id, '2026-01-17', 100);
    await post(c.id, '2026-01-13', 20);

    const res = await request(t.server)
      .get(
        `/api/utilisation/summary?groupBy=modality&from=2026-01-01&to=2026-01-31&facilityId=${facility}`,
      )
      .set(admin.auth)
      .expect(200);
    const body = res.body as UtilisationSummaryResponse;
    // By hand: January 2026 has 15 working days (1–9 January off, 9 January by decree).
    // a: 8 h × 15 = 120 h; b: round the clock from 16 January, 16 days × 24 h = 384 h;
    // c: working days 12 and 13 January before its decommissioning on the 14th = 16 h.
    const hours = 120 + 384 + 16;
    expect(
      scheduledHours(
        { installedFrom: '2020-02-15', decommissionedOn: null, hoursPerWeek: 40 },
        '2026-01-01',
        '2026-01-31',
      ),
    ).toBe(120);
    expect(
      scheduledHours(
        { installedFrom: '2026-01-16', decommissionedOn: null, hoursPerWeek: 168 },
        '2026-01-01',
        '2026-01-31',
      ),
    ).toBe(384);
    expect(
      scheduledHours(
        { installedFrom: '2020-02-15', decommissionedOn: '2026-01-14', hoursPerWeek: 40 },
        '2026-01-01',
        '2026-01-31',
      ),
    ).toBe(16);
    expect(body.totals).toMatchObject({
      devices: 3,
      studies: 160,
      capacityStudies: 6 * hours,
      utilisationPct: Math.round((160 / (6 * hours)) * 1000) / 10,
      hasData: true,
      growthPct: null,
      growthUnavailable: 'NO_PREVIOUS_DATA',
    });
    // The city series has the same capacity for the month.
    expect(body.series).toEqual([
      expect.objectContaining({ period: '2026-01-01', studies: 160, capacityStudies: 6 * hours }),
    ]);
    // A period without any count is "no data", not 0 %.
    const empty = await request(t.server)
      .get(`/api/utilisation/summary?from=2025-06-01&to=2025-06-30&facilityId=${facility}`)
      .set(admin.auth)
      .expect(200);
    expect(empty.body.totals).toMatchObject({ hasData: false, utilisationPct: null, devices: 2 });
    // The digital share is over today's installed base (a PLANNED device changes nothing).
    const share = body.digitalSharePct;
    await createDevice(t, admin, facility, { status: 'PLANNED', commissioningDate: null });
    const again = await request(t.server)
      .get(`/api/utilisation/summary?from=2026-01-01&to=2026-01-31`)
      .set(admin.auth)
      .expect(200);
    expect(again.body.digitalSharePct).toBe(share);
  });
});

describe('capacity follows the device when its installed period or schedule is edited', () => {
  let t: TestApp;
  let admin: Account;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAs(t, Role.ADMIN);
  });
  afterAll(async () => t?.close());

  it('commissioning, hours a week and decommissioning edits change the served capacity by the one definition', async () => {
    const facility = (await createFacility(t, admin)).id;
    const device = await createDevice(t, admin, facility, {
      modality: 'RADIOGRAPHY',
      technology: 'ANALOGUE',
      archiveConnected: false,
      scheduledHoursPerWeek: 40,
      commissioningDate: '2020-02-15',
    });
    await request(t.server)
      .post('/api/utilisation/counts')
      .set(admin.auth)
      .send({ deviceId: device.id, period: 'DAY', date: '2026-01-26', studies: 30, images: 33 })
      .expect(201);
    const rate = (
      (
        await request(t.server)
          .get(`/api/utilisation/devices/${device.id}?from=2026-01-01&to=2026-01-31`)
          .set(admin.auth)
          .expect(200)
      ).body as { nominalStudiesPerHour: number }
    ).nominalStudiesPerHour;
    expect(rate).toBeGreaterThan(0);

    /** The served January figures (summary totals, its month series, the device's totals) against the shared rule. */
    const expectCapacity = async (d: {
      installedFrom: string | null;
      decommissionedOn: string | null;
      hoursPerWeek: number;
    }) => {
      const want = Math.round(capacityStudies(d, rate, '2026-01-01', '2026-01-31') * 10) / 10;
      const summary = (
        await request(t.server)
          .get(
            `/api/utilisation/summary?groupBy=modality&granularity=month&from=2026-01-01&to=2026-01-31&facilityId=${facility}`,
          )
          .set(admin.auth)
          .expect(200)
      ).body as UtilisationSummaryResponse;
      expect(summary.totals).toMatchObject({
        devices: 1,
        studies: 30,
        capacityStudies: want,
        utilisationPct: utilisationPct(30, want, true),
      });
      expect(summary.series).toEqual([
        expect.objectContaining({ period: '2026-01-01', capacityStudies: want }),
      ]);
      const city = (
        await request(t.server)
          .get(
            `/api/utilisation/summary?groupBy=facility&granularity=month&from=2026-01-01&to=2026-01-31`,
          )
          .set(admin.auth)
          .expect(200)
      ).body as UtilisationSummaryResponse;
      expect(city.groups.find((g) => g.key === facility)).toMatchObject({ capacityStudies: want });
      const one = await request(t.server)
        .get(`/api/utilisation/devices/${device.id}?from=2026-01-01&to=2026-01-31`)
        .set(admin.auth)
        .expect(200);
      expect(one.body.totals).toMatchObject({ studies: 30, capacityStudies: want });
      return want;
    };
    const patch = async (body: Record<string, unknown>) => {
      const current = await request(t.server)
        .get(`/api/devices/${device.id}`)
        .set(admin.auth)
        .expect(200);
      const res = await request(t.server)
        .patch(`/api/devices/${device.id}`)
        .set(admin.auth)
        .send({ ...body, version: current.body.version });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };

    // 40 h a week on January 2026's 15 working days: 120 h.
    const whole = await expectCapacity({
      installedFrom: '2020-02-15',
      decommissionedOn: null,
      hoursPerWeek: 40,
    });
    expect(whole).toBe(rate * 120);
    // Commissioned on 20 January: the working days from then on (20–23, 26–30: 9 days).
    await patch({ commissioningDate: '2026-01-20' });
    expect(
      await expectCapacity({
        installedFrom: '2026-01-20',
        decommissionedOn: null,
        hoursPerWeek: 40,
      }),
    ).toBe(rate * 72);
    // Round the clock: every day from 20 January, 12 days × 24 h.
    await patch({ scheduledHoursPerWeek: 168 });
    expect(
      await expectCapacity({
        installedFrom: '2026-01-20',
        decommissionedOn: null,
        hoursPerWeek: 168,
      }),
    ).toBe(rate * 288);
    // Decommissioned on 28 January: installed 20–27 January, 8 days × 24 h.
    await patch({
      status: 'DECOMMISSIONED',
      decommissionedOn: '2026-01-28',
      decommissionReason: 'Replaced',
      statusReason: 'Replaced by a digital unit',
    });
    expect(
      await expectCapacity({
        installedFrom: '2026-01-20',
        decommissionedOn: '2026-01-28',
        hoursPerWeek: 168,
      }),
    ).toBe(rate * 192);
    // The stored sums did not move with any of it.
    const stored = await t.db.query(
      'SELECT studies::int, images::int, devices FROM utilisation_rollup WHERE facility_id = $1',
      [facility],
    );
    expect(stored.rows).toEqual([{ studies: 30, images: 33, devices: 1 }]);
  });
});
