import { Injectable } from '@nestjs/common';
import {
  addDays,
  addMonths,
  AGE_PROFILE_MAX_YEARS,
  ContractStatus,
  Granularity,
  KPI_TARGETS,
  KpiKey,
  KpiUnit,
  Modality,
  medianOfHistogram,
  monthEndsTo,
  ragFigure,
  ragOf,
  SlaMeasurementPeriod,
  twelveMonthsTo,
  UtilisationGroupBy,
  type CocirCompliance,
  type District,
  type DrillDown,
  type ExecutiveDashboardResponse,
  type ExpiringContract,
  type FleetCell,
  type HeatCell,
  type Kpi,
  type MonthlyStudies,
  type SlaBreach,
} from '@radfleet/shared';
import { DataSource } from 'typeorm';
import { cityToday } from '../common/calendar.js';
import { STATUS_SQL } from '../contracts/index.js';
import { ContractsSlaService } from '../contracts/index.js';
import { ageYearsSql, digitalSharePctSql, installedOnSql } from '../devices/index.js';
import { cocirRow } from '../planning/index.js';
import { minusYear } from '../utilisation/index.js';
import {
  figures,
  groupFiguresSql,
  seriesSql,
  type DeviceFilter,
  type FigureRow,
  type SeriesRow,
} from '../utilisation/index.js';
import { growthOf } from '../utilisation/index.js';

/** Which devices the dashboard covers: the whole city, or some districts and/or modalities. */
export interface DashboardFilter {
  district?: District[];
  modality?: Modality[];
  /** The facility pack: a facility manager's facilities only. */
  facilityId?: string[];
}

interface AgeRow {
  district: District;
  modality: Modality;
  technology: string;
  age: number;
  n: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const list = (v: readonly string[] | undefined) => (v?.length ? v.join(',') : undefined);
const defined = (o: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => e[1] !== undefined));

