/**
 * The bounds of every spreadsheet import (issue 9, item 1): rows, inflated xlsx parts and the
 * upload size answer 413/422 naming the limit; at most IMPORT_CONCURRENCY imports run at once; the
 * answer is bounded and the full result downloadable by its user; a file wholly outside a
 * manager's facilities is a 403. The bombs of the issue go to a real server process with the
 * default limits, whose peak RSS is read from /proc.
 */
import { once } from 'node:events';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Role } from '@radfleet/shared';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ImportGate } from '../src/app/common/upload.js';
import {
  createDevice,
  createFacility,
  signInAs,
  TEST_PASSWORD,
  type Account,
} from './support/accounts.js';
import { BackendProcess } from './support/backend-process.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { TestDatabase } from './support/test-database.js';
import { cell, row, writeWorkbook, writeXlsxBomb } from './support/xlsx-files.js';

const DEVICE_HEADER =
  'Инвентарный номер;Код учреждения;Модальность;Технология;Производитель;Модель\r\n';
const MB = 1024 * 1024;

function binary(res: IncomingMessage, cb: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

/** A device CSV of `rows` rows for a facility; the rows of `bad` lack their model (an error). */
function deviceCsv(facilityCode: string, rows: number, bad: (i: number) => boolean = () => false) {
  let text = DEVICE_HEADER;
  for (let i = 0; i < rows; i++)
    text += `LIM-${facilityCode}-${i};${facilityCode};КТ;Цифровой;Canon;${bad(i) ? '' : 'Aquilion'}\r\n`;
  return Buffer.from(text);
}

describe('import limits (small limits, in-process app)', () => {
  let t: TestApp;
  let admin: Account;
  let procurement: Account;
  let manager: Account;
  let facilityA: { id: string; code: string };
  let facilityB: { id: string; code: string };
  let scratch: string;

  const upload = (who: Account, file: Buffer, name: string, path = '/api/devices/import') =>
    request(t.server).post(path).query({ dryRun: true }).set(who.auth).attach('file', file, name);

  beforeAll(async () => {
    t = await createTestApp({
      IMPORT_MAX_ROWS: '100',
      IMPORT_MAX_UPLOAD_MB: '1',
      IMPORT_MAX_XLSX_PART_MB: '2',
      IMPORT_CONCURRENCY: '2',
      IMPORT_PREVIEW_ERROR_ROWS: '3',
      IMPORT_PREVIEW_SAMPLE_ROWS: '2',
    });
    // Listening, so that raw requests below and supertest share the server.
    await new Promise<void>((resolve) => t.server.listen(0, '127.0.0.1', resolve));
    admin = await signInAs(t, Role.ADMIN);
    procurement = await signInAs(t, Role.PROCUREMENT);
    facilityA = await createFacility(t, admin, { code: 'LIM-A' });
    facilityB = await createFacility(t, admin, { code: 'LIM-B' });
    manager = await signInAs(t, Role.FACILITY_MANAGER, [facilityA.id]);
    scratch = await mkdtemp(join(tmpdir(), 'radfleet-limits-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
    await t?.close();
  });

  it('answers 413 naming IMPORT_MAX_UPLOAD_MB for a file past the upload limit', async () => {
    const big = Buffer.alloc(MB + 1, 'a');
    const res = await upload(admin, big, 'big.csv').expect(413);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body).toMatchObject({
      code: 'FILE_TOO_LARGE',
      limit: { name: 'IMPORT_MAX_UPLOAD_MB', value: 1 },
      errors: [{ field: 'file', message: 'must be at most 1 MB' }],
    });
    expect(res.body.detail).toContain('IMPORT_MAX_UPLOAD_MB');
  });

  it('answers 422 naming IMPORT_MAX_ROWS past the row limit, for devices and for hand counts', async () => {
    const devices = await upload(admin, deviceCsv('LIM-A', 101), 'many.csv').expect(422);
    expect(devices.body).toMatchObject({
      code: 'TOO_MANY_ROWS',
      limit: { name: 'IMPORT_MAX_ROWS', value: 100 },
    });
    expect(devices.body.detail).toMatch(/more than 100 data rows/);
    let counts = 'Инвентарный номер;Дата;Исследований;Снимков\r\n';
    for (let i = 0; i < 101; i++) counts += `X-${i};01.01.2024;1;1\r\n`;
    const hand = await upload(admin, Buffer.from(counts), 'c.csv', '/api/utilisation/import');
    expect(hand.status).toBe(422);
    expect(hand.body.limit).toEqual({ name: 'IMPORT_MAX_ROWS', value: 100 });
    // At the limit the file is read.
    await upload(admin, deviceCsv('LIM-A', 100), 'hundred.csv').expect(200);
  });

  it('answers 422 naming IMPORT_MAX_XLSX_PART_MB for a zip bomb', async () => {
    const path = join(scratch, 'bomb.xlsx');
    await writeXlsxBomb(path, 50 * MB);
    const res = await upload(admin, await readFile(path), 'bomb.xlsx').expect(422);
    expect(res.body).toMatchObject({
      code: 'PART_TOO_LARGE',
      limit: { name: 'IMPORT_MAX_XLSX_PART_MB', value: 2 },
    });
    expect(res.body.detail).toContain('xl/worksheets/sheet1.xml');
  });

  it('answers damaged workbooks with a plain 422, never a library message', async () => {
    const cases: Record<string, string> = {
      'row-without-number.xlsx':
        row(1, ['Инвентарный номер', 'Модальность']) + row(null, ['X-1', 'КТ'], false),
      'cell-without-address.xlsx':
        row(1, ['Инвентарный номер', 'Модальность']) + `<row r="2">${cell(null, 'X-1')}</row>`,
    };
    for (const [name, xml] of Object.entries(cases)) {
      const path = join(scratch, name);
      await writeWorkbook(path, xml);
      const res = await upload(admin, await readFile(path), name);
      expect(res.status, name).toBe(422);
      expect(res.body.code, name).toBe('CORRUPT_FILE');
      expect(JSON.stringify(res.body), name).not.toMatch(
        /Invalid Address|ANaN|Cannot read properties|reading 'length'/,
      );
    }
    const zipped = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]);
    const garbage = await upload(admin, zipped, 'garbage.xlsx').expect(422);
    expect(garbage.body.detail).toMatch(/^The file is not a readable \.xlsx workbook/);
  });

  it('answers a bounded preview and serves the full result to its user only', async () => {
    // 12 rows, rows 2, 4, ..., 12 of the sheet (every other) lacking their model: 6 errors.
    const res = await upload(
      admin,
      deviceCsv('LIM-A', 12, (i) => i % 2 === 0),
      'half.csv',
    ).expect(200);
    expect(res.body.totals).toEqual({ rows: 12, create: 6, update: 0, unchanged: 0, error: 6 });
    expect(res.body.truncated).toBe(true);
    expect(
      res.body.rows.map((r: { row: number; action: string }) => `${r.row}:${r.action}`),
    ).toEqual(['2:error', '3:create', '4:error', '5:create', '6:error']);
    expect(res.body.resultUrl).toMatch(/^\/api\/imports\/results\/[0-9a-f-]{36}\.xlsx$/);
    expect(Date.parse(res.body.resultExpiresAt)).toBeGreaterThan(Date.now());

    const file = await request(t.server)
      .get(res.body.resultUrl)
      .set(admin.auth)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as never);
    const sheet = wb.worksheets[0];
    expect(sheet.rowCount).toBe(13);
    expect(sheet.getRow(1).getCell(1).value).toBe('Строка / Row');
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      2,
      'LIM-LIM-A-0',
      'Ошибка / Error',
      expect.stringContaining('Модель'),
      'REQUIRED',
    ]);
    expect(sheet.getRow(13).getCell(3).value).toBe('Будет создана / Create');

    await request(t.server).get(res.body.resultUrl).set(procurement.auth).expect(404);
    await request(t.server).get(res.body.resultUrl).expect(401);
    await request(t.server).get('/api/imports/results/not-a-uuid.xlsx').set(admin.auth).expect(400);
  });

  it('runs at most IMPORT_CONCURRENCY imports; one more gets 429 with Retry-After', async () => {
    const gate = t.app.get(ImportGate);
    const { port } = t.server.address() as AddressInfo;
    const boundary = 'radfleet-held-upload';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="held.csv"\r\nContent-Type: text/csv\r\n\r\n`;
    const held: { req: ClientRequest; res: Promise<IncomingMessage> }[] = [];
    for (let i = 0; i < 2; i++) {
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/devices/import?dryRun=true',
        headers: {
          ...admin.auth,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
      });
      const res = once(req, 'response').then(([r]) => r as IncomingMessage);
      req.write(head + DEVICE_HEADER); // the rest of the upload is held back
      held.push({ req, res });
    }
    await vi.waitFor(() => expect(gate.active).toBe(2), { timeout: 20_000 });

    const refused = await upload(admin, deviceCsv('LIM-A', 1), 'third.csv').expect(429);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect(refused.body).toMatchObject({
      code: 'TOO_MANY_IMPORTS',
      limit: { name: 'IMPORT_CONCURRENCY', value: 2 },
    });

    for (const h of held)
      h.req.end(`HELD-1;LIM-A;КТ;Цифровой;Canon;Aquilion\r\n--${boundary}--\r\n`);
    for (const h of held) {
      const res = await h.res;
      res.resume();
      expect(res.statusCode).toBe(200);
    }
    await vi.waitFor(() => expect(gate.active).toBe(0));
    await upload(admin, deviceCsv('LIM-A', 1), 'fourth.csv').expect(200);
  });

  it("refuses with 403 a device file wholly outside a manager's facilities; some rows outside stay per-row errors", async () => {
    const outside = deviceCsv('LIM-B', 3);
    const all = await upload(manager, outside, 'b.csv').expect(403);
    expect(all.body.code).toBe('OUTSIDE_FACILITY_SCOPE');
    const mixed = Buffer.concat([
      deviceCsv('LIM-A', 1),
      deviceCsv('LIM-B', 1).subarray(Buffer.byteLength(DEVICE_HEADER)),
    ]);
    const some = await upload(manager, mixed, 'ab.csv').expect(200);
    expect(some.body.rows[1]).toMatchObject({
      action: 'error',
      errors: [{ code: 'OUTSIDE_SCOPE' }],
    });
    expect(some.body.rows[0].action).toBe('create');
  });

  it("refuses with 403 a hand-count file wholly outside a manager's facilities", async () => {
    const inside = await createDevice(t, admin, facilityA.id, { archiveConnected: false });
    const other = await createDevice(t, admin, facilityB.id, { archiveConnected: false });
    const counts = (numbers: string[]) =>
      Buffer.from(
        'Инвентарный номер;Дата;Исследований;Снимков\r\n' +
          numbers.map((n) => `${n};01.03.2024;10;20\r\n`).join(''),
      );
    const path = '/api/utilisation/import';
    const all = await upload(manager, counts([other.inventoryNumber]), 'o.csv', path).expect(403);
    expect(all.body.code).toBe('OUTSIDE_FACILITY_SCOPE');
    const some = await upload(
      manager,
      counts([inside.inventoryNumber, other.inventoryNumber]),
      'io.csv',
      path,
    ).expect(200);
    expect(some.body.rows.map((r: { action: string }) => r.action)).toEqual(['create', 'error']);
    expect(some.body.rows[1].errors[0].code).toBe('OUTSIDE_SCOPE');
  });
});

/** Peak resident memory of a process, from /proc (VmHWM), in MB. */
async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
  return kb / 1024;
}

describe('the bombs of issue 9 against a real server with the default limits', () => {
  const CEILING_MB = 800;
  // Building, uploading and reading files of tens of MB: seconds when idle, a minute or more on two
  // cores shared with parallel test runs. The assertions are about answers and memory, not speed.
  const BOMB_TIMEOUT = 300_000;
  const peaks: string[] = [];
  let db: TestDatabase;
  let server: BackendProcess;
  let auth: { Authorization: string };
  let scratch: string;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'radfleet-bombs-'));
    db = await TestDatabase.migrated('bombs');
    server = await BackendProcess.start({
      DATABASE_URL: db.url,
      ADMIN_EMAIL: 'bombs@clinic.test',
      ADMIN_PASSWORD: TEST_PASSWORD,
      SCHEDULER: 'false',
      LOG_LEVEL: 'warn',
    });
    // Starting the built app on two busy cores can take a while; healthy is what matters.
    await server.waitHealthy(180_000);
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bombs@clinic.test', password: TEST_PASSWORD }),
    });
    expect(login.status).toBe(200);
    auth = {
      Authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`,
    };
  }, 240_000);
  afterAll(async () => {
    // The figures for the record: the server's peak RSS after each bomb.
    console.warn(`peak RSS of the server (VmHWM): ${peaks.join(', ')}`);
    await server?.stop();
    await db?.drop();
    await rm(scratch, { recursive: true, force: true });
  });

  async function expectUnderCeiling(bomb: string): Promise<void> {
    const mb = await peakRssMb(server.proc.pid!);
    peaks.push(`${bomb}: ${Math.round(mb)} MB`);
    expect(mb).toBeLessThan(CEILING_MB);
  }

  async function send(path: string, name: string) {
    const body = new FormData();
    body.append('file', new Blob([await readFile(path)]), name);
    const res = await fetch(`${server.url}/api/devices/import?dryRun=true`, {
      method: 'POST',
      headers: auth,
      body,
    });
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      body: (await res.json()) as Record<string, unknown>,
    };
  }

  it(
    'answers an .xlsx of ~1 MB whose worksheet inflates to 600 MB with 422 PART_TOO_LARGE',
    { timeout: BOMB_TIMEOUT },
    async () => {
      const path = join(scratch, 'bomb.xlsx');
      await writeXlsxBomb(path, 600 * MB);
      expect((await stat(path)).size).toBeLessThan(3 * MB);
      const res = await send(path, 'bomb.xlsx');
      expect(res.status).toBe(422);
      expect(res.type).toMatch(/problem\+json/);
      expect(res.body).toMatchObject({
        code: 'PART_TOO_LARGE',
        limit: { name: 'IMPORT_MAX_XLSX_PART_MB', value: 100 },
      });
      await expectUnderCeiling('xlsx bomb');
    },
  );

  it(
    'answers a plain 24 MB CSV under the upload limit with 422 TOO_MANY_ROWS',
    { timeout: BOMB_TIMEOUT },
    async () => {
      const path = join(scratch, 'plain.csv');
      const line = `;LIM;КТ;Цифровой;Siemens Healthineers;SOMATOM go.Up ${'x'.repeat(40)}\r\n`;
      const rowsNeeded = Math.ceil((24 * MB) / Buffer.byteLength(`INV-0000000${line}`));
      const body: string[] = [DEVICE_HEADER];
      for (let i = 0; i < rowsNeeded; i++) body.push(`INV-${String(i).padStart(7, '0')}${line}`);
      await writeFile(path, body.join(''));
      const size = (await stat(path)).size;
      expect(size).toBeGreaterThan(23.5 * MB);
      expect(size).toBeLessThan(25 * MB);
      const res = await send(path, 'plain.csv');
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({
        code: 'TOO_MANY_ROWS',
        limit: { name: 'IMPORT_MAX_ROWS', value: 50_000 },
      });
      await expectUnderCeiling('24 MB CSV');
    },
  );

  it(
    'answers a 5 MB CSV of 500,000 rows with 422 TOO_MANY_ROWS',
    { timeout: BOMB_TIMEOUT },
    async () => {
      const path = join(scratch, 'rows.csv');
      // The two required columns; short base-36 inventory numbers keep 500,000 rows near 5 MB.
      const body: string[] = ['Инвентарный номер;Код учреждения\r\n'];
      for (let i = 0; i < 500_000; i++) body.push(`${i.toString(36)};FC-1\r\n`);
      await writeFile(path, body.join(''));
      const size = (await stat(path)).size;
      expect(size).toBeGreaterThan(4.5 * MB);
      expect(size).toBeLessThan(6 * MB);
      const res = await send(path, 'rows.csv');
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({
        code: 'TOO_MANY_ROWS',
        limit: { name: 'IMPORT_MAX_ROWS', value: 50_000 },
      });
      await expectUnderCeiling('500,000-row CSV');
    },
  );

  it(
    'answers a 30 MB upload with 413 naming IMPORT_MAX_UPLOAD_MB, and is still healthy',
    { timeout: BOMB_TIMEOUT },
    async () => {
      const path = join(scratch, 'huge.csv');
      await writeFile(path, Buffer.alloc(30 * MB, 'a'));
      const res = await send(path, 'huge.csv');
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({
        code: 'FILE_TOO_LARGE',
        limit: { name: 'IMPORT_MAX_UPLOAD_MB', value: 25 },
      });
      await expectUnderCeiling('30 MB upload');
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    },
  );
});
