import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBackend } from './backend.mjs';

/** Cold first start (new embedded cluster) and warm restarts (existing data) until healthy. */
export async function run(root) {
  const dir = mkdtempSync(join(tmpdir(), 'radfleet-bench-'));
  chmodSync(dir, 0o755);
  try {
    const cold = await startBackend(root, { DATA_DIR: dir });
    await cold.stop();
    const warm = [];
    for (let i = 0; i < 5; i++) {
      const b = await startBackend(root, { DATA_DIR: dir });
      warm.push(b.ms);
      await b.stop();
    }
    const worst = Math.max(...warm);
    return [
      {
        figure: 'cold first start to healthy (new data folder)',
        value: (cold.ms / 1000).toFixed(2),
        unit: 's',
        target: 'recorded',
      },
      {
        figure: 'warm restart to healthy, median of 5',
        value: (warm.sort((a, b) => a - b)[2] / 1000).toFixed(2),
        unit: 's',
        target: '< 5 s',
        pass: warm[2] < 5000,
      },
      {
        figure: 'warm restart to healthy, worst of 5',
        value: (worst / 1000).toFixed(2),
        unit: 's',
        target: '< 5 s',
        pass: worst < 5000,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
