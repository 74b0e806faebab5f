import {
  COCIR_RULES,
  Modality,
  PlanReason,
  ScenarioTargetKind,
  type CapacityYear,
  type CocirYear,
  type District,
  type PlanMeasures,
  type PlanYearMeasures,
  type ScenarioTarget,
} from '@radfleet/shared';

/**
 * The pure part of replacement scenarios: the fleet as the solver sees it, the mixed-integer
 * program over replace[device, year] written as CPLEX LP text for HiGHS, the spreadsheet
 * ("by score") method, and the measures every plan is reported on. No I/O here.
 *
 * Conventions: year offsets t = 0 … H−1 stand for calendar years startYear + t. A device replaced
 * in year y is new (age 0) at the end of y. A device is past life in year y when it is still the
 * original at the end of y and y is after the year of its end of life. Ages are whole years at
 * the end of a year (y − service start year). Money is in roubles; the model itself counts in
 * millions of roubles for numerical conditioning.
 */

/** One installed device as the solver sees it. */
export interface FleetDevice {
  id: string;
  modality: Modality;
  district: District | null;
  analogue: boolean;
  /** The priority score 0–100 under the scenario's weights. */
  score: number;
  /** Today's replacement price in roubles; null when none is known (then it cannot be replaced). */
  price: number | null;
  /** The calendar year of its end of life; null when unknown. */
  eolYear: number | null;
  /** The year its service started; null when unknown. */
  serviceStartYear: number | null;
}

/** Forecast demand and the throughput of one device, per modality. */
export interface ModalityCapacity {
  modality: Modality;
  /** Studies a year one device does; null when unmeasured. */
  perDevice: number | null;
  /** Forecast studies a year, by calendar year. */
  demand: Record<number, number>;
  /** The price of a new device today, roubles. */
  price: number | null;
}

export interface ScenarioProblem {
  startYear: number;
  horizonYears: number;
  /** Yearly caps in roubles, one per year. */
  caps: number[];
  carryOver: boolean;
  /** Yearly escalation, %. */
  escalationPct: number;
  /** The year today's prices are of. */
  priceYear: number;
  targets: ScenarioTarget[];
  pins: { deviceId: string; year: number }[];
  exclusions: string[];
  removals: string[];
  devices: FleetDevice[];
  capacity: ModalityCapacity[];
}

/** A schedule: device index → year offset; new devices per modality and year offset. */
export interface Schedule {
  replace: Map<number, number>;
  added: { modality: Modality; t: number; count: number }[];
}

const MILLION = 1_000_000;
const eps = 1e-6;

export function escalatedPrice(p: ScenarioProblem, price: number, t: number): number {
  const years = Math.max(0, p.startYear + t - p.priceYear);
  return Math.round(price * 100 * Math.pow(1 + p.escalationPct / 100, years)) / 100;
}

/** The value of replacing a device in year offset t: its score times the years left in the horizon. */
export function benefit(p: ScenarioProblem, score: number, t: number): number {
  return score * (p.horizonYears - t);
}

export type AgeClass = 0 | 1 | 2;
/** COCIR's classes: 0–5 years, 6–10, more than 10. */
export const ageClass = (age: number): AgeClass => (age <= 5 ? 0 : age <= 10 ? 1 : 2);

/** Which devices the program may replace, and in which years. */
export interface Prepared {
  p: ScenarioProblem;
  removed: Set<number>;
  excluded: Set<number>;
  /** Pinned devices: index → year offset. */
  pinned: Map<number, number>;
  /** Devices the program may replace (not removed, not excluded, priced). */
  candidates: number[];
  candidateSet: Set<number>;
  /** Modalities that may get new devices (a CAPACITY target names them). */
  capacityModalities: ModalityCapacity[];
  /** For each device, the first target (index) that forces it, and by which year offset. */
  forcedBy: Map<number, { target: number; byT: number }>;
  /** Targets that no budget can meet, with why. */
  impossible: { target: number | null; reason: string }[];
}

