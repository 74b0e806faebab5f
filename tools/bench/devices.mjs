import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memory, resetPeak, signIn, startBackend, timeIt } from './backend.mjs';

const require = createRequire(import.meta.url);

/** A mix of list requests a person makes: filtered, sorted, 100 per page. */
export function listQueries(facilityIds) {
  const sorts = [
    'inventoryNumber',
    '-age',
    'facility',
    '-purchasePrice',
    'modality',
    '-commissioningDate',
    'remainingLifeMonths',
  ];
  const filters = [
    {},
    { modality: 'CT' },
    { modality: 'RADIOGRAPHY,FLUOROGRAPHY', technology: 'ANALOGUE' },
    { district: 'SAO' },
    { overdue: 'true' },
    { ageMin: '5', ageMax: '10' },
    { status: 'IN_SERVICE', q: 'siemens' },
    { q: 'больница' },
    { facilityId: facilityIds[0] },
  ];
  return Array.from(
    { length: 140 },
    (_, i) =>
      new URLSearchParams({
        ...filters[i % filters.length],
        sort: sorts[i % sorts.length],
        pageSize: '100',
        page: String(1 + (i % 3)),
      }),
  );
}

async function measure(root, scale) {
  const dir = mkdtempSync(join(tmpdir(), `radfleet-bench-dev${scale}-`));
  chmodSync(dir, 0o755);
  const app = await startBackend(root, { DATA_DIR: dir, DEMO_SCALE: String(scale) });
  try {
    const auth = await signIn(app.url, 'admin@radfleet.demo');
    const facilities = await (
      await fetch(`${app.url}/api/facilities?pageSize=5`, { headers: auth })
    ).json();
    const total = (
      await (await fetch(`${app.url}/api/devices?pageSize=1`, { headers: auth })).json()
    ).total;
    const queries = listQueries(facilities.items.map((f) => f.id));
    for (const q of queries.slice(0, 20))
      await fetch(`${app.url}/api/devices?${q}`, { headers: auth }); // warm-up
    const list = await timeIt(queries.length, async (i) => {
      const res = await fetch(`${app.url}/api/devices?${queries[i]}`, { headers: auth });
      if (!res.ok) throw new Error(`list ${res.status}`);
      await res.arrayBuffer();
    });

    const out = { scale, total, list, startMs: app.ms };
    if (scale > 1) {
      const before = await memory(app.pid);
      await resetPeak(app.pid);
      const t0 = performance.now();
      const res = await fetch(`${app.url}/api/devices/export.xlsx`, { headers: auth });
      const bytes = (await res.arrayBuffer()).byteLength;
      out.export = {
        ms: performance.now() - t0,
        bytes,
        extraPeakMiB: (await memory(app.pid)).hwm - before.rss,
      };

      const ExcelJS = require('exceljs');
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Лист1');
      ws.addRow([
        'Инвентарный номер',
        'Код учреждения',
        'Модальность',
        'Технология',
        'Производитель',
        'Модель',
        'Дата ввода в эксплуатацию',
        'Стоимость, руб.',
      ]);
      const code = facilities.items[0].code;
      for (let i = 0; i < 10_000; i++)
        ws.addRow([
          `BENCH-${i}`,
          code,
          'Рентгенография',
          'Цифровой',
          'Philips',
          'DigitalDiagnost C90',
          '12.01.2021',
          '5 000 000,00',
        ]);
      const file = Buffer.from(await wb.xlsx.writeBuffer());
      const form = new FormData();
      form.append('file', new Blob([file]), 'bench.xlsx');
      const t1 = performance.now();
      const imported = await (
        await fetch(`${app.url}/api/devices/import?dryRun=false`, {
          method: 'POST',
          headers: auth,
          body: form,
        })
      ).json();
      out.import = {
        ms: performance.now() - t1,
        applied: imported.applied,
        rows: imported.totals?.rows,
      };
    }
    return out;
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Device list latency at city and 10× scale, the export of all 13,000 devices, and a 10,000-row import. */
export async function run(root) {
  const city = await measure(root, 1);
  const big = await measure(root, 10);
  return [
    {
      figure: `GET /api/devices p95, ${city.total} devices, filtered+sorted, 100/page`,
      value: city.list.p95.toFixed(1),
      unit: 'ms',
      target: '< 50 ms',
      pass: city.list.p95 < 50,
    },
    {
      figure: `GET /api/devices p95 at 10× (${big.total} devices)`,
      value: big.list.p95.toFixed(1),
      unit: 'ms',
      target: '< 150 ms',
      pass: big.list.p95 < 150,
    },
    {
      figure: 'first start with the 10× demo city to healthy',
      value: (big.startMs / 1000).toFixed(1),
      unit: 's',
      target: 'recorded',
    },
    {
      figure: `export.xlsx of all ${big.total} devices`,
      value: (big.export.ms / 1000).toFixed(2),
      unit: 's',
      target: '< 3 s',
      pass: big.export.ms < 3000,
    },
    {
      figure: 'export extra peak memory (server RSS)',
      value: big.export.extraPeakMiB.toFixed(0),
      unit: 'MiB',
      target: '< 150 MB',
      pass: big.export.extraPeakMiB < 143,
    },
    {
      figure: `import of 10,000 rows (applied: ${big.import.applied})`,
      value: (big.import.ms / 1000).toFixed(2),
      unit: 's',
      target: '< 15 s',
      pass: big.import.ms < 15000 && big.import.applied,
    },
  ];
}
