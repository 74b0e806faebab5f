import { AlertSeverity, AlertType, Role } from '@radfleet/shared';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertsService } from '../src/app/alerts/alerts.service.js';
import { signInAs, type Account } from './support/accounts.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('the alerts list', () => {
  let t: TestApp;
  let exec: Account;
  let alerts: AlertsService;

  beforeAll(async () => {
    t = await createTestApp();
    exec = await signInAs(t, Role.EXECUTIVE);
    alerts = t.app.get(AlertsService);
  });
  afterAll(async () => t?.close());

  const cond = (key: string) => ({
    key,
    severity: AlertSeverity.WARNING,
    message: `condition ${key}`,
    params: { key },
  });

  it('raises new conditions once, refreshes open ones and resolves those that no longer hold', async () => {
    expect(
      await alerts.reconcile(AlertType.CONTRACT_ENDING_90, [cond('c:1'), cond('c:2')]),
    ).toEqual({ raised: 2, resolved: 0 });
    expect(
      await alerts.reconcile(AlertType.CONTRACT_ENDING_90, [cond('c:1'), cond('c:2')]),
    ).toEqual({ raised: 0, resolved: 0 });
    expect(await alerts.reconcile(AlertType.CONTRACT_ENDING_90, [cond('c:2')])).toEqual({
      raised: 0,
      resolved: 1,
    });
    // Another type's check leaves these alone.
    expect(await alerts.reconcile(AlertType.NO_COVERAGE, [])).toEqual({ raised: 0, resolved: 0 });

    const open = await request(t.server)
      .get('/api/alerts')
      .query({ type: 'CONTRACT_ENDING_90' })
      .set(exec.auth)
      .expect(200);
    expect(open.body.items.map((a: { params: { key: string } }) => a.params.key)).toEqual(['c:2']);
    const resolved = await request(t.server)
      .get('/api/alerts')
      .query({ type: 'CONTRACT_ENDING_90', open: false })
      .set(exec.auth)
      .expect(200);
    expect(resolved.body.items.map((a: { params: { key: string } }) => a.params.key)).toEqual([
      'c:1',
    ]);
    // The condition returning raises a new alert; the resolved one stays in the history.
    expect(
      await alerts.reconcile(AlertType.CONTRACT_ENDING_90, [cond('c:1'), cond('c:2')]),
    ).toEqual({ raised: 1, resolved: 0 });
    const counts = await request(t.server).get('/api/alerts/counts').set(exec.auth).expect(200);
    expect(counts.body).toEqual({ open: 2, byType: { CONTRACT_ENDING_90: 2 }, assignedToMe: 0 });
  });

  it('pages the open alerts most severe first, newest first, with the total on every page and past the end', async () => {
    const active = ['p:1', 'p:2', 'p:3', 'p:4', 'p:5'].map((key, i) => ({
      ...cond(key),
      severity:
        i === 3 ? AlertSeverity.CRITICAL : i === 1 ? AlertSeverity.INFO : AlertSeverity.WARNING,
    }));
    for (const a of active)
      await alerts.reconcile(AlertType.NO_COVERAGE, active.slice(0, active.indexOf(a) + 1));
    const keysOf = (body: { items: { params: { key: string } }[] }) =>
      body.items.map((a) => a.params.key);
    const page = (n: number) =>
      request(t.server)
        .get('/api/alerts')
        .query({ type: 'NO_COVERAGE', pageSize: 2, page: n })
        .set(exec.auth)
        .expect(200);
    const [one, two, three, past] = [await page(1), await page(2), await page(3), await page(9)];
    // CRITICAL first, then the WARNINGs newest first, INFO last.
    expect([...keysOf(one.body), ...keysOf(two.body), ...keysOf(three.body)]).toEqual([
      'p:4',
      'p:5',
      'p:3',
      'p:1',
      'p:2',
    ]);
    for (const r of [one, two, three, past]) expect(r.body.total).toBe(5);
    expect(past.body).toMatchObject({ items: [], page: 9, pageSize: 2 });
    expect(one.body.items[0]).toMatchObject({
      type: 'NO_COVERAGE',
      severity: 'CRITICAL',
      message: 'condition p:4',
      deviceId: null,
      facilityId: null,
      contractId: null,
      resolvedAt: null,
    });
    expect(new Date(one.body.items[0].raisedAt).toISOString()).toBe(one.body.items[0].raisedAt);
  });

  it('validates its filters', async () => {
    const bad = await request(t.server)
      .get('/api/alerts')
      .query({ type: 'FIRE', open: 'perhaps' })
      .set(exec.auth)
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['open', 'type']);
  });
});
