import { DeviceStatus, Technology } from '@radfleet/shared';
import { describe, expect, it } from 'vitest';
import { deviceRuleErrors, type DeviceState } from './device-rules.js';

const base: DeviceState = {
  technology: Technology.DIGITAL,
  archiveConnected: true,
  status: DeviceStatus.IN_SERVICE,
  commissioningDate: '2015-03-01',
  yearOfManufacture: 2014,
  decommissionedOn: null,
  decommissionReason: null,
};
const today = '2026-11-27';

describe('device rules', () => {
  it('accepts a consistent device', () => {
    expect(deviceRuleErrors(base, today)).toEqual([]);
  });

  it('refuses an analogue device connected to the archive', () => {
    expect(
      deviceRuleErrors({ ...base, technology: Technology.ANALOGUE }, today).map((e) => e.field),
    ).toEqual(['archiveConnected']);
  });

  it('needs a date and a reason to decommission', () => {
    const errs = deviceRuleErrors({ ...base, status: DeviceStatus.DECOMMISSIONED }, today);
    expect(errs.map((e) => e.field)).toEqual(['decommissionedOn', 'decommissionReason']);
    expect(
      deviceRuleErrors(
        {
          ...base,
          status: DeviceStatus.DECOMMISSIONED,
          decommissionedOn: '2026-01-10',
          decommissionReason: 'износ',
        },
        today,
      ),
    ).toEqual([]);
  });

  it('refuses impossible dates', () => {
    expect(
      deviceRuleErrors({ ...base, commissioningDate: '2027-01-01' }, today).map((e) => e.field),
    ).toEqual(['commissioningDate']);
    expect(
      deviceRuleErrors(
        {
          ...base,
          status: DeviceStatus.PLANNED,
          commissioningDate: '2027-01-01',
          yearOfManufacture: null,
        },
        today,
      ),
    ).toEqual([]);
    expect(
      deviceRuleErrors({ ...base, yearOfManufacture: 2016 }, today).map((e) => e.field),
    ).toEqual(['commissioningDate']);
    expect(
      deviceRuleErrors(
        {
          ...base,
          decommissionedOn: '2014-01-01',
          decommissionReason: 'x',
          status: DeviceStatus.DECOMMISSIONED,
        },
        today,
      ).map((e) => e.field),
    ).toEqual(['decommissionedOn']);
  });
});
