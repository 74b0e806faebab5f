import { Role, type Paged, type PriorityItem } from '@radfleet/shared';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityToday } from '../src/app/common/calendar.js';
import { installedOnSql } from '../src/app/devices/fleet-figures.sql.js';
import {
  yearlyServiceCostByDeviceSql,
  yearlyServiceCostSql,
} from '../src/app/service-events/cost-of-ownership.sql.js';
import { SERVICE_COST_CANDIDATE_RATIO } from '@radfleet/shared';
import { signInAs, type Account } from './support/accounts.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * The acceptance of replacement planning on the demo city (issue 12): every installed device is
 * ranked, the contributions of each add up to its score, and the top 20 are each past life,
 * analogue, or high in downtime or cost — with the factor that says so in their explanation.
 */
describe('replacement planning on the demo city', () => {
  let t: TestApp;
  let exec: Account;
  const today = cityToday();

  beforeAll(async () => {
    t = await createTestApp({ DEMO_DATA: 'true' });
    exec = await signInAs(t, Role.EXECUTIVE);
  }, 300_000);
  afterAll(async () => t?.close());

  const page = async (n: number, pageSize: number) =>
    (
      await request(t.server)
        .get('/api/planning/priorities')
        .query({ page: n, pageSize })
        .set(exec.auth)
        .expect(200)
    ).body as Paged<PriorityItem>;

  it('ranks every installed device, its contributions adding up to its score', async () => {
    const [{ n }] = (await t.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM devices d WHERE ${installedOnSql('d', '$1::date')}`, [
        today,
      ])) as { n: number }[];
    const first = await page(1, 100);
    expect(n).toBeGreaterThan(1000);
    expect(first.total).toBe(n);
    const all: PriorityItem[] = [...first.items];
    for (let k = 2; (k - 1) * 100 < first.total; k++) all.push(...(await page(k, 100)).items);
    expect(new Set(all.map((i) => i.deviceId)).size).toBe(n);
    for (const i of all) {
      const sum = i.factors.reduce((s, f) => s + Math.round(f.contribution * 100), 0);
      expect(sum / 100, i.inventoryNumber).toBe(i.score);
    }
    for (let k = 1; k < all.length; k++)
      expect(all[k - 1]!.score).toBeGreaterThanOrEqual(all[k]!.score);
  });

  it('puts at the top devices past life, analogue, or high in downtime or cost, and says which', async () => {
    const top = (await page(1, 20)).items;
    expect(top).toHaveLength(20);
    for (const i of top) {
      const f = Object.fromEntries(i.factors.map((x) => [x.factor, x]));
      const reasons: string[] = [];
      if (i.pastLife) {
        reasons.push('past life');
        // The age factor is full past 1.5 × the life; past life it is at least 1 / 1.5 of it.
        expect(f['AGE']!.normalised, i.inventoryNumber).toBeGreaterThanOrEqual(0.66);
        expect(f['AGE']!.contribution).toBeGreaterThan(0);
      }
      if (i.technology === 'ANALOGUE') {
        reasons.push('analogue');
        expect(f['ANALOGUE']!.contribution).toBeGreaterThan(0);
      }
      if (f['DOWNTIME']!.normalised >= 0.5 || f['BREAKDOWNS']!.normalised >= 0.5) {
        reasons.push('downtime');
        expect(f['DOWNTIME']!.contribution + f['BREAKDOWNS']!.contribution).toBeGreaterThan(0);
      }
      if ((f['SERVICE_COST']!.value ?? 0) >= SERVICE_COST_CANDIDATE_RATIO) {
        reasons.push('cost');
        expect(f['SERVICE_COST']!.contribution).toBeGreaterThan(0);
      }
      expect(reasons, `${i.inventoryNumber} (${i.score})`).not.toEqual([]);
    }
  });

  it("reads the yearly service cost set-based exactly as the device page's per-device definition", async () => {
    const rows = (await t.app.get(DataSource).query(
      `SELECT d.id, round(${yearlyServiceCostSql('d', '$1::date')}, 2)::text AS one,
              round(coalesce(sc.service_cost, 0), 2)::text AS every
         FROM devices d
         LEFT JOIN (${yearlyServiceCostByDeviceSql('$1::date')}) sc ON sc.device_id = d.id`,
      [today],
    )) as { id: string; one: string; every: string }[];
    expect(rows.length).toBeGreaterThan(1000);
    expect(rows.filter((r) => Number(r.one) > 0).length).toBeGreaterThan(100);
    for (const r of rows) expect(Number(r.every), r.id).toBeCloseTo(Number(r.one), 1);
  });
});