/**
 * The executive dashboard: every figure from its one definition — the installed base, digital
 * share and ages of fleet-figures.sql.ts with COCIR's rule (`cocirRow`, as the age profile API),
 * the utilisation rollups and their capacity (utilisation.query.ts, as the utilisation summary),
 * the contract status of contracts.query.ts and the SLA judgement of ContractsSlaService — each
 * aggregated by PostgreSQL. Every KPI names the list page and the API call answering the same
 * figure (`drillDown`).
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sla: ContractsSlaService,
  ) {}

  async executive(
    f: DashboardFilter = {},
    asOf = cityToday(),
  ): Promise<ExecutiveDashboardResponse> {
    const today = cityToday();
    const util = twelveMonthsTo(asOf);
    const ytd = { from: `${asOf.slice(0, 4)}-01-01`, to: asOf };
    const prevYtd = { from: minusYear(ytd.from), to: minusYear(ytd.to) };
    const filter: DeviceFilter = {
      modality: f.modality,
      district: f.district,
      facilityId: f.facilityId,
    };
    const heat = groupFiguresSql(filter, util.from, util.to, 'DISTRICT_MODALITY', today);
    const studies = groupFiguresSql(
      filter,
      ytd.from,
      ytd.to,
      UtilisationGroupBy.MODALITY,
      today,
      prevYtd,
    );
    const months = seriesSql(filter, prevYtd.from, asOf, Granularity.MONTH, today);
    const [ages, shares, heatRows, ytdRows, monthRows, expiring, breaches] = await Promise.all([
      this.ageRows(f, asOf),
      this.shareByMonth(f, asOf),
      this.dataSource.query(heat.sql, heat.params) as Promise<FigureRow[]>,
      this.dataSource.query(studies.sql, studies.params) as Promise<FigureRow[]>,
      this.dataSource.query(months.sql, months.params) as Promise<SeriesRow[]>,
      this.expiringContracts(asOf, f.facilityId),
      this.slaBreaches(asOf, f.facilityId),
    ]);

    // Fleet: installed base, digital share, ages — one histogram over the installed base on asOf.
    const byModality = new Map<Modality, number[]>();
    let installed = 0;
    let digital = 0;
    const all = new Array<number>(AGE_PROFILE_MAX_YEARS + 1).fill(0);
    const exact = new Map<Modality, [number, number, number]>();
    const cells = new Map<string, FleetCell>();
    for (const r of ages) {
      const key = `${r.district}:${r.modality}`;
      const cell = cells.get(key) ?? {
        district: r.district,
        modality: r.modality,
        devices: 0,
        digital: 0,
        digitalSharePct: null,
      };
      cell.devices += r.n;
      if (r.technology === 'DIGITAL') cell.digital += r.n;
      cells.set(key, cell);
      installed += r.n;
      if (r.technology === 'DIGITAL') digital += r.n;
      const hist =
        byModality.get(r.modality) ?? new Array<number>(AGE_PROFILE_MAX_YEARS + 1).fill(0);
      const slot = Math.min(r.age, AGE_PROFILE_MAX_YEARS);
      hist[slot]! += r.n;
      all[slot]! += r.n;
      byModality.set(r.modality, hist);
      const e = exact.get(r.modality) ?? [0, 0, 0];
      e[r.age <= 5 ? 0 : r.age <= 10 ? 1 : 2] += r.n;
      exact.set(r.modality, e);
    }
    const modalities = Object.values(Modality).filter((m) => byModality.has(m));
    const cocir: CocirCompliance[] = modalities.map((m) => {
      const [a, b, c] = exact.get(m)!;
      return cocirRow(m, m, a, b, c);
    });
    const t = [...exact.values()].reduce(
      (s, e) => [s[0] + e[0], s[1] + e[1], s[2] + e[2]],
      [0, 0, 0],
    );
    const cocirTotal = cocirRow('ALL', 'ALL', t[0]!, t[1]!, t[2]!);
    const compliantPct =
      cocir.length === 0
        ? null
        : round1((100 * cocir.filter((c) => c.compliant).length) / cocir.length);
    const sharePct = installed === 0 ? null : round1((100 * digital) / installed);
    // A year earlier: the same point of the monthly series twelve months back.
    const shareYearAgo = shares.length >= 13 ? shares[shares.length - 13]!.digitalSharePct : null;

    // Utilisation: the heat map's cells add up to the summary's totals (studies ÷ capacity).
    const heatMap: HeatCell[] = heatRows
      .map((r) => {
        const [district, modality] = r.key.split(':') as [District, Modality];
        const fig = figures(r);
        return {
          district,
          modality,
          devices: Number(r.devices),
          studies: fig.studies,
          capacityStudies: fig.capacityStudies,
          utilisationPct: fig.utilisationPct,
        };
      })
      .sort((a, b) => a.district.localeCompare(b.district) || a.modality.localeCompare(b.modality));
    const utilTotal = figures(sumRows(heatRows));
    const ytdTotal = sumRows(ytdRows);
    const ytdFig = figures(ytdTotal);
    const growth = growthOf(ytdTotal);

    const year = Number(asOf.slice(0, 4));
    const studiesByMonth: MonthlyStudies[] = Array.from({ length: 12 }, (_, i) => ({
      month: i + 1,
      studies: null,
      previousYearStudies: null,
    }));
    for (const r of monthRows) {
      const period = typeof r.period === 'string' ? r.period : r.period.toISOString();
      const y = Number(period.slice(0, 4));
      const m = Number(period.slice(5, 7));
      const value = Number(r.rows) > 0 ? Number(r.studies) : null;
      if (y === year) studiesByMonth[m - 1]!.studies = value;
      else if (y === year - 1) studiesByMonth[m - 1]!.previousYearStudies = value;
    }

    const penalty = breaches.reduce((s, b) => s + Math.round(Number(b.penaltyAmount) * 100), 0);
    const penaltyAmount = (penalty / 100).toFixed(2);
    const fq = defined({
      district: list(f.district),
      modality: list(f.modality),
      facilityId: list(f.facilityId),
    });
    const devicesDrill = (extra: Record<string, string>): DrillDown => ({
      route: '/devices',
      query: { ...fq, installed: 'true', ...extra },
      api: '/api/devices',
      apiQuery: { ...fq, installed: 'true', ...extra },
      field: 'total',
    });
    const utilDrill = (from: string, to: string, field: string): DrillDown => ({
      route: '/utilisation',
      query: { period: 'custom', from, to, groupBy: f.district?.length ? 'FACILITY' : 'DISTRICT' },
      api: '/api/utilisation/summary',
      apiQuery: { ...fq, from, to },
      field,
    });
    const slaPeriods = lastPeriods(asOf);
    const kpi = (
      key: KpiKey,
      unit: KpiUnit,
      value: number | null,
      drillDown: DrillDown,
      more: Partial<Pick<Kpi, 'previous' | 'change' | 'amount' | 'count'>> = {},
    ): Kpi => {
      const target = KPI_TARGETS[key] ?? null;
      const k = {
        key,
        unit,
        value,
        amount: more.amount ?? null,
        count: more.count ?? null,
        previous: more.previous ?? null,
        change: more.change ?? null,
        target,
        rag: null,
        drillDown,
      };
      return { ...k, rag: ragOf(ragFigure(k), target) };
    };
    const kpis: Kpi[] = [
      kpi(KpiKey.INSTALLED_DEVICES, KpiUnit.COUNT, installed, devicesDrill({}), {
        count: installed,
      }),
      kpi(
        KpiKey.DIGITAL_SHARE,
        KpiUnit.PERCENT,
        sharePct,
        devicesDrill({ technology: 'DIGITAL' }),
        {
          count: digital,
          previous: shareYearAgo,
          change:
            sharePct !== null && shareYearAgo !== null ? round1(sharePct - shareYearAgo) : null,
        },
      ),
      kpi(
        KpiKey.COCIR_COMPLIANCE,
        KpiUnit.PERCENT,
        compliantPct,
        {
          route: '/planning',
          query: { tab: 'age' },
          api: '/api/planning/age-profile',
          apiQuery: { groupBy: 'MODALITY', date: asOf },
          field: 'rows[].compliant',
        },
        { count: cocir.filter((c) => c.compliant).length },
      ),
      kpi(KpiKey.MEDIAN_AGE, KpiUnit.YEARS, medianOfHistogram(all), devicesDrill({ sort: 'age' })),
      kpi(
        KpiKey.UTILISATION_12M,
        KpiUnit.PERCENT,
        utilTotal.utilisationPct,
        utilDrill(util.from, util.to, 'totals.utilisationPct'),
        { count: utilTotal.studies },
      ),
      kpi(
        KpiKey.STUDIES_YTD,
        KpiUnit.COUNT,
        ytdFig.hasData ? ytdFig.studies : null,
        utilDrill(ytd.from, ytd.to, 'totals.studies'),
        {
          previous: Number(ytdTotal.prev_rows) > 0 ? Number(ytdTotal.prev_studies) : null,
          change: growth.growthPct,
        },
      ),
      kpi(KpiKey.CONTRACTS_EXPIRING_90, KpiUnit.COUNT, expiring.length, {
        route: '/contracts',
        query: { status: ContractStatus.EXPIRING },
        api: '/api/contracts',
        apiQuery: { status: ContractStatus.EXPIRING },
        field: 'total',
      }),
      kpi(KpiKey.SLA_BREACHES, KpiUnit.COUNT, breaches.length, slaDrill(slaPeriods, 'met')),
      kpi(KpiKey.SLA_PENALTIES, KpiUnit.RUB, penalty / 100, slaDrill(slaPeriods, 'penaltyAmount'), {
        amount: penaltyAmount,
      }),
    ];

    return {
      asOf,
      district: f.district ?? [],
      modality: f.modality ?? [],
      utilisationFrom: util.from,
      utilisationTo: util.to,
      contractsFiltered: false,
      kpis,
      fleet: [...cells.values()]
        .map((c) => ({ ...c, digitalSharePct: round1((100 * c.digital) / c.devices) }))
        .sort(
          (a, b) => a.district.localeCompare(b.district) || a.modality.localeCompare(b.modality),
        ),
      cocir,
      cocirTotal,
      ageProfile: modalities.map((m) => ({ modality: m, byAge: byModality.get(m)! })),
      digitalShareByMonth: shares,
      heatMap,
      studiesByMonth: { year, previousYear: year - 1, months: studiesByMonth },
      growthUnavailable: growth.growthUnavailable,
      expiringContracts: expiring,
      slaBreaches: breaches,
    };
  }

  /** Installed devices on `asOf` by district, modality, technology and whole years of age. */
  private ageRows(f: DashboardFilter, asOf: string): Promise<AgeRow[]> {
    const { where, params } = deviceWhere(f, [asOf]);
    return this.dataSource.query(
      `SELECT f.district, d.modality, d.technology, ${ageYearsSql('d', '$1::date')} AS age, count(*)::int AS n
         FROM devices d JOIN facilities f ON f.id = d.facility_id
        WHERE ${installedOnSql('d', '$1::date')} ${where}
        GROUP BY 1, 2, 3, 4`,
      params,
    );
  }

  /** The installed base and its digital share on the last day of each of 37 months. */
  private async shareByMonth(f: DashboardFilter, asOf: string) {
    const days = monthEndsTo(asOf);
    const { where, params } = deviceWhere(f, [days]);
    const rows: { day: string; n: number; digital: number; pct: string | null }[] =
      await this.dataSource.query(
        `SELECT g.day::text AS day, count(d.id)::int AS n,
                (count(d.id) FILTER (WHERE d.technology = 'DIGITAL'))::int AS digital,
                round(${digitalSharePctSql('d')}, 1) AS pct
           FROM unnest($1::date[]) g(day)
           JOIN devices d ON ${installedOnSql('d', 'g.day')}
           JOIN facilities f ON f.id = d.facility_id
          WHERE true ${where}
          GROUP BY g.day`,
        params,
      );
    const byDay = new Map(rows.map((r) => [r.day, r]));
    return days.map((date) => {
      const r = byDay.get(date);
      return {
        date,
        devices: r?.n ?? 0,
        digital: r?.digital ?? 0,
        digitalSharePct: r?.pct == null ? null : Number(r.pct),
      };
    });
  }

  /** Contracts whose status on `asOf` is EXPIRING (they end within 90 days), soonest first. */
  async expiringContracts(asOf: string, facilityIds?: string[]): Promise<ExpiringContract[]> {
    const rows: {
      id: string;
      number: string;
      supplier_name: string;
      end_date: string;
      value: string;
    }[] = await this.dataSource.query(
      `SELECT c.id, c.number, s.name AS supplier_name, least(c.end_date, c.terminated_on - 1)::text AS end_date,
              c.value::text AS value
         FROM contracts c JOIN suppliers s ON s.id = c.supplier_id
        WHERE ${STATUS_SQL('c', '$1::date')} = '${ContractStatus.EXPIRING}'
              ${facilityIds?.length ? coversFacilities('$2') : ''}
        ORDER BY 4, c.number`,
      facilityIds?.length ? [asOf, facilityIds] : [asOf],
    );
    return rows.map((r) => ({
      contractId: r.id,
      number: r.number,
      supplierName: r.supplier_name,
      endDate: r.end_date,
      value: r.value,
    }));
  }

  /**
   * Contracts whose SLA was breached in their last complete measurement period before `asOf`
   * (the last whole month for MONTH contracts, the last whole quarter for QUARTER ones), judged
   * by ContractsSlaService exactly as `GET /api/contracts/{id}/sla` judges that period.
   */
  async slaBreaches(asOf: string, facilityIds?: string[]): Promise<SlaBreach[]> {
    const contracts: {
      id: string;
      number: string;
      supplier_name: string;
      kind: SlaMeasurementPeriod | null;
    }[] = await this.dataSource.query(
      `SELECT c.id, c.number, s.name AS supplier_name, c.sla_measurement_period AS kind
         FROM contracts c JOIN suppliers s ON s.id = c.supplier_id
        WHERE c.sla_uptime_percent IS NOT NULL ${facilityIds?.length ? coversFacilities('$1') : ''}`,
      facilityIds?.length ? [facilityIds] : [],
    );
    const periods = lastPeriods(asOf);
    const out: SlaBreach[] = [];
    // Month and quarter contracts are judged at once, each over its own last complete period.
    const judged = await Promise.all(
      Object.values(SlaMeasurementPeriod).map(async (kind) => {
        const of = contracts.filter((c) => (c.kind ?? SlaMeasurementPeriod.QUARTER) === kind);
        const p = periods[kind];
        const map =
          of.length === 0
            ? new Map()
            : await this.sla.summaries(
                p.from,
                p.to,
                of.map((c) => c.id),
                this.dataSource.manager,
                asOf,
              );
        return { kind, of, p, map };
      }),
    );
    for (const { kind, of, p, map } of judged) {
      for (const c of of) {
        const s = map.get(c.id);
        if (!s || s.met) continue;
        out.push({
          contractId: c.id,
          number: c.number,
          supplierName: c.supplier_name,
          measurementPeriod: kind,
          periodFrom: p.from,
          periodTo: p.to,
          penaltyDays: s.penaltyDays,
          penaltyAmount: s.penaltyAmount,
          breachedDevices: s.breachedDevices,
        });
      }
    }
    return out.sort(
      (a, b) =>
        Number(b.penaltyAmount) - Number(a.penaltyAmount) || a.number.localeCompare(b.number),
    );
  }
}

