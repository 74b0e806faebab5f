import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ImportRowOutcome } from '@radfleet/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/app.config.js';
import { DomainException } from '../problem/domain.exception.js';
import { assertSomeRowInScope, boundedRows, SpreadsheetImports } from './imports.service.js';

const ok = (row: number): ImportRowOutcome => ({
  row,
  action: 'create',
  key: `K-${row}`,
  errors: [],
});
const bad = (row: number, code = 'REQUIRED'): ImportRowOutcome => ({
  row,
  action: 'error',
  key: `K-${row}`,
  errors: [{ column: 'Модель', message: 'must not be empty', code }],
});

describe('boundedRows', () => {
  it('keeps every error row up to its cap and the first others up to theirs, in file order', () => {
    const outcomes = [ok(2), bad(3), ok(4), bad(5), ok(6), bad(7), ok(8)];
    expect(boundedRows(outcomes, 2, 1).map((o) => o.row)).toEqual([2, 3, 5]);
    expect(boundedRows(outcomes, 10, 10)).toEqual(outcomes);
    expect(boundedRows(outcomes, 0, 0)).toEqual([]);
  });
});

describe('assertSomeRowInScope', () => {
  it('refuses a file whose every row is outside the scope, and only that', () => {
    expect(() => assertSomeRowInScope([bad(2, 'OUTSIDE_SCOPE'), bad(3, 'OUTSIDE_SCOPE')])).toThrow(
      expect.objectContaining({ code: 'OUTSIDE_FACILITY_SCOPE', kind: 'FORBIDDEN' }),
    );
    expect(() => assertSomeRowInScope([bad(2, 'OUTSIDE_SCOPE'), ok(3)])).not.toThrow();
    expect(() => assertSomeRowInScope([bad(2, 'OUTSIDE_SCOPE'), bad(3)])).not.toThrow();
    expect(() => assertSomeRowInScope([])).not.toThrow();
  });
});

describe('SpreadsheetImports.answer', () => {
  const imports = new SpreadsheetImports(
    loadConfig({ IMPORT_PREVIEW_ERROR_ROWS: '5', IMPORT_PREVIEW_SAMPLE_ROWS: '3' }),
  );
  afterAll(() => imports.onModuleDestroy());

  // Writes and reads back a 10,000-row workbook: seconds of CPU on a busy machine.
  it(
    'answers totals of all rows, a bounded preview, and stores the full result for its user',
    { timeout: 60_000 },
    async () => {
      const outcomes = Array.from({ length: 10_000 }, (_, i) =>
        i % 1000 === 0 ? bad(i + 2) : ok(i + 2),
      );
      const result = await imports.answer({ id: 'user-1' }, 'devices', outcomes, {
        dryRun: true,
        applied: false,
        warnings: [],
      });
      expect(result.totals).toEqual({
        rows: 10_000,
        create: 9990,
        update: 0,
        unchanged: 0,
        error: 10,
      });
      expect(result.rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 1002, 2002, 3002, 4002]);
      expect(result.truncated).toBe(true);
      const id = /\/api\/imports\/results\/([0-9a-f-]{36})\.xlsx$/.exec(
        result.resultUrl ?? '',
      )?.[1];
      expect(id).toBeDefined();

      const sink = () => {
        const chunks: Buffer[] = [];
        const out = new PassThrough();
        out.on('data', (c: Buffer) => chunks.push(c));
        return { out, bytes: () => Buffer.concat(chunks) };
      };
      const stranger = sink();
      await expect(
        imports.writeResult({ id: 'user-2' }, id!, stranger.out, () => undefined),
      ).rejects.toBeInstanceOf(DomainException);
      expect(stranger.bytes().length).toBe(0);
      const owner = sink();
      let fileName = '';
      await imports.writeResult({ id: 'user-1' }, id!, owner.out, (name) => (fileName = name));
      expect(fileName).toMatch(/^radfleet-devices-import-\d{8}-\d{6}\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(owner.bytes() as never);
      const sheet = wb.worksheets[0]!;
      expect(sheet.rowCount).toBe(10_001);
      expect(sheet.getRow(2).getCell(5).value).toBe('REQUIRED');
      expect(sheet.getRow(10_001).getCell(1).value).toBe(10_001);
    },
  );

  it('stores nothing for a file without rows', async () => {
    const result = await imports.answer({ id: 'u' }, 'counts', [], {
      dryRun: true,
      applied: false,
      warnings: [],
    });
    expect(result).toMatchObject({
      rows: [],
      truncated: false,
      resultUrl: null,
      resultExpiresAt: null,
    });
  });
});
