import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { Role } from '@radfleet/shared';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevice, createFacility, signInAs, type Account } from './support/accounts.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** An xlsx file as Excel would save it: typed cells under the given headers. */
async function xlsx(headers: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Лист1');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Reads a binary supertest answer into a Buffer. */
function binary(res: request.Response, cb: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

describe('device import and export', () => {
  let t: TestApp;
  let admin: Account;
  let manager: Account;
  let facilityA: { id: string; code: string };
  let facilityB: { id: string; code: string };

  const upload = (who: Account, file: Buffer, name: string, dryRun: boolean) =>
    request(t.server)
      .post('/api/devices/import')
      .query({ dryRun })
      .set(who.auth)
      .attach('file', file, name);
  const count = async (q: string) =>
    (await request(t.server).get('/api/devices').query({ q }).set(admin.auth).expect(200)).body
      .total as number;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAs(t, Role.ADMIN);
    facilityA = await createFacility(t, admin, { code: 'IMP-A', name: 'Импортная больница А' });
    facilityB = await createFacility(t, admin, { code: 'IMP-B', name: 'Импортная поликлиника Б' });
    manager = await signInAs(t, Role.FACILITY_MANAGER, [facilityA.id]);
  });
  afterAll(async () => t?.close());

  it('previews, then applies, a file with Russian headers in any order; a re-import is unchanged', async () => {
    const file = await xlsx(
      [
        'Модальность',
        'Инвентарный номер',
        'Код учреждения',
        'Технология',
        'Модель',
        'Производитель',
        'Дата ввода в эксплуатацию',
        'Стоимость, руб.',
        'Год выпуска',
      ],
      [
        [
          'КТ',
          'IMP-001',
          'IMP-A',
          'Цифровой',
          'Revolution EVO',
          'GE HealthCare',
          new Date(Date.UTC(2019, 4, 20)),
          85_500_000.5,
          2019,
        ],
        [
          'Рентгенография',
          'IMP-002',
          'imp-b',
          'Аналоговый',
          'РУМ-20М',
          '«Мосрентген»',
          '15.03.2008',
          '1 250 000,00',
          '2007',
        ],
      ],
    );
    const preview = await upload(admin, file, 'парк.xlsx', true).expect(200);
    expect(preview.body).toMatchObject({
      dryRun: true,
      applied: false,
      totals: { rows: 2, create: 2, update: 0, unchanged: 0, error: 0 },
    });
    expect(await count('IMP-00')).toBe(0);

    const applied = await upload(admin, file, 'парк.xlsx', false).expect(200);
    expect(applied.body).toMatchObject({ applied: true, totals: { create: 2 } });
    const list = await request(t.server)
      .get('/api/devices')
      .query({ q: 'IMP-00', sort: 'inventoryNumber' })
      .set(admin.auth)
      .expect(200);
    expect(
      list.body.items.map((d: Record<string, unknown>) => [
        d.inventoryNumber,
        d.modality,
        d.technology,
        d.commissioningDate,
        d.purchasePrice,
        d.facilityId,
      ]),
    ).toEqual([
      ['IMP-001', 'CT', 'DIGITAL', '2019-05-20', '85500000.50', facilityA.id],
      ['IMP-002', 'RADIOGRAPHY', 'ANALOGUE', '2008-03-15', '1250000.00', facilityB.id],
    ]);
    const history = await request(t.server)
      .get(`/api/devices/${list.body.items[0].id}/history`)
      .set(admin.auth)
      .expect(200);
    expect(history.body).toHaveLength(1);
    expect(history.body[0]).toMatchObject({ action: 'CREATE', actorEmail: admin.email });

    const again = await upload(admin, file, 'парк.xlsx', false).expect(200);
    expect(again.body.totals).toMatchObject({ create: 0, update: 0, unchanged: 2 });
  });

  it('changes nothing when one row is bad, naming its row and column; without it the file applies and is audited', async () => {
    const existing = await createDevice(t, admin, facilityA.id, {
      inventoryNumber: 'UPD-1',
      room: '101',
    });
    const header = [
      'Inventory number',
      'Facility code',
      'Modality',
      'Technology',
      'Manufacturer',
      'Model',
      'Room',
      'Commissioning date',
    ];
    const good = [
      [
        'UPD-1',
        'IMP-A',
        'CT',
        'Digital',
        'Siemens Healthineers',
        'SOMATOM go.Up',
        '205',
        '2020-02-15',
      ],
      ['NEW-1', 'IMP-A', 'MRI', 'Digital', 'Philips', 'Ingenia 1.5T', '7', '2021-01-10'],
    ];
    const bad = ['NEW-2', 'IMP-A', 'МРТ', 'Digital', 'Philips', 'Ingenia', '8', '31.02.2021'];
    const mixed = await upload(
      admin,
      await xlsx(header, [good[0]!, bad, good[1]!]),
      'mixed.xlsx',
      false,
    ).expect(200);
    expect(mixed.body.applied).toBe(false);
    expect(mixed.body.totals).toMatchObject({ rows: 3, update: 1, create: 1, error: 1 });
    const errorRow = mixed.body.rows.find((r: { action: string }) => r.action === 'error');
    expect(errorRow).toMatchObject({
      row: 3,
      key: 'NEW-2',
      errors: [{ column: 'Commissioning date', code: 'INVALID_DATE' }],
    });
    expect(await count('NEW-')).toBe(0);
    expect(
      (await request(t.server).get(`/api/devices/${existing.id}`).set(admin.auth)).body.room,
    ).toBe('101');

    const fixed = await upload(admin, await xlsx(header, good), 'fixed.xlsx', false).expect(200);
    expect(fixed.body).toMatchObject({ applied: true, totals: { update: 1, create: 1, error: 0 } });
    const after = await request(t.server)
      .get(`/api/devices/${existing.id}`)
      .set(admin.auth)
      .expect(200);
    expect(after.body).toMatchObject({ room: '205', version: existing.version + 1 });
    const history = await request(t.server)
      .get(`/api/devices/${existing.id}/history`)
      .set(admin.auth)
      .expect(200);
    expect(history.body.at(-1).changes).toEqual([{ field: 'room', before: '101', after: '205' }]);
    const audit = await request(t.server)
      .get('/api/audit')
      .query({ entityType: 'device', entityId: existing.id })
      .set(admin.auth)
      .expect(200);
    expect(audit.body.items[0]).toMatchObject({ action: 'UPDATE', actorEmail: admin.email });
  });

  it('reads a Windows-1251 CSV with semicolons, Russian dates and numbers as Russian Excel saves it', async () => {
    const text = [
      'Инвентарный номер;Код учреждения;Модальность;Технология;Производитель;Модель;Дата ввода в эксплуатацию;Стоимость, руб.',
      'CSV-1;IMP-A;Маммография;Цифровой;Fujifilm;"AMULET; Innovality";01.09.2022;"24 500 000,00"',
      'CSV-2;IMP-B;Флюорография;Цифровой;«Электрон»;ПроСкан-2000;5.6.2018;9800000',
    ].join('\r\n');
    const res = await upload(admin, iconv.encode(text, 'win1251'), 'devices.csv', false).expect(
      200,
    );
    expect(res.body).toMatchObject({ applied: true, totals: { create: 2, error: 0 } });
    const d = await request(t.server)
      .get('/api/devices')
      .query({ q: 'CSV-1' })
      .set(admin.auth)
      .expect(200);
    expect(d.body.items[0]).toMatchObject({
      model: 'AMULET; Innovality',
      modality: 'MAMMOGRAPHY',
      commissioningDate: '2022-09-01',
      purchasePrice: '24500000.00',
    });
  });

  it("limits a facility manager's import to their facilities", async () => {
    const file = await xlsx(
      [
        'Инвентарный номер',
        'Код учреждения',
        'Модальность',
        'Технология',
        'Производитель',
        'Модель',
      ],
      [
        ['FM-1', 'IMP-A', 'КТ', 'Цифровой', 'Canon', 'Aquilion'],
        ['FM-2', 'IMP-B', 'КТ', 'Цифровой', 'Canon', 'Aquilion'],
      ],
    );
    const res = await upload(manager, file, 'fm.xlsx', false).expect(200);
    expect(res.body.applied).toBe(false);
    expect(res.body.rows[1]).toMatchObject({
      row: 3,
      action: 'error',
      errors: [{ column: 'Код учреждения', code: 'OUTSIDE_SCOPE' }],
    });
    expect(await count('FM-')).toBe(0);
  });

  it('reports in-file duplicates, unknown facilities and missing fields of new devices', async () => {
    const file = await xlsx(
      ['Инвентарный номер', 'Код учреждения', 'Модальность'],
      [
        ['D-1', 'IMP-A', 'КТ'],
        ['D-1', 'IMP-A', 'КТ'],
        ['D-2', 'NOPE', 'КТ'],
      ],
    );
    const res = await upload(admin, file, 'd.xlsx', true).expect(200);
    const codes = res.body.rows.map((r: { errors: { code: string }[] }) =>
      r.errors.map((e) => e.code),
    );
    expect(codes[1]).toContain('DUPLICATE_IN_FILE');
    expect(codes[2]).toContain('UNKNOWN_FACILITY');
    expect(res.body.rows[0].errors).toEqual([
      { column: 'Технология', message: 'required for a new device', code: 'REQUIRED' },
      { column: 'Производитель', message: 'required for a new device', code: 'REQUIRED' },
      { column: 'Модель', message: 'required for a new device', code: 'REQUIRED' },
    ]);
  });

  it('refuses a missing, empty or non-spreadsheet file with a clear 4xx', async () => {
    const none = await request(t.server).post('/api/devices/import').set(admin.auth).expect(400);
    expect(none.body.errors).toEqual([{ field: 'file', message: 'file is required' }]);
    const pdf = await upload(admin, Buffer.from('%PDF-1.4 not a sheet'), 'scan.xlsx', true);
    expect(pdf.status).toBe(422);
    expect(pdf.headers['content-type']).toMatch(/problem\+json/);
    const empty = await upload(admin, Buffer.alloc(0), 'empty.csv', true);
    expect(empty.status).toBe(422);
    const noColumns = await upload(admin, await xlsx(['Что-то'], [['x']]), 'x.xlsx', true).expect(
      422,
    );
    expect(JSON.stringify(noColumns.body)).toMatch(/Инвентарный номер|Inventory number/);
  });

  it('imports 10,000 rows in one go', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [
      `BULK-${String(i).padStart(5, '0')}`,
      'IMP-A',
      'Рентгенография',
      'Цифровой',
      'Philips',
      'DigitalDiagnost C90',
      '12.01.2021',
      '5 000 000,00',
    ]);
    const file = await xlsx(
      [
        'Инвентарный номер',
        'Код учреждения',
        'Модальность',
        'Технология',
        'Производитель',
        'Модель',
        'Дата ввода в эксплуатацию',
        'Стоимость, руб.',
      ],
      rows,
    );
    const res = await upload(admin, file, 'bulk.xlsx', false).expect(200);
    expect(res.body).toMatchObject({
      applied: true,
      totals: { rows: 10_000, create: 10_000, error: 0 },
    });
    expect(await count('BULK-')).toBe(10_000);
    const audited = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'device' AND changes::text LIKE '%BULK-%'",
    );
    expect(audited.rows[0]!.n).toBe(10_000);
  }, 120_000);

  it('serves an import template that reads back, filled in', async () => {
    const res = await request(t.server)
      .get('/api/devices/import/template.xlsx')
      .set(manager.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    // Required columns are marked with an asterisk, which the reader ignores.
    const headers = (ws.getRow(1).values as unknown[])
      .filter(Boolean)
      .map((h) => String(h).replace(/\s*\*$/, ''));
    expect(headers).toContain('Инвентарный номер');
    expect(JSON.stringify(ws.getRow(2).values)).toContain('Inventory number');
    ws.getRow(3).values = [];
    const col = (name: string) => headers.indexOf(name) + 1;
    ws.getCell(3, col('Инвентарный номер')).value = 'TPL-1';
    ws.getCell(3, col('Код учреждения')).value = 'IMP-A';
    ws.getCell(3, col('Модальность')).value = 'КТ';
    ws.getCell(3, col('Технология')).value = 'Цифровой';
    ws.getCell(3, col('Производитель')).value = 'United Imaging';
    ws.getCell(3, col('Модель')).value = 'uCT 760';
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const imported = await upload(manager, filled, 'template.xlsx', false).expect(200);
    expect(imported.body).toMatchObject({ applied: true, totals: { create: 1 } });
  });

  it('exports the filtered devices as a typed, formatted workbook with a summary', async () => {
    const res = await request(t.server)
      .get('/api/devices/export.xlsx')
      .query({ facilityId: facilityB.id, lang: 'ru' })
      .set(manager.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toMatch(
      /radfleet-ustroystva-\d{4}-\d{2}-\d{2}\.xlsx/,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const [summary, devices] = wb.worksheets;
    expect(summary!.name).toBe('Сводка');
    const expected = (
      await request(t.server)
        .get('/api/devices')
        .query({ facilityId: facilityB.id, sort: 'inventoryNumber', pageSize: 500 })
        .set(admin.auth)
    ).body;
    expect(devices!.rowCount - 1).toBe(expected.total);
    const headers = (devices!.getRow(1).values as unknown[]).slice(1).map(String);
    expect(headers.slice(0, 3)).toEqual(['Инвентарный номер', 'Код учреждения', 'Учреждение']);
    expect(devices!.getRow(1).font?.bold ?? devices!.getCell('A1').font?.bold).toBe(true);
    expect(devices!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(devices!.autoFilter).toBeTruthy();
    const byNumber = new Map<string, ExcelJS.Row>();
    devices!.eachRow((row, n) => n > 1 && byNumber.set(String(row.getCell(1).value), row));
    const csv2 = byNumber.get('CSV-2')!;
    const cell = (name: string) => csv2.getCell(headers.indexOf(name) + 1);
    expect(cell('Дата ввода в эксплуатацию').value).toBeInstanceOf(Date);
    expect((cell('Дата ввода в эксплуатацию').value as Date).toISOString().slice(0, 10)).toBe(
      '2018-06-05',
    );
    expect(cell('Стоимость, руб.').value).toBe(9_800_000);
    expect(cell('Стоимость, руб.').numFmt).toContain('₽');
    expect(cell('Возраст, лет').value).toEqual(expect.any(Number));
    expect(cell('Модальность').value).toBe('Флюорография');
    const total = summary!.getRow(summary!.rowCount);
    expect(total.getCell(4).value).toBe(expected.total);
    expect(typeof total.getCell(5).value).toBe('number');

    const en = await request(t.server)
      .get('/api/devices/export.xlsx')
      .query({ facilityId: facilityB.id, lang: 'en' })
      .set(admin.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(en.body as unknown as ArrayBuffer);
    expect(wbEn.worksheets.map((w) => w.name)).toEqual(['Summary', 'Devices']);
    expect(String(wbEn.worksheets[1]!.getCell('A1').value)).toBe('Inventory number');
    await request(t.server)
      .get('/api/devices/export.xlsx')
      .query({ modality: 'NOPE' })
      .set(admin.auth)
      .expect(400);
  });
});
