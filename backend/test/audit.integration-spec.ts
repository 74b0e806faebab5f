import { Role } from '@radfleet/shared';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFacility, signInAs, type Account } from './support/accounts.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('the audit trail', () => {
  let t: TestApp;
  let admin: Account;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAs(t, Role.ADMIN);
  });
  afterAll(async () => t?.close());

  it('records an edit with actor, before, after and request id', async () => {
    const procurement = await signInAs(t, Role.PROCUREMENT);
    const f = await createFacility(t, admin, { name: 'Поликлиника № 1' });
    const res = await request(t.server)
      .patch(`/api/facilities/${f.id}`)
      .set(procurement.auth)
      .set('X-Request-Id', 'edit-123')
      .send({ name: 'Городская поликлиника № 1', version: f.version })
      .expect(200);
    expect(res.body.version).toBe(f.version + 1);

    const audit = await request(t.server)
      .get('/api/audit')
      .query({ entityType: 'facility', entityId: f.id })
      .set(admin.auth)
      .expect(200);
    expect(audit.body.total).toBe(2);
    const [update, create] = audit.body.items;
    expect(create).toMatchObject({ action: 'CREATE', actorEmail: admin.email, actorId: admin.id });
    expect(update).toMatchObject({
      action: 'UPDATE',
      actorId: procurement.id,
      actorEmail: procurement.email,
      requestId: 'edit-123',
      changes: [{ field: 'name', before: 'Поликлиника № 1', after: 'Городская поликлиника № 1' }],
    });
  });

  it('writes nothing when the change fails', async () => {
    const f = await createFacility(t, admin);
    await request(t.server)
      .patch(`/api/facilities/${f.id}`)
      .set(admin.auth)
      .send({ name: 'A', version: f.version })
      .expect(200);
    const stale = await request(t.server)
      .patch(`/api/facilities/${f.id}`)
      .set(admin.auth)
      .send({ name: 'B', version: f.version })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: f.version + 1 });
    const audit = await request(t.server)
      .get('/api/audit')
      .query({ entityId: f.id })
      .set(admin.auth)
      .expect(200);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(['UPDATE', 'CREATE']);
  });

  it('is append-only in the database itself', async () => {
    const f = await createFacility(t, admin);
    await expect(
      t.db.query(`UPDATE audit_log SET actor_email = 'x' WHERE entity_id = $1`, [f.id]),
    ).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM audit_log WHERE entity_id = $1', [f.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    const rows = await t.db.query('SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1', [
      f.id,
    ]);
    expect(rows.rows[0]!.n).toBe(1);
  });

  it('filters by actor, action and period, and pages', async () => {
    const before = new Date(Date.now() - 1000).toISOString();
    const other = await signInAs(t, Role.ADMIN);
    await createFacility(t, other);
    await createFacility(t, other);
    const res = await request(t.server)
      .get('/api/audit')
      .query({ actorId: other.id, action: 'CREATE', from: before, pageSize: 1 })
      .set(admin.auth)
      .expect(200);
    expect(res.body).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(res.body.items).toHaveLength(1);
    const future = await request(t.server)
      .get('/api/audit')
      .query({ actorId: other.id, from: new Date(Date.now() + 60_000).toISOString() })
      .set(admin.auth)
      .expect(200);
    expect(future.body.total).toBe(0);
    const bad = await request(t.server)
      .get('/api/audit')
      .query({ from: 'yesterday', entityId: 'not an id!' })
      .set(admin.auth)
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'entityId',
      'from',
    ]);
  });

  it('records user administration without ever storing a password', async () => {
    const created = await request(t.server)
      .post('/api/users')
      .set(admin.auth)
      .send({
        email: 'new.manager@test.radfleet',
        name: 'Новый',
        role: 'EXECUTIVE',
        password: 'a-long-enough-secret',
      })
      .expect(201);
    const audit = await request(t.server)
      .get('/api/audit')
      .query({ entityType: 'user', entityId: created.body.id })
      .set(admin.auth)
      .expect(200);
    expect(audit.body.items[0].action).toBe('CREATE');
    expect(JSON.stringify(audit.body)).not.toContain('a-long-enough-secret');
    expect(JSON.stringify(audit.body)).not.toContain('argon2');
  });
});
