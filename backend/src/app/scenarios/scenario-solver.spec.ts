import { Modality, ScenarioTargetKind } from '@radfleet/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveInProcess } from './highs-runner.js';
import type { FleetDevice, ScenarioProblem } from './scenario-model.js';
import { DEFAULT_LIMITS, solveScenario, type SolveOutcome } from './scenario-solver.js';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function device(n: number, over: Partial<FleetDevice> = {}): FleetDevice {
  return {
    id: id(n),
    modality: Modality.RADIOGRAPHY,
    district: null,
    analogue: false,
    score: 10,
    price: 10_000_000,
    eolYear: 2030,
    serviceStartYear: 2018,
    ...over,
  };
}

function problem(over: Partial<ScenarioProblem> = {}): ScenarioProblem {
  const horizonYears = over.horizonYears ?? 3;
  return {
    startYear: 2027,
    horizonYears,
    caps: Array.from({ length: horizonYears }, () => 20_000_000),
    carryOver: false,
    escalationPct: 0,
    priceYear: 2027,
    targets: [],
    pins: [],
    exclusions: [],
    removals: [],
    devices: [],
    capacity: [],
    ...over,
  };
}

function plan(o: SolveOutcome) {
  if (o.kind !== 'PLAN') throw new Error(`expected a plan, got ${JSON.stringify(o)}`);
  return o;
}

describe('replacement scenarios: the optimiser on hand-made fleets', { timeout: 60_000 }, () => {
  it('keeps every year under its cap, pins in their year, leaves exclusions and removals alone', async () => {
    const devices = Array.from({ length: 12 }, (_, k) =>
      device(k + 1, { score: 80 - k * 5, price: 6_000_000 + k * 500_000 }),
    );
    const p = problem({
      devices,
      pins: [{ deviceId: id(12), year: 2028 }],
      exclusions: [id(1)],
      removals: [id(2)],
    });
    const o = plan(await solveScenario(p, solveInProcess));
    for (const y of o.optimum.years) expect(Number(y.spend)).toBeLessThanOrEqual(Number(y.cap));
    expect(o.schedule.replace.get(11)).toBe(1); // device 12, index 11, in 2028
    expect(o.schedule.replace.has(0)).toBe(false);
    expect(o.schedule.replace.has(1)).toBe(false);
    // The removed device leaves the installed base: 11 devices remain.
    expect(o.optimum.years[0]!.cocir.devices).toBe(11);
    expect(o.report.gapPct).not.toBeNull();
    expect(o.report.gapPct!).toBeLessThanOrEqual(0.5);
  });

  it('lets unspent budget carry over when the scenario says so', async () => {
    // One 30 M device; caps 20 M a year: only with carry-over can it be bought (in year 2).
    const p = problem({ devices: [device(1, { score: 90, price: 30_000_000 })] });
    expect(plan(await solveScenario(p, solveInProcess)).schedule.replace.size).toBe(0);
    const carried = plan(await solveScenario({ ...p, carryOver: true }, solveInProcess));
    expect(carried.schedule.replace.get(0)).toBe(1);
    expect(Number(carried.optimum.years[1]!.budgetLeft)).toBe(10_000_000);
  });

  it('beats the by-score method where cutting at the budget line misses a cheaper pair', async () => {
    const p = problem({
      horizonYears: 1,
      caps: ['10000000'].map(Number),
      devices: [
        device(1, { score: 60, price: 6_000_000 }),
        device(2, { score: 50, price: 5_000_000 }),
        device(3, { score: 50, price: 5_000_000 }),
      ],
    });
    const o = plan(await solveScenario(p, solveInProcess));
    expect(o.byScore.objective).toBe(60);
    expect(o.optimum.objective).toBe(100);
    expect([...o.schedule.replace.keys()].sort()).toEqual([1, 2]);
  });

  it('is never worse than the by-score method on the objective', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            score: fc.integer({ min: 0, max: 100 }),
            price: fc.integer({ min: 1, max: 40 }).map((m) => m * 1_000_000),
          }),
          { minLength: 1, maxLength: 25 },
        ),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 5, max: 80 }),
        fc.boolean(),
        async (fleet, horizonYears, capM, carryOver) => {
          const p = problem({
            horizonYears,
            carryOver,
            caps: Array.from({ length: horizonYears }, () => capM * 1_000_000),
            devices: fleet.map((f, k) => device(k + 1, f)),
          });
          const o = plan(await solveScenario(p, solveInProcess));
          expect(o.optimum.objective).toBeGreaterThanOrEqual(o.byScore.objective);
          let cum = 0;
          let capCum = 0;
          for (const y of o.optimum.years) {
            cum += Number(y.spend);
            capCum += Number(y.cap);
            if (carryOver) expect(cum).toBeLessThanOrEqual(capCum + 0.01);
            else expect(Number(y.spend)).toBeLessThanOrEqual(Number(y.cap) + 0.01);
          }
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000);

  it('answers infeasible targets with the first failing one and a minimum budget that then works', async () => {
    const devices = [
      device(1, { analogue: true, score: 40, price: 8_000_000 }),
      device(2, { analogue: true, score: 30, price: 9_000_000 }),
      device(3, { analogue: true, score: 20, price: 7_000_000 }),
      device(4, { score: 90, price: 5_000_000, eolYear: 2020 }),
    ];
    const targets = [
      { kind: ScenarioTargetKind.NO_PAST_LIFE, year: 2027, modality: null },
      { kind: ScenarioTargetKind.ANALOGUE_OUT, year: 2028, modality: null },
    ];
    const p = problem({ devices, targets, caps: [10_000_000, 10_000_000, 10_000_000] });
    const o = await solveScenario(p, solveInProcess);
    expect(o.kind).toBe('INFEASIBLE');
    if (o.kind !== 'INFEASIBLE') return;
    expect(o.infeasibility.failingTarget).toEqual(targets[1]);
    // 2027: device 4 (5 M) plus two analogue units; 2028: the third. Best split: 5 + 8 + 7 = 20 M in
    // 2027 with 9 M in 2028, or 5 + 9 = 14 M and 8 + 7 = 15 M: 15 M a year.
    expect(o.infeasibility.minimumYearlyBudget).toBe('15000000.00');
    const again = plan(
      await solveScenario({ ...p, caps: [15_000_000, 15_000_000, 15_000_000] }, solveInProcess),
    );
    expect(again.optimum.unmetTargets).toEqual([]);
    expect(again.optimum.years[1]!.analogueLeft).toBe(0);
    expect(again.optimum.years[0]!.pastLife).toBe(0);
    // Just below the minimum, still infeasible.
    const below = await solveScenario(
      { ...p, caps: [14_999_000, 14_999_000, 14_999_000] },
      solveInProcess,
    );
    expect(below.kind).toBe('INFEASIBLE');
  });

  it('says no budget can help when a target needs an excluded device', async () => {
    const p = problem({
      devices: [device(1, { analogue: true })],
      exclusions: [id(1)],
      targets: [{ kind: ScenarioTargetKind.ANALOGUE_OUT, year: 2028, modality: null }],
    });
    const o = await solveScenario(p, solveInProcess);
    expect(o.kind).toBe('INFEASIBLE');
    if (o.kind === 'INFEASIBLE') expect(o.infeasibility.minimumYearlyBudget).toBeNull();
  });

  it('meets a COCIR target by renewing old devices, and adds devices for capacity', async () => {
    const devices = Array.from({ length: 10 }, (_, k) =>
      device(k + 1, { score: k, price: 1_000_000, serviceStartYear: 2010, eolYear: 2040 }),
    );
    const p = problem({
      devices,
      caps: [100_000_000, 100_000_000, 100_000_000],
      targets: [
        { kind: ScenarioTargetKind.COCIR, year: 2028, modality: null },
        { kind: ScenarioTargetKind.CAPACITY, year: 2029, modality: Modality.RADIOGRAPHY },
      ],
      capacity: [
        {
          modality: Modality.RADIOGRAPHY,
          perDevice: 1000,
          price: 2_000_000,
          demand: { 2027: 9000, 2028: 10000, 2029: 11500 },
        },
      ],
    });
    const o = plan(await solveScenario(p, solveInProcess));
    expect(o.optimum.unmetTargets).toEqual([]);
    expect(o.optimum.years[1]!.cocir.compliant).toBe(true);
    expect(o.optimum.newDevices).toBe(2);
    expect(o.optimum.years[2]!.capacity[0]!.gapStudies).toBeLessThanOrEqual(0);
  });
});