export function prepare(p: ScenarioProblem): Prepared {
  const index = new Map(p.devices.map((d, i) => [d.id, i]));
  const removed = new Set(p.removals.map((id) => index.get(id)).filter((i) => i !== undefined));
  const excluded = new Set(p.exclusions.map((id) => index.get(id)).filter((i) => i !== undefined));
  const pinned = new Map<number, number>();
  const impossible: Prepared['impossible'] = [];
  for (const pin of p.pins) {
    const i = index.get(pin.deviceId);
    if (i === undefined || removed.has(i) || excluded.has(i)) continue;
    pinned.set(i, pin.year - p.startYear);
    if (p.devices[i]!.price === null)
      impossible.push({ target: null, reason: `pinned device ${pin.deviceId} has no price` });
  }
  const candidates: number[] = [];
  p.devices.forEach((d, i) => {
    if (!removed.has(i) && !excluded.has(i) && d.price !== null) candidates.push(i);
  });
  const last = p.horizonYears - 1;
  const forcedBy = new Map<number, { target: number; byT: number }>();
  p.targets.forEach((target, k) => {
    const T = target.year - p.startYear;
    if (target.kind === ScenarioTargetKind.ANALOGUE_OUT) {
      p.devices.forEach((d, i) => {
        if (!d.analogue || removed.has(i)) return;
        if (excluded.has(i) || d.price === null) {
          impossible.push({
            target: k,
            reason: `analogue device ${d.id} is ${excluded.has(i) ? 'excluded' : 'without a price'}`,
          });
          return;
        }
        const byT = Math.min(Math.max(T, 0), last);
        const prev = forcedBy.get(i);
        if (!prev || prev.byT > byT) forcedBy.set(i, { target: k, byT });
      });
    } else if (target.kind === ScenarioTargetKind.NO_PAST_LIFE) {
      p.devices.forEach((d, i) => {
        if (removed.has(i) || d.eolYear === null) return;
        const y0 = Math.max(target.year, d.eolYear + 1);
        const byT = y0 - p.startYear;
        if (byT > last) return;
        if (excluded.has(i) || d.price === null) {
          impossible.push({
            target: k,
            reason: `device ${d.id}, past life in ${y0}, is ${excluded.has(i) ? 'excluded' : 'without a price'}`,
          });
          return;
        }
        const t = Math.max(byT, 0);
        const prev = forcedBy.get(i);
        if (!prev || prev.byT > t) forcedBy.set(i, { target: k, byT: t });
      });
    } else if (target.kind === ScenarioTargetKind.CAPACITY) {
      for (const c of p.capacity) {
        if (target.modality && c.modality !== target.modality) continue;
        if (!c.perDevice || c.price === null) {
          const short = Object.entries(c.demand).some(
            ([y, d]) => Number(y) >= target.year && d > 0,
          );
          if (short && target.modality)
            impossible.push({ target: k, reason: `${c.modality} has no throughput or price` });
        }
      }
    }
  });
  const capacityModalities = p.capacity.filter(
    (c) =>
      c.perDevice &&
      c.price !== null &&
      p.targets.some(
        (t) => t.kind === ScenarioTargetKind.CAPACITY && (!t.modality || t.modality === c.modality),
      ),
  );
  for (const [i, f] of forcedBy) {
    const pin = pinned.get(i);
    if (pin !== undefined && pin > f.byT)
      impossible.push({
        target: f.target,
        reason: `device ${p.devices[i]!.id} is pinned to ${p.startYear + pin}, after the target's year`,
      });
  }
  return {
    p,
    removed,
    excluded,
    pinned,
    candidates,
    candidateSet: new Set(candidates),
    capacityModalities,
    forcedBy,
    impossible,
  };
}

