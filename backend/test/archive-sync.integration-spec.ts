import {
  AlertType,
  Role,
  SyncRunStatus,
  SyncTrigger,
  type ArchiveResponse,
} from '@radfleet/shared';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchiveSyncService } from '../src/app/archives/archive-sync.service.js';
import { SilentDevicesService } from '../src/app/utilisation/silent-devices.service.js';
import { createDevice, createFacility, signInAs, type Account } from './support/accounts.js';
import { buildDayLoad, type DayLoad, type DeviceIdentity } from './support/dicom.js';
import { TestOrthanc } from './support/orthanc.js';
import { createTestApp, type TestApp } from './support/test-app.js';

// The archive sync against a real Orthanc with its DICOMweb plugin: exact counts per device and day,
// idempotent re-runs, the discovered-devices inbox, a run cut short by the archive dying, and the
// silent-device check on the synced data.

const CT: DeviceIdentity = {
  modality: 'CT',
  manufacturer: 'SIEMENS',
  institutionName: 'Городская больница №1',
  stationName: 'CT01',
  manufacturerModelName: 'SOMATOM go.Up',
  deviceSerialNumber: '108442',
};
/** Matched by station name + institution (its serial number is not in the registry). */
const MG: DeviceIdentity = {
  modality: 'MG',
  manufacturer: 'HOLOGIC, Inc.',
  institutionName: 'Поликлиника №12',
  stationName: 'MAMMO-1',
  manufacturerModelName: 'Selenia Dimensions',
  deviceSerialNumber: 'SDM-77821',
};
/** Matched by AE title (= its station name); sends no serial number. */
const DX: DeviceIdentity = {
  modality: 'DX',
  manufacturer: 'Philips Medical Systems',
  institutionName: 'Поликлиника №12',
  stationName: 'DX-2',
  manufacturerModelName: 'DigitalDiagnost C90',
  deviceSerialNumber: null,
};
/** Nobody registered it. */
const UNKNOWN: DeviceIdentity = {
  modality: 'CT',
  manufacturer: 'GE MEDICAL SYSTEMS',
  institutionName: 'Городская больница №1',
  stationName: 'CTAWP99',
  manufacturerModelName: 'Revolution EVO',
  deviceSerialNumber: 'GE-UNKNOWN-0042',
};
/** The device of the failure test, in its own archive. */
const RF: DeviceIdentity = {
  modality: 'DX',
  manufacturer: 'Siemens',
  institutionName: 'Поликлиника №7',
  stationName: 'RF-7',
  manufacturerModelName: 'Ysio Max',
  deviceSerialNumber: 'YSIO-7007',
};

const iso = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;

/** inventory number → day → [studies, images], as loaded. */
function expected(
  loads: DayLoad[],
  inventoryOf: (d: DeviceIdentity) => string,
): Record<string, Record<string, number[]>> {
  const out: Record<string, Record<string, number[]>> = {};
  for (const l of loads) {
    const inv = inventoryOf(l.device);
    const day = iso(l.studyDate);
    const [s, i] = out[inv]?.[day] ?? [0, 0];
    (out[inv] ??= {})[day] = [s! + l.expected.studies, i! + l.expected.instances];
  }
  return out;
}

