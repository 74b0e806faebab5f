/** What the database measured for one covered device over a period. */
export interface DeviceSlaFigures {
  coveredHours: number;
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
 * The verdict on one device: uptime against the guarantee, response and repair times against
 * their terms. Repair overruns and the uptime shortfall measure the same lost days, so the penalty
 * counts the larger of the two rather than their sum.
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

/** Kopecks of a decimal rouble string, exactly. */
export function kopecks(amount: string): bigint {
  const [whole, fraction = ''] = amount.split('.');
  return BigInt(whole!) * 100n + BigInt((fraction + '00').slice(0, 2));
}

export function formatKopecks(k: bigint): string {
  const negative = k < 0n;
  const a = negative ? -k : k;
  return `${negative ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}
