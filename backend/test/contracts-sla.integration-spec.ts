import {
  Role,
  type AlertResponse,
  type ContractSlaResponse,
  type DeviceAvailabilityResponse,
} from '@radfleet/shared';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractChecksService } from '../src/app/contracts/contract-checks.service.js';
import { ContractsSlaService } from '../src/app/contracts/contracts-sla.service.js';
import { createDevice, createFacility, signInAs, type Account } from './support/accounts.js';
import { cityDate, contractBody, createContract, createSupplier } from './support/contracts.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const SLA = {
  guaranteedUptimePercent: 95,
  basis: 'ROUND_THE_CLOCK',
  responseHours: 24,
  repairDays: 5,
  penaltyPerDay: '15000.00',
  measurementPeriod: 'MONTH',
};

/** Reads an xlsx response body into a Buffer. */
function binary(res: request.Response, cb: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

describe('uptime against the SLA, the daily contract checks and the register', () => {
  let t: TestApp;
  let admin: Account;
  let procurement: Account;
  let exec: Account;
  let facility: string;
  let supplier: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAs(t, Role.ADMIN);
    facility = (await createFacility(t, admin)).id;
    procurement = await signInAs(t, Role.PROCUREMENT);
    exec = await signInAs(t, Role.EXECUTIVE);
    supplier = (await createSupplier(t, procurement, { name: 'ООО «Гарантия»' })).id;
  });
  afterAll(async () => t?.close());

  const event = (body: Record<string, unknown>) =>
    request(t.server)
      .post('/api/service-events')
      .set(procurement.auth)
      .send({ description: 'Отказ', ...body })
      .expect(201);
  const sla = async (id: string, from: string, to: string) =>
    (
      await request(t.server)
        .get(`/api/contracts/${id}/sla`)
        .query({ from, to })
        .set(exec.auth)
        .expect(200)
    ).body as ContractSlaResponse;

  it('shows 48 hours down in June as 93.33 % uptime, breached against 95 %, with its penalty', async () => {
    const d = await createDevice(t, admin, facility);
    const healthy = await createDevice(t, admin, facility);
    const c = await createContract(t, procurement, supplier, {
      sla: SLA,
      devices: [{ deviceId: d.id }, { deviceId: healthy.id }],
    });
    await event({
      deviceId: d.id,
      type: 'BREAKDOWN',
      reportedAt: '2025-06-10T09:00:00+03:00',
      startedAt: '2025-06-10T15:00:00+03:00',
      resolvedAt: '2025-06-12T09:00:00+03:00',
    });
    // Planned maintenance is not held against the supplier.
    await event({
      deviceId: healthy.id,
      type: 'PREVENTIVE_MAINTENANCE',
      reportedAt: '2025-06-03T09:00:00+03:00',
      resolvedAt: '2025-06-04T09:00:00+03:00',
    });
    const june = await sla(c.id, '2025-06-01', '2025-06-30');
    const broken = june.devices.find((x) => x.deviceId === d.id)!;
    expect(broken).toMatchObject({
      coveredHours: 720,
      downtimeHours: 48,
      uptimePercent: 93.33,
      breakdowns: 1,
      responseBreaches: 0,
      repairBreaches: 0,
      penaltyDays: 1,
      met: false,
    });
    expect(june.devices.find((x) => x.deviceId === healthy.id)).toMatchObject({
      downtimeHours: 0,
      uptimePercent: 100,
      met: true,
    });
    expect(june).toMatchObject({
      from: '2025-06-01',
      to: '2025-06-30',
      coveredHours: 1440,
      downtimeHours: 48,
      uptimePercent: 96.67,
      met: false,
      penaltyDays: 1,
      penaltyAmount: '15000.00',
    });
    expect(june.breakdowns).toEqual([
      expect.objectContaining({
        deviceId: d.id,
        responseHours: 6,
        repairHours: 48,
        responseMet: true,
        repairMet: true,
        overrunDays: 0,
      }),
    ]);
    // Over the whole year the contract's monthly periods are shown, never one year-long average:
    // June stays breached, and the penalty is the same.
    const year = await sla(c.id, '2025-01-15', '2025-12-31');
    expect(year.periods).toHaveLength(12);
    expect(year.periods.filter((p) => !p.met).map((p) => p.from)).toEqual(['2025-06-01']);
    expect(year.penaltyAmount).toBe('15000.00');
  });

  it('measures response and repair times against the terms', async () => {
    const d = await createDevice(t, admin, facility);
    const c = await createContract(t, procurement, supplier, {
      sla: SLA,
      devices: [{ deviceId: d.id }],
    });
    await event({
      deviceId: d.id,
      type: 'BREAKDOWN',
      reportedAt: '2025-03-03T09:00:00+03:00',
      startedAt: '2025-03-05T09:00:00+03:00',
      resolvedAt: '2025-03-10T21:00:00+03:00',
    });
    const march = await sla(c.id, '2025-03-01', '2025-03-31');
    expect(march.breakdowns[0]).toMatchObject({
      responseHours: 48,
      responseMet: false,
      repairHours: 180,
      repairMet: false,
      overrunDays: 3,
    });
    // 180 h down in 744 h: 36.8 h allowed, 143.2 h over — 6 started days beats 3 days of overrun.
    expect(march.devices[0]).toMatchObject({
      responseBreaches: 1,
      repairBreaches: 1,
      penaltyDays: 6,
      met: false,
    });
    expect(march.penaltyAmount).toBe('90000.00');
  });

  it("clips to each device's service period and to a termination", async () => {
    const d = await createDevice(t, admin, facility);
    const c = await createContract(t, procurement, supplier, {
      sla: SLA,
      devices: [{ deviceId: d.id, serviceFrom: '2025-06-16', serviceTo: '2025-12-31' }],
    });
    await event({
      deviceId: d.id,
      type: 'BREAKDOWN',
      reportedAt: '2025-06-14T09:00:00+03:00',
      resolvedAt: '2025-06-17T09:00:00+03:00',
    });
    const june = await sla(c.id, '2025-06-01', '2025-06-30');
    // Covered 16–30 June (360 h); of the breakdown only 16 June 00:00 to 17 June 09:00 (33 h).
    expect(june.devices[0]).toMatchObject({ coveredHours: 360, downtimeHours: 33, breakdowns: 0 });
    await request(t.server)
      .post(`/api/contracts/${c.id}/terminate`)
      .set(procurement.auth)
      .send({ terminatedOn: '2025-06-17', reason: 'Расторжение', version: c.version })
      .expect(200);
    const after = await sla(c.id, '2025-06-01', '2025-06-30');
    expect(after.devices[0]).toMatchObject({
      coveredHours: 24,
      downtimeHours: 24,
      uptimePercent: 0,
    });
  });

  it("counts only the device's scheduled hours on that basis", async () => {
    const d = await createDevice(t, admin, facility, { scheduledHoursPerWeek: 40 });
    const c = await createContract(t, procurement, supplier, {
      sla: { ...SLA, basis: 'SCHEDULED_HOURS' },
      devices: [{ deviceId: d.id }],
    });
    await event({
      deviceId: d.id,
      type: 'BREAKDOWN',
      reportedAt: '2025-06-10T09:00:00+03:00',
      resolvedAt: '2025-06-12T09:00:00+03:00',
    });
    const june = await sla(c.id, '2025-06-01', '2025-06-30');
    // 19 working days × 8 h (08:00–16:00): 12 June (Russia Day) and 13 June (a transferred day
    // off) are not working days. Down Tue 09–16 and Wed 08–16; Thursday is the holiday: 15 h.
    expect(june.devices[0]).toMatchObject({
      coveredHours: 152,
      downtimeHours: 15,
      uptimePercent: 90.13,
      met: false,
    });
  });

  it('counts 1 working hour for a breakdown from Saturday 10:00 to Monday 09:00 (Mon–Fri 08:00–20:00)', async () => {
    const d = await createDevice(t, admin, facility, { scheduledHoursPerWeek: 60 });
    const c = await createContract(t, procurement, supplier, {
      sla: { ...SLA, basis: 'SCHEDULED_HOURS' },
      devices: [{ deviceId: d.id }],
    });
    // Saturday 7 June 2025, 10:00 to Monday 9 June, 09:00 (Moscow).
    await event({
      deviceId: d.id,
      type: 'BREAKDOWN',
      reportedAt: '2025-06-07T10:00:00+03:00',
      resolvedAt: '2025-06-09T09:00:00+03:00',
    });
    const june = await sla(c.id, '2025-06-01', '2025-06-30');
    // June 2025 has 19 working days (12 June, Russia Day, and the 13th, a transferred day off, are not).
    expect(june.devices[0]).toMatchObject({ coveredHours: 19 * 12, downtimeHours: 1 });

    // The same figures whatever the database session's zone.
    const ds = t.app.get(DataSource);
    const slaService = t.app.get(ContractsSlaService);
    for (const zone of ['UTC', 'Asia/Vladivostok']) {
      const runner = ds.createQueryRunner();
      try {
        await runner.connect();
        await runner.query(`SET TIME ZONE '${zone}'`);
        const summary = (
          await slaService.summaries('2025-06-01', '2025-06-30', [c.id], runner.manager)
        ).get(c.id);
        expect(summary).toMatchObject({ coveredHours: 19 * 12, downtimeHours: 1 });
      } finally {
        await runner.query('RESET TIME ZONE');
        await runner.release();
      }
    }
  });

  it('counts no working hours on a public holiday or a transferred day off', async () => {
    const d = await createDevice(t, admin, facility, { scheduledHoursPerWeek: 60 });
    const c = await createContract(t, procurement, supplier, {
      sla: { ...SLA, basis: 'SCHEDULED_HOURS' },
      devices: [{ deviceId: d.id }],
    });
    // Wednesday 11 June 20:00 to Saturday 14 June 10:00: 12 June is Russia Day, 13 June a
    // transferred day off (2025 decree), so not one working hour is lost.
    await event({
      deviceId: d.id,
      type: 'BREAKDOWN',
      reportedAt: '2025-06-11T20:00:00+03:00',
      startedAt: '2025-06-11T22:00:00+03:00',
      resolvedAt: '2025-06-14T10:00:00+03:00',
    });
    // Round the clock it is 62 hours; on the working-hours basis none.
    const june = await sla(c.id, '2025-06-01', '2025-06-30');
    expect(june.devices[0]).toMatchObject({ downtimeHours: 0, uptimePercent: 100, met: true });
  });

  it('counts a device commissioned on the 46th day of a quarter only from that day', async () => {
    // Q3 2025: 1 July is day 1, 15 August day 46; 15 August to 30 September is 47 days.
    const d = await createDevice(t, admin, facility, { commissioningDate: '2025-08-15' });
    const c = await createContract(t, procurement, supplier, {
      sla: { ...SLA, measurementPeriod: 'QUARTER' },
      devices: [{ deviceId: d.id }],
    });
    await event({
      deviceId: d.id,
      type: 'BREAKDOWN',
      reportedAt: '2025-08-20T09:00:00+03:00',
      resolvedAt: '2025-08-22T09:00:00+03:00',
    });
    const q3 = await sla(c.id, '2025-07-01', '2025-09-30');
    expect(q3.devices[0]).toMatchObject({ coveredHours: 47 * 24, downtimeHours: 48 });
    expect(q3.devices[0]!.uptimePercent).toBeCloseTo(100 - (100 * 48) / (47 * 24), 2);
    // Before commissioning there is nothing to judge: no "100 %, met" for Q2.
    const q2 = await sla(c.id, '2025-04-01', '2025-06-30');
    expect(q2).toMatchObject({ coveredHours: 0, uptimePercent: null, devices: [] });
  });

  it('stops counting a decommissioned device on its decommissioning date', async () => {
    const d = await createDevice(t, admin, facility, {
      status: 'DECOMMISSIONED',
      decommissionedOn: '2025-06-21',
      decommissionReason: 'Списан',
    });
    const c = await createContract(t, procurement, supplier, {
      sla: SLA,
      devices: [{ deviceId: d.id }],
    });
    const june = await sla(c.id, '2025-06-01', '2025-06-30');
    expect(june.devices[0]).toMatchObject({ coveredHours: 20 * 24 });
    const july = await sla(c.id, '2025-07-01', '2025-07-31');
    expect(july.devices).toEqual([]);
  });

  it('gives the same penalty total month by month as over the whole quarter', async () => {
    const monthly = await createDevice(t, admin, facility);
    const quarterly = await createDevice(t, admin, facility);
    const m = await createContract(t, procurement, supplier, {
      sla: SLA,
      devices: [{ deviceId: monthly.id }],
    });
    const q = await createContract(t, procurement, supplier, {
      sla: { ...SLA, measurementPeriod: 'QUARTER' },
      devices: [{ deviceId: quarterly.id }],
    });
    // 3, 6 and 9 days down in July, August and September, each breakdown 1 day over its term.
    const breakdowns = [
      ['2025-07-05', '2025-07-08'],
      ['2025-08-05', '2025-08-11'],
      ['2025-09-05', '2025-09-14'],
    ];
    for (const id of [monthly.id, quarterly.id])
      for (const [from, to] of breakdowns)
        await event({
          deviceId: id,
          type: 'BREAKDOWN',
          reportedAt: `${from}T09:00:00+03:00`,
          resolvedAt: `${to}T09:00:00+03:00`,
        });
    const months = [
      ['2025-07-01', '2025-07-31'],
      ['2025-08-01', '2025-08-31'],
      ['2025-09-01', '2025-09-30'],
    ] as const;
    for (const c of [m, q]) {
      const quarter = await sla(c.id, '2025-07-01', '2025-09-30');
      const views = await Promise.all(months.map(([from, to]) => sla(c.id, from, to)));
      // Each view shows the whole measurement periods it spans; the same period, the same penalty.
      const byPeriod = new Map<string, string>();
      for (const v of views) for (const p of v.periods) byPeriod.set(p.from, p.penaltyAmount);
      const total = [...byPeriod.values()].reduce((s, a) => s + Number(a), 0);
      expect(total).toBe(Number(quarter.penaltyAmount));
      expect(new Map(quarter.periods.map((p) => [p.from, p.penaltyAmount]))).toEqual(byPeriod);
    }
    const monthlyQuarter = await sla(m.id, '2025-07-15', '2025-09-15');
    expect(monthlyQuarter).toMatchObject({ from: '2025-07-01', to: '2025-09-30' });
    expect(monthlyQuarter.periods.map((p) => p.penaltyDays)).toEqual([2, 5, 8]);
    expect(monthlyQuarter.penaltyAmount).toBe('225000.00');
    const quarterView = await sla(q.id, '2025-08-01', '2025-08-31');
    expect(quarterView).toMatchObject({ from: '2025-07-01', to: '2025-09-30' });
    expect(quarterView.periods).toHaveLength(1);
    // 18 days of 92 down: 110.4 h allowed, 321.6 h over, 14 started days.
    expect(quarterView.periods[0]!.penaltyDays).toBe(14);
  });

  it('shows the same unplanned downtime on the SLA page and on the device page', async () => {
    const d = await createDevice(t, admin, facility, { commissioningDate: '2025-05-20' });
    const c = await createContract(t, procurement, supplier, {
      sla: { ...SLA, measurementPeriod: 'QUARTER' },
      devices: [{ deviceId: d.id }],
    });
    // Two overlapping breakdowns and planned work: SLA and device page both count the union of
    // the breakdowns (30 h) as unplanned downtime; the maintenance only adds to unavailability.
    await event({
      deviceId: d.id,
      type: 'BREAKDOWN',
      reportedAt: '2025-06-02T08:00:00+03:00',
      resolvedAt: '2025-06-03T08:00:00+03:00',
    });
    await event({
      deviceId: d.id,
      type: 'BREAKDOWN',
      reportedAt: '2025-06-03T02:00:00+03:00',
      resolvedAt: '2025-06-03T14:00:00+03:00',
    });
    await event({
      deviceId: d.id,
      type: 'PREVENTIVE_MAINTENANCE',
      reportedAt: '2025-06-10T09:00:00+03:00',
      resolvedAt: '2025-06-10T13:00:00+03:00',
    });
    const q2 = await sla(c.id, '2025-04-01', '2025-06-30');
    const device = (
      await request(t.server)
        .get(`/api/devices/${d.id}/availability`)
        .query({ from: q2.from, to: q2.to })
        .set(exec.auth)
        .expect(200)
    ).body as DeviceAvailabilityResponse;
    expect(q2.devices[0]).toMatchObject({ downtimeHours: 30, coveredHours: 42 * 24 });
    expect(device).toMatchObject({
      periodHours: q2.devices[0]!.coveredHours,
      unplannedDowntimeHours: q2.devices[0]!.downtimeHours,
      unavailabilityHours: 34,
    });
    expect(100 - device.unplannedDowntimePercent!).toBeCloseTo(q2.devices[0]!.uptimePercent!, 2);
  });

  it('shows its measurement period and verdict scope, defaulting to QUARTER and PER_DEVICE', async () => {
    const c = await createContract(t, procurement, supplier, {
      sla: { ...SLA, measurementPeriod: undefined },
    });
    const got = await request(t.server).get(`/api/contracts/${c.id}`).set(exec.auth).expect(200);
    expect(got.body.sla).toMatchObject({
      measurementPeriod: 'QUARTER',
      verdictScope: 'PER_DEVICE',
    });
    const bad = await request(t.server)
      .post('/api/contracts')
      .set(procurement.auth)
      .send(contractBody(supplier, { sla: { ...SLA, measurementPeriod: 'WEEK' } }))
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'sla.measurementPeriod',
    ]);
  });

  it('raises coverage, no-coverage and SLA-breach alerts from the daily check', async () => {
    const bare = await createDevice(t, admin, facility);
    const supplyOnly = await createDevice(t, admin, facility);
    const ending = await createDevice(t, admin, facility);
    const renewed = await createDevice(t, admin, facility);
    const failing = await createDevice(t, admin, facility);
    const spare = await createDevice(t, admin, facility, { status: 'IDLE' });
    const s = (await createSupplier(t, procurement)).id;
    await createContract(t, procurement, s, {
      type: 'SUPPLY',
      signedOn: cityDate(-300),
      startDate: cityDate(-300),
      endDate: cityDate(300),
      devices: [{ deviceId: supplyOnly.id }],
    });
    await createContract(t, procurement, s, {
      signedOn: cityDate(-300),
      startDate: cityDate(-300),
      endDate: cityDate(40),
      devices: [{ deviceId: ending.id }, { deviceId: renewed.id }],
    });
    await createContract(t, procurement, s, {
      signedOn: cityDate(-5),
      startDate: cityDate(41),
      endDate: cityDate(400),
      devices: [{ deviceId: renewed.id }],
    });
    const withSla = await createContract(t, procurement, s, {
      type: 'LIFECYCLE',
      signedOn: cityDate(-400),
      startDate: cityDate(-400),
      endDate: cityDate(900),
      sla: SLA,
      devices: [{ deviceId: failing.id }],
    });
    const day = 86_400_000;
    await event({
      deviceId: failing.id,
      type: 'BREAKDOWN',
      reportedAt: new Date(Date.now() - 20 * day).toISOString(),
      resolvedAt: new Date(Date.now() - 10 * day).toISOString(),
    });

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
    const mine = [bare, supplyOnly, ending, renewed, failing, spare].map((d) => d.id);
    const devicesOf = async (type: string) =>
      (await open(type))
        .flatMap((a) => a.deviceIds)
        .filter((id) => mine.includes(id))
        .sort();
    expect(await devicesOf('NO_COVERAGE')).toEqual([bare.id, supplyOnly.id].sort());
    expect(await devicesOf('COVERAGE_ENDING')).toEqual([ending.id]);
    // One alert per breached measurement period (the breakdown may straddle two months).
    const breach = (await open('SLA_BREACH')).filter((a) => a.contractId === withSla.id);
    expect(breach.length).toBeGreaterThanOrEqual(1);
    expect(new Set(breach.map((a) => a.params.from)).size).toBe(breach.length);
    for (const a of breach)
      expect(a).toMatchObject({ severity: 'CRITICAL', params: { breachedDevices: 1 } });

    // Covering the bare device resolves its alert at the next check.
    await createContract(t, procurement, s, {
      signedOn: cityDate(-1),
      startDate: cityDate(-1),
      endDate: cityDate(700),
      devices: [{ deviceId: bare.id }],
    });
    await ds.transaction((em) => checks.check(em));
    expect(await devicesOf('NO_COVERAGE')).toEqual([supplyOnly.id]);
  });

  it('exports the register with value, paid, remaining, status and SLA compliance', async () => {
    const d = await createDevice(t, admin, facility);
    const s = (await createSupplier(t, procurement, { name: 'ООО «Экспорт»' })).id;
    const c = await createContract(t, procurement, s, {
      sla: SLA,
      value: '2500000.50',
      devices: [{ deviceId: d.id }],
      milestones: [
        { dueDate: '2025-02-01', amount: '1000000.00', paidOn: '2025-02-03' },
        { dueDate: '2025-12-01', amount: '1500000.50' },
      ],
    });
    await event({
      deviceId: d.id,
      type: 'BREAKDOWN',
      reportedAt: '2025-06-10T09:00:00+03:00',
      resolvedAt: '2025-06-12T09:00:00+03:00',
    });
    const res = await request(t.server)
      .get('/api/contracts/export.xlsx')
      .query({ lang: 'en', from: '2025-06-01', to: '2025-06-30', supplierId: s })
      .set(exec.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Contracts']);
    const sheet = wb.getWorksheet('Contracts')!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const row = sheet.getRow(2);
    const cell = (h: string) => row.getCell(headers.indexOf(h) + 1);
    expect(sheet.rowCount).toBe(2);
    expect(cell('Number').value).toBe(c.number);
    expect(cell('Supplier').value).toBe('ООО «Экспорт»');
    expect(cell('Status').value).toBe('Expired');
    expect(cell('Value, RUB').value).toBe(2500000.5);
    expect(cell('Value, RUB').numFmt).toBe('#,##0.00 "₽"');
    expect(cell('Paid, RUB').value).toBe(1000000);
    expect(cell('Remaining, RUB').value).toBe(1500000.5);
    expect(cell('Guaranteed uptime').value).toBeCloseTo(0.95, 6);
    expect(cell('Uptime').value).toBeCloseTo(0.9333, 4);
    expect(cell('Downtime, h').value).toBe(48);
    expect(cell('SLA met').value).toBe('No');
    expect(cell('Days of breach').value).toBe(1);
    expect(cell('Penalties, RUB').value).toBe(15000);
    expect(cell('End').value).toEqual(new Date(Date.UTC(2025, 11, 31)));
    const summary = wb.getWorksheet('Summary')!;
    const labels = new Map<string, unknown>();
    summary.eachRow((r) => labels.set(String(r.getCell(1).value), r.getCell(2).value));
    expect(labels.get('Contracts')).toBe(1);
    expect(labels.get('Remaining, RUB')).toBe(1500000.5);
    expect(labels.get('Contracts with an SLA breach')).toBe(1);

    const bad = await request(t.server)
      .get('/api/contracts/export.xlsx')
      .query({ from: '2025-07-01', to: '2025-06-01' })
      .set(exec.auth)
      .expect(400);
    expect(bad.body.errors[0].field).toBe('from');
  });
});
