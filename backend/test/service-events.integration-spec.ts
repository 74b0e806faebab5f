import {
  costYearsDivisor,
  formatKopecks,
  kopecks,
  Role,
  serviceCostRatio,
  yearlyCostKopecks,
  yearsInService,
  type DeviceCostResponse,
  type DeviceResponse,
  type DeviceAvailabilityResponse,
  type ServiceEventResponse,
} from '@radfleet/shared';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityToday } from '../src/app/common/calendar.js';
import { createDevice, createFacility, signInAs, type Account } from './support/accounts.js';
import { createContract, createSupplier } from './support/contracts.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

describe('service events', () => {
  let t: TestApp;
  let admin: Account;
  let procurement: Account;
  let manager: Account;
  let exec: Account;
  let own: string;
  let other: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAs(t, Role.ADMIN);
    own = (await createFacility(t, admin)).id;
    other = (await createFacility(t, admin)).id;
    procurement = await signInAs(t, Role.PROCUREMENT);
    manager = await signInAs(t, Role.FACILITY_MANAGER, [own]);
    exec = await signInAs(t, Role.EXECUTIVE);
  });
  afterAll(async () => t?.close());

  const log = (body: object, as = manager) =>
    request(t.server).post('/api/service-events').set(as.auth).send(body);
  const device = async (id: string) =>
    (await request(t.server).get(`/api/devices/${id}`).set(exec.auth).expect(200))
      .body as DeviceResponse;
  const resolve = (e: { id: string; version: number }, resolvedAt: string, as = manager) =>
    request(t.server)
      .patch(`/api/service-events/${e.id}`)
      .set(as.auth)
      .send({ resolvedAt, version: e.version });

  it('puts a device UNDER_REPAIR for a breakdown and back to the status it had when resolved', async () => {
    for (const status of ['IN_SERVICE', 'IDLE'] as const) {
      const d = await createDevice(t, admin, own, { status });
      const opened = await log({
        deviceId: d.id,
        type: 'BREAKDOWN',
        reportedAt: '2025-11-03T09:15:00+03:00',
        startedAt: '2025-11-03T14:00:00+03:00',
        description: 'Не включается генератор',
        cost: '0',
      }).expect(201);
      const event = opened.body as ServiceEventResponse;
      expect(event).toMatchObject({ interruptedStatus: status, resolvedAt: null, version: 1 });
      const broken = await device(d.id);
      expect(broken).toMatchObject({ status: 'UNDER_REPAIR', version: d.version + 1 });

      // Resolving a breakdown with a stale version is refused and changes nothing.
      await resolve({ ...event, version: 99 }, '2025-11-05T10:00:00+03:00').expect(409);
      expect((await device(d.id)).status).toBe('UNDER_REPAIR');

      const done = await resolve(event, '2025-11-05T10:00:00+03:00').expect(200);
      expect(done.body).toMatchObject({
        resolvedAt: '2025-11-05T07:00:00.000Z',
        interruptedStatus: null,
        version: 2,
        durationHours: 48.75,
      });
      const repaired = await device(d.id);
      expect(repaired).toMatchObject({ status, version: d.version + 2 });

      const history = await request(t.server)
        .get(`/api/devices/${d.id}/history`)
        .set(exec.auth)
        .expect(200);
      const statusChanges = (
        history.body as { changes: { field: string; before: unknown; after: unknown }[] }[]
      )
        .flatMap((h) => h.changes)
        .filter((c) => c.field === 'status' && c.before !== null);
      expect(statusChanges).toEqual([
        { field: 'status', before: status, after: 'UNDER_REPAIR' },
        { field: 'status', before: 'UNDER_REPAIR', after: status },
      ]);
      const { rows } = await t.db.query(
        "SELECT action FROM audit_log WHERE entity_type = 'service_event' AND entity_id = $1 ORDER BY seq",
        [event.id],
      );
      expect(rows.map((r) => r.action)).toEqual(['CREATE', 'UPDATE']);
    }
  });

  it('keeps a device under repair until its last open breakdown is resolved', async () => {
    const d = await createDevice(t, admin, own);
    const a = (
      await log({
        deviceId: d.id,
        type: 'BREAKDOWN',
        reportedAt: '2025-10-01T09:00:00+03:00',
        description: 'Трубка',
      }).expect(201)
    ).body;
    const b = (
      await log({
        deviceId: d.id,
        type: 'BREAKDOWN',
        reportedAt: '2025-10-02T09:00:00+03:00',
        description: 'Стол',
      }).expect(201)
    ).body;
    expect(b.interruptedStatus).toBe('IN_SERVICE');
    await resolve(a, '2025-10-03T09:00:00+03:00').expect(200);
    expect((await device(d.id)).status).toBe('UNDER_REPAIR');
    await resolve(b, '2025-10-04T09:00:00+03:00').expect(200);
    expect((await device(d.id)).status).toBe('IN_SERVICE');
  });

  it('logs planned work and past breakdowns without touching the device status', async () => {
    const d = await createDevice(t, admin, own);
    await log({
      deviceId: d.id,
      type: 'PREVENTIVE_MAINTENANCE',
      reportedAt: '2025-09-01T10:00:00+03:00',
      startedAt: '2025-09-01T10:00:00+03:00',
      description: 'ТО-2',
      cost: '45000.50',
    }).expect(201);
    await log({
      deviceId: d.id,
      type: 'BREAKDOWN',
      reportedAt: '2025-08-01T10:00:00+03:00',
      resolvedAt: '2025-08-02T10:00:00+03:00',
      description: 'Замена предохранителя',
    }).expect(201);
    expect(await device(d.id)).toMatchObject({ status: 'IN_SERVICE', version: d.version });
  });

  it('lets facility managers log events only for their own facilities', async () => {
    const mine = await createDevice(t, admin, own);
    const theirs = await createDevice(t, admin, other);
    const body = {
      type: 'INSPECTION',
      reportedAt: '2025-09-01T10:00:00+03:00',
      description: 'Осмотр',
    };
    await log({ ...body, deviceId: mine.id }).expect(201);
    const denied = await log({ ...body, deviceId: theirs.id }).expect(403);
    expect(denied.body.code).toBe('OUTSIDE_FACILITY_SCOPE');
    await log({ ...body, deviceId: theirs.id }, exec).expect(403);
    const theirsEvent = (await log({ ...body, deviceId: theirs.id }, procurement).expect(201)).body;
    await resolve(theirsEvent, '2025-09-01T12:00:00+03:00').expect(403);
    await resolve(theirsEvent, '2025-09-01T12:00:00+03:00', procurement).expect(200);
  });

  it('refuses times out of order, in the future, and a contract that does not cover the device', async () => {
    const d = await createDevice(t, admin, own);
    const base = { deviceId: d.id, type: 'BREAKDOWN', description: 'x' };
    const order = await log({
      ...base,
      reportedAt: '2025-09-02T10:00:00+03:00',
      resolvedAt: '2025-09-01T10:00:00+03:00',
    }).expect(400);
    expect(fields(order.body)).toEqual(['resolvedAt']);
    const started = await log({
      ...base,
      reportedAt: '2025-09-02T10:00:00+03:00',
      startedAt: '2025-09-02T09:00:00+03:00',
    }).expect(400);
    expect(fields(started.body)).toEqual(['startedAt']);
    const future = await log({
      ...base,
      reportedAt: new Date(Date.now() + 86_400_000).toISOString(),
    }).expect(400);
    expect(fields(future.body)).toEqual(['reportedAt']);
    const noZone = await log({ ...base, reportedAt: '2025-09-02T10:00:00' }).expect(400);
    expect(fields(noZone.body)).toEqual(['reportedAt']);

    const s = await createSupplier(t, procurement);
    const c = await createContract(t, procurement, s.id, {
      startDate: '2025-01-01',
      endDate: '2025-06-30',
    });
    const uncovered = await log({
      ...base,
      reportedAt: '2025-03-02T10:00:00+03:00',
      contractId: c.id,
    }).expect(400);
    expect(uncovered.body.errors).toEqual([
      { field: 'contractId', message: 'the contract does not cover this device' },
    ]);
    const covering = await createContract(t, procurement, s.id, {
      startDate: '2025-01-01',
      endDate: '2025-06-30',
      devices: [{ deviceId: d.id }],
    });
    const outside = await log({
      ...base,
      reportedAt: '2025-08-02T10:00:00+03:00',
      contractId: covering.id,
    }).expect(400);
    expect(fields(outside.body)).toEqual(['contractId']);
    const ok = await log({
      ...base,
      reportedAt: '2025-03-02T10:00:00+03:00',
      resolvedAt: '2025-03-03T10:00:00+03:00',
      contractId: covering.id,
    }).expect(201);
    expect(ok.body).toMatchObject({ contractId: covering.id, contractNumber: covering.number });
    // A decommissioned device does not break down.
    const gone = await createDevice(t, admin, own, {
      status: 'DECOMMISSIONED',
      decommissionedOn: '2024-01-10',
      decommissionReason: 'Списан',
    });
    const res = await log({
      ...base,
      deviceId: gone.id,
      reportedAt: '2025-03-02T10:00:00+03:00',
    }).expect(400);
    expect(fields(res.body)).toEqual(['type']);
  });

  it('lists by device, facility and period', async () => {
    const d = await createDevice(t, admin, own);
    for (const day of ['05', '15', '25'])
      await log({
        deviceId: d.id,
        type: 'CALIBRATION',
        reportedAt: `2025-04-${day}T10:00:00+03:00`,
        resolvedAt: `2025-04-${day}T12:00:00+03:00`,
        description: `Калибровка ${day}`,
      }).expect(201);
    const res = await request(t.server)
      .get('/api/service-events')
      .query({
        deviceId: d.id,
        facilityId: own,
        from: '2025-04-10',
        to: '2025-04-25',
        sort: 'reportedAt',
      })
      .set(exec.auth)
      .expect(200);
    expect(res.body.items.map((e: ServiceEventResponse) => e.description)).toEqual([
      'Калибровка 15',
      'Калибровка 25',
    ]);
    const none = await request(t.server)
      .get('/api/service-events')
      .query({ deviceId: d.id, facilityId: other })
      .set(exec.auth)
      .expect(200);
    expect(none.body.total).toBe(0);
  });

  describe('availability: unplanned downtime and total unavailability', () => {
    const uptime = async (id: string, from: string, to: string) =>
      (
        await request(t.server)
          .get(`/api/devices/${id}/availability`)
          .query({ from, to })
          .set(exec.auth)
          .expect(200)
      ).body as DeviceAvailabilityResponse;

    it('is 93.33 % for a breakdown from day 10 09:00 to day 12 09:00 in a 30-day month', async () => {
      const d = await createDevice(t, admin, own);
      await log({
        deviceId: d.id,
        type: 'BREAKDOWN',
        reportedAt: '2025-06-10T09:00:00+03:00',
        resolvedAt: '2025-06-12T09:00:00+03:00',
        description: 'Отказ детектора',
      }).expect(201);
      expect(await uptime(d.id, '2025-06-01', '2025-06-30')).toEqual({
        deviceId: d.id,
        from: '2025-06-01',
        to: '2025-06-30',
        periodHours: 720,
        unplannedDowntimeHours: 48,
        unplannedDowntimePercent: 6.67,
        unavailabilityHours: 48,
        unavailabilityPercent: 6.67,
        availabilityPercent: 93.33,
        events: 1,
      });
    });

    it('counts overlapping events once and clips events that cross the period', async () => {
      const d = await createDevice(t, admin, own);
      const ev = (type: string, from: string, to: string) =>
        log({ deviceId: d.id, type, reportedAt: from, resolvedAt: to, description: type }).expect(
          201,
        );
      // Crosses into the month: only 6 hours of it (00:00–06:00 on 1 June, Moscow) count.
      await ev('BREAKDOWN', '2025-05-31T18:00:00+03:00', '2025-06-01T06:00:00+03:00');
      // Two overlapping breakdowns and maintenance inside the second: 10:00–20:00 on 10 June, 10 h.
      await ev('BREAKDOWN', '2025-06-10T10:00:00+03:00', '2025-06-10T16:00:00+03:00');
      await ev('BREAKDOWN', '2025-06-10T14:00:00+03:00', '2025-06-10T20:00:00+03:00');
      await ev('PREVENTIVE_MAINTENANCE', '2025-06-10T15:00:00+03:00', '2025-06-10T17:00:00+03:00');
      // Maintenance alone: 4 h, downtime but not a breakdown.
      await ev('CALIBRATION', '2025-06-20T09:00:00+03:00', '2025-06-20T13:00:00+03:00');
      // Crosses out of the month: 30 June 22:00 to 24:00 counts, 2 h.
      await ev('BREAKDOWN', '2025-06-30T22:00:00+03:00', '2025-07-01T08:00:00+03:00');
      const june = await uptime(d.id, '2025-06-01', '2025-06-30');
      expect(june).toMatchObject({
        periodHours: 720,
        unavailabilityHours: 22,
        unplannedDowntimeHours: 18,
        events: 6,
      });
      expect(june.availabilityPercent).toBeCloseTo((100 * (720 - 22)) / 720, 2);
      // One day only: the slice of the first event.
      expect(await uptime(d.id, '2025-06-01', '2025-06-01')).toMatchObject({
        periodHours: 24,
        unavailabilityHours: 6,
      });
      const bad = await request(t.server)
        .get(`/api/devices/${d.id}/availability`)
        .query({ from: '2025-07-01', to: '2025-06-01' })
        .set(exec.auth)
        .expect(400);
      expect(fields(bad.body)).toEqual(['from']);
    });

    it('counts an open breakdown up to now', async () => {
      const d = await createDevice(t, admin, own);
      const reported = new Date(Date.now() - 10 * 3_600_000).toISOString();
      await log({
        deviceId: d.id,
        type: 'BREAKDOWN',
        reportedAt: reported,
        description: 'Открыт',
      }).expect(201);
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(
        new Date(),
      );
      const u = await uptime(d.id, '2025-01-01', today);
      expect(u.unplannedDowntimeHours).toBeGreaterThanOrEqual(9.99);
      expect(u.unplannedDowntimeHours).toBeLessThan(10.1);
    });

    it('counts only the days the device was installed: from commissioning to decommissioning', async () => {
      // Commissioned mid-quarter: 15 May 2025 to 30 June is 47 days of Q2.
      const d = await createDevice(t, admin, own, { commissioningDate: '2025-05-15' });
      await log({
        deviceId: d.id,
        type: 'BREAKDOWN',
        reportedAt: '2025-06-10T09:00:00+03:00',
        resolvedAt: '2025-06-12T09:00:00+03:00',
        description: 'Отказ',
      }).expect(201);
      const q2 = await uptime(d.id, '2025-04-01', '2025-06-30');
      expect(q2).toMatchObject({ periodHours: 47 * 24, unplannedDowntimeHours: 48 });
      expect(q2.unplannedDowntimePercent).toBeCloseTo((100 * 48) / (47 * 24), 2);
      const before = await uptime(d.id, '2025-01-01', '2025-03-31');
      expect(before).toMatchObject({ periodHours: 0, availabilityPercent: null });
    });
  });

  it("adds up a device's cost of ownership: purchase, contract share by price, uncovered events", async () => {
    const d = await createDevice(t, admin, own, {
      purchasePrice: '10000000.00',
      commissioningDate: '2023-03-01',
    });
    // The expensive partner (65 M ₽) carries 65/75 of the shared contract, the cheap device 10/75.
    const partner = await createDevice(t, admin, own);
    const s = await createSupplier(t, procurement);
    const c = await createContract(t, procurement, s.id, {
      startDate: '2024-01-01',
      endDate: '2025-12-31',
      value: '1000000.00',
      devices: [{ deviceId: d.id }, { deviceId: partner.id }],
      milestones: [
        { dueDate: '2024-06-30', amount: '400000.00', paidOn: '2024-07-05' },
        { dueDate: '2025-06-30', amount: '300000.00', paidOn: '2025-07-01' },
        { dueDate: '2025-12-31', amount: '300000.00' },
      ],
    });
    await log({
      deviceId: d.id,
      type: 'BREAKDOWN',
      reportedAt: '2025-02-01T10:00:00+03:00',
      resolvedAt: '2025-02-02T10:00:00+03:00',
      description: 'Ремонт',
      cost: '12345.67',
    }).expect(201);
    // Work under the service contract: its cost is in the contract's payments already.
    const covered = await log({
      deviceId: d.id,
      type: 'PREVENTIVE_MAINTENANCE',
      reportedAt: '2025-03-03T10:00:00+03:00',
      resolvedAt: '2025-03-03T14:00:00+03:00',
      description: 'ТО по контракту',
      cost: '50000.00',
      contractId: c.id,
    }).expect(201);
    expect(covered.body.coveredByContract).toBe(true);
    const cost = (
      await request(t.server).get(`/api/devices/${d.id}/cost`).set(exec.auth).expect(200)
    ).body as DeviceCostResponse;
    expect(cost).toMatchObject({
      purchasePrice: '10000000.00',
      purchaseCounted: '10000000.00',
      contractPayments: '93333.33',
      eventCosts: '12345.67',
      coveredEventCosts: '50000.00',
      total: '10105679.00',
      serviceCost: '105679.00',
      replacementPrice: '10000000.00',
    });
    expect(cost.byYear).toEqual([
      {
        year: 2023,
        purchase: '10000000.00',
        contractPayments: '0.00',
        eventCosts: '0.00',
        coveredEventCosts: '0.00',
        total: '10000000.00',
      },
      {
        year: 2024,
        purchase: '0.00',
        contractPayments: '53333.33',
        eventCosts: '0.00',
        coveredEventCosts: '0.00',
        total: '53333.33',
      },
      {
        year: 2025,
        purchase: '0.00',
        contractPayments: '40000.00',
        eventCosts: '12345.67',
        coveredEventCosts: '50000.00',
        total: '52345.67',
      },
    ]);
    // The one definition: actual years pro rata, at least one; the ratio to the replacement price.
    const today = cityToday();
    const years = yearsInService('2023-03-01', today)!;
    expect(cost.yearsInService).toBeCloseTo(years, 2);
    expect(cost.years).toBeCloseTo(costYearsDivisor(years), 2);
    expect(cost.perYear).toBe(formatKopecks(yearlyCostKopecks(kopecks('10105679.00'), years)));
    expect(cost.yearlyServiceCost).toBe(
      formatKopecks(yearlyCostKopecks(kopecks('105679.00'), years)),
    );
    expect(cost.serviceCostRatio).toBeCloseTo(
      serviceCostRatio(cost.yearlyServiceCost, '10000000.00')!,
      4,
    );
    const partnerCost = (
      await request(t.server).get(`/api/devices/${partner.id}/cost`).set(exec.auth).expect(200)
    ).body as DeviceCostResponse;
    expect(partnerCost.contractPayments).toBe('606666.67');
    const detail = await request(t.server).get(`/api/contracts/${c.id}`).set(exec.auth).expect(200);
    const shares = (detail.body.devices as { deviceId: string; paymentShare: number }[])
      .map((x) => [x.deviceId, x.paymentShare] as const)
      .sort();
    expect(new Map(shares)).toEqual(
      new Map([
        [d.id, Math.round((10 / 75) * 1e6) / 1e6],
        [partner.id, Math.round((65 / 75) * 1e6) / 1e6],
      ]),
    );
  });
});
