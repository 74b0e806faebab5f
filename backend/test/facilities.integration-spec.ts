import { District, FacilityType, Role } from '@radfleet/shared';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFacility, signInAs, type Account } from './support/accounts.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('facilities', () => {
  let t: TestApp;
  let admin: Account;
  let exec: Account;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAs(t, Role.ADMIN);
    exec = await signInAs(t, Role.EXECUTIVE);
    await createFacility(t, admin, {
      code: 'H-001',
      name: 'Городская клиническая больница № 1',
      type: FacilityType.HOSPITAL,
      district: District.SAO,
    });
    await createFacility(t, admin, {
      code: 'H-002',
      name: 'Городская клиническая больница № 2',
      type: FacilityType.HOSPITAL,
      district: District.CAO,
    });
    await createFacility(t, admin, {
      code: 'P-001',
      name: 'Детская поликлиника № 7',
      type: FacilityType.OUTPATIENT_CLINIC,
      district: District.SAO,
    });
  });
  afterAll(async () => t?.close());

  it('filters by district, type and text, for any role', async () => {
    const sao = await request(t.server)
      .get('/api/facilities')
      .query({ district: 'SAO' })
      .set(exec.auth)
      .expect(200);
    expect(sao.body.items.map((f: { code: string }) => f.code)).toEqual(['H-001', 'P-001']);
    const hospitals = await request(t.server)
      .get('/api/facilities')
      .query({ type: 'HOSPITAL', district: 'SAO' })
      .set(exec.auth)
      .expect(200);
    expect(hospitals.body.total).toBe(1);
    const text = await request(t.server)
      .get('/api/facilities')
      .query({ q: 'детская' })
      .set(exec.auth)
      .expect(200);
    expect(text.body.items.map((f: { code: string }) => f.code)).toEqual(['P-001']);
  });

  it('sorts and pages', async () => {
    const res = await request(t.server)
      .get('/api/facilities')
      .query({ sort: '-code', pageSize: 2, page: 1, q: '-00' })
      .set(exec.auth)
      .expect(200);
    expect(res.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(res.body.items.map((f: { code: string }) => f.code)).toEqual(['P-001', 'H-002']);
    const page2 = await request(t.server)
      .get('/api/facilities')
      .query({ sort: '-code', pageSize: 2, page: 2, q: '-00' })
      .set(exec.auth)
      .expect(200);
    expect(page2.body.items.map((f: { code: string }) => f.code)).toEqual(['H-001']);
  });

  it('refuses bad queries and bodies with field-level messages', async () => {
    const q = await request(t.server)
      .get('/api/facilities')
      .query({ district: 'MARS', pageSize: 1000, sort: 'drop table' })
      .set(exec.auth)
      .expect(400);
    expect(q.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'district',
      'pageSize',
      'sort',
    ]);
    const unknownSort = await request(t.server)
      .get('/api/facilities')
      .query({ sort: 'secret' })
      .set(exec.auth)
      .expect(400);
    expect(unknownSort.body.errors[0].field).toBe('sort');
    const body = await request(t.server)
      .post('/api/facilities')
      .set(admin.auth)
      .send({ code: '', type: 'CASTLE' })
      .expect(400);
    expect(body.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['code', 'name', 'type', 'district']),
    );
  });

  it('refuses a duplicate code with 409 naming the field', async () => {
    const res = await request(t.server)
      .post('/api/facilities')
      .set(admin.auth)
      .send({
        code: 'H-001',
        name: 'Дубль',
        shortName: 'Д',
        type: 'OTHER',
        district: 'CAO',
        address: '',
      })
      .expect(409);
    expect(res.body.errors).toEqual([{ field: 'code', message: 'code H-001 is taken' }]);
  });

  it('returns one facility, and 404 for an unknown one', async () => {
    const list = await request(t.server)
      .get('/api/facilities')
      .query({ q: 'H-002' })
      .set(exec.auth)
      .expect(200);
    const one = await request(t.server)
      .get(`/api/facilities/${list.body.items[0].id}`)
      .set(exec.auth)
      .expect(200);
    expect(one.body).toMatchObject({ code: 'H-002', district: 'CAO', version: 1 });
    await request(t.server)
      .get('/api/facilities/1b4e28ba-2fa1-41d2-883f-0016d3cca427')
      .set(exec.auth)
      .expect(404);
    await request(t.server).get('/api/facilities/not-a-uuid').set(exec.auth).expect(400);
  });
});
