import {
  PlanReason,
  Role,
  ScenarioRunStatus,
  ScenarioState,
  ScenarioTargetKind,
  type AuditEntryResponse,
  type Paged,
  type PlanResponse,
  type PricesResponse,
  type ScenarioCompareResponse,
  type ScenarioListItem,
  type ScenarioResponse,
  type ScenarioRunResponse,
} from '@radfleet/shared';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityToday } from '../src/app/common/calendar.js';
import { ScenariosService } from '../src/app/scenarios/scenarios.service.js';
import { createDevice, createFacility, signInAs, type Account } from './support/accounts.js';
import { createTestApp, type TestApp } from './support/test-app.js';

function binary(res: request.Response, cb: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

/**
 * Replacement scenarios through the API on a real PostgreSQL: a hand-made fleet of six devices in
 * two facilities with catalogue prices, the optimiser run as a job in its worker thread, the plan,
 * infeasible targets with the minimum budget, approval, copies and comparison, roles and audit.
 */
describe('replacement scenarios', () => {
  let t: TestApp;
  let admin: Account;
  let procurement: Account;
  let exec: Account;
  let manager: Account;
  let mine: string;
  let other: string;
  const ids: Record<string, string> = {};
  const startYear = Number(cityToday().slice(0, 4)) + 1;

  const poll = async (scenarioId: string, run: ScenarioRunResponse) => {
    let r = run;
    while (r.status === ScenarioRunStatus.QUEUED || r.status === ScenarioRunStatus.RUNNING) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      r = (
        await request(t.server)
          .get(`/api/planning/scenarios/${scenarioId}/runs/${run.id}`)
          .set(exec.auth)
          .expect(200)
      ).body as ScenarioRunResponse;
      expect(r.progress).toBeGreaterThanOrEqual(0);
      expect(r.progress).toBeLessThanOrEqual(100);
    }
    return r;
  };

  const runToEnd = async (id: string, who = procurement) => {
    const started = await request(t.server)
      .post(`/api/planning/scenarios/${id}/run`)
      .set(who.auth)
      .expect(202);
    return poll(id, started.body as ScenarioRunResponse);
  };

  const get = async (id: string) =>
    (await request(t.server).get(`/api/planning/scenarios/${id}`).set(exec.auth).expect(200))
      .body as ScenarioResponse;

  const base = () => ({
    name: 'База',
    startYear,
    horizonYears: 3,
    caps: ['60000000.00', '60000000.00', '60000000.00'],
    carryOver: false,
    escalationPct: 0,
  });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAs(t, Role.ADMIN);
    procurement = await signInAs(t, Role.PROCUREMENT);
    exec = await signInAs(t, Role.EXECUTIVE);
    mine = (await createFacility(t, admin, { district: 'SAO' })).id;
    other = (await createFacility(t, admin, { district: 'YUAO' })).id;
    manager = await signInAs(t, Role.FACILITY_MANAGER, [mine]);
    const prices = (await request(t.server).get('/api/planning/prices').set(admin.auth).expect(200))
      .body as PricesResponse;
    const at = `${startYear - 1}-01-01`;
    await request(t.server)
      .put('/api/planning/prices')
      .set(admin.auth)
      .send({
        version: prices.version,
        escalationPct: 0,
        prices: [
          ['CT', '50000000.00'],
          ['MRI', '80000000.00'],
          ['RADIOGRAPHY', '10000000.00'],
          ['MAMMOGRAPHY', '15000000.00'],
          ['FLUOROGRAPHY', '10000000.00'],
        ].map(([modality, price]) => ({ modality, price, effectiveFrom: at, source: 'test' })),
      })
      .expect(200);
    const make = async (name: string, facility: string, body: Record<string, unknown>) => {
      ids[name] = (
        await createDevice(t, admin, facility, {
          inventoryNumber: `SCN-${name}`,
          archiveConnected: false,
          purchasePrice: null,
          yearOfManufacture: Number(String(body['commissioningDate']).slice(0, 4)),
          ...body,
        })
      ).id;
    };
    await make('CT-OLD', mine, { modality: 'CT', commissioningDate: '2011-03-01' });
    await make('XR-AN1', mine, {
      modality: 'RADIOGRAPHY',
      technology: 'ANALOGUE',
      commissioningDate: '2008-05-01',
    });
    await make('XR-AN2', other, {
      modality: 'RADIOGRAPHY',
      technology: 'ANALOGUE',
      commissioningDate: '2010-05-01',
    });
    await make('XR-NEW', mine, { modality: 'RADIOGRAPHY', commissioningDate: '2023-05-01' });
    await make('CT-B', other, { modality: 'CT', commissioningDate: '2016-05-01' });
    await make('MRI-B', other, { modality: 'MRI', commissioningDate: '2014-05-01' });
  });
  afterAll(async () => {
    await t?.app.get(ScenariosService).idle();
    await t?.close();
  });

  it('refuses bad input with field-level problems', async () => {
    const res = await request(t.server)
      .post('/api/planning/scenarios')
      .set(procurement.auth)
      .send({ ...base(), horizonYears: 16, caps: ['x'] })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['horizonYears', 'caps']));
    const mismatch = await request(t.server)
      .post('/api/planning/scenarios')
      .set(procurement.auth)
      .send({
        ...base(),
        caps: ['1.00'],
        targets: [{ kind: 'ANALOGUE_OUT', year: startYear + 5 }],
        pins: [{ deviceId: ids['MRI-B'], year: startYear }],
        exclusions: [ids['MRI-B']],
      })
      .expect(400);
    expect((mismatch.body.errors as { field: string }[]).map((e) => e.field)).toEqual(
      expect.arrayContaining(['caps', 'targets.0.year', 'pins.0.deviceId']),
    );
    await request(t.server).post('/api/planning/scenarios').set(exec.auth).send(base()).expect(403);
  });

  let planned: ScenarioResponse;

  it('runs as a job and returns a plan that keeps caps, pins, exclusions and removals', async () => {
    planned = (
      await request(t.server)
        .post('/api/planning/scenarios')
        .set(procurement.auth)
        .send({
          ...base(),
          pins: [{ deviceId: ids['XR-NEW'], year: startYear + 1 }],
          exclusions: [ids['MRI-B']],
          removals: [ids['CT-B']],
        })
        .expect(201)
    ).body as ScenarioResponse;
    expect(planned.state).toBe(ScenarioState.DRAFT);
    const run = await runToEnd(planned.id);
    expect(run.status, JSON.stringify(run)).toBe(ScenarioRunStatus.SUCCEEDED);
    expect(run.solver?.solver).toMatch(/HiGHS/);
    expect(run.solver?.gapPct).not.toBeNull();

    const plan = (
      await request(t.server)
        .get(`/api/planning/scenarios/${planned.id}/plan`)
        .set(exec.auth)
        .expect(200)
    ).body as PlanResponse;
    for (const y of plan.run.optimum!.years)
      expect(Number(y.spend)).toBeLessThanOrEqual(60_000_000);
    const row = (name: string) => plan.rows.find((r) => r.deviceId === ids[name]);
    expect(row('XR-NEW')).toMatchObject({
      year: startYear + 1,
      reason: PlanReason.PIN,
      price: '10000000.00',
    });
    expect(row('MRI-B')).toBeUndefined();
    expect(row('CT-B')).toMatchObject({ reason: PlanReason.REMOVAL, year: startYear });
    // 60 M a year: the old CT (50 M) and both analogue units (10 M each) fit in the three years.
    expect(row('CT-OLD')?.reason).toBe(PlanReason.SCORE);
    expect(row('XR-AN1')).toBeDefined();
    expect(row('XR-AN2')).toBeDefined();
    expect(plan.run.optimum!.objective).toBeGreaterThanOrEqual(plan.run.byScore!.objective);

    // A facility manager reads the rows of their own facility only.
    const mineOnly = (
      await request(t.server)
        .get(`/api/planning/scenarios/${planned.id}/plan`)
        .set(manager.auth)
        .expect(200)
    ).body as PlanResponse;
    expect(mineOnly.rows.length).toBeGreaterThan(0);
    expect(mineOnly.rows.every((r) => r.facilityId === mine)).toBe(true);
  });

  it('answers infeasible targets with 422, the first failing target and a minimum budget that then works', async () => {
    const s = (
      await request(t.server)
        .post('/api/planning/scenarios')
        .set(procurement.auth)
        .send({
          ...base(),
          name: 'Аналоговые за год',
          caps: ['5000000.00', '5000000.00', '5000000.00'],
          exclusions: [ids['MRI-B'], ids['CT-B'], ids['CT-OLD'], ids['XR-NEW']],
          targets: [{ kind: ScenarioTargetKind.ANALOGUE_OUT, year: startYear }],
        })
        .expect(201)
    ).body as ScenarioResponse;
    const run = await runToEnd(s.id);
    expect(run.status).toBe(ScenarioRunStatus.INFEASIBLE);
    const res = await request(t.server)
      .get(`/api/planning/scenarios/${s.id}/plan`)
      .set(exec.auth)
      .expect(422);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.failingTarget).toEqual({
      kind: ScenarioTargetKind.ANALOGUE_OUT,
      year: startYear,
      modality: null,
    });
    // Both analogue units (10 M each) in the first year.
    expect(res.body.minimumYearlyBudget).toBe('20000000.00');
    const patched = (
      await request(t.server)
        .patch(`/api/planning/scenarios/${s.id}`)
        .set(procurement.auth)
        .send({ version: s.version, caps: Array(3).fill(res.body.minimumYearlyBudget) })
        .expect(200)
    ).body as ScenarioResponse;
    const again = await runToEnd(patched.id);
    expect(again.status, JSON.stringify(again)).toBe(ScenarioRunStatus.SUCCEEDED);
    expect(again.optimum!.unmetTargets).toEqual([]);
    expect(again.optimum!.years[0]!.analogueLeft).toBe(0);
  });

  it('refuses a stale version with 409', async () => {
    const s = await get(planned.id);
    await request(t.server)
      .patch(`/api/planning/scenarios/${s.id}`)
      .set(procurement.auth)
      .send({ version: s.version + 1, name: 'x' })
      .expect(409);
  });

  it('lets executives approve, freezes the scenario, and keeps one current plan per start year', async () => {
    const s = await get(planned.id);
    await request(t.server)
      .post(`/api/planning/scenarios/${s.id}/approve`)
      .set(procurement.auth)
      .send({ version: s.version })
      .expect(403);
    const approved = (
      await request(t.server)
        .post(`/api/planning/scenarios/${s.id}/approve`)
        .set(exec.auth)
        .send({ version: s.version })
        .expect(200)
    ).body as ScenarioResponse;
    expect(approved.state).toBe(ScenarioState.APPROVED);
    expect(approved.approval).toMatchObject({ approvedByEmail: exec.email, current: true });

    const edit = await request(t.server)
      .patch(`/api/planning/scenarios/${s.id}`)
      .set(procurement.auth)
      .send({ version: approved.version, name: 'Другое имя' })
      .expect(409);
    expect(edit.body.code).toBe('SCENARIO_APPROVED');
    await request(t.server)
      .post(`/api/planning/scenarios/${s.id}/run`)
      .set(procurement.auth)
      .expect(409);

    // Copy as a new draft, run it, approve it: it becomes the current plan of the year.
    const copy = (
      await request(t.server)
        .post(`/api/planning/scenarios/${s.id}/copy`)
        .set(procurement.auth)
        .send({ name: 'База, версия 2' })
        .expect(201)
    ).body as ScenarioResponse;
    expect(copy.state).toBe(ScenarioState.DRAFT);
    expect(copy.caps).toEqual(approved.caps);
    expect(copy.pins).toEqual(approved.pins);
    await request(t.server)
      .post(`/api/planning/scenarios/${copy.id}/approve`)
      .set(admin.auth)
      .send({ version: copy.version })
      .expect(409);
    expect((await runToEnd(copy.id)).status).toBe(ScenarioRunStatus.SUCCEEDED);
    await request(t.server)
      .post(`/api/planning/scenarios/${copy.id}/approve`)
      .set(admin.auth)
      .send({ version: copy.version })
      .expect(200);
    expect((await get(s.id)).approval?.current).toBe(false);
    expect((await get(copy.id)).approval?.current).toBe(true);
    // The approved plan still answers with its frozen run.
    await request(t.server).get(`/api/planning/scenarios/${s.id}/plan`).set(exec.auth).expect(200);

    const list = (
      await request(t.server)
        .get('/api/planning/scenarios')
        .query({ state: 'APPROVED' })
        .set(exec.auth)
        .expect(200)
    ).body as Paged<ScenarioListItem>;
    expect(list.items.map((i) => i.id).sort()).toEqual([s.id, copy.id].sort());
    expect(list.items.find((i) => i.id === copy.id)?.current).toBe(true);

    const compared = (
      await request(t.server)
        .get('/api/planning/compare')
        .query({ ids: [s.id, copy.id].join(',') })
        .set(exec.auth)
        .expect(200)
    ).body as ScenarioCompareResponse;
    expect(compared.scenarios.map((c) => c.id)).toEqual([s.id, copy.id]);
    for (const c of compared.scenarios) {
      expect(c.run?.optimum?.deviceYearsPastLife).toBeGreaterThanOrEqual(0);
      expect(c.run?.byScore?.deviceYearsPastLife).toBeGreaterThanOrEqual(0);
    }
    await request(t.server)
      .get('/api/planning/compare')
      .query({ ids: s.id })
      .set(exec.auth)
      .expect(400);
  });

  it('exports the plan as xlsx with typed cells, in the chosen language', async () => {
    const plan = (
      await request(t.server)
        .get(`/api/planning/scenarios/${planned.id}/plan`)
        .set(exec.auth)
        .expect(200)
    ).body as PlanResponse;
    const res = await request(t.server)
      .get(`/api/planning/scenarios/${planned.id}/plan.xlsx`)
      .query({ lang: 'en' })
      .set(exec.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Years', 'Schedule']);
    const years = wb.getWorksheet('Years')!;
    expect(years.rowCount).toBe(1 + plan.scenario.horizonYears);
    expect(years.getRow(2).getCell(1).value).toBe(startYear);
    expect(typeof years.getRow(2).getCell(3).value).toBe('number');
    const schedule = wb.getWorksheet('Schedule')!;
    expect(schedule.rowCount).toBe(1 + plan.rows.length);
    const first = schedule.getRow(2);
    expect(first.getCell(1).value).toBe(plan.rows[0]!.year);
    expect(first.getCell(8).value).toBe(Number(plan.rows[0]!.price));
    const ru = await request(t.server)
      .get(`/api/planning/scenarios/${planned.id}/plan.xlsx`)
      .set(exec.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wbRu = new ExcelJS.Workbook();
    await wbRu.xlsx.load(ru.body as unknown as ArrayBuffer);
    expect(wbRu.worksheets.map((w) => w.name)).toEqual(['Сводка', 'По годам', 'График замен']);
  });

  it('audits every change, run and approval', async () => {
    const scenarioEntries = (
      await request(t.server)
        .get('/api/audit')
        .query({ entityType: 'scenario', entityId: planned.id })
        .set(admin.auth)
        .expect(200)
    ).body as Paged<AuditEntryResponse>;
    expect(scenarioEntries.items.map((e) => e.action).sort()).toEqual(['CREATE', 'UPDATE']);
    const runs = (
      await request(t.server)
        .get('/api/audit')
        .query({ entityType: 'scenario-run', pageSize: 100 })
        .set(admin.auth)
        .expect(200)
    ).body as Paged<AuditEntryResponse>;
    // Four runs, each created and finished.
    expect(runs.items.filter((e) => e.action === 'CREATE')).toHaveLength(4);
    expect(runs.items.filter((e) => e.action === 'UPDATE')).toHaveLength(4);
    expect(runs.items.every((e) => e.actorEmail === procurement.email)).toBe(true);
  });
});
