// The executive dashboard and report pack (issue 14): at 10x city scale (13,000 devices) the
// dashboard's API calls, p95 each (the whole city and a district x modality filter); the pack at
// city scale (time and the server's extra peak memory) and at 10x (time). Registered in
// tools/bench.mjs as `dashboard`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memory, resetPeak, signIn, startBackend, timeIt } from './backend.mjs';

async function city(root, scale) {
  const dir = mkdtempSync(join(tmpdir(), `radfleet-bench-dashboard-${scale}-`));
  const app = await startBackend(root, {
    DATA_DIR: dir,
    DEMO_DATA: 'true',
    DEMO_SCALE: String(scale),
    SCHEDULER: 'false',
  });
  const auth = await signIn(app.url, 'executive@radfleet.demo');
  const get = async (path) => {
    const res = await fetch(`${app.url}${path}`, { headers: auth });
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return res;
  };
  return {
    app,
    get,
    async done() {
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One pack download: milliseconds, bytes and the server's extra peak RSS in MiB. */
async function pack(c) {
  const before = await memory(c.app.pid);
  await resetPeak(c.app.pid);
  const t0 = performance.now();
  const res = await c.get('/api/reports/executive-pack.xlsx?lang=ru');
  const bytes = (await res.arrayBuffer()).byteLength;
  return {
    ms: performance.now() - t0,
    bytes,
    extraPeakMiB: (await memory(c.app.pid)).hwm - before.rss,
  };
}

export async function run(root) {
  const out = [];
  // BENCH_DASHBOARD_SCALES=1 skips the 10x city (its first start takes ~20 minutes).
  const scales = (process.env.BENCH_DASHBOARD_SCALES ?? '1,10').split(',').map(Number);
  const one = await city(root, 1);
  try {
    for (const path of [
      '/api/dashboard/executive',
      '/api/dashboard/executive?district=CAO&modality=CT,MRI',
    ]) {
      await one.get(path);
      const t = await timeIt(20, async () => (await one.get(path)).arrayBuffer());
      out.push({
        figure: `GET ${path}, city scale, p95`,
        value: Math.round(t.p95),
        unit: 'ms',
        target: 'recorded',
      });
    }
    await pack(one); // warm-up: chart.js, fonts, exceljs
    const p = await pack(one);
    out.push(
      {
        figure: 'executive pack, city scale',
        value: Math.round(p.ms),
        unit: 'ms',
        target: '< 10000 ms',
        pass: p.ms < 10_000,
      },
      {
        figure: 'executive pack, city scale, extra peak memory (server RSS)',
        value: Math.round(p.extraPeakMiB),
        unit: 'MiB',
        target: '< 200 MiB',
        pass: p.extraPeakMiB < 200,
      },
      {
        figure: 'executive pack, city scale, size',
        value: p.bytes,
        unit: 'bytes',
        target: 'recorded',
      },
    );
  } finally {
    await one.done();
  }

  if (!scales.includes(10)) return out;
  const ten = await city(root, 10);
  try {
    const paths = [
      '/api/dashboard/executive',
      '/api/dashboard/executive?district=CAO&modality=CT,MRI',
    ];
    for (const path of paths) await ten.get(path); // warm
    for (const path of paths) {
      const t = await timeIt(20, async () => (await ten.get(path)).arrayBuffer());
      out.push({
        figure: `GET ${path}, 10x city, p95`,
        value: Math.round(t.p95),
        unit: 'ms',
        target: '< 300 ms',
        pass: t.p95 < 300,
      });
    }
    const p = await pack(ten);
    out.push({
      figure: 'executive pack, 10x city',
      value: Math.round(p.ms),
      unit: 'ms',
      target: '< 40000 ms',
      pass: p.ms < 40_000,
    });
  } finally {
    await ten.done();
  }
  return out;
}
