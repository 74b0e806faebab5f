import type { PlanMeasures, ScenarioInfeasibility, SolverReport } from '@radfleet/shared';
import {
  buildLp,
  byScore,
  measure,
  objectiveOf,
  prepare,
  roundAndRepair,
  readSchedule,
  xName,
  type Prepared,
  type Schedule,
  type ScenarioProblem,
} from './scenario-model.js';

/** One HiGHS solve of LP text: the model status, objective and column values. */
export interface LpResult {
  status: string;
  objective: number;
  values: Record<string, number>;
  ms: number;
}

/** Solves CPLEX LP text with HiGHS (in this thread, or in a worker: see highs-runner.ts). */
export type SolveFn = (
  lp: string,
  options: Record<string, string | number | boolean>,
) => Promise<LpResult>;

export const SOLVER_NAME = 'HiGHS 1.15 (highs npm package)';

export interface SolveLimits {
  /** Seconds for the integer part of a solve. */
  mipSeconds: number;
  /** Relative gap at which HiGHS may stop, e.g. 0.001. */
  mipRelGap: number;
  /** A rounded and repaired relaxation within this gap to the LP bound (%) is taken without a MIP. */
  repairGapPct: number;
  /** Up to this many columns the whole MIP is solved; above, the relaxation is rounded and repaired. */
  smallModelColumns: number;
}

/** The plan's gap to the LP bound, %, to two decimals. */
function gapTo(bound: number, objective: number): number {
  return Math.abs(bound) < 1e-9
    ? 0
    : Math.max(0, Math.round((10_000 * (bound - objective)) / Math.abs(bound)) / 100);
}

const LP_OPTIONS = { solver: 'simplex', presolve: 'off' } as const;

export const DEFAULT_LIMITS: SolveLimits = {
  mipSeconds: 20,
  mipRelGap: 0.001,
  repairGapPct: 0.5,
  smallModelColumns: 2000,
};

export type SolveOutcome =
  | {
      kind: 'PLAN';
      schedule: Schedule;
      optimum: PlanMeasures;
      byScore: PlanMeasures;
      report: SolverReport;
      prep: Prepared;
    }
  | {
      kind: 'INFEASIBLE';
      infeasibility: ScenarioInfeasibility;
      report: SolverReport;
      prep: Prepared;
    };

const FEASIBLE = new Set([
  'Optimal',
  'Time limit reached',
  'Target for objective reached',
  'Bound on objective reached',
  'Iteration limit reached',
]);
const hasSolution = (r: LpResult) =>
  FEASIBLE.has(r.status) && Number.isFinite(r.objective) && Object.keys(r.values).length > 0;

/**
 * Finds the schedule: the LP relaxation first (its optimum bounds every plan), then every column
 * the relaxation set to 0 or 1 is fixed and the few fractional devices are solved as a MIP
 * ("relax and fix"); if fixing leaves nothing feasible, the whole MIP is solved with a time limit.
 * The gap is the plan's objective against the LP bound. When even the relaxation is infeasible,
 * the first failing target (by prefixes of the targets) and the smallest uniform yearly budget
 * (the MIP again with the budget as the variable) are returned instead of a plan.
 */
