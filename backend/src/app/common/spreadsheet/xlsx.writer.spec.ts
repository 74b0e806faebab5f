import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SpreadsheetFileError } from './spreadsheet.errors.js';
import { readSpreadsheet } from './spreadsheet.reader.js';
import type { ColumnSpec } from './spreadsheet.types.js';
import { writeTemplate } from './xlsx-template.writer.js';
import { XlsxReportWriter, type ReportColumn } from './xlsx.writer.js';

// These specs write and read real workbooks and files through exceljs, zlib and iconv: a second on
// an idle machine, several on two cores shared by parallel test runs. A generous, explicit timeout
// keeps them about behaviour, not speed.
vi.setConfig({ testTimeout: 60_000 });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'radfleet-writer-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function toFile(name: string, write: (out: Writable) => Promise<void>): Promise<string> {
  const path = join(dir, name);
  await write(createWriteStream(path));
  return path;
}

async function open(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

interface Device {
  inventoryNumber: string;
  installedOn: string | Date | null;
  price: string | number;
  utilisation: number;
  studies: number;
  digital: boolean;
  lastSeenAt: Date | null;
  note: string | null;
}

const DEVICE_REPORT: ReportColumn<Device>[] = [
  { header: 'Инвентарный номер', type: 'string', value: (d) => d.inventoryNumber },
  { header: 'Дата ввода', type: 'date', value: (d) => d.installedOn },
  { header: 'Стоимость', type: 'money', value: (d) => d.price },
  { header: 'Загрузка', type: 'percent', value: (d) => d.utilisation },
  { header: 'Исследований за год', type: 'integer', value: (d) => d.studies },
  { header: 'Цифровой', type: 'boolean', value: (d) => d.digital },
  { header: 'Последний сеанс', type: 'datetime', value: (d) => d.lastSeenAt },
  { header: 'Примечание', type: 'string', value: (d) => d.note },
];

const DEVICES: Device[] = [
  {
    inventoryNumber: 'ИН-0001',
    installedOn: '2015-03-01',
    price: '1234567.89',
    utilisation: 0.853,
    studies: 12345,
    digital: true,
    lastSeenAt: new Date('2024-01-15T07:30:00Z'),
    note: 'Компьютерный томограф, 128 срезов, отделение лучевой диагностики главного корпуса',
  },
  {
    inventoryNumber: 'ИН-0002',
    installedOn: new Date(Date.UTC(2008, 11, 31)),
    price: 99.5,
    utilisation: 0.12,
    studies: 7,
    digital: false,
    lastSeenAt: null,
    note: null,
  },
];

describe('XlsxReportWriter', () => {
  it('writes a summary and a data sheet with a bold frozen filtered header and typed cells', async () => {
    const path = await toFile('report.xlsx', async (out) => {
      const report = new XlsxReportWriter(out, { language: 'ru' });
      report.addSummarySheet('Сводка', {
        title: 'Парк диагностического оборудования',
        subtitle: 'Округ: все; сформировано 15.01.2024',
        headers: ['Показатель', 'Значение'],
        items: [
          { label: 'Всего устройств', value: 1300 },
          { label: 'Доля цифровых', value: 0.83, type: 'percent' },
          { label: 'Бюджет на 2025 год', value: '2500000000.00', type: 'money' },
          { label: 'Дата отчёта', value: '2024-01-15', type: 'date' },
        ],
      });
      const sheet = report.addSheet('Устройства', DEVICE_REPORT);
      expect(await sheet.addRows(DEVICES)).toBe(2);
      await report.finish();
    });

    const workbook = await open(path);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Сводка', 'Устройства']);

    const ws = workbook.getWorksheet('Устройства') as ExcelJS.Worksheet;
    expect(ws.getRow(1).values).toEqual([undefined, ...DEVICE_REPORT.map((c) => c.header)]);
    for (let c = 1; c <= DEVICE_REPORT.length; c++)
      expect(ws.getRow(1).getCell(c).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:H1');

    const row = ws.getRow(2);
    expect(row.getCell(1).value).toBe('ИН-0001');
    expect(row.getCell(2).value).toEqual(new Date(Date.UTC(2015, 2, 1)));
    expect(row.getCell(2).numFmt).toBe('dd.mm.yyyy');
    expect(row.getCell(3).value).toBe(1234567.89);
    expect(row.getCell(3).type).toBe(ExcelJS.ValueType.Number);
    expect(row.getCell(3).numFmt).toContain('₽');
    expect(row.getCell(4).value).toBe(0.853);
    expect(row.getCell(4).numFmt).toBe('0.0%');
    expect(row.getCell(5).value).toBe(12345);
    expect(row.getCell(5).numFmt).toBe('#,##0');
    expect(row.getCell(6).value).toBe('Да');
    // 07:30 UTC is 10:30 in Moscow, the wall-clock time the user expects to see.
    expect(row.getCell(7).value).toEqual(new Date(Date.UTC(2024, 0, 15, 10, 30)));
    expect(row.getCell(7).numFmt).toBe('dd.mm.yyyy hh:mm');

    const second = ws.getRow(3);
    expect(second.getCell(2).value).toEqual(new Date(Date.UTC(2008, 11, 31)));
    expect(second.getCell(3).value).toBe(99.5);
    expect(second.getCell(6).value).toBe('Нет');
    expect(second.getCell(7).value).toBeNull();
    expect(second.getCell(8).value).toBeNull();

    // Widths: the long note gets a wide column (capped), the date a narrow one.
    expect(ws.getColumn(8).width).toBe(60);
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(12);
    expect(ws.getColumn(2).width).toBeLessThan(20);

    const summary = workbook.getWorksheet('Сводка') as ExcelJS.Worksheet;
    expect(summary.getCell('A1').value).toBe('Парк диагностического оборудования');
    expect(summary.getCell('A1').font?.bold).toBe(true);
    expect(summary.getCell('A2').value).toBe('Округ: все; сформировано 15.01.2024');
    expect(summary.getRow(4).values).toEqual([undefined, 'Показатель', 'Значение']);
    expect(summary.getCell('A4').font?.bold).toBe(true);
    expect([
      summary.getCell('A5').value,
      summary.getCell('B5').value,
      summary.getCell('B5').numFmt,
    ]).toEqual(['Всего устройств', 1300, '#,##0']);
    expect([summary.getCell('B6').value, summary.getCell('B6').numFmt]).toEqual([0.83, '0.0%']);
    expect(summary.getCell('B7').value).toBe(2500000000);
    expect(summary.getCell('B7').numFmt).toContain('₽');
    expect(summary.getCell('B8').value).toEqual(new Date(Date.UTC(2024, 0, 15)));
  });

  it('writes exports that the importer reads back to the same values', async () => {
    const path = await toFile('roundtrip.xlsx', async (out) => {
      const report = new XlsxReportWriter(out, { language: 'ru' });
      await report.addSheet('Устройства', DEVICE_REPORT).addRows(DEVICES);
      await report.finish();
    });
    const columns = [
      {
        key: 'inventoryNumber',
        header: { ru: 'Инвентарный номер', en: 'Inventory number' },
        type: 'string',
        required: true,
      },
      { key: 'installedOn', header: { ru: 'Дата ввода', en: 'Commissioning date' }, type: 'date' },
      { key: 'price', header: { ru: 'Стоимость', en: 'Price' }, type: 'decimal', scale: 2 },
      {
        key: 'studies',
        header: { ru: 'Исследований за год', en: 'Studies a year' },
        type: 'integer',
      },
      { key: 'digital', header: { ru: 'Цифровой', en: 'Digital' }, type: 'boolean' },
    ] as const satisfies readonly ColumnSpec[];
    const sheet = await readSpreadsheet({ path, filename: 'devices.xlsx' }, columns);
    const values = [];
    for await (const row of sheet) values.push(row.values);
    expect(values).toEqual([
      {
        inventoryNumber: 'ИН-0001',
        installedOn: '2015-03-01',
        price: '1234567.89',
        studies: 12345,
        digital: true,
      },
      {
        inventoryNumber: 'ИН-0002',
        installedOn: '2008-12-31',
        price: '99.50',
        studies: 7,
        digital: false,
      },
    ]);
  });

  it('labels booleans in English when asked', async () => {
    const path = await toFile('report-en.xlsx', async (out) => {
      const report = new XlsxReportWriter(out, { language: 'en' });
      report
        .addSheet('Devices', [
          { header: 'Digital', type: 'boolean', value: (d: Device) => d.digital },
        ])
        .addRow(DEVICES[0]);
      await report.finish();
    });
    const ws = (await open(path)).getWorksheet('Devices') as ExcelJS.Worksheet;
    expect([ws.getCell('A1').value, ws.getCell('A2').value]).toEqual(['Digital', 'Yes']);
  });

  it('streams 10,000 rows through a slow output, keeping pace with it', async () => {
    let bytes = 0;
    const path = join(dir, 'big.xlsx');
    const file = createWriteStream(path);
    // A client that takes one event-loop turn per chunk and holds little.
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        file.write(chunk, () => setImmediate(callback));
      },
      final(callback) {
        file.end(callback);
      },
    });
    const report = new XlsxReportWriter(slow, { language: 'ru' });
    const sheet = report.addSheet('Устройства', DEVICE_REPORT);
    let bytesBeforeLastRow = 0;
    async function* devices(): AsyncGenerator<Device> {
      for (let i = 0; i < 10_000; i++) {
        if (i === 9_999) bytesBeforeLastRow = bytes;
        yield { ...DEVICES[i % 2], inventoryNumber: `ИН-${i}` };
      }
    }
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    await sheet.addRows(devices());
    await report.finish();
    console.warn(
      `report: 10000 rows written in ${Math.round(performance.now() - started)} ms, ${bytes} bytes, heap +${(
        (process.memoryUsage().heapUsed - heapBefore) /
        2 ** 20
      ).toFixed(1)} MB`,
    );
    // Rows went out while later rows were still being produced: most of the file had reached the
    // client before the last row was written, rather than all of it piling up in memory first.
    expect(bytesBeforeLastRow).toBeGreaterThan(bytes / 2);

    const ws = (await open(path)).getWorksheet('Устройства') as ExcelJS.Worksheet;
    expect(ws.rowCount).toBe(10_001);
    expect(ws.getCell('A10001').value).toBe('ИН-9999');
    expect(ws.getCell('B10001').value).toEqual(new Date(Date.UTC(2008, 11, 31)));
  }, 60_000);

  it('stops with an error, instead of hanging, when the client goes away', async () => {
    // Nobody reads this output, so the writer soon waits for it to drain; then the client leaves.
    const out = new PassThrough({ highWaterMark: 1024 });
    const report = new XlsxReportWriter(out, { language: 'ru' });
    const sheet = report.addSheet('Устройства', DEVICE_REPORT);
    const rows = (function* () {
      for (let i = 0; i < 100_000; i++) yield DEVICES[0];
    })();
    setTimeout(() => out.destroy(), 50);
    await expect(sheet.addRows(rows)).rejects.toThrow(
      'The output closed before the workbook was written.',
    );
  });

  it('rejects values that do not fit the column type, naming the column', () => {
    const report = new XlsxReportWriter(new PassThrough(), { language: 'ru' });
    const sheet = report.addSheet(
      'X',
      [{ header: 'Стоимость', type: 'money', value: (v: string) => v }],
      { sampleRows: 1 },
    );
    expect(() => sheet.addRow('дорого')).toThrow(
      'Report column "Стоимость": дорого is not a number.',
    );
  });
});

