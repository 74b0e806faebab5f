import { SlaVerdictScope } from '@radfleet/shared';

/** What the database measured for one covered device over one measurement period. */
export interface DeviceSlaFigures {
  coveredHours: number;
  /** Unplanned downtime (union of breakdowns) on the contract's basis. */
  downtimeHours: number;
  breakdowns: number;
  responseBreaches: number;
  repairBreaches: number;
  /** Started days over the repair term, summed over the breakdowns. */
  overrunDays: number;
}

export interface DeviceSlaVerdict {
  uptimePercent: number | null;
  /** Started days of downtime over what the guaranteed uptime allows. */
  shortfallDays: number;
  penaltyDays: number;
  met: boolean;
}

const EPSILON = 1e-9;

/**
 * The verdict on one device (or one contract's devices together) over one measurement period:
 * uptime against the guarantee, response and repair times against their terms. Repair overruns and
 * the uptime shortfall measure the same lost days, so the penalty counts the larger of the two
 * rather than their sum.
 */
export function judgeDevice(
  f: DeviceSlaFigures,
  guaranteedUptimePercent: number,
): DeviceSlaVerdict {
  if (f.coveredHours <= 0) {
    return {
      uptimePercent: null,
      shortfallDays: 0,
      penaltyDays: f.overrunDays,
      met: f.responseBreaches === 0 && f.repairBreaches === 0,
    };
  }
  const downtime = Math.min(f.downtimeHours, f.coveredHours);
  const uptime = (100 * (f.coveredHours - downtime)) / f.coveredHours;
  const allowed = ((100 - guaranteedUptimePercent) / 100) * f.coveredHours;
  const excess = downtime - allowed;
  const shortfallDays = excess > EPSILON ? Math.ceil(excess / 24 - EPSILON) : 0;
  return {
    uptimePercent: Math.round(uptime * 100) / 100,
    shortfallDays,
    penaltyDays: Math.max(f.overrunDays, shortfallDays),
    met:
      uptime + EPSILON >= guaranteedUptimePercent &&
      f.responseBreaches === 0 &&
      f.repairBreaches === 0,
  };
}

/** Adds figures up (downtime capped at each part's covered hours). */
export function sumFigures(list: readonly DeviceSlaFigures[]): DeviceSlaFigures {
  return list.reduce<DeviceSlaFigures>(
    (s, f) => ({
      coveredHours: s.coveredHours + Math.max(0, f.coveredHours),
      downtimeHours: s.downtimeHours + Math.min(f.downtimeHours, Math.max(0, f.coveredHours)),
      breakdowns: s.breakdowns + f.breakdowns,
      responseBreaches: s.responseBreaches + f.responseBreaches,
      repairBreaches: s.repairBreaches + f.repairBreaches,
      overrunDays: s.overrunDays + f.overrunDays,
    }),
    {
      coveredHours: 0,
      downtimeHours: 0,
      breakdowns: 0,
      responseBreaches: 0,
      repairBreaches: 0,
      overrunDays: 0,
    },
  );
}

export interface PeriodSlaVerdict {
  /** Per device, in the order given. */
  devices: DeviceSlaVerdict[];
  uptimePercent: number | null;
  met: boolean;
  penaltyDays: number;
}

/**
 * The verdict on one whole measurement period of a contract. PER_DEVICE: each device is judged on
 * its own and the period's penalty days add up the devices'. PER_CONTRACT: the devices' hours are
 * added up and judged once against the guarantee; a device's own line then carries only its repair
 * overruns, and the period's penalty is the larger of the summed overruns and the contract's
 * uptime shortfall.
 */
export function judgePeriod(
  devices: readonly DeviceSlaFigures[],
  guaranteedUptimePercent: number,
  scope: SlaVerdictScope,
): PeriodSlaVerdict {
  const all = sumFigures(devices);
  const overall = judgeDevice(all, guaranteedUptimePercent);
  if (scope === SlaVerdictScope.PER_CONTRACT) {
    return {
      devices: devices.map((f) => {
        const own = judgeDevice(f, guaranteedUptimePercent);
        return {
          ...own,
          shortfallDays: 0,
          penaltyDays: f.overrunDays,
          met: f.responseBreaches === 0 && f.repairBreaches === 0,
        };
      }),
      uptimePercent: overall.uptimePercent,
      met: overall.met,
      penaltyDays: overall.penaltyDays,
    };
  }
  const verdicts = devices.map((f) => judgeDevice(f, guaranteedUptimePercent));
  return {
    devices: verdicts,
    uptimePercent: overall.uptimePercent,
    met: verdicts.every((v) => v.met),
    penaltyDays: verdicts.reduce((s, v) => s + v.penaltyDays, 0),
  };
}
