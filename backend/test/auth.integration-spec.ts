import { Role } from '@radfleet/shared';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, signInAs, TEST_PASSWORD } from './support/accounts.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('sign-in and sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('signs in, returns a bearer token and sets an httpOnly SameSite=Strict refresh cookie', async () => {
    const email = await createUser(t, Role.EXECUTIVE);
    const res = await request(t.server)
      .post('/api/auth/login')
      .send({ email: email.toUpperCase(), password: TEST_PASSWORD })
      .expect(200);
    expect(res.body).toMatchObject({
      accessToken: expect.any(String),
      expiresAt: expect.any(String),
      user: { email, role: 'EXECUTIVE' },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash/);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/rf_refresh=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api\/auth/);

    const me = await request(t.server)
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${res.body.accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({
      email,
      role: 'EXECUTIVE',
      active: true,
      permissions: ['READ', 'SELF', 'PLAN_APPROVE'],
    });
  });

  it('gives a wrong email and a wrong password the same answer', async () => {
    const email = await createUser(t, Role.EXECUTIVE);
    const wrongPassword = await request(t.server)
      .post('/api/auth/login')
      .send({ email, password: 'not-the-password-at-all' })
      .expect(401);
    const wrongEmail = await request(t.server)
      .post('/api/auth/login')
      .send({ email: 'nobody@test.radfleet', password: 'not-the-password-at-all' })
      .expect(401);
    expect(wrongPassword.body.detail).toBe(wrongEmail.body.detail);
    expect(wrongPassword.body.code).toBe(wrongEmail.body.code);
    expect(wrongPassword.headers['content-type']).toMatch(/problem\+json/);
  });

  it('answers ten wrong passwords in a row with 429 and Retry-After, and then refuses even the right one', async () => {
    const email = await createUser(t, Role.PROCUREMENT);
    const statuses: number[] = [];
    let last: request.Response | undefined;
    for (let i = 0; i < 10; i++) {
      last = await request(t.server)
        .post('/api/auth/login')
        .send({ email, password: `wrong-password-${i}` });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    await request(t.server)
      .post('/api/auth/login')
      .send({ email, password: TEST_PASSWORD })
      .expect(429);
  });

  it('validates the body with field-level messages', async () => {
    const res = await request(t.server)
      .post('/api/auth/login')
      .send({ email: 'not-an-email', extra: 1 })
      .expect(400);
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['email', 'password', 'extra']));
  });

  it('refuses a deactivated user at once, not when the token expires', async () => {
    const admin = await signInAs(t, Role.ADMIN);
    const worker = await signInAs(t, Role.EXECUTIVE);
    await request(t.server).get('/api/auth/me').set(worker.auth).expect(200);
    const current = await request(t.server)
      .get(`/api/users/${worker.id}`)
      .set(admin.auth)
      .expect(200);
    await request(t.server)
      .patch(`/api/users/${worker.id}`)
      .set(admin.auth)
      .send({ active: false, version: current.body.version })
      .expect(200);
    await request(t.server).get('/api/auth/me').set(worker.auth).expect(401);
    const again = await request(t.server)
      .post('/api/auth/login')
      .send({ email: worker.email, password: TEST_PASSWORD })
      .expect(401);
    expect(again.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('does not touch the user version on sign-in: an admin edit read before it still succeeds', async () => {
    const admin = await signInAs(t, Role.ADMIN);
    const email = await createUser(t, Role.EXECUTIVE);
    const users = await request(t.server)
      .get('/api/users')
      .query({ q: email })
      .set(admin.auth)
      .expect(200);
    const id = (users.body.items as { id: string; email: string }[]).find(
      (u) => u.email === email,
    )!.id;
    const before = await request(t.server).get(`/api/users/${id}`).set(admin.auth).expect(200);
    await login(t, email);
    const after = await request(t.server).get(`/api/users/${id}`).set(admin.auth).expect(200);
    expect(after.body.version).toBe(before.body.version);
    const [row] = (await t.app
      .get(DataSource)
      .query('SELECT last_login_at FROM users WHERE id = $1', [id])) as {
      last_login_at: Date | null;
    }[];
    expect(row!.last_login_at).not.toBeNull();
    await request(t.server)
      .patch(`/api/users/${id}`)
      .set(admin.auth)
      .send({ name: 'Renamed after sign-in', version: before.body.version })
      .expect(200);
  });

  it('renews with the refresh cookie, rotating it, and signs out', async () => {
    const email = await createUser(t, Role.EXECUTIVE);
    const agent = request.agent(t.server);
    const first = await agent
      .post('/api/auth/login')
      .send({ email, password: TEST_PASSWORD })
      .expect(200);
    const oldCookie = String(first.headers['set-cookie']).split(';')[0]!;
    const renewed = await agent.post('/api/auth/refresh').expect(200);
    expect(renewed.body.accessToken).not.toBe(first.body.accessToken);
    // The old access token and the old refresh token no longer work.
    await request(t.server)
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${first.body.accessToken}`)
      .expect(401);
    await request(t.server).post('/api/auth/refresh').set('Cookie', oldCookie).expect(401);

    await agent
      .post('/api/auth/logout')
      .set('Authorization', `Bearer ${renewed.body.accessToken}`)
      .expect(204);
    await request(t.server)
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${renewed.body.accessToken}`)
      .expect(401);
    await agent.post('/api/auth/refresh').expect(401);
  });

  it('changes the own password: refuses a common one, needs the current one, then the new one works', async () => {
    const me = await signInAs(t, Role.EXECUTIVE);
    const common = await request(t.server)
      .post('/api/auth/password')
      .set(me.auth)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'qwerty123456' })
      .expect(400);
    expect(common.body.errors[0].field).toBe('newPassword');
    await request(t.server)
      .post('/api/auth/password')
      .set(me.auth)
      .send({ currentPassword: 'wrong-current-pass', newPassword: 'a-much-better-secret' })
      .expect(400);
    await request(t.server)
      .post('/api/auth/password')
      .set(me.auth)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'a-much-better-secret' })
      .expect(204);
    await login(t, me.email, 'a-much-better-secret');
  });

  it('stores only an Argon2id hash', async () => {
    const email = await createUser(t, Role.EXECUTIVE);
    const row = await t.db.query<{ password_hash: string }>(
      'SELECT password_hash FROM users WHERE email = $1',
      [email],
    );
    expect(row.rows[0]!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});
