import { AlertType, District, Role, type AlertResponse } from '@radfleet/shared';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractChecksService } from '../src/app/contracts/contract-checks.service.js';
import {
  createDevice,
  createFacility,
  signInAs,
  type Account,
} from './support/accounts.js';
import { cityDate, createContract, createSupplier } from './support/contracts.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Alert triage through the API: scope per role, filters, grouping of the daily checks' alerts,
 * acknowledgement with a comment until the condition changes, assignment, audit and versions.
 */
describe('alert triage', () => {
  let t: TestApp;
  let admin: Account;
  let procurement: Account;
  let exec: Account;
  let manager: Account;
  let managerId: string;
  let a: string;
  let b: string;
  const dev: Record<string, { id: string }> = {};

  const check = async () => {
    const ds = t.app.get(DataSource);
    await ds.transaction((em) => t.app.get(ContractChecksService).check(em));
  };
  const list = async (who: Account, query: Record<string, unknown> = {}) =>
    (
      await request(t.server)
        .get('/api/alerts')
        .query({ pageSize: 500, ...query })
        .set(who.auth)
        .expect(200)
    ).body as { items: AlertResponse[]; total: number };
  const badge = async (who: Account) =>
    (await request(t.server).get('/api/alerts/counts').set(who.auth).expect(200)).body as {
      open: number;
      assignedToMe: number;
    };
  const one = async (type: AlertType, facilityId: string) => {
    const found = (await list(admin, { type, facilityId, status: 'OPEN,ACKNOWLEDGED' })).items;
    expect(found).toHaveLength(1);
    return found[0]!;
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAs(t, Role.ADMIN);
    procurement = await signInAs(t, Role.PROCUREMENT);
    exec = await signInAs(t, Role.EXECUTIVE);
    a = (await createFacility(t, admin, { district: District.CAO })).id;
    b = (await createFacility(t, admin, { district: District.SAO })).id;
    manager = await signInAs(t, Role.FACILITY_MANAGER, [a]);
    managerId = manager.id;
    for (const [name, facility] of [
      ['a1', a],
      ['a2', a],
      ['b1', b],
      ['b2', b],
    ] as const)
      dev[name] = await createDevice(t, admin, facility);
    const supplier = (await createSupplier(t, procurement)).id;
    // One service contract ends in 40 days and covers a device in each facility.
    dev.contract = await createContract(t, procurement, supplier, {
      signedOn: cityDate(-300),
      startDate: cityDate(-300),
      endDate: cityDate(40),
      devices: [{ deviceId: dev.a1!.id }, { deviceId: dev.b1!.id }],
    });
    await check();
  });
  afterAll(async () => t?.close());

  it('groups the checks’ alerts: one per contract, one per facility, naming every device', async () => {
    const coverage = (await list(admin, { type: AlertType.COVERAGE_ENDING })).items;
    expect(coverage).toHaveLength(1);
    expect(coverage[0]).toMatchObject({
      contractId: dev.contract!.id,
      deviceId: null,
      deviceIds: [dev.a1!.id, dev.b1!.id].sort(),
      facilityIds: [a, b].sort(),
      params: { devices: 2 },
    });
    const bare = (await list(admin, { type: AlertType.NO_COVERAGE })).items;
    expect(bare.map((x) => x.facilityId).sort()).toEqual([a, b].sort());
    expect(bare.map((x) => x.deviceIds)).toEqual(expect.arrayContaining([[dev.a2!.id], [dev.b2!.id]]));
    // A device filter finds the grouped alert of each of its devices.
    expect(
      (await list(admin, { deviceId: dev.b1!.id })).items.map((x) => x.type).sort(),
    ).toEqual([AlertType.COVERAGE_ENDING]);
  });

  it('scopes a facility manager to their facilities and lets city-wide roles filter', async () => {
    const mine = (await list(manager)).items;
    expect(mine.map((x) => x.type).sort()).toEqual(
      [AlertType.CONTRACT_ENDING_90, AlertType.COVERAGE_ENDING, AlertType.NO_COVERAGE].sort(),
    );
    expect(mine.every((x) => x.facilityIds.includes(a))).toBe(true);
    expect((await badge(manager)).open).toBe(3);
    expect((await badge(exec)).open).toBe(4);
    expect((await list(exec, { district: District.SAO })).total).toBe(3);
    expect((await list(exec, { facilityId: b, type: AlertType.NO_COVERAGE })).items).toHaveLength(1);
    expect((await list(exec, { district: District.CAO, type: 'NO_COVERAGE' })).items[0]!.facilityId).toBe(a);
    // Another facility's alert does not exist for the manager.
    const theirs = await one(AlertType.NO_COVERAGE, b);
    await request(t.server).get(`/api/alerts/${theirs.id}`).set(manager.auth).expect(404);
    await request(t.server)
      .patch(`/api/alerts/${theirs.id}`)
      .set(manager.auth)
      .send({ acknowledged: true, comment: 'not mine', version: theirs.version })
      .expect(404);
  });

  it('validates the filters and the triage body', async () => {
    const bad = await request(t.server)
      .get('/api/alerts')
      .query({ status: 'DONE', district: 'MARS' })
      .set(exec.auth)
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'district',
      'status',
    ]);
    const alert = await one(AlertType.NO_COVERAGE, a);
    const body = await request(t.server)
      .patch(`/api/alerts/${alert.id}`)
      .set(manager.auth)
      .send({ assigneeId: 'nobody', version: 'one' })
      .expect(400);
    expect(body.headers['content-type']).toMatch(/problem\+json/);
    expect([...new Set(body.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual([
      'assigneeId',
      'version',
    ]);
    const noComment = await request(t.server)
      .patch(`/api/alerts/${alert.id}`)
      .set(manager.auth)
      .send({ acknowledged: true, version: alert.version })
      .expect(400);
    expect(noComment.body.errors).toEqual([
      { field: 'comment', message: 'comment is required when acknowledging' },
    ]);
    await request(t.server)
      .patch(`/api/alerts/${alert.id}`)
      .set(exec.auth)
      .send({ acknowledged: true, comment: 'seen', version: alert.version })
      .expect(403);
  });

  it('takes an acknowledged alert out of the badge until its condition changes, audited', async () => {
    const alert = await one(AlertType.NO_COVERAGE, a);
    const acked = await request(t.server)
      .patch(`/api/alerts/${alert.id}`)
      .set(manager.auth)
      .send({ acknowledged: true, comment: 'Договор на ТО готовится', version: alert.version })
      .expect(200);
    expect(acked.body).toMatchObject({
      status: 'ACKNOWLEDGED',
      comment: 'Договор на ТО готовится',
      acknowledgedBy: { id: managerId },
      version: alert.version + 1,
    });
    expect((await badge(manager)).open).toBe(2);
    expect((await badge(exec)).open).toBe(3);
    // The same version again is stale.
    const stale = await request(t.server)
      .patch(`/api/alerts/${alert.id}`)
      .set(manager.auth)
      .send({ acknowledged: false, version: alert.version })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: alert.version + 1 });
    const audit = await request(t.server)
      .get('/api/audit')
      .query({ entityType: 'alert', entityId: alert.id })
      .set(admin.auth)
      .expect(200);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ action: 'UPDATE', actorId: managerId });
    expect(
      audit.body.items[0].changes.map((c: { field: string }) => c.field).sort(),
    ).toEqual(['acknowledgedAt', 'acknowledgedById', 'comment']);

    // The next check finds the same condition (the same uncovered device): still acknowledged.
    await check();
    expect((await one(AlertType.NO_COVERAGE, a)).status).toBe('ACKNOWLEDGED');
    expect((await badge(manager)).open).toBe(2);

    // Another uncovered device in the facility changes the condition: the same alert is open again.
    dev.a3 = await createDevice(t, admin, a);
    await check();
    const reopened = await one(AlertType.NO_COVERAGE, a);
    expect(reopened).toMatchObject({
      id: alert.id,
      status: 'OPEN',
      acknowledgedAt: null,
      comment: 'Договор на ТО готовится',
      version: alert.version + 2,
    });
    expect(reopened.deviceIds.sort()).toEqual([dev.a2!.id, dev.a3!.id].sort());
    expect((await badge(manager)).open).toBe(3);
  });

  it('assigns an alert to a user who may triage it', async () => {
    const alert = await one(AlertType.COVERAGE_ENDING, a);
    const who = (
      await request(t.server).get(`/api/alerts/${alert.id}/assignees`).set(procurement.auth).expect(200)
    ).body as { id: string; role: string }[];
    expect(who.map((u) => u.id)).toEqual(expect.arrayContaining([managerId, admin.id, procurement.id]));
    expect(who.some((u) => u.role === Role.EXECUTIVE)).toBe(false);
    const refused = await request(t.server)
      .patch(`/api/alerts/${alert.id}`)
      .set(procurement.auth)
      .send({ assigneeId: exec.id, version: alert.version })
      .expect(400);
    expect(refused.body.errors[0].field).toBe('assigneeId');
    const assigned = await request(t.server)
      .patch(`/api/alerts/${alert.id}`)
      .set(procurement.auth)
      .send({ assigneeId: managerId, version: alert.version })
      .expect(200);
    expect(assigned.body).toMatchObject({ status: 'OPEN', assignee: { id: managerId } });
    expect((await badge(manager)).assignedToMe).toBe(1);
    expect((await list(admin, { assigneeId: managerId })).items.map((x) => x.id)).toEqual([alert.id]);
    const audit = await request(t.server)
      .get('/api/audit')
      .query({ entityType: 'alert', entityId: alert.id })
      .set(admin.auth)
      .expect(200);
    expect(audit.body.items[0].changes).toEqual([
      { field: 'assigneeId', before: null, after: managerId },
    ]);
  });

  it('refuses to triage a resolved alert', async () => {
    const alert = await one(AlertType.NO_COVERAGE, b);
    const supplier = (await createSupplier(t, procurement)).id;
    await createContract(t, procurement, supplier, {
      signedOn: cityDate(-1),
      startDate: cityDate(-1),
      endDate: cityDate(700),
      devices: [{ deviceId: dev.b2!.id }],
    });
    await check();
    const resolved = (await list(admin, { status: 'RESOLVED', facilityId: b })).items;
    expect(resolved.map((x) => x.id)).toContain(alert.id);
    const res = await request(t.server)
      .patch(`/api/alerts/${alert.id}`)
      .set(admin.auth)
      .send({ acknowledged: true, comment: 'late', version: alert.version })
      .expect(409);
    expect(res.body.code).toBe('ALERT_RESOLVED');
  });
});