/** Options of one LP text. */
export interface ModelOptions {
  /** The targets to include (a prefix when looking for the first failing one). */
  targets: number;
  /** Solve the relaxation: no integrality section. */
  relax: boolean;
  /** The budget as a variable B (uniform yearly cap), minimised; the caps are ignored. */
  budgetVariable: boolean;
  /** Variables fixed to a value (name → value), e.g. from the relaxation. */
  fixed?: Map<string, number>;
}

export const xName = (i: number, t: number) => `x${i}_${t}`;
export const nName = (m: Modality, t: number) => `n_${m}_${t}`;

/** The device's age class at the end of year offset y when replaced at s (s ≤ y) or never (s null). */
function originalAge(p: ScenarioProblem, d: FleetDevice, y: number): number | null {
  return d.serviceStartYear === null ? null : p.startYear + y - d.serviceStartYear;
}

/** The mixed-integer program as CPLEX LP text, and its variable count. */
export function buildLp(
  prep: Prepared,
  o: ModelOptions,
): { text: string; vars: number; rows: number } {
  const { p } = prep;
  const H = p.horizonYears;
  const last = H - 1;
  const lines: string[] = [];
  const obj: string[] = [];
  const cons: string[] = [];
  const bounds: string[] = [];
  const binaries: string[] = [];
  const generals: string[] = [];
  const fixed = o.fixed;
  const vars = new Set<string>();
  const targets = p.targets.slice(0, o.targets);
  const forced = new Map<number, number>();
  for (const [i, f] of prep.forcedBy) if (f.target < o.targets) forced.set(i, f.byT);
  // Columns of each device: years in which it may be replaced.
  const colsOf = (i: number): number[] => {
    const pin = prep.pinned.get(i);
    if (pin !== undefined) return pin >= 0 && pin <= last ? [pin] : [];
    return Array.from({ length: H }, (_, t) => t);
  };
  const num = (x: number) => (Math.abs(x) < 1e-12 ? '0' : String(Math.round(x * 1e9) / 1e9));
  const term = (c: number, v: string) => `${c >= 0 ? '+' : '-'} ${num(Math.abs(c))} ${v}`;

  for (const i of prep.candidates) {
    const d = p.devices[i]!;
    for (const t of colsOf(i)) {
      const v = xName(i, t);
      const f = fixed?.get(v);
      if (f === 0) continue;
      vars.add(v);
      if (!o.budgetVariable) obj.push(term(benefit(p, d.score, t), v));
      if (f === 1) bounds.push(`${v} = 1`);
      else bounds.push(`0 <= ${v} <= 1`);
      if (!o.relax) binaries.push(v);
    }
  }
  const addedModalities = prep.capacityModalities;
  for (const c of addedModalities) {
    for (let t = 0; t < H; t++) {
      const v = nName(c.modality, t);
      vars.add(v);
      // New devices cost a little in the objective so that none is bought without need.
      if (!o.budgetVariable) obj.push(term(-(escalatedPrice(p, c.price!, t) / MILLION) * 1e-3, v));
      bounds.push(`0 <= ${v} <= 1000`);
      if (!o.relax) generals.push(v);
    }
  }
  if (o.budgetVariable) {
    obj.push('+ 1 B');
    bounds.push('B >= 0');
  }
  const has = (v: string) => vars.has(v);

  // One replacement per device at most; pins exactly once.
  for (const i of prep.candidates) {
    const cols = colsOf(i).filter((t) => has(xName(i, t)));
    if (!cols.length) continue;
    const row = cols.map((t) => `+ ${xName(i, t)}`).join(' ');
    const fixedOne = colsOf(i).some((t) => fixed?.get(xName(i, t)) === 1);
    if (prep.pinned.has(i)) cons.push(`pin${i}: ${row} = 1`);
    else if (forced.has(i)) {
      const byT = forced.get(i)!;
      const early = cols.filter((t) => t <= byT);
      if (early.length) cons.push(`f${i}: ${early.map((t) => `+ ${xName(i, t)}`).join(' ')} >= 1`);
      else if (!fixedOne) cons.push(`f${i}: 0 ${xName(i, cols[0]!)} >= 1`);
      if (cols.length > 1) cons.push(`one${i}: ${row} <= 1`);
    } else if (cols.length > 1) cons.push(`one${i}: ${row} <= 1`);
  }

  // Budgets: per year, or cumulative with carry-over.
  const spendTerms: string[][] = Array.from({ length: H }, () => []);
  for (const i of prep.candidates) {
    const d = p.devices[i]!;
    for (const t of colsOf(i)) {
      const v = xName(i, t);
      if (!has(v)) continue;
      spendTerms[t]!.push(term(escalatedPrice(p, d.price!, t) / MILLION, v));
    }
  }
  for (const c of addedModalities)
    for (let t = 0; t < H; t++)
      spendTerms[t]!.push(term(escalatedPrice(p, c.price!, t) / MILLION, nName(c.modality, t)));
  let cumCap = 0;
  for (let t = 0; t < H; t++) {
    cumCap += p.caps[t]! / MILLION;
    const termsT = p.carryOver ? spendTerms.slice(0, t + 1).flat() : spendTerms[t]!;
    if (!termsT.length) continue;
    if (o.budgetVariable) {
      cons.push(`b${t}: ${termsT.join(' ')} - ${p.carryOver ? t + 1 : 1} B <= 0`);
    } else {
      cons.push(
        `b${t}: ${termsT.join(' ')} <= ${num((p.carryOver ? cumCap : p.caps[t]! / MILLION) + eps)}`,
      );
    }
  }

  // COCIR and capacity targets.
  targets.forEach((target, k) => {
    if (target.kind === ScenarioTargetKind.COCIR) {
      const inScope = (m: Modality) => !target.modality || target.modality === m;
      for (let y = Math.max(0, target.year - p.startYear); y <= last; y++) {
        // rows: 100·upTo5 − 60·N ≥ 0; 100·mid − 30·N ≤ 0; 100·old − 10·N ≤ 0
        const coef = [
          new Map<string, number>(),
          new Map<string, number>(),
          new Map<string, number>(),
        ];
        const constant = [0, 0, 0];
        const limit = [
          COCIR_RULES.maxAge5MinPct,
          COCIR_RULES.age6to10MaxPct,
          COCIR_RULES.over10MaxPct,
        ];
        const add = (r: number, v: string, c: number) =>
          coef[r]!.set(v, (coef[r]!.get(v) ?? 0) + c);
        p.devices.forEach((d, i) => {
          if (prep.removed.has(i) || !inScope(d.modality)) return;
          const age = originalAge(p, d, y);
          if (age === null) return;
          const c0 = ageClass(Math.max(0, age));
          for (let r = 0; r < 3; r++) constant[r]! += 100 * (c0 === r ? 1 : 0) - limit[r]!;
          if (!prep.candidateSet.has(i)) return;
          for (const s of colsOf(i)) {
            if (s > y) continue;
            const v = xName(i, s);
            if (!has(v)) continue;
            const c1 = ageClass(y - s);
            if (c1 === c0) continue;
            add(c0, v, -100);
            add(c1, v, 100);
          }
        });
        for (const c of addedModalities) {
          if (!inScope(c.modality)) continue;
          for (let s = 0; s <= y; s++) {
            const c1 = ageClass(y - s);
            for (let r = 0; r < 3; r++)
              add(r, nName(c.modality, s), (c1 === r ? 100 : 0) - limit[r]!);
          }
        }
        for (let r = 0; r < 3; r++) {
          const ts = [...coef[r]!].filter(([, c]) => c !== 0).map(([v, c]) => term(c, v));
          const lhs = ts.length ? ts.join(' ') : `0 ${[...vars][0] ?? 'B'}`;
          if (!vars.size && !o.budgetVariable) continue;
          const rhs = -constant[r]!;
          cons.push(`c${k}_${y}_${r}: ${lhs} ${r === 0 ? '>=' : '<='} ${num(rhs)}`);
        }
      }
    } else if (target.kind === ScenarioTargetKind.CAPACITY) {
      for (const c of addedModalities) {
        if (target.modality && target.modality !== c.modality) continue;
        const base = p.devices.filter(
          (d, i) => d.modality === c.modality && !prep.removed.has(i),
        ).length;
        for (let y = Math.max(0, target.year - p.startYear); y <= last; y++) {
          const demand = c.demand[p.startYear + y] ?? 0;
          const need = Math.ceil(demand / c.perDevice! - 1e-9) - base;
          if (need <= 0) continue;
          const row = Array.from({ length: y + 1 }, (_, s) => `+ ${nName(c.modality, s)}`).join(
            ' ',
          );
          cons.push(`k${k}_${c.modality}_${y}: ${row} >= ${need}`);
        }
      }
    }
  });

  lines.push(o.budgetVariable ? 'Minimize' : 'Maximize');
  lines.push(` obj: ${obj.length ? obj.join(' ') : `0 ${[...vars][0] ?? 'B'}`}`);
  lines.push('Subject To');
  if (cons.length) for (const c of cons) lines.push(` ${c}`);
  else lines.push(` dummy: 0 ${[...vars][0] ?? 'B'} >= 0`);
  lines.push('Bounds');
  for (const b of bounds) lines.push(` ${b}`);
  if (binaries.length) lines.push('Binaries', ` ${binaries.join(' ')}`);
  if (generals.length) lines.push('Generals', ` ${generals.join(' ')}`);
  lines.push('End');
  return {
    text: lines.join('\n'),
    vars: vars.size + (o.budgetVariable ? 1 : 0),
    rows: cons.length,
  };
}