const TEMPLATE_COLUMNS = [
  {
    key: 'inventoryNumber',
    header: { ru: 'Инвентарный номер', en: 'Inventory number' },
    type: 'string',
    required: true,
    maxLength: 20,
  },
  {
    key: 'modality',
    header: { ru: 'Модальность', en: 'Modality' },
    type: 'enum',
    required: true,
    enumValues: [
      { value: 'CT', aliases: ['КТ', 'computed tomography'] },
      { value: 'MRI', aliases: ['МРТ'] },
    ],
  },
  {
    key: 'installedOn',
    header: { ru: 'Дата ввода', en: 'Commissioning date' },
    type: 'date',
    min: '1990-01-01',
  },
  { key: 'price', header: { ru: 'Стоимость', en: 'Price' }, type: 'decimal', scale: 2 },
  { key: 'digital', header: { ru: 'Цифровой', en: 'Digital' }, type: 'boolean' },
] as const satisfies readonly ColumnSpec[];

describe('writeTemplate', () => {
  it('writes Russian and English headers, formats, drop-downs and a help sheet', async () => {
    const path = await toFile('template.xlsx', (out) => writeTemplate(TEMPLATE_COLUMNS, out));
    const workbook = await open(path);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Данные', 'Справка (Help)']);
    const ws = workbook.getWorksheet('Данные') as ExcelJS.Worksheet;
    expect(ws.getRow(1).values).toEqual([
      undefined,
      'Инвентарный номер *',
      'Модальность *',
      'Дата ввода',
      'Стоимость',
      'Цифровой',
    ]);
    expect(ws.getRow(2).values).toEqual([
      undefined,
      'Inventory number *',
      'Modality *',
      'Commissioning date',
      'Price',
      'Digital',
    ]);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getCell('B3').dataValidation).toMatchObject({ type: 'list', formulae: ['"КТ,МРТ"'] });
    expect(ws.getCell('E1002').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"Да,Нет"'],
    });
    expect(ws.getColumn(1).numFmt).toBe('@');
    expect(ws.getColumn(3).numFmt).toBe('dd.mm.yyyy');
    const help = workbook.getWorksheet('Справка (Help)') as ExcelJS.Worksheet;
    expect(help.getRow(3).values).toEqual([
      undefined,
      'Модальность',
      'Modality',
      'Да / Yes',
      'Значение из списка / One of the listed values',
      'КТ = computed tomography = CT; МРТ = MRI',
    ]);
  });

  it('is read back as it is once filled in, and rejected while empty', async () => {
    const path = await toFile('filled.xlsx', (out) => writeTemplate(TEMPLATE_COLUMNS, out));
    await expect(
      readSpreadsheet({ path, filename: 'template.xlsx' }, TEMPLATE_COLUMNS),
    ).rejects.toThrow(SpreadsheetFileError);

    const workbook = await open(path);
    const ws = workbook.getWorksheet('Данные') as ExcelJS.Worksheet;
    ws.getRow(3).values = ['000123', 'КТ', new Date(Date.UTC(2019, 5, 30)), 1500000.5, 'Да'];
    ws.getRow(4).values = ['000124', 'МРТ', '01.02.2021', '2 000 000,00', 'Нет'];
    ws.getRow(5).values = ['000125', 'ПЭТ', '31.02.2021', '1,234', 'может быть'];
    await workbook.xlsx.writeFile(path);

    const sheet = await readSpreadsheet({ path, filename: 'devices.xlsx' }, TEMPLATE_COLUMNS);
    expect(sheet.info).toMatchObject({
      sheetName: 'Данные',
      headerRow: 1,
      headerRows: [1, 2],
      warnings: [],
    });
    const rows = [];
    for await (const row of sheet) rows.push(row);
    expect(rows.slice(0, 2)).toEqual([
      {
        row: 3,
        values: {
          inventoryNumber: '000123',
          modality: 'CT',
          installedOn: '2019-06-30',
          price: '1500000.50',
          digital: true,
        },
        errors: [],
      },
      {
        row: 4,
        values: {
          inventoryNumber: '000124',
          modality: 'MRI',
          installedOn: '2021-02-01',
          price: '2000000.00',
          digital: false,
        },
        errors: [],
      },
    ]);
    expect(rows[2].errors.map((e) => [e.cell, e.column, e.code])).toEqual([
      ['B5', 'Модальность *', 'UNKNOWN_VALUE'],
      ['C5', 'Дата ввода', 'INVALID_DATE'],
      ['D5', 'Стоимость', 'TOO_MANY_DECIMALS'],
      ['E5', 'Цифровой', 'INVALID_BOOLEAN'],
    ]);
  });
});
