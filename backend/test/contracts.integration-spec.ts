import {
  Role,
  type AlertResponse,
  type ContractDetailResponse,
  type ContractResponse,
} from '@radfleet/shared';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractChecksService } from '../src/app/contracts/contract-checks.service.js';
import { createDevice, createFacility, signInAs, type Account } from './support/accounts.js';
import { cityDate, contractBody, createContract, createSupplier } from './support/contracts.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

describe('contracts', () => {
  let t: TestApp;
  let admin: Account;
  let procurement: Account;
  let manager: Account;
  let exec: Account;
  let facility: string;
  let supplier: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAs(t, Role.ADMIN);
    facility = (await createFacility(t, admin)).id;
    procurement = await signInAs(t, Role.PROCUREMENT);
    manager = await signInAs(t, Role.FACILITY_MANAGER, [facility]);
    exec = await signInAs(t, Role.EXECUTIVE);
    supplier = (await createSupplier(t, procurement, { name: 'ООО «СервисМед»' })).id;
  });
  afterAll(async () => t?.close());

  const post = (body: object, as = procurement) =>
    request(t.server).post('/api/contracts').set(as.auth).send(body);

  describe('validation', () => {
    it('refuses an end before the start', async () => {
      const res = await post(
        contractBody(supplier, { startDate: '2025-06-01', endDate: '2025-05-31' }),
      ).expect(400);
      expect(fields(res.body)).toEqual(['endDate']);
    });

    it('refuses milestones that add up to more than the value, to the kopeck', async () => {
      const milestones = [
        { dueDate: '2025-03-01', amount: '600000.00', paidOn: '2025-03-05' },
        { dueDate: '2025-09-01', amount: '600000.01' },
      ];
      const res = await post(contractBody(supplier, { milestones })).expect(400);
      expect(fields(res.body)).toEqual(['milestones']);
      milestones[1]!.amount = '600000.00';
      const ok = await post(contractBody(supplier, { milestones })).expect(201);
      expect(ok.body).toMatchObject({
        value: '1200000.00',
        paid: '600000.00',
        remaining: '600000.00',
      });
      expect((ok.body as ContractDetailResponse).milestones.map((m) => m.sequence)).toEqual([1, 2]);
    });

    it("keeps each device's service period inside the contract's dates", async () => {
      const d = await createDevice(t, admin, facility);
      const res = await post(
        contractBody(supplier, {
          devices: [{ deviceId: d.id, serviceFrom: '2025-01-01', serviceTo: '2025-06-30' }],
        }),
      ).expect(400);
      expect(fields(res.body)).toEqual(['devices.0.serviceFrom']);
      const unknown = await post(
        contractBody(supplier, { devices: [{ deviceId: '00000000-0000-4000-8000-000000000001' }] }),
      ).expect(400);
      expect(fields(unknown.body)).toEqual(['devices.0.deviceId']);
    });

    it('refuses a device covered twice by overlapping periods of the same type', async () => {
      const d = await createDevice(t, admin, facility);
      const first = await createContract(t, procurement, supplier, {
        devices: [{ deviceId: d.id, serviceFrom: '2025-02-01', serviceTo: '2025-06-30' }],
      });
      const overlap = await post(
        contractBody(supplier, {
          startDate: '2025-06-01',
          endDate: '2026-05-31',
          devices: [{ deviceId: d.id }],
        }),
      ).expect(400);
      expect(overlap.body.code).toBe('COVERAGE_OVERLAP');
      expect(overlap.body.errors[0]).toMatchObject({
        field: 'devices.0.deviceId',
        message: expect.stringContaining(first.number),
      });
      // Back to back is fine, and so is a contract of another type over the same days.
      await post(
        contractBody(supplier, {
          startDate: '2025-07-01',
          endDate: '2026-06-30',
          devices: [{ deviceId: d.id }],
        }),
      ).expect(201);
      await post(
        contractBody(supplier, { type: 'LIFECYCLE', devices: [{ deviceId: d.id }] }),
      ).expect(201);
      // An edit that stretches the first period into the second is refused too.
      const stretch = await request(t.server)
        .patch(`/api/contracts/${first.id}`)
        .set(procurement.auth)
        .send({
          devices: [{ deviceId: d.id, serviceFrom: '2025-02-01', serviceTo: '2025-07-01' }],
          version: 1,
        })
        .expect(400);
      expect(stretch.body.code).toBe('COVERAGE_OVERLAP');
    });

    it('refuses a duplicate number', async () => {
      const c = await createContract(t, procurement, supplier);
      const res = await post(contractBody(supplier, { number: c.number })).expect(409);
      expect(res.body.code).toBe('CONTRACT_NUMBER_TAKEN');
    });

    it('lets no facility manager or executive edit a contract at all', async () => {
      const c = await createContract(t, procurement, supplier);
      await post(contractBody(supplier), manager).expect(403);
      await post(contractBody(supplier), exec).expect(403);
      await request(t.server)
        .patch(`/api/contracts/${c.id}`)
        .set(manager.auth)
        .send({ subject: 'x', version: 1 })
        .expect(403);
      await request(t.server)
        .post(`/api/contracts/${c.id}/terminate`)
        .set(manager.auth)
        .send({ terminatedOn: '2025-06-01', reason: 'x', version: 1 })
        .expect(403);
      const read = await request(t.server)
        .get(`/api/contracts/${c.id}`)
        .set(manager.auth)
        .expect(200);
      expect(read.body.number).toBe(c.number);
    });

    it('edits with optimistic locking and audits devices and milestones', async () => {
      const d = await createDevice(t, admin, facility);
      const c = await createContract(t, procurement, supplier);
      const ok = await request(t.server)
        .patch(`/api/contracts/${c.id}`)
        .set(procurement.auth)
        .send({ devices: [{ deviceId: d.id }], value: '1300000', version: 1 })
        .expect(200);
      expect(ok.body).toMatchObject({ version: 2, value: '1300000.00', deviceCount: 1 });
      expect(ok.body.devices[0]).toMatchObject({
        deviceId: d.id,
        serviceFrom: '2025-01-15',
        serviceTo: '2025-12-31',
      });
      await request(t.server)
        .patch(`/api/contracts/${c.id}`)
        .set(procurement.auth)
        .send({ value: '1', version: 1 })
        .expect(409);
      const { rows } = await t.db.query(
        "SELECT action, changes FROM audit_log WHERE entity_type = 'contract' AND entity_id = $1 ORDER BY seq",
        [c.id],
      );
      expect(rows.map((r) => r.action)).toEqual(['CREATE', 'UPDATE']);
      expect(rows[1].changes.map((x: { field: string }) => x.field).sort()).toEqual([
        'devices',
        'value',
      ]);
    });
  });

  describe('status', () => {
    let ids: Record<string, string>;

    beforeAll(async () => {
      const s = (await createSupplier(t, procurement, { name: 'ООО «Статус»' })).id;
      const mk = async (o: Record<string, unknown>) =>
        (await createContract(t, procurement, s, o)).id;
      ids = {
        draft: await mk({ signedOn: null, startDate: cityDate(-10), endDate: cityDate(300) }),
        active: await mk({
          signedOn: cityDate(-20),
          startDate: cityDate(-10),
          endDate: cityDate(91),
        }),
        expiring90: await mk({
          signedOn: cityDate(-20),
          startDate: cityDate(-10),
          endDate: cityDate(90),
        }),
        expiring30: await mk({
          signedOn: cityDate(-20),
          startDate: cityDate(-10),
          endDate: cityDate(12),
        }),
        expired: await mk({
          signedOn: cityDate(-400),
          startDate: cityDate(-380),
          endDate: cityDate(-1),
        }),
        terminated: await mk({
          signedOn: cityDate(-200),
          startDate: cityDate(-180),
          endDate: cityDate(500),
        }),
      };
      const c = await request(t.server).get(`/api/contracts/${ids.terminated}`).set(exec.auth);
      await request(t.server)
        .post(`/api/contracts/${ids.terminated}/terminate`)
        .set(procurement.auth)
        .send({
          terminatedOn: cityDate(0),
          reason: 'Неисполнение обязательств',
          version: c.body.version,
        })
        .expect(200);
    });

    it('is derived from the dates: DRAFT, ACTIVE, EXPIRING within 90 days, EXPIRED, TERMINATED', async () => {
      const status = async (id: string) =>
        (
          (await request(t.server).get(`/api/contracts/${id}`).set(exec.auth).expect(200))
            .body as ContractResponse
        ).status;
      expect(await status(ids.draft!)).toBe('DRAFT');
      expect(await status(ids.active!)).toBe('ACTIVE');
      expect(await status(ids.expiring90!)).toBe('EXPIRING');
      expect(await status(ids.expiring30!)).toBe('EXPIRING');
      expect(await status(ids.expired!)).toBe('EXPIRED');
      expect(await status(ids.terminated!)).toBe('TERMINATED');
    });

    it('filters by status, type, supplier and expiringWithinDays', async () => {
      const list = async (query: Record<string, unknown>) =>
        (
          await request(t.server)
            .get('/api/contracts')
            .query({ pageSize: 500, ...query })
            .set(exec.auth)
            .expect(200)
        ).body.items
          .map((c: ContractResponse) => c.id)
          .filter((id: string) => Object.values(ids).includes(id))
          .sort();
      expect(await list({ status: 'EXPIRING' })).toEqual([ids.expiring90, ids.expiring30].sort());
      expect(await list({ status: 'DRAFT,TERMINATED' })).toEqual(
        [ids.draft, ids.terminated].sort(),
      );
      expect(await list({ expiringWithinDays: 30 })).toEqual([ids.expiring30]);
      expect(await list({ expiringWithinDays: 91 })).toEqual(
        [ids.active, ids.expiring90, ids.expiring30].sort(),
      );
      expect(await list({ type: 'SUPPLY' })).toEqual([]);
      const bySupplier = await request(t.server)
        .get('/api/contracts')
        .query({ supplierId: supplier, pageSize: 500 })
        .set(exec.auth)
        .expect(200);
      expect(bySupplier.body.items.every((c: ContractResponse) => c.supplierId === supplier)).toBe(
        true,
      );
      const bad = await request(t.server)
        .get('/api/contracts')
        .query({ status: 'OPEN' })
        .set(exec.auth)
        .expect(400);
      expect(fields(bad.body)).toEqual(['status']);
    });

    it('terminates once, from a date within the contract and with a reason', async () => {
      const c = await createContract(t, procurement, supplier);
      const bad = await request(t.server)
        .post(`/api/contracts/${c.id}/terminate`)
        .set(procurement.auth)
        .send({ terminatedOn: '2026-02-01', reason: 'Поздно', version: 1 })
        .expect(400);
      expect(fields(bad.body)).toEqual(['terminatedOn']);
      const noReason = await request(t.server)
        .post(`/api/contracts/${c.id}/terminate`)
        .set(procurement.auth)
        .send({ terminatedOn: '2025-06-01', version: 1 })
        .expect(400);
      expect(fields(noReason.body)).toContain('reason');
      const ok = await request(t.server)
        .post(`/api/contracts/${c.id}/terminate`)
        .set(procurement.auth)
        .send({ terminatedOn: '2025-06-01', reason: 'Соглашение сторон', version: 1 })
        .expect(200);
      expect(ok.body).toMatchObject({
        status: 'TERMINATED',
        terminatedOn: '2025-06-01',
        version: 2,
      });
      const again = await request(t.server)
        .post(`/api/contracts/${c.id}/terminate`)
        .set(procurement.auth)
        .send({ terminatedOn: '2025-05-01', reason: 'Ещё раз', version: 2 })
        .expect(409);
      expect(again.body.code).toBe('CONTRACT_TERMINATED');
    });

    it('raises alerts for contracts ending within 90 and 30 days, and resolves them when renewed', async () => {
      const checks = t.app.get(ContractChecksService);
      const ds = t.app.get(DataSource);
      await ds.transaction((em) => checks.check(em));
      const open = async (type: string) =>
        (
          await request(t.server)
            .get('/api/alerts')
            .query({ type, pageSize: 500 })
            .set(exec.auth)
            .expect(200)
        ).body.items as AlertResponse[];
      expect((await open('CONTRACT_ENDING_90')).map((a) => a.contractId)).toEqual([ids.expiring90]);
      const in30 = await open('CONTRACT_ENDING_30');
      expect(in30.map((a) => a.contractId)).toEqual([ids.expiring30]);
      expect(in30[0]).toMatchObject({
        severity: 'CRITICAL',
        params: { days: 12, endDate: cityDate(12) },
      });

      const c = await request(t.server).get(`/api/contracts/${ids.expiring30}`).set(exec.auth);
      await request(t.server)
        .patch(`/api/contracts/${ids.expiring30}`)
        .set(procurement.auth)
        .send({ endDate: cityDate(400), version: c.body.version })
        .expect(200);
      await ds.transaction((em) => checks.check(em));
      expect(await open('CONTRACT_ENDING_30')).toEqual([]);
    });
  });
});