/** Reads a schedule from the solver's column values. */
export function readSchedule(
  prep: Prepared,
  values: Record<string, number>,
  fixed?: Map<string, number>,
): Schedule {
  const replace = new Map<number, number>();
  const H = prep.p.horizonYears;
  for (const i of prep.candidates) {
    for (let t = 0; t < H; t++) {
      const v = xName(i, t);
      const x = values[v] ?? fixed?.get(v) ?? 0;
      if (x > 0.5) replace.set(i, t);
    }
  }
  const added: Schedule['added'] = [];
  for (const c of prep.capacityModalities)
    for (let t = 0; t < H; t++) {
      const n = Math.round(values[nName(c.modality, t)] ?? 0);
      if (n > 0) added.push({ modality: c.modality, t, count: n });
    }
  return { replace, added };
}

/**
 * The spreadsheet method: each year, pinned devices first, then the rest by score, highest first,
 * until the next one does not fit under the year's budget (the budget line). Targets are not
 * considered; the measures say which it misses.
 */
export function byScore(prep: Prepared): Schedule {
  const { p } = prep;
  const replace = new Map<number, number>();
  const order = [...prep.candidates]
    .filter((i) => !prep.pinned.has(i))
    .sort((a, b) => p.devices[b]!.score - p.devices[a]!.score || a - b);
  let carry = 0;
  for (let t = 0; t < p.horizonYears; t++) {
    let available = p.caps[t]! + (p.carryOver ? carry : 0);
    for (const [i, pt] of prep.pinned) {
      if (pt !== t) continue;
      replace.set(i, t);
      available -= escalatedPrice(p, p.devices[i]!.price!, t);
    }
    for (const i of order) {
      if (replace.has(i)) continue;
      const cost = escalatedPrice(p, p.devices[i]!.price!, t);
      if (cost > available + 0.005) break;
      replace.set(i, t);
      available -= cost;
    }
    carry = Math.max(0, available);
  }
  return { replace, added: [] };
}

