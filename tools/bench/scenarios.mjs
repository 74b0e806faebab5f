// Replacement scenarios: the optimiser (HiGHS, in this process) on a 10-year plan for a fleet of
// the demo city's shape at city scale (1,300 devices) and at 10x (13,000), and the minimum-budget
// search when the targets do not fit the caps. The fleet is generated here from a fixed seed
// (modality mix, ages 0–20, ~17 % analogue, scores and catalogue prices of the demo), so the figures
// measure the solver and the model, not the database. Needs the built backend (npm run build).
import { join } from 'node:path';

const MIX = [
  ['RADIOGRAPHY', 0.45, 12_000_000, 12],
  ['FLUOROGRAPHY', 0.12, 9_000_000, 10],
  ['MAMMOGRAPHY', 0.2, 16_000_000, 10],
  ['CT', 0.12, 60_000_000, 10],
  ['MRI', 0.07, 95_000_000, 10],
  ['ANGIOGRAPHY', 0.04, 80_000_000, 10],
];

/** A deterministic fleet of n devices (mulberry32). */
function fleet(n, startYear) {
  let seed = 20261202;
  const rnd = () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const devices = [];
  for (let i = 0; i < n; i++) {
    let u = rnd();
    let m = MIX[0];
    for (const row of MIX) {
      if (u < row[1]) {
        m = row;
        break;
      }
      u -= row[1];
    }
    const age = Math.floor(rnd() * 21);
    const analogue = ['RADIOGRAPHY', 'FLUOROGRAPHY', 'MAMMOGRAPHY'].includes(m[0]) && rnd() < 0.3;
    const start = startYear - 1 - age;
    const ratio = age / m[3];
    const score = Math.min(
      100,
      Math.round((Math.min(ratio, 1.5) / 1.5) * 35 + (analogue ? 12 : 0) + rnd() * 30) +
        0.01 * Math.floor(rnd() * 100),
    );
    devices.push({
      id: `d${i}`,
      modality: m[0],
      district: null,
      analogue,
      score,
      price: m[2], // one price a modality, as the catalogue gives
      eolYear: start + m[3],
      serviceStartYear: start,
    });
  }
  return devices;
}

export function problemFor(n, targets, capFactor = 1) {
  const startYear = 2027;
  const devices = fleet(n, startYear);
  // Steady state: the fleet's replacement value over its mean life.
  const steady = devices.reduce((s, d) => s + d.price / (d.eolYear - d.serviceStartYear), 0);
  return {
    startYear,
    horizonYears: 10,
    caps: Array(10).fill(Math.round(steady * capFactor)),
    carryOver: false,
    escalationPct: 5,
    priceYear: 2026,
    targets,
    pins: [],
    exclusions: [],
    removals: [],
    devices,
    capacity: [],
  };
}

export async function run(root) {
  const { solveScenario } = await import(
    join(root, 'backend/dist/app/scenarios/scenario-solver.js')
  );
  const { solveInProcess } = await import(join(root, 'backend/dist/app/scenarios/highs-runner.js'));
  await solveInProcess('Maximize\n obj: x\nSubject To\n c: x <= 1\nEnd', { output_flag: false }); // load the Wasm
  const analogueOut = [{ kind: 'ANALOGUE_OUT', year: 2029, modality: null }];
  const out = [];
  for (const [n, limit, gapLimit, label] of [
    [1300, 5000, 0.5, 'city scale (1,300 devices)'],
    [13000, 30000, 1, '10x scale (13,000 devices)'],
  ]) {
    const t0 = performance.now();
    const o = await solveScenario(problemFor(n, analogueOut), solveInProcess);
    const ms = performance.now() - t0;
    if (o.kind !== 'PLAN')
      throw new Error(`${label}: no plan (${JSON.stringify(o.infeasibility)})`);
    out.push(
      {
        figure: `10-year plan, ${label}`,
        value: Math.round(ms),
        unit: 'ms',
        target: `< ${limit / 1000} s`,
        pass: ms < limit,
      },
      {
        figure: `  gap to the LP bound, ${label}`,
        value: o.report.gapPct,
        unit: '%',
        target: `<= ${gapLimit} %`,
        pass: o.report.gapPct <= gapLimit,
      },
      {
        figure: `  solver's share of the time, ${label}`,
        value: Math.round((100 * o.report.solveMs) / ms),
        unit: '%',
        target: 'recorded',
      },
      {
        figure: `  optimum over by-score objective, ${label}`,
        value: Math.round((1000 * o.optimum.objective) / o.byScore.objective) / 1000,
        unit: 'x',
        target: '>= 1',
        pass: o.optimum.objective >= o.byScore.objective,
      },
      {
        figure: `  device-years past life, by-score − optimum`,
        value: o.byScore.deviceYearsPastLife - o.optimum.deviceYearsPastLife,
        unit: '',
        target: 'recorded',
      },
    );
    console.log(`   ${label}: ${o.report.method}`);
  }
  // Minimum budget: every analogue unit out within two years, on a third of the steady-state cap.
  const t0 = performance.now();
  const o = await solveScenario(
    problemFor(1300, [{ kind: 'ANALOGUE_OUT', year: 2028, modality: null }], 0.3),
    solveInProcess,
  );
  const ms = performance.now() - t0;
  out.push({
    figure: 'minimum-budget search, city scale',
    value: Math.round(ms),
    unit: 'ms',
    target: '< 15 s',
    pass: o.kind === 'INFEASIBLE' && o.infeasibility.minimumYearlyBudget !== null && ms < 15000,
  });
  if (o.kind === 'INFEASIBLE')
    console.log(`   minimum yearly budget: ${o.infeasibility.minimumYearlyBudget}`);
  return out;
}