export async function solveScenario(
  problem: ScenarioProblem,
  solve: SolveFn,
  progress: (pct: number, stage: string) => void | Promise<void> = () => undefined,
  limits: SolveLimits = DEFAULT_LIMITS,
): Promise<SolveOutcome> {
  const started = performance.now();
  let solveMs = 0;
  const run = async (text: string, options: Record<string, string | number | boolean>) => {
    const r = await solve(text, { output_flag: false, ...options });
    solveMs += r.ms;
    return r;
  };
  const prep = prepare(problem);
  const report = (
    status: string,
    method: string,
    vars: number,
    rows: number,
    gapPct: number | null,
    lpBound: number | null,
  ): SolverReport => ({
    solver: SOLVER_NAME,
    status,
    method,
    gapPct,
    lpBound,
    solveMs: Math.round(solveMs),
    totalMs: Math.round(performance.now() - started),
    variables: vars,
    constraints: rows,
  });
  await progress(10, 'MODEL');
  const full = buildLp(prep, {
    targets: problem.targets.length,
    relax: true,
    budgetVariable: false,
  });
  if (prep.impossible.length) {
    const first = prep.impossible[0]!;
    return {
      kind: 'INFEASIBLE',
      prep,
      report: report('Infeasible', 'PRECHECK', full.vars, full.rows, null, null),
      infeasibility: {
        failingTarget: first.target === null ? null : problem.targets[first.target]!,
        reason: `No budget meets this: ${first.reason}.`,
        minimumYearlyBudget: null,
      },
    };
  }
  await progress(20, 'LP_RELAXATION');
  // Dual simplex without presolve measured fastest on this model (a multiple-choice knapsack).
  const lp = await run(full.text, LP_OPTIONS);
  if (lp.status === 'Infeasible' || !hasSolution(lp)) {
    if (lp.status !== 'Infeasible' && lp.status !== 'Primal infeasible or unbounded')
      throw new Error(`HiGHS ended the relaxation with status ${lp.status}`);
    await progress(50, 'MINIMUM_BUDGET');
    const infeasibility = await explainInfeasible(prep, run, limits);
    return {
      kind: 'INFEASIBLE',
      prep,
      infeasibility,
      report: report('Infeasible', 'LP relaxation', full.vars, full.rows, null, null),
    };
  }
  const bound = lp.objective;
  const finish = async (
    found: Schedule,
    how: string,
    status: string,
    mipBoundGap: boolean,
  ): Promise<SolveOutcome> => {
    let schedule = found;
    let method = how;
    let optimum = measure(prep, schedule);
    const spreadsheetSchedule = byScore(prep);
    const spreadsheet = measure(prep, spreadsheetSchedule);
    // The spreadsheet's plan is a feasible start when it meets the targets: never report worse.
    if (!spreadsheet.unmetTargets.length && spreadsheet.objective > optimum.objective) {
      schedule = spreadsheetSchedule;
      optimum = spreadsheet;
      method += '; the by-score plan scored higher and is kept';
    }
    const lpGap = gapTo(bound, optimum.objective);
    // A MIP proved optimal within mip_rel_gap has that gap to its own (tighter) bound.
    const gapPct = mipBoundGap ? Math.min(lpGap, limits.mipRelGap * 100) : lpGap;
    await progress(95, 'MEASURES');
    return {
      kind: 'PLAN',
      prep,
      schedule,
      optimum,
      byScore: spreadsheet,
      report: report(status, method, full.vars, full.rows, gapPct, Math.round(bound * 100) / 100),
    };
  };
  await progress(45, 'MIP');
  let mip: LpResult;
  let usedFixed: Map<string, number> | undefined;
  let method: string;
  let mipBoundGap = false;
  if (full.vars <= limits.smallModelColumns) {
    method = 'MIP (branch and cut)';
    const m = buildLp(prep, {
      targets: problem.targets.length,
      relax: false,
      budgetVariable: false,
    });
    mip = await run(m.text, { time_limit: limits.mipSeconds, mip_rel_gap: limits.mipRelGap });
    mipBoundGap = mip.status === 'Optimal';
  } else {
    const repaired = roundAndRepair(prep, lp.values);
    if (repaired) {
      const gap = gapTo(lp.objective, objectiveOf(prep, repaired));
      if (gap <= limits.repairGapPct) {
        await progress(80, 'BY_SCORE');
        return finish(
          repaired,
          'LP relaxation (HiGHS dual simplex), rounded and repaired',
          'Optimal',
          false,
        );
      }
    }
    // Relax and fix: a device the relaxation leaves alone is not replaced; one it replaces whole
    // in a year keeps only that year (it may still be dropped to make room); fractional devices
    // keep every year. What remains is a small, nearly integral MIP.
    const fixed = new Map<string, number>();
    const fractionalDevice = new Set<number>();
    let kept = 0;
    for (const i of prep.candidates) {
      const xs = Array.from({ length: problem.horizonYears }, (_, t) => lp.values[xName(i, t)]);
      if (xs.some((v) => v !== undefined && v > 1e-6 && v < 1 - 1e-6)) {
        fractionalDevice.add(i);
        continue;
      }
      const whole = xs.findIndex((v) => v !== undefined && v >= 1 - 1e-6);
      if (whole >= 0) kept++;
      xs.forEach((v, t) => {
        if (v !== undefined && t !== whole) fixed.set(xName(i, t), 0);
      });
    }
    method = `LP relaxation, then a MIP over its ${kept} whole replacements and ${fractionalDevice.size} fractional devices`;
    const m = buildLp(prep, {
      targets: problem.targets.length,
      relax: false,
      budgetVariable: false,
      fixed,
    });
    mip = await run(m.text, { time_limit: limits.mipSeconds, mip_rel_gap: limits.mipRelGap });
    usedFixed = fixed;
  }
  if (!hasSolution(mip)) {
    await progress(60, 'FULL_MIP');
    method = 'full MIP (fixing the relaxation left no feasible plan)';
    const m = buildLp(prep, {
      targets: problem.targets.length,
      relax: false,
      budgetVariable: false,
    });
    mip = await run(m.text, { time_limit: limits.mipSeconds * 2, mip_rel_gap: limits.mipRelGap });
    usedFixed = undefined;
    mipBoundGap = mip.status === 'Optimal';
    if (!hasSolution(mip)) {
      if (mip.status === 'Infeasible') {
        const infeasibility = await explainInfeasible(prep, run, limits);
        return {
          kind: 'INFEASIBLE',
          prep,
          infeasibility,
          report: report('Infeasible', method, m.vars, m.rows, null, lp.objective),
        };
      }
      throw new Error(
        `HiGHS found no plan within ${limits.mipSeconds * 3} s (status ${mip.status})`,
      );
    }
  }
  await progress(80, 'BY_SCORE');
  return finish(readSchedule(prep, mip.values, usedFixed), method, mip.status, mipBoundGap);
}