const money = (kopecks: number) => (kopecks / 100).toFixed(2);
const pct1 = (n: number, of: number) => (of > 0 ? Math.round((1000 * n) / of) / 10 : null);

/** The objective of a schedule, as the program counts it (new devices are worth nothing). */
export function objectiveOf(prep: Prepared, s: Schedule): number {
  let v = 0;
  for (const [i, t] of s.replace) v += benefit(prep.p, prep.p.devices[i]!.score, t);
  return Math.round(v * 100) / 100;
}

/** Every measure of a schedule, year by year. */
export function measure(prep: Prepared, s: Schedule): PlanMeasures {
  const { p } = prep;
  const H = p.horizonYears;
  const years: PlanYearMeasures[] = [];
  let capCum = 0;
  let spendCum = 0;
  let pastLifeSum = 0;
  let totalSpend = 0;
  const byT = new Map<number, number[]>();
  for (const [i, t] of s.replace) byT.set(t, [...(byT.get(t) ?? []), i]);
  for (let t = 0; t < H; t++) {
    const year = p.startYear + t;
    const cap = Math.round(p.caps[t]! * 100);
    let spend = 0;
    const byModality: Partial<Record<Modality, number>> = {};
    const byDistrict: Partial<Record<string, number>> = {};
    for (const i of byT.get(t) ?? []) {
      const d = p.devices[i]!;
      const k = Math.round(escalatedPrice(p, d.price!, t) * 100);
      spend += k;
      byModality[d.modality] = (byModality[d.modality] ?? 0) + k;
      if (d.district) byDistrict[d.district] = (byDistrict[d.district] ?? 0) + k;
    }
    let newDevices = 0;
    for (const a of s.added) {
      if (a.t !== t) continue;
      const c = p.capacity.find((x) => x.modality === a.modality)!;
      const k = Math.round(escalatedPrice(p, c.price!, t) * 100) * a.count;
      spend += k;
      newDevices += a.count;
      byModality[a.modality] = (byModality[a.modality] ?? 0) + k;
    }
    capCum += cap;
    spendCum += spend;
    totalSpend += spend;
    const left = p.carryOver ? capCum - spendCum : cap - spend;
    // The installed base at the end of the year.
    let analogueLeft = 0;
    let pastLife = 0;
    let ageSum = 0;
    let aged = 0;
    const classes = [0, 0, 0];
    p.devices.forEach((d, i) => {
      if (prep.removed.has(i)) return;
      const r = s.replace.get(i);
      const replaced = r !== undefined && r <= t;
      if (!replaced && d.analogue) analogueLeft++;
      if (!replaced && d.eolYear !== null && year > d.eolYear) pastLife++;
      const age = replaced ? t - r : d.serviceStartYear === null ? null : year - d.serviceStartYear;
      if (age !== null) {
        ageSum += Math.max(0, age);
        aged++;
        classes[ageClass(Math.max(0, age))]!++;
      }
    });
    for (const a of s.added) {
      if (a.t > t) continue;
      ageSum += (t - a.t) * a.count;
      aged += a.count;
      classes[ageClass(t - a.t)]! += a.count;
    }
    pastLifeSum += pastLife;
    const devices = classes[0]! + classes[1]! + classes[2]!;
    const cocir: CocirYear = {
      devices,
      upTo5Pct: pct1(classes[0]!, devices),
      from6to10Pct: pct1(classes[1]!, devices),
      over10Pct: pct1(classes[2]!, devices),
      compliant: devices === 0 ? null : cocirHolds(classes),
    };
    const capacity: CapacityYear[] = p.capacity.map((c) => {
      const n =
        p.devices.filter((d, i) => d.modality === c.modality && !prep.removed.has(i)).length +
        s.added
          .filter((a) => a.modality === c.modality && a.t <= t)
          .reduce((x, a) => x + a.count, 0);
      const capacityStudies = Math.round(n * (c.perDevice ?? 0));
      const demandStudies = Math.round(c.demand[year] ?? 0);
      return {
        modality: c.modality,
        devices: n,
        capacityStudies,
        demandStudies,
        gapStudies: demandStudies - capacityStudies,
      };
    });
    years.push({
      year,
      cap: money(cap),
      spend: money(spend),
      budgetLeft: money(left),
      replacements: (byT.get(t) ?? []).length,
      newDevices,
      spendByModality: Object.fromEntries(
        Object.entries(byModality).map(([k, v]) => [k, money(v!)]),
      ),
      spendByDistrict: Object.fromEntries(
        Object.entries(byDistrict).map(([k, v]) => [k, money(v!)]),
      ),
      analogueLeft,
      pastLife,
      meanAge: aged ? Math.round((10 * ageSum) / aged) / 10 : null,
      cocir,
      capacity,
    });
  }
  const lastYear = years[years.length - 1];
  return {
    objective: objectiveOf(prep, s),
    totalSpend: money(totalSpend),
    replacements: s.replace.size,
    newDevices: s.added.reduce((x, a) => x + a.count, 0),
    deviceYearsPastLife: pastLifeSum,
    meanAgeAtHorizon: lastYear?.meanAge ?? null,
    years,
    unmetTargets: p.targets.filter((t) => !targetMet(prep, s, t, years)),
  };
}

