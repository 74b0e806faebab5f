import { Role, type FacilityManagerHomeResponse } from '@radfleet/shared';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevice, createFacility, signInAs, type Account } from './support/accounts.js';
import { cityDate, createContract, createSupplier } from './support/contracts.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** The role homes' aggregate figures agree with the lists their tiles drill down to. */
describe('role homes', () => {
  let t: TestApp;
  let admin: Account;
  let procurement: Account;
  let manager: Account;
  let mine: string;
  let other: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAs(t, Role.ADMIN);
    procurement = await signInAs(t, Role.PROCUREMENT);
    mine = (await createFacility(t, admin)).id;
    other = (await createFacility(t, admin)).id;
    manager = await signInAs(t, Role.FACILITY_MANAGER, [mine]);
  });
  afterAll(async () => t?.close());

  it('shows a facility manager what needs their hands, in their facilities only', async () => {
    const old = await createDevice(t, admin, mine, { commissioningDate: '2005-03-01', yearOfManufacture: 2004 });
    await createDevice(t, admin, other, { commissioningDate: '2005-03-01', yearOfManufacture: 2004 });
    const broken = await createDevice(t, admin, mine);
    await createDevice(t, admin, mine, { status: 'UNDER_REPAIR' });
    // A breakdown this month, still open, reported by the manager.
    await request(t.server)
      .post('/api/service-events')
      .set(manager.auth)
      .send({
        deviceId: broken.id,
        type: 'BREAKDOWN',
        reportedAt: `${cityDate(0)}T00:30:00+03:00`,
        description: 'Не включается',
      })
      .expect(201);
    // Someone else edits one of the manager's devices.
    await request(t.server)
      .patch(`/api/devices/${old.id}`)
      .set(admin.auth)
      .send({ room: '101', version: old.version })
      .expect(200);

    const home = (
      await request(t.server).get('/api/home/facility-manager').set(manager.auth).expect(200)
    ).body as FacilityManagerHomeResponse;
    const total = async (query: Record<string, string>) =>
      (await request(t.server).get('/api/devices').query(query).set(manager.auth).expect(200)).body
        .total as number;
    expect(home.facilities.map((f) => f.id)).toEqual([mine]);
    expect(home.pastLife).toBe(1);
    expect(home.pastLife).toBe(await total({ overdue: 'true', facilityId: mine }));
    expect(home.underRepair).toBe(await total({ status: 'UNDER_REPAIR', facilityId: mine }));
    expect(home.unplannedDowntime).toEqual({
      total: 1,
      devices: [{ deviceId: broken.id, inventoryNumber: broken.inventoryNumber }],
    });
    expect(home.awaitingResolution.total).toBe(1);
    expect(home.awaitingResolution.items[0]).toMatchObject({ deviceId: broken.id, type: 'BREAKDOWN' });
    // The admin's edit is listed; the manager's own event is not a change "by others".
    expect(home.recentChanges.map((c) => [c.entityType, c.entityId])).toContainEqual(['device', old.id]);
    expect(home.recentChanges.some((c) => c.entityType === 'service_event')).toBe(false);
    const change = home.recentChanges.find((c) => c.action === 'UPDATE' && c.entityId === old.id);
    expect(change?.fields).toEqual(['room']);
    expect(home.openAlerts).toBe(
      (await request(t.server).get('/api/alerts/counts').set(manager.auth).expect(200)).body.open,
    );
  });

  it('lists a procurement officer the unpaid milestones due within 30 days', async () => {
    const supplier = (await createSupplier(t, procurement)).id;
    const c = await createContract(t, procurement, supplier, {
      signedOn: cityDate(-100),
      startDate: cityDate(-100),
      endDate: cityDate(300),
      milestones: [
        { dueDate: cityDate(-5), amount: '100.00' },
        { dueDate: cityDate(10), amount: '200.50' },
        { dueDate: cityDate(20), amount: '300.00', paidOn: cityDate(-1) },
        { dueDate: cityDate(60), amount: '400.00' },
      ],
    });
    const res = await request(t.server).get('/api/home/procurement').set(procurement.auth).expect(200);
    expect(res.body.milestonesDue).toMatchObject({ total: 2, amount: '300.50' });
    expect(res.body.milestonesDue.items.map((m: { dueDate: string }) => m.dueDate)).toEqual([
      cityDate(-5),
      cityDate(10),
    ]);
    expect(res.body.milestonesDue.items[0]).toMatchObject({ contractId: c.id, number: c.number });
  });
});
