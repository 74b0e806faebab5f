import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  PackScope,
  PackStatus,
  PackTrigger,
  Role,
  type Paged,
  type ReportPackResponse,
  type ReportScheduleResponse,
} from '@radfleet/shared';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityToday } from '../src/app/common/calendar.js';
import { previousMonth } from '../src/app/reports/executive-pack.service.js';
import { PACK_ATTEMPTS, ReportPacksService } from '../src/app/reports/report-packs.service.js';
import { createDevice, createFacility, signInAs, type Account } from './support/accounts.js';
import { createTestApp, type TestApp } from './support/test-app.js';

// Issue 14: packs stored with who built them, when and their size; the schedule's build with a
// fixed clock; a build job with progress; a failed build recorded and retried once, leaving no
// file behind.

function binary(res: request.Response, cb: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

describe('stored and scheduled report packs', () => {
  let t: TestApp;
  let dataDir: string;
  let exec: Account;
  let manager: Account;
  let packs: ReportPacksService;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'radfleet-packs-'));
    t = await createTestApp({ DATA_DIR: dataDir, REPORT_RETENTION: '3' });
    packs = t.app.get(ReportPacksService);
    const admin = await signInAs(t, Role.ADMIN);
    const facility = await createFacility(t, admin);
    await createDevice(t, admin, facility.id, { commissioningDate: '2021-05-01' });
    exec = await signInAs(t, Role.EXECUTIVE);
    manager = await signInAs(t, Role.FACILITY_MANAGER, [facility.id]);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('builds the previous month’s city pack when the clock passes the cron time (06:00 Moscow on the 1st)', async () => {
    // A fixed clock: 1 March 2026, 06:00:05 in Moscow (03:00:05 UTC).
    const at = new Date('2026-03-01T03:00:05Z');
    expect(packs.nextRunAt(new Date('2026-02-14T10:00:00Z')).toISOString()).toBe(
      '2026-03-01T03:00:00.000Z',
    );
    expect(packs.nextRunAt(at).toISOString()).toBe('2026-04-01T03:00:00.000Z');

    const built = await packs.runScheduled(at);
    expect(built).toMatchObject({
      month: '2026-02',
      scope: PackScope.CITY,
      trigger: PackTrigger.SCHEDULE,
      status: PackStatus.READY,
      requestedBy: null,
      progress: 100,
      attempts: 1,
      error: null,
    });
    expect(built!.sizeBytes).toBeGreaterThan(10_000);
    // Once a month: the same tick again builds nothing.
    expect(await packs.runScheduled(at)).toBeNull();

    const list = await request(t.server).get('/api/reports/packs').set(exec.auth).expect(200);
    const body = list.body as Paged<ReportPackResponse>;
    expect(body.items.map((p) => p.id)).toContain(built!.id);
    const file = await request(t.server)
      .get(`/api/reports/packs/${built!.id}/download`)
      .set(exec.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(file.body.length).toBe(built!.sizeBytes);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as never);
    expect(String(wb.getWorksheet('Сводка')!.getRow(1).getCell(1).value)).toContain('2026-02');
    expect((await readdir(join(dataDir, 'reports'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const schedule = await request(t.server)
      .get('/api/reports/schedule')
      .set(exec.auth)
      .expect(200);
    expect(schedule.body as ReportScheduleResponse).toMatchObject({
      cron: '0 6 1 * *',
      timeZone: 'Europe/Moscow',
      retentionCount: 3,
      nextRunAt: null, // the test app runs no scheduler
    });
  }, 240_000);

  it('builds a pack now as a job the requester follows to READY', async () => {
    const res = await request(t.server)
      .post('/api/reports/packs')
      .set(manager.auth)
      .send({ lang: 'en' })
      .expect(202);
    const job = res.body as ReportPackResponse;
    expect(job).toMatchObject({
      status: PackStatus.BUILDING,
      month: previousMonth(cityToday()),
      scope: PackScope.FACILITIES,
      trigger: PackTrigger.MANUAL,
      requestedBy: manager.id,
      downloadUrl: null,
    });
    await packs.whenBuilt(job.id);
    const done = (
      await request(t.server).get(`/api/reports/packs/${job.id}`).set(manager.auth).expect(200)
    ).body as ReportPackResponse;
    expect(done).toMatchObject({
      status: PackStatus.READY,
      progress: 100,
      requestedByName: expect.any(String),
    });
    expect(done.downloadUrl).toBe(`/api/reports/packs/${job.id}/download`);
    // A facility pack is its requester's: the city's roles do not see it.
    await request(t.server).get(`/api/reports/packs/${job.id}`).set(exec.auth).expect(404);
  }, 240_000);

  it('refuses a future month with a field-level 400 and writes nothing', async () => {
    const res = await request(t.server)
      .post('/api/reports/packs')
      .set(exec.auth)
      .send({ month: '2099-01' })
      .expect(400);
    expect(res.body.errors[0].field).toBe('month');
  });

  it('records a failed build with its error after one retry, and leaves no file', async () => {
    // The packs' folder cannot be created: a file stands in its way.
    await rm(join(dataDir, 'reports'), { recursive: true, force: true });
    await writeFile(join(dataDir, 'reports'), 'not a folder');
    const res = await request(t.server)
      .post('/api/reports/packs')
      .set(exec.auth)
      .send({})
      .expect(202);
    await packs.whenBuilt(res.body.id);
    const failed = (
      await request(t.server).get(`/api/reports/packs/${res.body.id}`).set(exec.auth).expect(200)
    ).body as ReportPackResponse;
    expect(failed).toMatchObject({
      status: PackStatus.FAILED,
      attempts: PACK_ATTEMPTS,
      downloadUrl: null,
    });
    expect(failed.error).toMatch(/EEXIST|ENOTDIR/);
    await request(t.server)
      .get(`/api/reports/packs/${res.body.id}/download`)
      .set(exec.auth)
      .expect(409);
    await rm(join(dataDir, 'reports'), { force: true });
  }, 240_000);

  it('keeps REPORT_RETENTION packs and deletes the older ones with their files', async () => {
    for (const month of ['2025-10', '2025-11', '2025-12']) {
      const res = await request(t.server)
        .post('/api/reports/packs')
        .set(exec.auth)
        .send({ month })
        .expect(202);
      await packs.whenBuilt(res.body.id);
    }
    const count = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM report_packs');
    expect(count.rows[0]!.n).toBe(3);
    const files = await readdir(join(dataDir, 'reports'));
    const ready = await t.db.query<{ id: string }>(
      `SELECT id FROM report_packs WHERE status = 'READY'`,
    );
    expect(files.sort()).toEqual(ready.rows.map((r) => `${r.id}.xlsx`).sort());
  }, 240_000);
});