/**
 * The first target whose prefix of the targets has no feasible relaxation within the caps (null
 * when the pins alone exceed them), and the smallest uniform yearly budget that meets all targets:
 * the MIP with the budget B as the variable, minimised; B is rounded up to whole thousands of
 * roubles, so the same schedule fits under it.
 */
export async function explainInfeasible(
  prep: Prepared,
  run: (text: string, o: Record<string, string | number | boolean>) => Promise<LpResult>,
  limits: SolveLimits = DEFAULT_LIMITS,
): Promise<ScenarioInfeasibility> {
  const { p } = prep;
  let failing: number | null = null;
  for (let k = 0; k <= p.targets.length; k++) {
    const m = buildLp(prep, { targets: k, relax: true, budgetVariable: false });
    const r = await run(m.text, LP_OPTIONS);
    if (!hasSolution(r)) {
      failing = k === 0 ? null : k - 1;
      break;
    }
    if (k === p.targets.length) failing = k - 1;
  }
  const m = buildLp(prep, { targets: p.targets.length, relax: false, budgetVariable: true });
  const r = await run(m.text, { time_limit: limits.mipSeconds, mip_rel_gap: limits.mipRelGap });
  const target = failing === null || failing < 0 ? null : p.targets[failing]!;
  const what = target
    ? `${target.kind}${target.modality ? ` (${target.modality})` : ''} by ${target.year}`
    : 'the pinned replacements';
  if (!hasSolution(r))
    return {
      failingTarget: target,
      reason: `The caps cannot pay for ${what}, and no yearly budget was found that meets every target.`,
      minimumYearlyBudget: null,
    };
  const budget = Math.ceil((r.values['B'] ?? r.objective) * 1000 - 1e-6) * 1000;
  return {
    failingTarget: target,
    reason: `The caps cannot pay for ${what}. A uniform yearly cap of ${budget.toFixed(2)} roubles meets every target.`,
    minimumYearlyBudget: budget.toFixed(2),
  };
}
