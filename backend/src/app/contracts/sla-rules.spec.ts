import {
  formatKopecks,
  kopecks,
  measurementPeriods,
  SlaMeasurementPeriod,
  SlaVerdictScope,
} from '@radfleet/shared';
import { describe, expect, it } from 'vitest';
import { judgeDevice, judgePeriod, type DeviceSlaFigures } from './sla-rules.js';

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

describe('measurementPeriods', () => {
  it('widens any range to the whole months or quarters it touches', () => {
    expect(measurementPeriods('2025-07-20', '2025-08-03', SlaMeasurementPeriod.MONTH)).toEqual([
      { from: '2025-07-01', to: '2025-07-31' },
      { from: '2025-08-01', to: '2025-08-31' },
    ]);
    expect(measurementPeriods('2025-08-15', '2025-08-15', SlaMeasurementPeriod.QUARTER)).toEqual([
      { from: '2025-07-01', to: '2025-09-30' },
    ]);
    expect(measurementPeriods('2024-12-31', '2025-01-01', SlaMeasurementPeriod.QUARTER)).toEqual([
      { from: '2024-10-01', to: '2024-12-31' },
      { from: '2025-01-01', to: '2025-03-31' },
    ]);
  });

  it('ends February on the 29th in a leap year', () => {
    expect(measurementPeriods('2024-02-10', '2024-02-10', SlaMeasurementPeriod.MONTH)).toEqual([
      { from: '2024-02-01', to: '2024-02-29' },
    ]);
    expect(measurementPeriods('2025-02-10', '2025-02-10', SlaMeasurementPeriod.MONTH)[0]!.to).toBe(
      '2025-02-28',
    );
  });
});

describe('judgePeriod', () => {
  const device = (f: Partial<DeviceSlaFigures>): DeviceSlaFigures => ({ ...figures, ...f });

  it('per device: adds up the devices’ penalty days and fails when any device fails', () => {
    const v = judgePeriod(
      [device({ downtimeHours: 48, breakdowns: 1 }), device({})],
      95,
      SlaVerdictScope.PER_DEVICE,
    );
    expect(v).toMatchObject({ met: false, penaltyDays: 1, uptimePercent: 96.67 });
    expect(v.devices.map((d) => d.met)).toEqual([false, true]);
  });

  it('per contract: judges the devices’ hours together, so a healthy device makes up for a failing one', () => {
    const v = judgePeriod(
      [device({ downtimeHours: 48, breakdowns: 1 }), device({})],
      95,
      SlaVerdictScope.PER_CONTRACT,
    );
    // 48 h of 1,440 h is 96.67 %: met over the contract.
    expect(v).toMatchObject({ met: true, penaltyDays: 0, uptimePercent: 96.67 });
    expect(v.devices[0]).toMatchObject({ uptimePercent: 93.33, penaltyDays: 0, met: true });
  });

  it('per contract: still counts each breakdown’s repair overrun', () => {
    const v = judgePeriod(
      [device({ downtimeHours: 20, repairBreaches: 1, overrunDays: 2 }), device({})],
      95,
      SlaVerdictScope.PER_CONTRACT,
    );
    expect(v).toMatchObject({ met: false, penaltyDays: 2 });
  });

  it('a device commissioned mid-period is judged over its covered hours only', () => {
    // Commissioned on day 46 of a 90-day quarter: 45 days covered (1,080 h), 48 h down.
    const v = judgePeriod(
      [device({ coveredHours: 1080, downtimeHours: 48, breakdowns: 1 })],
      95,
      SlaVerdictScope.PER_DEVICE,
    );
    expect(v.devices[0]).toMatchObject({ uptimePercent: 95.56, met: true, penaltyDays: 0 });
  });

  it('a device decommissioned before the period has nothing to judge', () => {
    const v = judgePeriod([device({ coveredHours: 0 })], 95, SlaVerdictScope.PER_DEVICE);
    expect(v).toEqual({
      devices: [{ uptimePercent: null, shortfallDays: 0, penaltyDays: 0, met: true }],
      uptimePercent: null,
      met: true,
      penaltyDays: 0,
    });
  });

  it('month by month adds up to the same penalty as the months judged on their own', () => {
    const months = [
      device({ coveredHours: 744, downtimeHours: 37.2 + 24 * 2 }),
      device({ coveredHours: 744, downtimeHours: 37.2 + 24 * 5 }),
      device({ coveredHours: 720, downtimeHours: 36 + 24 * 8 }),
    ].map((m) => judgePeriod([m], 95, SlaVerdictScope.PER_DEVICE).penaltyDays);
    expect(months).toEqual([2, 5, 8]);
  });
});
