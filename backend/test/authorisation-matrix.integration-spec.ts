import { Role } from '@radfleet/shared';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDevice,
  createFacility,
  deviceBody,
  signInAs,
  type Account,
} from './support/accounts.js';
import {
  EXECUTIVE_WRITES,
  PUBLIC_ROUTES,
  ROUTE_POLICIES,
  SELF_ROUTES,
} from './support/route-policies.js';
import { createTestApp, type TestApp } from './support/test-app.js';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
interface Route {
  key: string;
  method: Method;
  path: string;
}

/**
 * Enumerates every route of the OpenAPI document and checks, for each, 401 without a token (unless
 * public) and the expected allow/deny for each role. Allowed means "got past authorisation" (any
 * status but 401/403); denied means 403.
 */
describe('the authorisation matrix', () => {
  let t: TestApp;
  let routes: Route[];
  const accounts = {} as Record<Role, Account>;
  let ownFacility: string;
  let otherFacility: string;
  let otherDevice: { id: string; version: number };

  beforeAll(async () => {
    t = await createTestApp();
    const doc = (await request(t.server).get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'patch', 'put', 'delete'].includes(m))
        .map((m) => ({ key: `${m.toUpperCase()} ${path}`, method: m as Method, path })),
    );
    accounts.ADMIN = await signInAs(t, Role.ADMIN);
    ownFacility = (await createFacility(t, accounts.ADMIN)).id;
    otherFacility = (await createFacility(t, accounts.ADMIN)).id;
    accounts.PROCUREMENT = await signInAs(t, Role.PROCUREMENT);
    accounts.FACILITY_MANAGER = await signInAs(t, Role.FACILITY_MANAGER, [ownFacility]);
    accounts.EXECUTIVE = await signInAs(t, Role.EXECUTIVE);
    otherDevice = await createDevice(t, accounts.ADMIN, otherFacility);
  });
  afterAll(async () => t?.close());

  /** Fills path parameters; a facility manager's checks aim at a facility that is not theirs. */
  function url(route: Route, role: Role | null): string {
    return route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (route.path.startsWith('/api/facilities'))
        return role === Role.FACILITY_MANAGER ? otherFacility : ownFacility;
      if (route.path.startsWith('/api/users') && name === 'id') return accounts.ADMIN.id;
      if (route.path.startsWith('/api/devices')) return otherDevice.id;
      if (route.path.startsWith('/api/modalities')) return 'CT';
      return '00000000-0000-4000-8000-000000000000';
    });
  }

  function send(route: Route, role: Role | null) {
    const r = request(t.server)[route.method](url(route, role));
    if (role) r.set(accounts[role].auth);
    return ['post', 'patch', 'put'].includes(route.method) ? r.send(body(route)) : r;
  }

  /**
   * Scoped routes get a valid body aimed at the facility that is not the manager's, so that the
   * answer is decided by the scope and not by validation; other writes may be refused by validation.
   */
  function body(route: Route): object {
    switch (route.key) {
      case 'POST /api/devices':
        return deviceBody(otherFacility);
      case 'PATCH /api/devices/{id}':
        return { notes: 'matrix probe', version: otherDevice.version };
      case 'POST /api/service-events':
        return {
          deviceId: otherDevice.id,
          type: 'INSPECTION',
          reportedAt: '2025-03-03T09:00:00+03:00',
          resolvedAt: '2025-03-03T11:00:00+03:00',
          description: 'matrix probe',
        };
      default:
        return {};
    }
  }

  it('knows the policy of every route in the OpenAPI document', () => {
    const unknown = routes
      .map((r) => r.key)
      .filter((k) => !PUBLIC_ROUTES.has(k) && !(k in ROUTE_POLICIES));
    expect(unknown, 'routes without an entry in ROUTE_POLICIES').toEqual([]);
    const stale = Object.keys(ROUTE_POLICIES).filter((k) => !routes.some((r) => r.key === k));
    expect(stale, 'entries in ROUTE_POLICIES for routes that no longer exist').toEqual([]);
  });

  it('answers 401 without a token on every non-public route', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => !PUBLIC_ROUTES.has(r.key))) {
      const res = await send(route, null);
      if (res.status !== 401) wrong.push(`${route.key} → ${res.status}`);
      else expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    expect(wrong).toEqual([]);
  });

  it('answers 401 to a forged token', async () => {
    await request(t.server)
      .get('/api/facilities')
      .set('Authorization', 'Bearer forged-token-forged-token-forged')
      .expect(401);
  });

  it('allows and denies each role as the policy says', async () => {
    const wrong: string[] = [];
    // Sign-out last, so the other checks keep their sessions.
    const ordered = routes
      .filter((r) => !PUBLIC_ROUTES.has(r.key))
      .sort(
        (a, b) =>
          Number(a.key === 'POST /api/auth/logout') - Number(b.key === 'POST /api/auth/logout'),
      );
    for (const route of ordered) {
      for (const role of Object.values(Role)) {
        const expected = ROUTE_POLICIES[route.key]![role];
        const res = await send(route, role);
        const denied = res.status === 403;
        const passed = res.status !== 401 && res.status !== 403;
        const ok = expected === 'allow' ? passed : denied; // 'own' is probed with another facility: denied
        if (!ok)
          wrong.push(
            `${route.key} as ${role}: expected ${expected}, got ${res.status} ${res.body?.detail ?? ''}`,
          );
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000); // ~100 routes × 4 roles, one request at a time: no speed assumption

  it('refuses EXECUTIVE every write but its own password, sign-out and plan approval', () => {
    const writes = routes.filter(
      (r) =>
        r.method !== 'get' &&
        !PUBLIC_ROUTES.has(r.key) &&
        !SELF_ROUTES.has(r.key) &&
        !EXECUTIVE_WRITES.has(r.key),
    );
    expect(writes.length).toBeGreaterThan(0);
    for (const r of writes) expect(ROUTE_POLICIES[r.key]!.EXECUTIVE, r.key).toBe('deny');
  });
});
