import {
  District,
  KpiKey,
  Modality,
  Role,
  type AgeProfileResponse,
  type ContractResponse,
  type ContractSlaResponse,
  type DeviceResponse,
  type ExecutiveDashboardResponse,
  type FleetTotals,
  type Kpi,
  type Paged,
  type UtilisationSummaryResponse,
} from '@radfleet/shared';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityToday } from '../src/app/common/calendar.js';
import { lastPeriods } from '../src/app/dashboard/dashboard.service.js';
import { signInAs, type Account } from './support/accounts.js';
import { createTestApp, type TestApp } from './support/test-app.js';

// Issue 14: every KPI of the executive dashboard equals the figure of the API it drills down to,
// on the demo city, for the whole city and for a district × modality filter.

describe('the executive dashboard on the demo city', () => {
  let t: TestApp;
  let exec: Account;

  const get = async <T>(path: string, query: Record<string, string> = {}): Promise<T> => {
    const res = await request(t.server).get(path).query(query).set(exec.auth);
    expect(res.status, `${path} ${JSON.stringify(query)}: ${JSON.stringify(res.body)}`).toBe(200);
    return res.body as T;
  };
  const kpi = (d: ExecutiveDashboardResponse, key: KpiKey): Kpi =>
    d.kpis.find((k) => k.key === key)!;

  beforeAll(async () => {
    t = await createTestApp({ DEMO_DATA: 'true' });
    exec = await signInAs(t, Role.EXECUTIVE);
  }, 240_000);
  afterAll(async () => t?.close());

  const filters: Record<string, string>[] = [
    {},
    { district: District.CAO, modality: `${Modality.CT},${Modality.RADIOGRAPHY}` },
  ];
  for (const filter of filters) {
    it(`agrees with every drill-down API (${JSON.stringify(filter)})`, async () => {
      const d = await get<ExecutiveDashboardResponse>('/api/dashboard/executive', filter);
      expect(d.asOf).toBe(cityToday());
      expect(d.kpis.map((k) => k.key)).toEqual(Object.values(KpiKey));

      // Fleet: counts of the registry list the tiles link to.
      const installed = kpi(d, KpiKey.INSTALLED_DEVICES);
      const list = await get<Paged<DeviceResponse>>(installed.drillDown.api, {
        ...installed.drillDown.apiQuery,
        pageSize: '1',
      });
      expect(installed.value).toBe(list.total);
      expect(installed.value).toBeGreaterThan(0);
      const share = kpi(d, KpiKey.DIGITAL_SHARE);
      const digital = await get<Paged<DeviceResponse>>(share.drillDown.api, {
        ...share.drillDown.apiQuery,
        pageSize: '1',
      });
      expect(share.count).toBe(digital.total);
      expect(share.value).toBe(Math.round((1000 * digital.total) / list.total) / 10);
      expect(d.digitalShareByMonth).toHaveLength(37);
      expect(d.digitalShareByMonth.at(-1)!.digitalSharePct).toBe(share.value);
      expect(d.digitalShareByMonth.at(-1)!.devices).toBe(installed.value);

      // Median age: the middle of the listed devices' ages.
      const ages: number[] = [];
      for (let page = 1; ages.length < list.total; page++) {
        const p = await get<Paged<DeviceResponse>>('/api/devices', {
          ...installed.drillDown.apiQuery,
          pageSize: '500',
          page: String(page),
        });
        ages.push(...p.items.map((x) => x.age!));
      }
      ages.sort((a, b) => a - b);
      const n = ages.length;
      const median = n % 2 ? ages[(n - 1) / 2]! : (ages[n / 2 - 1]! + ages[n / 2]!) / 2;
      expect(kpi(d, KpiKey.MEDIAN_AGE).value).toBe(median);
      expect(d.ageProfile.flatMap((a) => a.byAge).reduce((s, c) => s + c, 0)).toBe(n);

      // Utilisation: the summary the tile opens, and the heat map adds up to it by district.
      const util = kpi(d, KpiKey.UTILISATION_12M);
      const summary = await get<UtilisationSummaryResponse>(util.drillDown.api, {
        ...util.drillDown.apiQuery,
        groupBy: 'DISTRICT',
      });
      expect(util.value).toBe(summary.totals.utilisationPct);
      expect(util.value).not.toBeNull();
      expect(util.count).toBe(summary.totals.studies);
      for (const g of summary.groups) {
        const cells = d.heatMap.filter((c) => c.district === g.key);
        expect(cells.reduce((s, c) => s + c.studies, 0)).toBe(g.studies);
        expect(cells.reduce((s, c) => s + c.devices, 0)).toBe(g.devices);
        expect(cells.reduce((s, c) => s + c.capacityStudies, 0)).toBeCloseTo(g.capacityStudies, 0);
      }
      expect(d.heatMap.reduce((s, c) => s + c.studies, 0)).toBe(summary.totals.studies);

      const studies = kpi(d, KpiKey.STUDIES_YTD);
      const ytd = await get<UtilisationSummaryResponse>(
        studies.drillDown.api,
        studies.drillDown.apiQuery,
      );
      expect(studies.value).toBe(ytd.totals.studies);
      expect(studies.previous).toBe(ytd.totals.previousYearStudies);
      expect(studies.change).toBe(ytd.totals.growthPct);
      const thisYear = d.studiesByMonth.months.reduce((s, m) => s + (m.studies ?? 0), 0);
      expect(thisYear).toBe(ytd.totals.studies);

      // Contracts and SLA are city-wide.
      const expiring = kpi(d, KpiKey.CONTRACTS_EXPIRING_90);
      const contracts = await get<Paged<ContractResponse>>(
        expiring.drillDown.api,
        expiring.drillDown.apiQuery,
      );
      expect(expiring.value).toBe(contracts.total);
      expect(d.expiringContracts.map((c) => c.contractId).sort()).toEqual(
        contracts.items.map((c) => c.id).sort(),
      );
    }, 300_000);
  }

  it('counts the city as the facility total, the utilisation summary and the age profile do', async () => {
    const d = await get<ExecutiveDashboardResponse>('/api/dashboard/executive');
    const totals = await get<FleetTotals>('/api/facilities/totals');
    expect(kpi(d, KpiKey.INSTALLED_DEVICES).value).toBe(totals.deviceCount);
    expect(kpi(d, KpiKey.DIGITAL_SHARE).count).toBe(totals.digitalCount);
    const summary = await get<UtilisationSummaryResponse>('/api/utilisation/summary');
    expect(kpi(d, KpiKey.DIGITAL_SHARE).value).toBe(summary.digitalSharePct);

    const cocir = kpi(d, KpiKey.COCIR_COMPLIANCE);
    const profile = await get<AgeProfileResponse>(cocir.drillDown.api, cocir.drillDown.apiQuery);
    expect(d.cocir.map((r) => [r.key, r.upTo5, r.from6to10, r.over10, r.compliant]).sort()).toEqual(
      profile.rows.map((r) => [r.key, r.upTo5, r.from6to10, r.over10, r.compliant]).sort(),
    );
    expect(d.cocirTotal).toEqual(profile.total);
    expect(cocir.count).toBe(profile.rows.filter((r) => r.compliant).length);
  }, 120_000);

  it("judges last period's SLA as each contract's SLA page does", async () => {
    const d = await get<ExecutiveDashboardResponse>('/api/dashboard/executive');
    const all = await get<Paged<ContractResponse>>('/api/contracts', { pageSize: '500' });
    const periods = lastPeriods(d.asOf);
    let breached = 0;
    let penalty = 0;
    const withSla = all.items.filter((c) => c.sla);
    expect(withSla.length).toBeGreaterThan(0);
    for (const c of withSla) {
      const p = periods[c.sla!.measurementPeriod];
      const sla = await get<ContractSlaResponse>(`/api/contracts/${c.id}/sla`, p);
      if (!sla.met) {
        breached++;
        penalty += Math.round(Number(sla.penaltyAmount) * 100);
      }
    }
    expect(kpi(d, KpiKey.SLA_BREACHES).value).toBe(breached);
    expect(kpi(d, KpiKey.SLA_PENALTIES).amount).toBe((penalty / 100).toFixed(2));
    expect(d.slaBreaches).toHaveLength(breached);
  }, 300_000);

  it('refuses a bad filter with a field-level 400', async () => {
    const res = await request(t.server)
      .get('/api/dashboard/executive')
      .query({ district: 'NOWHERE' })
      .set(exec.auth);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors[0].field).toBe('district');
  });
});