function cocirHolds(c: number[]): boolean {
  const n = c[0]! + c[1]! + c[2]!;
  return (
    100 * c[0]! >= COCIR_RULES.maxAge5MinPct * n &&
    100 * c[1]! <= COCIR_RULES.age6to10MaxPct * n &&
    100 * c[2]! <= COCIR_RULES.over10MaxPct * n
  );
}

/** Whether a schedule meets a target in every year it names. */
export function targetMet(
  prep: Prepared,
  s: Schedule,
  target: ScenarioTarget,
  years: PlanYearMeasures[],
): boolean {
  const { p } = prep;
  const from = target.year - p.startYear;
  const span = years.filter((_, t) => t >= Math.max(0, from));
  switch (target.kind) {
    case ScenarioTargetKind.ANALOGUE_OUT: {
      const y = years[Math.min(Math.max(from, 0), years.length - 1)];
      return !y || y.analogueLeft === 0;
    }
    case ScenarioTargetKind.NO_PAST_LIFE:
      return span.every((y) => y.pastLife === 0);
    case ScenarioTargetKind.COCIR:
      return span.every((y, k) => {
        if (!target.modality) return y.cocir.compliant !== false;
        const t = Math.max(0, from) + k;
        const classes = [0, 0, 0];
        p.devices.forEach((d, i) => {
          if (prep.removed.has(i) || d.modality !== target.modality) return;
          const r = s.replace.get(i);
          const age =
            r !== undefined && r <= t
              ? t - r
              : d.serviceStartYear === null
                ? null
                : y.year - d.serviceStartYear;
          if (age !== null) classes[ageClass(Math.max(0, age))]!++;
        });
        for (const a of s.added)
          if (a.modality === target.modality && a.t <= t) classes[ageClass(t - a.t)]! += a.count;
        return classes[0]! + classes[1]! + classes[2]! === 0 || cocirHolds(classes);
      });
    case ScenarioTargetKind.CAPACITY:
      return span.every((y) =>
        y.capacity
          .filter(
            (c) => (!target.modality || c.modality === target.modality) && c.capacityStudies > 0,
          )
          .every((c) => c.gapStudies <= 0),
      );
  }
}