describe('archive sync against a real Orthanc', () => {
  let t: TestApp;
  let admin: Account;
  let sync: ArchiveSyncService;
  const orthanc = new TestOrthanc();
  const inv = new Map<DeviceIdentity, string>();
  const ids = new Map<DeviceIdentity, string>();
  let loads: DayLoad[];
  let archive: ArchiveResponse;
  let unknownTarget: { id: string; inventoryNumber: string };

  /** What daily_utilisation holds, in the shape of `expected`. */
  async function stored(source = 'ARCHIVE'): Promise<Record<string, Record<string, number[]>>> {
    const rows = (
      await t.db.query<{ inv: string; day: string; studies: number; images: number }>(
        `SELECT d.inventory_number AS inv, u.day::text AS day, u.studies, u.images
           FROM daily_utilisation u JOIN devices d ON d.id = u.device_id WHERE u.source = $1
          ORDER BY 1, 2`,
        [source],
      )
    ).rows;
    const out: Record<string, Record<string, number[]>> = {};
    for (const r of rows) (out[r.inv] ??= {})[r.day] = [r.studies, r.images];
    return out;
  }

  beforeAll(async () => {
    [t] = await Promise.all([createTestApp(), orthanc.start()]);
    sync = t.app.get(ArchiveSyncService);
    admin = await signInAs(t, Role.ADMIN);
    const facility = (await createFacility(t, admin)).id;
    const register = async (d: DeviceIdentity, dicomFields: Record<string, unknown>) => {
      const created = await createDevice(t, admin, facility, dicomFields);
      inv.set(d, created.inventoryNumber);
      ids.set(d, created.id);
    };
    await register(CT, { dicomSerialNumber: '108442' });
    await register(MG, {
      modality: 'MAMMOGRAPHY',
      dicomStationName: 'mammo-1',
      dicomInstitutionName: 'Поликлиника №12',
    });
    await register(DX, { modality: 'RADIOGRAPHY', dicomAeTitle: 'DX-2' });
    await register(RF, { modality: 'RADIOGRAPHY', dicomSerialNumber: 'YSIO-7007' });
    unknownTarget = await createDevice(t, admin, facility, { modality: 'CT' });

    loads = [
      buildDayLoad(CT, '20240304', { studies: 3, seriesPerStudy: 2, instancesPerSeries: 5 }),
      buildDayLoad(CT, '20240305', { studies: 4, seriesPerStudy: 1, instancesPerSeries: 7 }),
      buildDayLoad(CT, '20240306', { studies: 2, seriesPerStudy: 3, instancesPerSeries: 2 }),
      buildDayLoad(MG, '20240304', { studies: 5, seriesPerStudy: 1, instancesPerSeries: 4 }),
      buildDayLoad(MG, '20240306', { studies: 1, seriesPerStudy: 1, instancesPerSeries: 4 }),
      buildDayLoad(DX, '20240305', { studies: 6, seriesPerStudy: 1, instancesPerSeries: 1 }),
      buildDayLoad(DX, '20240306', { studies: 2, seriesPerStudy: 2, instancesPerSeries: 1 }),
      buildDayLoad(UNKNOWN, '20240304', { studies: 2, seriesPerStudy: 2, instancesPerSeries: 3 }),
      buildDayLoad(UNKNOWN, '20240306', { studies: 1, seriesPerStudy: 1, instancesPerSeries: 9 }),
    ];
    const outside = buildDayLoad(CT, '20240303', {
      studies: 1,
      seriesPerStudy: 1,
      instancesPerSeries: 1,
    });
    await orthanc.uploadAll([...loads, outside].flatMap((l) => l.files));

    archive = (
      await request(t.server)
        .post('/api/archives')
        .set(admin.auth)
        .send({
          name: 'City PACS',
          baseUrl: orthanc.baseUrl,
          lookBackDays: 3,
          syncFrom: '2024-03-04',
        })
        .expect(201)
    ).body as ArchiveResponse;
    // Small pages, so that every day takes several requests.
    sync.clientOptions = {
      pageSize: 4,
      timeoutMs: 5_000,
      retry: { maxAttempts: 2, baseDelayMs: 50 },
    };
  });

  afterAll(async () => {
    await orthanc.stop();
    await t?.close();
  });

  it('counts studies and images per device and day exactly as loaded; identities match by serial, station + institution, AE title', async () => {
    const run = await sync.run(archive.id, SyncTrigger.MANUAL, '2024-03-06');
    expect(run).toMatchObject({
      status: SyncRunStatus.SUCCEEDED,
      days: 3,
      daysDone: 3,
      daysFailed: 0,
      seriesRead: loads.reduce((s, l) => s + l.expected.series, 0),
      studies: loads.reduce((s, l) => s + l.expected.studies, 0),
      errors: [],
    });
    const known = loads.filter((l) => l.device !== UNKNOWN);
    expect(await stored()).toEqual(expected(known, (d) => inv.get(d)!));
    const a = (
      await request(t.server).get(`/api/archives/${archive.id}`).set(admin.auth).expect(200)
    ).body as ArchiveResponse;
    expect(a).toMatchObject({ watermark: '2024-03-06', pendingDays: 0 });
    expect(a.lastRun).toMatchObject({ id: run.id, status: 'SUCCEEDED' });
  });

  it('keeps the unknown identity in the discovered inbox with its daily counts', async () => {
    const res = await request(t.server).get('/api/archives/discovered').set(admin.auth).expect(200);
    expect(res.body.total).toBe(1);
    expect(res.body.items[0]).toMatchObject({
      status: 'NEW',
      deviceSerialNumber: 'GE-UNKNOWN-0042',
      stationName: 'CTAWP99',
      institutionName: 'Городская больница №1',
      modality: 'CT',
      suggestedModality: 'CT',
      firstDay: '2024-03-04',
      lastDay: '2024-03-06',
      days: 2,
      studies: 3,
      images: 2 * 2 * 3 + 9,
    });
  });

  it('changes nothing when run again', async () => {
    const before = await stored();
    const inbox = (await request(t.server).get('/api/archives/discovered').set(admin.auth)).body;
    const run = await sync.run(archive.id, SyncTrigger.MANUAL, '2024-03-06');
    expect(run.status).toBe(SyncRunStatus.SUCCEEDED);
    expect(run.daysDone).toBe(3); // syncFrom bounds the look-back
    expect(await stored()).toEqual(before);
    expect((await request(t.server).get('/api/archives/discovered').set(admin.auth)).body).toEqual(
      inbox,
    );
    const runs = await request(t.server)
      .get(`/api/archives/${archive.id}/runs`)
      .set(admin.auth)
      .expect(200);
    expect(runs.body.total).toBe(2);
  });

  it("moves the inbox's counts to the device it is linked to, and later syncs count them there once", async () => {
    const inbox = (await request(t.server).get('/api/archives/discovered').set(admin.auth)).body;
    const linked = await request(t.server)
      .post(`/api/archives/discovered/${inbox.items[0].id}/link`)
      .set(admin.auth)
      .send({ deviceId: unknownTarget.id })
      .expect(200);
    expect(linked.body).toMatchObject({
      status: 'LINKED',
      deviceId: unknownTarget.id,
      days: 0,
      studies: 0,
    });
    const want = expected(loads, (d) =>
      d === UNKNOWN ? unknownTarget.inventoryNumber : inv.get(d)!,
    );
    expect(await stored()).toEqual(want);

    await request(t.server)
      .post(`/api/archives/discovered/${inbox.items[0].id}/link`)
      .set(admin.auth)
      .send({ deviceId: unknownTarget.id })
      .expect(409);

    await sync.run(archive.id, SyncTrigger.MANUAL, '2024-03-06');
    expect(await stored()).toEqual(want);
    const after = (
      await request(t.server).get('/api/archives/discovered?status=NEW').set(admin.auth)
    ).body;
    expect(after.total).toBe(0);

    // The monthly rollup agrees with the days.
    const util = await request(t.server)
      .get(
        `/api/utilisation/devices/${unknownTarget.id}?from=2024-03-01&to=2024-03-31&granularity=month`,
      )
      .set(admin.auth)
      .expect(200);
    expect(util.body.totals).toMatchObject({ studies: 3, images: 21, activeDays: 2 });
    expect(util.body.series).toEqual([
      expect.objectContaining({ period: '2024-03-01', studies: 3, images: 21 }),
    ]);
  });

  it('answers a connection test, and never returns the stored password', async () => {
    const ok = await request(t.server)
      .post(`/api/archives/${archive.id}/test`)
      .set(admin.auth)
      .expect(200);
    expect(ok.body).toMatchObject({ ok: true, status: 200, dicomWeb: true, errorKind: null });
    expect(ok.body.latencyMs).toBeGreaterThanOrEqual(0);

    const secret = 'a-pacs-password-never-shown';
    const dead = await request(t.server)
      .post('/api/archives')
      .set(admin.auth)
      .send({
        name: 'Dead PACS',
        baseUrl: 'http://127.0.0.1:9/dicom-web',
        authType: 'BASIC',
        username: 'sync',
        password: secret,
      })
      .expect(201);
    expect(JSON.stringify(dead.body)).not.toContain(secret);
    expect(dead.body).toMatchObject({ authType: 'BASIC', username: 'sync', hasSecret: true });
    const list = await request(t.server).get('/api/archives').set(admin.auth).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    const audit = await request(t.server)
      .get(`/api/audit?entityId=${dead.body.id}`)
      .set(admin.auth)
      .expect(200);
    expect(audit.body.total).toBe(1);
    expect(JSON.stringify(audit.body)).not.toContain(secret);

    const failed = await request(t.server)
      .post(`/api/archives/${dead.body.id}/test`)
      .set(admin.auth)
      .expect(200);
    expect(failed.body).toMatchObject({ ok: false, errorKind: 'NETWORK' });
    await request(t.server).delete(`/api/archives/${dead.body.id}`).set(admin.auth).expect(204);
  });

  it('tests a connection to a service that is not DICOMweb without echoing its body', async () => {
    const secret = 'internal-service-secret-7f3a';
    // A service on the same host, as an internal one would be: allowed as an archive URL, but the
    // test must report only the status, the timing and that it was not DICOMweb.
    const answers: Record<string, [number, string, string]> = {
      '/html/studies': [200, 'text/html', `<html><body>${secret}</body></html>`],
      '/json/studies': [200, 'application/json', `{"token":"${secret}"}`],
      '/broken/studies': [200, 'application/json', `${secret} is not JSON`],
      '/error/studies': [500, 'text/plain', `stack trace with ${secret}`],
      '/missing/studies': [404, 'text/plain', `no ${secret} here`],
    };
    const server = createServer((req, res) => {
      const [status, type, body] = answers[new URL(req.url ?? '/', 'http://x').pathname] ?? [
        404,
        'text/plain',
        secret,
      ];
      res.writeHead(status, { 'Content-Type': type }).end(body);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.address() as AddressInfo).port;
    try {
      for (const [path, [status]] of Object.entries(answers)) {
        const created = await request(t.server)
          .post('/api/archives')
          .set(admin.auth)
          .send({
            name: `Not a PACS ${path}`,
            baseUrl: `http://127.0.0.1:${port}${path.replace('/studies', '')}`,
          })
          .expect(201);
        const res = await request(t.server)
          .post(`/api/archives/${created.body.id}/test`)
          .set(admin.auth)
          .expect(200);
        expect(JSON.stringify(res.body), path).not.toContain(secret);
        expect(res.body, path).toMatchObject({ ok: false, status, dicomWeb: false });
        expect(res.body.errorKind, path).toMatch(/^(HTTP|INVALID_RESPONSE)$/);
        expect(res.body.message, path).toContain(`HTTP ${status}`);
        expect(res.body.latencyMs, path).toBeGreaterThanOrEqual(0);
        await request(t.server)
          .delete(`/api/archives/${created.body.id}`)
          .set(admin.auth)
          .expect(204);
      }
    } finally {
      await new Promise((ok) => server.close(ok));
    }
  });

  it('never runs two syncs of one archive at once', async () => {
    const first = await sync.start(archive.id, SyncTrigger.MANUAL, '2024-03-06');
    await expect(sync.start(archive.id, SyncTrigger.SCHEDULED, '2024-03-06')).rejects.toMatchObject(
      {
        code: 'SYNC_IN_PROGRESS',
      },
    );
    const res = await request(t.server).post(`/api/archives/${archive.id}/sync`).set(admin.auth);
    expect(res.status).toBe(409);
    expect((await first.done).status).toBe(SyncRunStatus.SUCCEEDED);
  });

  it('raises a silent-device alert when archive traffic stops, and resolves it when studies return', async () => {
    const silent = t.app.get(SilentDevicesService);
    // 2024-03-07 (Thu): the three working days before it all had studies.
    expect((await silent.check('2024-03-07', 3)).silent).toBe(0);
    // 2024-03-12 (Tue): nothing on 7, 8 and 11 March.
    const r = await silent.check('2024-03-12', 3);
    const open = async () =>
      (
        await request(t.server)
          .get(`/api/alerts?type=${AlertType.SILENT_DEVICE}`)
          .set(admin.auth)
          .expect(200)
      ).body.items
        .map((a: { deviceId: string }) => a.deviceId)
        .sort();
    const silentOnes = [ids.get(CT)!, ids.get(MG)!, ids.get(DX)!, unknownTarget.id].sort();
    expect(r.raised).toBe(4);
    expect(await open()).toEqual(silentOnes);

    // The CT scanner sends again on 11 March: after the sync, the next check resolves its alert only.
    await orthanc.uploadAll(
      buildDayLoad(CT, '20240311', { studies: 1, seriesPerStudy: 1, instancesPerSeries: 1 }).files,
    );
    await sync.run(archive.id, SyncTrigger.MANUAL, '2024-03-12');
    const again = await silent.check('2024-03-12', 3);
    expect(again).toMatchObject({ silent: 3, raised: 0, resolved: 1 });
    expect(await open()).toEqual(silentOnes.filter((id) => id !== ids.get(CT)));
  });

  it('marks a run failed when the archive dies mid-run, writes no partial day, and the next run completes', async () => {
    const dying = new TestOrthanc();
    await dying.start();
    const days = ['20240401', '20240402', '20240403', '20240404', '20240405', '20240406'];
    const rfLoads = days.map((d, i) =>
      buildDayLoad(RF, d, { studies: 10 + i, seriesPerStudy: 2, instancesPerSeries: 1 }),
    );
    const files = rfLoads.flatMap((l) => l.files);
    await dying.uploadAll(files);
    const second = (
      await request(t.server)
        .post('/api/archives')
        .set(admin.auth)
        .send({ name: 'Clinic 7 PACS', baseUrl: dying.baseUrl, syncFrom: '2024-04-01' })
        .expect(201)
    ).body as ArchiveResponse;
    sync.clientOptions = {
      pageSize: 2,
      timeoutMs: 5_000,
      retry: { maxAttempts: 2, baseDelayMs: 50 },
    };

    const { runId, done } = await sync.start(second.id, SyncTrigger.MANUAL, '2024-04-06');
    // Stop the archive as soon as the first day is in.
    for (let i = 0; i < 2_000; i++) {
      const n = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM archive_sync_days WHERE archive_id = $1 AND status = 'DONE'`,
        [second.id],
      );
      if (n.rows[0]!.n >= 1) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    await dying.stop();
    const run = await done;
    expect(run.id).toBe(runId);
    expect(run.status).toBe(SyncRunStatus.FAILED);
    expect(run.daysDone).toBeGreaterThanOrEqual(1);
    expect(run.daysDone).toBeLessThan(6);
    expect(run.daysFailed).toBe(1);
    expect(run.errors.at(-1)?.message).toMatch(/stopped/);

    const statuses = (
      await t.db.query<{ day: string; status: string }>(
        `SELECT day::text AS day, status FROM archive_sync_days WHERE archive_id = $1 ORDER BY day`,
        [second.id],
      )
    ).rows;
    const doneDays = statuses.filter((s) => s.status === 'DONE').map((s) => s.day);
    expect(doneDays.length).toBe(run.daysDone);
    const all = expected(rfLoads, (d) => inv.get(d)!)[inv.get(RF)!]!;
    // Exactly the finished days are stored, each complete; the others have nothing.
    expect((await stored())[inv.get(RF)!]).toEqual(
      Object.fromEntries(Object.entries(all).filter(([day]) => doneDays.includes(day))),
    );
    const a = (await request(t.server).get(`/api/archives/${second.id}`).set(admin.auth))
      .body as ArchiveResponse;
    expect(a.pendingDays).toBe(6 - run.daysDone);

    // The archive comes back (at a new address, with the same studies): the next run completes.
    const back = new TestOrthanc();
    await back.start();
    try {
      await back.uploadAll(files);
      await request(t.server)
        .patch(`/api/archives/${second.id}`)
        .set(admin.auth)
        .send({ baseUrl: back.baseUrl, version: a.version })
        .expect(200);
      const next = await sync.run(second.id, SyncTrigger.SCHEDULED, '2024-04-06');
      expect(next).toMatchObject({ status: SyncRunStatus.SUCCEEDED, daysFailed: 0 });
      expect((await stored())[inv.get(RF)!]).toEqual(all);
      const b = (await request(t.server).get(`/api/archives/${second.id}`).set(admin.auth))
        .body as ArchiveResponse;
      expect(b).toMatchObject({ pendingDays: 0, watermark: '2024-04-06' });
    } finally {
      await back.stop();
    }
  });
});
