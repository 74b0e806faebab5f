import {
  addDays,
  addYears,
  ageYears,
  cityDateOf,
  DeviceStatus,
  endOfLife,
  isPastLife,
  remainingLifeMonths,
  Role,
  type DeviceResponse,
} from '@radfleet/shared';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevice, createFacility, signInAs, type Account } from './support/accounts.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const codes = (body: { items: DeviceResponse[] }) => body.items.map((d) => d.inventoryNumber);

const year = Number(cityDateOf(new Date()).slice(0, 4));

describe('the device registry', () => {
  let t: TestApp;
  let admin: Account;
  let manager: Account;
  let exec: Account;
  let north: string;
  let centre: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAs(t, Role.ADMIN);
    north = (await createFacility(t, admin, { district: 'SAO', name: 'Больница Северная' })).id;
    centre = (await createFacility(t, admin, { district: 'CAO', name: 'Поликлиника Центральная' }))
      .id;
    manager = await signInAs(t, Role.FACILITY_MANAGER, [north]);
    exec = await signInAs(t, Role.EXECUTIVE);
    // CT, digital, 2 years old. A-2: MRI, 8 years. A-3: analogue radiography, 15 years (past its 12).
    await createDevice(t, admin, north, {
      inventoryNumber: 'A-1',
      modality: 'CT',
      commissioningDate: `${year - 2}-01-10`,
      yearOfManufacture: year - 3,
      purchasePrice: '70000000.50',
    });
    await createDevice(t, admin, north, {
      inventoryNumber: 'A-2',
      modality: 'MRI',
      manufacturer: 'GE HealthCare',
      model: 'SIGNA Explorer',
      commissioningDate: `${year - 8}-03-01`,
      yearOfManufacture: year - 8,
      purchasePrice: '120000000',
    });
    await createDevice(t, admin, centre, {
      inventoryNumber: 'A-3',
      modality: 'RADIOGRAPHY',
      technology: 'ANALOGUE',
      archiveConnected: false,
      manufacturer: '«Мосрентген»',
      model: 'РУМ-20',
      commissioningDate: `${year - 15}-06-01`,
      yearOfManufacture: year - 15,
      purchasePrice: null,
    });
  });
  afterAll(async () => t?.close());

  const list = (query: Record<string, unknown>) =>
    request(t.server)
      .get('/api/devices')
      .query({ q: 'A-', ...query })
      .set(exec.auth)
      .expect(200);

  it('computes age, end of life, remaining life and the past-life flag when read', async () => {
    const today = cityDateOf(new Date());
    const res = await list({ sort: 'inventoryNumber' });
    const [a1, a2, a3] = res.body.items as DeviceResponse[];
    expect(a1).toMatchObject({
      age: ageYears({ ...a1!, status: DeviceStatus.IN_SERVICE }, today),
      effectiveServiceLifeYears: 10,
      endOfLifeDate: `${year + 8}-01-10`,
      remainingLifeMonths: remainingLifeMonths(`${year + 8}-01-10`, today),
      pastServiceLife: false,
      installed: true,
      purchasePrice: '70000000.50',
    });
    expect(a2).toMatchObject({ endOfLifeDate: `${year + 2}-03-01`, pastServiceLife: false });
    expect(a3).toMatchObject({
      age: today >= `${year}-06-01` ? 15 : 14,
      effectiveServiceLifeYears: 12,
      endOfLifeDate: `${year - 3}-06-01`,
      remainingLifeMonths: remainingLifeMonths(`${year - 3}-06-01`, today),
      pastServiceLife: true,
      purchasePrice: null,
    });
    expect(a3!.remainingLifeMonths).toBeLessThanOrEqual(-30);
    expect(a1!.facilityName).toBe('Больница Северная');
  });

  it('narrows by every filter', async () => {
    expect(codes((await list({ modality: 'CT' })).body)).toEqual(['A-1']);
    expect(codes((await list({ modality: 'CT,MRI', sort: 'inventoryNumber' })).body)).toEqual([
      'A-1',
      'A-2',
    ]);
    expect(codes((await list({ facilityId: centre })).body)).toEqual(['A-3']);
    expect(codes((await list({ district: 'SAO', sort: 'inventoryNumber' })).body)).toEqual([
      'A-1',
      'A-2',
    ]);
    expect(codes((await list({ technology: 'ANALOGUE' })).body)).toEqual(['A-3']);
    expect(codes((await list({ status: 'IN_SERVICE', sort: 'inventoryNumber' })).body)).toEqual([
      'A-1',
      'A-2',
      'A-3',
    ]);
    expect(codes((await list({ ageMin: 9, ageMax: 10 })).body)).toEqual([]);
    expect(codes((await list({ ageMin: 6, ageMax: 8 })).body)).toEqual(['A-2']);
    expect(codes((await list({ overdue: true })).body)).toEqual(['A-3']);
    expect(codes((await list({ overdue: false, sort: 'inventoryNumber' })).body)).toEqual([
      'A-1',
      'A-2',
    ]);
    expect(codes((await list({ q: 'signa' })).body)).toEqual(['A-2']);
    expect(codes((await list({ q: 'центральная' })).body)).toEqual(['A-3']);
    expect(codes((await list({ q: 'мосрентген' })).body)).toEqual(['A-3']);
  });

  it('sorts by listed columns both ways and pages', async () => {
    expect(codes((await list({ sort: '-age' })).body)).toEqual(['A-3', 'A-2', 'A-1']);
    expect(codes((await list({ sort: 'remainingLifeMonths' })).body)).toEqual([
      'A-3',
      'A-2',
      'A-1',
    ]);
    expect(codes((await list({ sort: '-endOfLifeDate' })).body)).toEqual(['A-1', 'A-2', 'A-3']);
    expect(codes((await list({ sort: 'purchasePrice' })).body)).toEqual(['A-1', 'A-2', 'A-3']);
    // share a facility, so only the facility order is fixed between them.
    const byFacility = codes((await list({ sort: 'facility' })).body);
    expect(byFacility.slice(0, 2).sort()).toEqual(['A-1', 'A-2']);
    expect(byFacility[2]).toBe('A-3');
    const p2 = await list({ sort: 'inventoryNumber', pageSize: 2, page: 2 });
    expect(p2.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(codes(p2.body)).toEqual(['A-3']);
    const beyond = await list({ page: 9 });
    expect(beyond.body).toMatchObject({ total: 3, items: [] });
  });

  it('refuses bad filters with field-level 400s', async () => {
    const res = await request(t.server)
      .get('/api/devices')
      .query({ modality: 'XRAY', pageSize: 501, sort: 'secret', ageMin: -1, overdue: 'maybe' })
      .set(exec.auth)
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'ageMin',
      'modality',
      'overdue',
      'pageSize',
      'sort',
    ]);
  });

  it('catches a concurrent edit with 409 and the current version', async () => {
    const d = await createDevice(t, admin, north);
    const first = await request(t.server)
      .patch(`/api/devices/${d.id}`)
      .set(admin.auth)
      .send({ room: '101', version: d.version })
      .expect(200);
    expect(first.body.version).toBe(d.version + 1);
    const second = await request(t.server)
      .patch(`/api/devices/${d.id}`)
      .set(manager.auth)
      .send({ room: '202', version: d.version })
      .expect(409);
    expect(second.headers['content-type']).toMatch(/problem\+json/);
    expect(second.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: d.version + 1 });
    const now = await request(t.server).get(`/api/devices/${d.id}`).set(exec.auth).expect(200);
    expect(now.body.room).toBe('101');
  });

  it('lets a facility manager change their own facility only', async () => {
    const own = await createDevice(t, manager, north);
    await request(t.server)
      .patch(`/api/devices/${own.id}`)
      .set(manager.auth)
      .send({ notes: 'новая трубка', version: own.version })
      .expect(200);
    const other = await createDevice(t, admin, centre);
    const denied = await request(t.server)
      .patch(`/api/devices/${other.id}`)
      .set(manager.auth)
      .send({ notes: 'x', version: other.version })
      .expect(403);
    expect(denied.body.code).toBe('OUTSIDE_FACILITY_SCOPE');
    // Moving their device to a facility that is not theirs is refused too.
    const current = await request(t.server)
      .get(`/api/devices/${own.id}`)
      .set(manager.auth)
      .expect(200);
    await request(t.server)
      .patch(`/api/devices/${own.id}`)
      .set(manager.auth)
      .send({ facilityId: centre, version: current.body.version })
      .expect(403);
    const create = await request(t.server)
      .post('/api/devices')
      .set(manager.auth)
      .send({
        inventoryNumber: 'X-1',
        manufacturer: 'm',
        model: 'm',
        modality: 'CT',
        technology: 'DIGITAL',
        facilityId: centre,
      })
      .expect(403);
    expect(create.body.code).toBe('OUTSIDE_FACILITY_SCOPE');
    await request(t.server)
      .get('/api/devices')
      .query({ q: 'X-1' })
      .set(exec.auth)
      .expect(200)
      .expect((r) => expect(r.body.total).toBe(0));
  });

  it('decommissions with a reason, never deletes, and shows transfers in the history', async () => {
    const d = await createDevice(t, admin, north, { inventoryNumber: 'H-1' });
    const noReason = await request(t.server)
      .patch(`/api/devices/${d.id}`)
      .set(admin.auth)
      .send({ status: 'DECOMMISSIONED', version: d.version })
      .expect(400);
    expect(noReason.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'decommissionedOn',
      'decommissionReason',
    ]);
    const moved = await request(t.server)
      .patch(`/api/devices/${d.id}`)
      .set(admin.auth)
      .send({ facilityId: centre, version: d.version })
      .expect(200);
    const gone = await request(t.server)
      .patch(`/api/devices/${d.id}`)
      .set(admin.auth)
      .send({
        status: 'DECOMMISSIONED',
        decommissionedOn: '2025-12-01',
        decommissionReason: 'Износ рентгеновской трубки',
        version: moved.body.version,
      })
      .expect(200);
    expect(gone.body).toMatchObject({ status: 'DECOMMISSIONED', decommissionedOn: '2025-12-01' });
    await request(t.server).delete(`/api/devices/${d.id}`).set(admin.auth).expect(404);
    const history = await request(t.server)
      .get(`/api/devices/${d.id}/history`)
      .set(exec.auth)
      .expect(200);
    expect(history.body.map((h: { action: string }) => h.action)).toEqual([
      'CREATE',
      'UPDATE',
      'UPDATE',
    ]);
    expect(history.body[1].changes).toEqual([
      { field: 'facilityId', before: north, after: centre },
    ]);
    expect(history.body[2].changes.map((c: { field: string }) => c.field).sort()).toEqual([
      'decommissionReason',
      'decommissionedOn',
      'status',
    ]);
    expect(history.body[2].actorEmail).toBe(admin.email);
  });

  it('records the reason of a status change in the history', async () => {
    const d = await createDevice(t, admin, north);
    const idle = await request(t.server)
      .patch(`/api/devices/${d.id}`)
      .set(admin.auth)
      .send({ status: 'IDLE', statusReason: 'нет рентгенлаборанта', version: d.version })
      .expect(200);
    expect(idle.body).not.toHaveProperty('statusReason');
    const history = await request(t.server)
      .get(`/api/devices/${d.id}/history`)
      .set(exec.auth)
      .expect(200);
    expect(history.body.at(-1).changes).toEqual([
      { field: 'status', before: 'IN_SERVICE', after: 'IDLE' },
      { field: 'statusReason', before: null, after: 'нет рентгенлаборанта' },
    ]);
  });

  it('refuses a duplicate inventory number and inconsistent fields', async () => {
    const dup = await request(t.server)
      .post('/api/devices')
      .set(admin.auth)
      .send({
        inventoryNumber: 'A-1',
        manufacturer: 'm',
        model: 'm',
        modality: 'CT',
        technology: 'DIGITAL',
        facilityId: north,
      })
      .expect(409);
    expect(dup.body.errors[0].field).toBe('inventoryNumber');
    const bad = await request(t.server)
      .post('/api/devices')
      .set(admin.auth)
      .send({
        inventoryNumber: 'Z-9',
        manufacturer: 'm',
        model: 'm',
        modality: 'CT',
        technology: 'ANALOGUE',
        archiveConnected: true,
        facilityId: north,
        purchasePrice: '12,5',
      })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['purchasePrice']);
    const rules = await request(t.server)
      .post('/api/devices')
      .set(admin.auth)
      .send({
        inventoryNumber: 'Z-9',
        manufacturer: 'm',
        model: 'm',
        modality: 'CT',
        technology: 'ANALOGUE',
        archiveConnected: true,
        facilityId: north,
      })
      .expect(400);
    expect(rules.body.errors.map((e: { field: string }) => e.field)).toEqual(['archiveConnected']);
    const unknownFacility = await request(t.server)
      .post('/api/devices')
      .set(admin.auth)
      .send({
        inventoryNumber: 'Z-9',
        manufacturer: 'm',
        model: 'm',
        modality: 'CT',
        technology: 'DIGITAL',
        facilityId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
      })
      .expect(404);
    expect(unknownFacility.body.errors[0].field).toBe('facilityId');
  });

  it('gives facilities their device count and digital share', async () => {
    const res = await request(t.server).get(`/api/facilities/${centre}`).set(exec.auth).expect(200);
    expect(res.body.deviceCount).toBeGreaterThanOrEqual(1);
    expect(res.body.modalityBreakdown).toEqual(
      expect.arrayContaining([{ modality: 'RADIOGRAPHY', digital: 0, analogue: 1 }]),
    );
    const listed = await request(t.server)
      .get('/api/facilities')
      .query({ q: 'Северная' })
      .set(exec.auth)
      .expect(200);
    expect(listed.body.items[0].digitalShare).toBe(1);
  });

  describe('age and end of life at their edges (README "Glossary")', () => {
    const today = cityDateOf(new Date());
    const yesterday = addDays(today, -1);
    let ids: Record<string, string>;

    beforeAll(async () => {
      const make = async (inventoryNumber: string, body: Record<string, unknown>) =>
        (await createDevice(t, admin, centre, { inventoryNumber, serviceLifeYears: 10, ...body }))
          .id;
      ids = {
        // Life ended yesterday: past life today, not a year later.
        ended: await make('E-ENDED', {
          commissioningDate: addYears(yesterday, -10),
          yearOfManufacture: null,
        }),
        // Life ends today: not past life yet.
        endsToday: await make('E-TODAY', {
          commissioningDate: addYears(today, -10),
          yearOfManufacture: null,
        }),
        // Past life, but decommissioned: its age stops at its date and it is never overdue.
        gone: await make('E-GONE', {
          commissioningDate: '2008-02-29',
          yearOfManufacture: 2007,
          status: 'DECOMMISSIONED',
          decommissionedOn: '2020-02-28',
          decommissionReason: 'worn out',
        }),
        planned: await make('E-PLAN', {
          commissioningDate: null,
          yearOfManufacture: null,
          status: 'PLANNED',
        }),
      };
    });

    const device = async (id: string) =>
      (await request(t.server).get(`/api/devices/${id}`).set(exec.auth).expect(200))
        .body as DeviceResponse;

    it('a device whose life ended yesterday is past life today', async () => {
      const ended = await device(ids.ended!);
      expect(ended).toMatchObject({
        endOfLifeDate: yesterday,
        pastServiceLife: true,
        age: 10,
        installed: true,
      });
      expect(ended.remainingLifeMonths).toBeLessThanOrEqual(0);
      const endsToday = await device(ids.endsToday!);
      expect(endsToday).toMatchObject({
        endOfLifeDate: today,
        pastServiceLife: false,
        remainingLifeMonths: 0,
        age: 10,
      });
    });

    it("stops a decommissioned device's age at its date, 29 February included", async () => {
      const gone = await device(ids.gone!);
      // 2008-02-29 to 2020-02-28: the twelfth anniversary falls on 2020-02-29, one day later.
      expect(gone).toMatchObject({
        age: 11,
        endOfLifeDate: '2018-02-28',
        pastServiceLife: true,
        installed: false,
      });
      expect(gone.age).toBe(ageYears(gone, today));
      expect(gone.endOfLifeDate).toBe(endOfLife(gone, 10));
      expect(gone.pastServiceLife).toBe(isPastLife(gone.endOfLifeDate, today));
    });

    it('says "unknown" when a figure has no date to stand on', async () => {
      expect(await device(ids.planned!)).toMatchObject({
        age: null,
        endOfLifeDate: null,
        remainingLifeMonths: null,
        pastServiceLife: false,
        installed: false,
      });
    });

    it('lists as overdue only installed devices past their life', async () => {
      const overdue = codes((await list({ q: 'E-', overdue: true })).body);
      expect(overdue).toEqual(['E-ENDED']);
      const rest = codes((await list({ q: 'E-', overdue: false, sort: 'inventoryNumber' })).body);
      expect(rest).toEqual(['E-GONE', 'E-PLAN', 'E-TODAY']);
    });

    it('shows the same figures on the device page, the list and the export', async () => {
      const page = await device(ids.ended!);
      const listed = (await list({ q: 'E-ENDED' })).body.items[0] as DeviceResponse;
      expect(listed).toEqual(page);
    });
  });
});