/** For a facility pack: only contracts covering a device of those facilities (`param`: uuid[]). */
const coversFacilities = (param: string) =>
  `AND EXISTS (SELECT 1 FROM contract_devices cd JOIN devices dv ON dv.id = cd.device_id
                WHERE cd.contract_id = c.id AND dv.facility_id = ANY(${param}::uuid[]))`;

/** The last complete month and quarter before `asOf`. */
export function lastPeriods(
  asOf: string,
): Record<SlaMeasurementPeriod, { from: string; to: string }> {
  const month = `${asOf.slice(0, 7)}-01`;
  const m = Number(asOf.slice(5, 7));
  const quarter = addMonths(month, -((m - 1) % 3));
  return {
    [SlaMeasurementPeriod.MONTH]: { from: addMonths(month, -1), to: addDays(month, -1) },
    [SlaMeasurementPeriod.QUARTER]: { from: addMonths(quarter, -3), to: addDays(quarter, -1) },
  };
}

function slaDrill(periods: ReturnType<typeof lastPeriods>, field: string): DrillDown {
  const q = periods[SlaMeasurementPeriod.QUARTER];
  return {
    route: '/contracts',
    query: { status: `${ContractStatus.ACTIVE},${ContractStatus.EXPIRING}` },
    api: '/api/contracts/{id}/sla',
    apiQuery: { from: q.from, to: q.to },
    field,
  };
}

