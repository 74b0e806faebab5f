import { describe, expect, it } from 'vitest';
import { escapeFormulaText, packAsOf, previousMonth } from './executive-pack.service.js';
import { lastPeriods } from '../dashboard/index.js';

describe('the report pack rules', () => {
  it('escapes user text a spreadsheet would read as a formula, and only that', () => {
    for (const s of ['=1+1', '+7 495', '-5', '@SUM(A1)', '\t=x', '\r=x'])
      expect(escapeFormulaText(s)).toBe(`'${s}`);
    for (const s of ['ГКБ № 1', 'a=b', '', '1-2']) expect(escapeFormulaText(s)).toBe(s);
  });

  it("reports a month as of its last day, or today while it runs; the schedule's month is the previous one", () => {
    expect(packAsOf('2026-02', '2026-12-02')).toBe('2026-02-28');
    expect(packAsOf('2024-02', '2026-12-02')).toBe('2024-02-29');
    expect(packAsOf('2026-12', '2026-12-02')).toBe('2026-12-02');
    expect(previousMonth('2026-03-01')).toBe('2026-02');
    expect(previousMonth('2026-01-15')).toBe('2025-12');
  });

  it('takes the last complete month and quarter before a day for the SLA', () => {
    expect(lastPeriods('2026-05-10')).toEqual({
      MONTH: { from: '2026-04-01', to: '2026-04-30' },
      QUARTER: { from: '2026-01-01', to: '2026-03-31' },
    });
    expect(lastPeriods('2026-01-01')).toEqual({
      MONTH: { from: '2025-12-01', to: '2025-12-31' },
      QUARTER: { from: '2025-10-01', to: '2025-12-31' },
    });
  });
});