/** Why each replacement of a schedule is in it. */
export function reasonOf(
  prep: Prepared,
  i: number,
): { reason: PlanReason; target: ScenarioTarget | null } {
  if (prep.pinned.has(i)) return { reason: PlanReason.PIN, target: null };
  const f = prep.forcedBy.get(i);
  if (f) return { reason: PlanReason.TARGET, target: prep.p.targets[f.target]! };
  return { reason: PlanReason.SCORE, target: null };
}

/**
 * Rounds the relaxation to a plan and repairs it, without another solve: whole replacements are
 * kept; fractional devices that a target forces go to the year (up to the target's) where the
 * relaxation put most of them, dropping the least valuable unforced replacement of that year while
 * it does not fit; other fractional devices are dropped; then the budget left is filled by score.
 * Null when that cannot work (new devices for capacity, a target still unmet): the caller solves
 * the MIP instead.
 */
export function roundAndRepair(prep: Prepared, values: Record<string, number>): Schedule | null {
  const { p } = prep;
  if (prep.capacityModalities.length) return null;
  const H = p.horizonYears;
  const cost = (i: number, t: number) => escalatedPrice(p, p.devices[i]!.price!, t);
  const spend = Array.from({ length: H }, () => 0);
  const replace = new Map<number, number>();
  const fits = (t: number, c: number): boolean => {
    if (!p.carryOver) return spend[t]! + c <= p.caps[t]! + 0.005;
    let capCum = 0;
    let spendCum = 0;
    for (let u = 0; u < H; u++) {
      capCum += p.caps[u]!;
      spendCum += spend[u]! + (u === t ? c : 0);
      if (u >= t && spendCum > capCum + 0.005) return false;
    }
    return true;
  };
  const add = (i: number, t: number) => {
    replace.set(i, t);
    spend[t]! += cost(i, t);
  };
  const drop = (i: number) => {
    const t = replace.get(i)!;
    replace.delete(i);
    spend[t]! -= cost(i, t);
  };
  const fractional: number[] = [];
  for (const i of prep.candidates) {
    let whole = -1;
    let frac = false;
    for (let t = 0; t < H; t++) {
      const v = values[xName(i, t)];
      if (v === undefined) continue;
      if (v >= 1 - 1e-6) whole = t;
      else if (v > 1e-6) frac = true;
    }
    if (frac) fractional.push(i);
    else if (whole >= 0) add(i, whole);
  }
  const forcedFirst = fractional
    .filter((i) => prep.forcedBy.has(i) || prep.pinned.has(i))
    .sort((a, b) => (prep.forcedBy.get(a)?.byT ?? 0) - (prep.forcedBy.get(b)?.byT ?? 0));
  for (const i of forcedFirst) {
    const byT = prep.pinned.get(i) ?? prep.forcedBy.get(i)!.byT;
    const years = Array.from({ length: byT + 1 }, (_, t) => t)
      .filter((t) => !prep.pinned.has(i) || t === byT)
      .sort((a, b) => (values[xName(i, b)] ?? 0) - (values[xName(i, a)] ?? 0));
    const room = years.find((t) => fits(t, cost(i, t)));
    if (room !== undefined) {
      add(i, room);
      continue;
    }
    const t = years[0]!;
    const droppable = [...replace]
      .filter(([j, tj]) => tj === t && !prep.forcedBy.has(j) && !prep.pinned.has(j))
      .map(([j]) => j)
      .sort(
        (a, b) =>
          benefit(p, p.devices[a]!.score, t) / cost(a, t) -
          benefit(p, p.devices[b]!.score, t) / cost(b, t),
      );
    for (const j of droppable) {
      if (fits(t, cost(i, t))) break;
      drop(j);
    }
    if (!fits(t, cost(i, t))) return null;
    add(i, t);
  }
  // Fill what is left, best score first, each in the earliest year it fits.
  const rest = prep.candidates
    .filter((i) => !replace.has(i) && !prep.pinned.has(i))
    .sort((a, b) => p.devices[b]!.score - p.devices[a]!.score);
  for (const i of rest) {
    if (p.devices[i]!.score <= 0) break;
    for (let t = 0; t < H; t++)
      if (fits(t, cost(i, t))) {
        add(i, t);
        break;
      }
  }
  const schedule = { replace, added: [] };
  const m = measure(prep, schedule);
  return m.unmetTargets.length ? null : schedule;
}
