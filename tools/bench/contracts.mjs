import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signIn, startBackend, timeIt } from './backend.mjs';

const day = (d) => d.toISOString().slice(0, 10);

/**
 * SLA and uptime of every contract over a year at 10× city scale: the contract register export
 * computes both for every SLA contract in one pass; plus one contract's SLA and one device's uptime.
 */
export async function run(root) {
  const dir = mkdtempSync(join(tmpdir(), 'radfleet-bench-contracts-'));
  chmodSync(dir, 0o755);
  const app = await startBackend(root, { DATA_DIR: dir, DEMO_SCALE: '10' });
  try {
    const auth = await signIn(app.url, 'admin@radfleet.demo');
    const to = new Date();
    const from = new Date(to.getTime() - 364 * 86_400_000);
    const period = `from=${day(from)}&to=${day(to)}`;
    const contracts = await (
      await fetch(`${app.url}/api/contracts?pageSize=500&type=SERVICE,LIFECYCLE`, { headers: auth })
    ).json();
    const events = (
      await (await fetch(`${app.url}/api/service-events?pageSize=1`, { headers: auth })).json()
    ).total;
    const all = (
      await (await fetch(`${app.url}/api/contracts?pageSize=1`, { headers: auth })).json()
    ).total;

    const exportOnce = async () => {
      const res = await fetch(`${app.url}/api/contracts/export.xlsx?${period}`, { headers: auth });
      if (!res.ok) throw new Error(`export ${res.status}`);
      await res.arrayBuffer();
    };
    await exportOnce(); // warm-up
    const register = await timeIt(5, exportOnce);

    const ids = contracts.items.map((c) => c.id);
    const one = await timeIt(Math.min(50, ids.length), async (i) => {
      const res = await fetch(`${app.url}/api/contracts/${ids[i]}/sla?${period}`, {
        headers: auth,
      });
      if (!res.ok) throw new Error(`sla ${res.status}`);
      await res.arrayBuffer();
    });
    const devices = (
      await (await fetch(`${app.url}/api/devices?pageSize=50`, { headers: auth })).json()
    ).items;
    const uptime = await timeIt(devices.length, async (i) => {
      const res = await fetch(`${app.url}/api/devices/${devices[i].id}/uptime?${period}`, {
        headers: auth,
      });
      if (!res.ok) throw new Error(`uptime ${res.status}`);
      await res.arrayBuffer();
    });
    return [
      {
        figure: `first start with the 10× city (${all} contracts, ${events} events)`,
        value: (app.ms / 1000).toFixed(1),
        unit: 's',
        target: 'recorded',
      },
      {
        figure: 'SLA + uptime of every contract over a year (export), median of 5',
        value: (register.p50 / 1000).toFixed(2),
        unit: 's',
        target: '< 2 s',
        pass: register.p50 < 2000,
      },
      {
        figure: 'same, worst of 5',
        value: (register.max / 1000).toFixed(2),
        unit: 's',
        target: '< 2 s',
        pass: register.max < 2000,
      },
      {
        figure: 'GET /api/contracts/:id/sla over a year, p95',
        value: one.p95.toFixed(1),
        unit: 'ms',
        target: 'recorded',
      },
      {
        figure: 'GET /api/devices/:id/uptime over a year, p95',
        value: uptime.p95.toFixed(1),
        unit: 'ms',
        target: 'recorded',
      },
    ];
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