/** The filters on devices `d` and facilities `f`, after the caller's first parameters. */
function deviceWhere(f: DashboardFilter, params: unknown[]): { where: string; params: unknown[] } {
  const where: string[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.district?.length) where.push(`f.district = ANY(${p(f.district)}::varchar[])`);
  if (f.modality?.length) where.push(`d.modality = ANY(${p(f.modality)}::varchar[])`);
  if (f.facilityId?.length) where.push(`d.facility_id = ANY(${p(f.facilityId)}::uuid[])`);
  return { where: where.map((w) => `AND ${w}`).join(' '), params };
}

/** The rows of a grouped figures query added up, as the utilisation summary adds its groups. */
function sumRows(rows: FigureRow[]): FigureRow {
  const sum = (k: keyof FigureRow) => String(rows.reduce((s, r) => s + Number(r[k] ?? 0), 0));
  const pick = (k: keyof FigureRow, which: 'min' | 'max') => {
    const v = rows
      .map((r) => r[k] as string | null | undefined)
      .filter((x): x is string => !!x)
      .sort();
    return (which === 'min' ? v[0] : v.at(-1)) ?? null;
  };
  return {
    key: '',
    label: '',
    devices: sum('devices'),
    studies: sum('studies'),
    images: sum('images'),
    active_days: sum('active_days'),
    capacity: sum('capacity'),
    rows: sum('rows'),
    first_month: pick('first_month', 'min'),
    last_month: pick('last_month', 'max'),
    prev_studies: sum('prev_studies'),
    prev_rows: sum('prev_rows'),
    prev_first_month: pick('prev_first_month', 'min'),
    prev_last_month: pick('prev_last_month', 'max'),
  };
}
