/**
 * 10,000-row files are read as streams: progress arrives while the consumer is still iterating, and
 * the heap stays flat. The measured time and heap growth are printed (not asserted: shared CI cores).
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSpreadsheet } from './spreadsheet.reader.js';
import type { ColumnSpec, SpreadsheetInput, SpreadsheetProgress } from './spreadsheet.types.js';

const COLUMNS = [
  {
    key: 'inventoryNumber',
    header: { ru: 'Инвентарный номер', en: 'Inventory number' },
    type: 'string',
    required: true,
  },
  {
    key: 'modality',
    header: { ru: 'Модальность', en: 'Modality' },
    type: 'enum',
    required: true,
    enumValues: [
      { value: 'CT', aliases: ['КТ'] },
      { value: 'MRI', aliases: ['МРТ'] },
      { value: 'XRAY', aliases: ['Рентген'] },
    ],
  },
  { key: 'facility', header: { ru: 'Учреждение', en: 'Facility' }, type: 'string', required: true },
  { key: 'model', header: { ru: 'Модель', en: 'Model' }, type: 'string' },
  {
    key: 'installedOn',
    header: { ru: 'Дата ввода', en: 'Commissioning date' },
    type: 'date',
    required: true,
  },
  { key: 'price', header: { ru: 'Стоимость', en: 'Price' }, type: 'decimal', scale: 2 },
  { key: 'studies', header: { ru: 'Исследований', en: 'Studies' }, type: 'integer' },
  { key: 'digital', header: { ru: 'Цифровой', en: 'Digital' }, type: 'boolean' },
] as const satisfies readonly ColumnSpec[];

const ROWS = 10_000;
const MODALITIES = ['КТ', 'МРТ', 'Рентген'];

function rowOf(i: number): { values: (string | number | boolean | Date)[]; price: string } {
  const cents = (i * 7919) % 100;
  const rubles = 1_000_000 + i * 37;
  return {
    values: [
      `ИН-${String(i).padStart(6, '0')}`,
      MODALITIES[i % 3],
      `ГБУЗ «Городская поликлиника № ${(i % 155) + 1}» Департамента здравоохранения`,
      `Модель ${i % 40} «Цифровой комплекс»`,
      new Date(Date.UTC(2005 + (i % 19), i % 12, (i % 28) + 1)),
      rubles + cents / 100,
      i % 500,
      i % 5 !== 0,
    ],
    price: `${rubles}.${String(cents).padStart(2, '0')}`,
  };
}

function rubleText(i: number): string {
  const { price } = rowOf(i);
  const [int, frac] = price.split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00A0')},${frac}`;
}

let dir: string;
let xlsxInput: SpreadsheetInput;
let csvInput: SpreadsheetInput;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'radfleet-streaming-'));

  // xlsx as Excel stores it: shared strings after the sheet, dates as formatted serials.
  const xlsxPath = join(dir, 'devices-10k.xlsx');
  const out = createWriteStream(xlsxPath);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: true,
    useStyles: true,
  });
  const sheet = workbook.addWorksheet('Оборудование');
  sheet.addRow(COLUMNS.map((c) => c.header.ru)).commit();
  for (let i = 0; i < ROWS; i++) {
    const row = sheet.addRow(rowOf(i).values);
    row.getCell(5).numFmt = 'dd.mm.yyyy';
    row.commit();
  }
  await workbook.commit();
  xlsxInput = { path: xlsxPath, filename: 'devices-10k.xlsx' };

  // CSV as Russian Excel saves it: Windows-1251, `;`, CRLF, formatted numbers and dates.
  const lines = [COLUMNS.map((c) => c.header.ru).join(';')];
  for (let i = 0; i < ROWS; i++) {
    const v = rowOf(i).values;
    const d = v[4] as Date;
    const date = `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`;
    lines.push(
      [
        v[0],
        v[1],
        `"${String(v[2]).replace(/"/g, '""')}"`,
        v[3],
        date,
        rubleText(i),
        v[6],
        v[7] ? 'ИСТИНА' : 'ЛОЖЬ',
      ].join(';'),
    );
  }
  const csvPath = join(dir, 'devices-10k.csv');
  await writeFile(csvPath, iconv.encode(lines.join('\r\n') + '\r\n', 'windows1251'));
  csvInput = { path: csvPath, filename: 'devices-10k.csv' };
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Measured {
  progress: (SpreadsheetProgress & { consumed: number })[];
  consumed: number;
  errors: number;
  sample: Record<string, unknown> | undefined;
  ms: number;
  heapGrowthMb: number;
}

async function measure(input: SpreadsheetInput): Promise<Measured> {
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  let consumed = 0;
  let errors = 0;
  let sample: Record<string, unknown> | undefined;
  const progress: Measured['progress'] = [];
  const started = performance.now();
  const sheet = await readSpreadsheet(input, COLUMNS, {
    progressEveryRows: 500,
    onProgress: (p) => {
      progress.push({ ...p, consumed });
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    },
  });
  for await (const row of sheet) {
    consumed++;
    errors += row.errors.length;
    if (row.row === 5002) sample = row.values; // i = 5000: the header is row 1
  }
  const ms = performance.now() - started;
  return { progress, consumed, errors, sample, ms, heapGrowthMb: (peak - baseline) / 2 ** 20 };
}

function report(label: string, m: Measured, bytes: number): void {
  console.warn(
    `${label}: ${m.consumed} rows, ${(bytes / 2 ** 20).toFixed(1)} MB file, ${Math.round(m.ms)} ms, heap peak +${m.heapGrowthMb.toFixed(1)} MB`,
  );
}

const expectedSample = {
  inventoryNumber: 'ИН-005000',
  modality: 'XRAY',
  facility: 'ГБУЗ «Городская поликлиника № 41» Департамента здравоохранения',
  model: 'Модель 0 «Цифровой комплекс»',
  installedOn: '2008-09-17',
  price: rowOf(5000).price,
  studies: 0,
  digital: false,
};

describe('10,000-row files', () => {
  it('streams the xlsx: progress arrives while rows are still being consumed', async () => {
    const m = await measure(xlsxInput);
    report('xlsx', m, (await stat(xlsxInput.path)).size);
    expect(m.consumed).toBe(ROWS);
    expect(m.errors).toBe(0);
    expect(m.sample).toEqual(expectedSample);
    expect(m.progress.length).toBe(ROWS / 500 + 1);
    expect(m.progress[0]).toMatchObject({ rowsRead: 500, consumed: 499, done: false });
    expect(m.progress.filter((p) => p.consumed < ROWS - 1)).toHaveLength(ROWS / 500 - 1);
    expect(m.progress.at(-1)).toMatchObject({
      rowsRead: ROWS,
      done: true,
      bytesRead: m.progress[0].totalBytes,
    });
  }, 60_000);

  it('streams the CSV: rows and bytes advance together, the file is never read whole', async () => {
    const m = await measure(csvInput);
    report('csv (windows-1251)', m, (await stat(csvInput.path)).size);
    expect(m.consumed).toBe(ROWS);
    expect(m.errors).toBe(0);
    expect(m.sample).toEqual(expectedSample);
    const first = m.progress[0];
    expect(first).toMatchObject({ rowsRead: 500, consumed: 499, done: false });
    expect(first.bytesRead).toBeLessThan(first.totalBytes / 2);
    const bytes = m.progress.map((p) => p.bytesRead);
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
    expect(m.progress.at(-1)).toMatchObject({
      rowsRead: ROWS,
      done: true,
      bytesRead: first.totalBytes,
    });
  }, 60_000);
});