describe('replacement scenarios: the relaxation, rounded and repaired (large models)', () => {
  it('keeps caps, pins and targets, and reports its gap to the LP bound', async () => {
    const devices = Array.from({ length: 300 }, (_, k) =>
      device(k + 1, {
        score: (k * 37) % 101,
        price: [6, 9, 12, 20][k % 4]! * 1_000_000,
        analogue: k % 10 === 0,
        eolYear: 2020 + (k % 15),
      }),
    );
    const p = problem({
      horizonYears: 5,
      caps: Array(5).fill(300_000_000),
      devices,
      pins: [{ deviceId: id(7), year: 2030 }],
      targets: [{ kind: ScenarioTargetKind.ANALOGUE_OUT, year: 2028, modality: null }],
    });
    const limits = { ...DEFAULT_LIMITS, smallModelColumns: 0 };
    const o = plan(await solveScenario(p, solveInProcess, undefined, limits));
    expect(o.report.method).toMatch(/LP relaxation/);
    for (const y of o.optimum.years) expect(Number(y.spend)).toBeLessThanOrEqual(300_000_000);
    expect(o.schedule.replace.get(6)).toBe(3);
    expect(o.optimum.unmetTargets).toEqual([]);
    expect(o.optimum.years[1]!.analogueLeft).toBe(0);
    expect(o.optimum.objective).toBeGreaterThanOrEqual(o.byScore.objective);
    // The gap is measured against the relaxation's optimum, which bounds every plan; on 300
    // devices the whole units leave about 1 %.
    expect(o.optimum.objective).toBeLessThanOrEqual(o.report.lpBound! + 1e-6);
    const gap = (100 * (o.report.lpBound! - o.optimum.objective)) / o.report.lpBound!;
    expect(o.report.gapPct!).toBeCloseTo(gap, 1);
    expect(o.report.gapPct!).toBeLessThanOrEqual(2);
  }, 120_000);
});
