import { describe, expect, it } from 'vitest';
import { formatKopecks, judgeDevice, kopecks } from './sla-rules.js';

const figures = {
  coveredHours: 720,
  downtimeHours: 0,
  breakdowns: 0,
  responseBreaches: 0,
  repairBreaches: 0,
  overrunDays: 0,
};

describe('judgeDevice', () => {
  it('48 hours down in a 30-day month is 93.33 % uptime: breached against 95 %, one day over', () => {
    const v = judgeDevice({ ...figures, downtimeHours: 48, breakdowns: 1 }, 95);
    // 5 % of 720 h allows 36 h; 12 h more is one started day.
    expect(v).toEqual({ uptimePercent: 93.33, shortfallDays: 1, penaltyDays: 1, met: false });
  });

  it('meets the guarantee exactly at the allowed downtime', () => {
    expect(judgeDevice({ ...figures, downtimeHours: 36, breakdowns: 1 }, 95)).toEqual({
      uptimePercent: 95,
      shortfallDays: 0,
      penaltyDays: 0,
      met: true,
    });
  });

  it('counts repair overruns and the uptime shortfall once, taking the larger', () => {
    const v = judgeDevice(
      {
        ...figures,
        downtimeHours: 36 + 24 * 3 + 1,
        repairBreaches: 1,
        breakdowns: 1,
        overrunDays: 2,
      },
      95,
    );
    expect(v.shortfallDays).toBe(4);
    expect(v.penaltyDays).toBe(4);
    const w = judgeDevice({ ...figures, downtimeHours: 10, repairBreaches: 1, overrunDays: 3 }, 95);
    expect(w).toMatchObject({ shortfallDays: 0, penaltyDays: 3, met: false });
  });

  it('a late engineer breaches the SLA even with the uptime met', () => {
    expect(judgeDevice({ ...figures, downtimeHours: 2, responseBreaches: 1 }, 95)).toMatchObject({
      met: false,
      penaltyDays: 0,
    });
  });

  it('has no uptime for a device not covered in the period', () => {
    expect(judgeDevice({ ...figures, coveredHours: 0 }, 95)).toEqual({
      uptimePercent: null,
      shortfallDays: 0,
      penaltyDays: 0,
      met: true,
    });
  });
});

describe('kopecks', () => {
  it('reads and writes exact rouble amounts', () => {
    expect(kopecks('1234.5')).toBe(123450n);
    expect(kopecks('99999999999999.99')).toBe(9999999999999999n);
    expect(kopecks('7')).toBe(700n);
    expect(formatKopecks(123405n)).toBe('1234.05');
    expect(formatKopecks(-5n)).toBe('-0.05');
  });
});
