import {
  allocationShares,
  formatKopecks,
  kopecks,
  Role,
  serviceCostKopecks,
  serviceCostRatio,
  yearlyCostKopecks,
  yearsInService,
} from '@radfleet/shared';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allocationShareSql,
  serviceCostRatioSql,
  serviceCostSql,
  yearlyServiceCostSql,
  yearsInServiceSql,
} from '../src/app/service-events/cost-of-ownership.sql.js';
import { createDevice, createFacility, signInAs, type Account } from './support/accounts.js';
import { createContract, createSupplier } from './support/contracts.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** The SQL twins of shared/src/contracts/cost-rules.ts give the same figures as the functions. */
describe('cost of ownership: SQL twins of the definitions', () => {
  let t: TestApp;
  let admin: Account;
  let procurement: Account;
  let facility: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAs(t, Role.ADMIN);
    procurement = await signInAs(t, Role.PROCUREMENT);
    facility = (await createFacility(t, admin)).id;
  });
  afterAll(async () => t?.close());

  it('allocates by purchase price, counts years from 29 February and gives the same ratio', async () => {
    const cheap = await createDevice(t, admin, facility, {
      purchasePrice: '9260000.00',
      commissioningDate: '2024-02-29',
    });
    const dear = await createDevice(t, admin, facility, { purchasePrice: '167000000.00' });
    const s = await createSupplier(t, procurement);
    const c = await createContract(t, procurement, s.id, {
      startDate: '2024-03-01',
      endDate: '2025-12-31',
      value: '22000000.00',
      devices: [{ deviceId: cheap.id }, { deviceId: dear.id }],
      milestones: [
        { dueDate: '2024-12-31', amount: '11000000.00', paidOn: '2024-12-20' },
        { dueDate: '2025-12-31', amount: '11000000.00', paidOn: '2025-12-20' },
      ],
    });
    await request(t.server)
      .post('/api/service-events')
      .set(procurement.auth)
      .send({
        deviceId: cheap.id,
        type: 'BREAKDOWN',
        reportedAt: '2025-03-03T10:00:00+03:00',
        resolvedAt: '2025-03-04T10:00:00+03:00',
        description: 'Вне контракта',
        cost: '40000.00',
      })
      .expect(201);
    await request(t.server)
      .post('/api/service-events')
      .set(procurement.auth)
      .send({
        deviceId: cheap.id,
        type: 'CALIBRATION',
        reportedAt: '2025-04-03T10:00:00+03:00',
        resolvedAt: '2025-04-03T12:00:00+03:00',
        description: 'По контракту',
        cost: '70000.00',
        contractId: c.id,
      })
      .expect(201);

    const ds = t.app.get(DataSource);
    const today = '2028-02-29';
    const [row] = (await ds.query(
      `SELECT ${allocationShareSql('cd', 'd')}::float8 AS share,
              ${yearsInServiceSql('d', '$2::date')}::float8 AS years,
              ${serviceCostSql('d')}::numeric(16, 2)::text AS service,
              ${yearlyServiceCostSql('d', '$2::date')}::numeric(16, 2)::text AS yearly,
              ${serviceCostRatioSql(yearlyServiceCostSql('d', '$2::date'), 'd.purchase_price')}::float8 AS ratio
         FROM devices d JOIN contract_devices cd ON cd.device_id = d.id
        WHERE d.id = $1`,
      [cheap.id, today],
    )) as { share: number; years: number; service: string; yearly: string; ratio: number }[];

    const [share] = allocationShares([
      { serviceFee: null, purchasePrice: '9260000.00' },
      { serviceFee: null, purchasePrice: '167000000.00' },
    ]);
    expect(row!.share).toBeCloseTo(share!, 12);
    const years = yearsInService('2024-02-29', today)!;
    expect(years).toBe(4);
    expect(row!.years).toBeCloseTo(years, 12);
    const service = serviceCostKopecks({
      serviceContracts: (kopecks('22000000.00') * 926n) / 17626n,
      lifecycleContracts: 0n,
      purchasePrice: kopecks('9260000.00'),
      uncoveredEvents: kopecks('40000.00'),
    });
    // The contract's share: 22 M ₽ × 9.26 / 176.26 = 1,155,792.58 ₽ (not 11 M ₽), plus the event
    // outside the contract; the calibration under it is not added.
    expect(Number(row!.service)).toBeCloseTo(Number(formatKopecks(service)), 1);
    expect(Number(row!.yearly)).toBeCloseTo(
      Number(formatKopecks(yearlyCostKopecks(kopecks(row!.service), years))),
      1,
    );
    expect(row!.ratio).toBeCloseTo(serviceCostRatio(row!.yearly, '9260000.00')!, 6);
    // Well under the 30 % candidate line, where an equal split would have been about 30 %.
    expect(row!.ratio).toBeLessThan(0.05);
  });
});
