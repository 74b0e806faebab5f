import { Role, type SupplierResponse } from '@radfleet/shared';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, type Account } from './support/accounts.js';
import { createSupplier, organisationInn, soleTraderInn } from './support/contracts.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

describe('suppliers', () => {
  let t: TestApp;
  let procurement: Account;
  let manager: Account;

  beforeAll(async () => {
    t = await createTestApp();
    procurement = await signInAs(t, Role.PROCUREMENT);
    manager = await signInAs(t, Role.FACILITY_MANAGER);
  });
  afterAll(async () => t?.close());

  const post = (body: object, as = procurement) =>
    request(t.server).post('/api/suppliers').set(as.auth).send(body);

  it('refuses an INN whose control digit is wrong with 400 naming the field', async () => {
    const good = organisationInn();
    const bad = good.slice(0, 9) + String((Number(good[9]) + 1) % 10);
    const res = await post({ name: 'ООО «Ошибка»', inn: bad, kpp: '773601001' }).expect(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.errors).toEqual([{ field: 'inn', message: 'inn has a wrong control digit' }]);

    const trader = soleTraderInn();
    const badTrader = trader.slice(0, 11) + String((Number(trader[11]) + 1) % 10);
    expect(fields((await post({ name: 'ИП Иванов', inn: badTrader }).expect(400)).body)).toEqual([
      'inn',
    ]);
    const short = await post({ name: 'ООО «Коротко»', inn: '12345', kpp: '773601001' }).expect(400);
    expect(short.body.errors[0]).toMatchObject({
      field: 'inn',
      message: expect.stringMatching(/10 digits/),
    });
  });

  it('registers an organisation with its KPP and a sole trader without one', async () => {
    const org = await post({
      name: 'ООО «МедТехСервис»',
      inn: organisationInn(),
      kpp: '773601001',
      contactPerson: 'Сергей Петров',
      phone: '+7 495 123-45-67',
      email: 'service@medtech.example',
    }).expect(201);
    expect(org.body).toMatchObject({
      kind: 'ORGANISATION',
      kpp: '773601001',
      contractCount: 0,
      version: 1,
    });
    const trader = await post({ name: 'ИП Кузнецов А. В.', inn: soleTraderInn() }).expect(201);
    expect(trader.body).toMatchObject({ kind: 'SOLE_TRADER', kpp: null });
  });

  it('asks an organisation for its KPP and refuses one for a sole trader', async () => {
    const noKpp = await post({ name: 'ООО «Без КПП»', inn: organisationInn() }).expect(400);
    expect(fields(noKpp.body)).toEqual(['kpp']);
    const traderKpp = await post({
      name: 'ИП С КПП',
      inn: soleTraderInn(),
      kpp: '773601001',
    }).expect(400);
    expect(fields(traderKpp.body)).toEqual(['kpp']);
    const badKpp = await post({ name: 'ООО «КПП»', inn: organisationInn(), kpp: '77-36' }).expect(
      400,
    );
    expect(fields(badKpp.body)).toEqual(['kpp']);
  });

  it('refuses a duplicate INN', async () => {
    const first = await createSupplier(t, procurement);
    const res = await post({ name: 'ООО «Двойник»', inn: first.inn, kpp: '773601001' }).expect(409);
    expect(res.body.code).toBe('INN_TAKEN');
    expect(fields(res.body)).toEqual(['inn']);
  });

  it('edits with optimistic locking and audits the change', async () => {
    const s = await createSupplier(t, procurement);
    const ok = await request(t.server)
      .patch(`/api/suppliers/${s.id}`)
      .set(procurement.auth)
      .send({ phone: '+7 495 000-00-00', version: 1 })
      .expect(200);
    expect((ok.body as SupplierResponse).version).toBe(2);
    const stale = await request(t.server)
      .patch(`/api/suppliers/${s.id}`)
      .set(procurement.auth)
      .send({ phone: '+7 495 111-11-11', version: 1 })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
    const { rows } = await t.db.query(
      "SELECT action, changes FROM audit_log WHERE entity_type = 'supplier' AND entity_id = $1 ORDER BY seq",
      [s.id],
    );
    expect(rows.map((r) => r.action)).toEqual(['CREATE', 'UPDATE']);
    expect(rows[1].changes).toEqual([{ field: 'phone', before: null, after: '+7 495 000-00-00' }]);
  });

  it('lists and searches; facility managers may read but not write', async () => {
    await createSupplier(t, procurement, { name: 'АО «Поиск Рентген»' });
    const found = await request(t.server)
      .get('/api/suppliers')
      .query({ q: 'поиск' })
      .set(manager.auth)
      .expect(200);
    expect(found.body.items.map((s: SupplierResponse) => s.name)).toEqual(['АО «Поиск Рентген»']);
    await post(
      { name: 'ООО «Менеджер»', inn: organisationInn(), kpp: '773601001' },
      manager,
    ).expect(403);
  });
});
