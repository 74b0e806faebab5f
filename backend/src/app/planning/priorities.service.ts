import { Injectable } from '@nestjs/common';
import {
  endOfLife,
  isPastLife,
  PriorityFactor,
  Role,
  Technology,
  wholeMonthsBetween,
  type DeviceListQuery,
  type DeviceStatus,
  type LifeBand,
  type Modality,
  type Paged,
  type PriorityItem,
  type PriorityListQuery,
  type PriorityWeights,
  type RelocationQuery,
  type RelocationSuggestion,
  utilisationPct,
} from '@radfleet/shared';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { cityToday } from '../common/calendar.js';
import { likePattern } from '../common/persistence.js';
import { DomainException, ErrorKind } from '../common/problem/domain.exception.js';
import { ageYearsSql } from '../devices/fleet-figures.sql.js';
import {
  adjustedLife,
  OVERLOADED_PCT,
  priorityBand,
  priorityScore,
  recommendation,
  studiesPerYear,
  UNDERUSED_PCT,
} from './planning-rules.js';
import { PlanningReferenceService } from './planning-reference.service.js';
import { PlanningErrorCode, PlanningException } from './planning.exception.js';
import { priorityInputsSql } from './priority-inputs.sql.js';

/** One row of priority-inputs.sql.ts's statement. */
export interface InputRow {
  id: string;
  inventory_number: string;
  manufacturer: string;
  model: string;
  modality: Modality;
  technology: Technology;
  facility_id: string;
  facility_name: string;
  district: PriorityItem['district'];
  status: DeviceStatus;
  service_life_years: number | null;
  modality_life: number;
  commissioning_date: string | null;
  year_of_manufacture: number | null;
  decommissioned_on: string | null;
  vendor_support_ends_on: string | null;
  same_in_facility: number;
  age: number | null;
  age_months: number | null;
  studies: number;
  has_counts: boolean;
  days_in_service: number;
  window_days: number;
  /** Capacity of the 12-month window in studies (utilisation's one definition). */
  capacity_studies: number;
  downtime_hours: number;
  breakdowns: number;
  /** Yearly service cost, roubles (cost of ownership's one definition). */
  service_cost: number | null;
}

/** Utilisation % of the 12-month window by utilisation's one definition; null without counts. */
export function rowUtilisationPct(r: InputRow): number | null {
  return utilisationPct(Number(r.studies), Number(r.capacity_studies), r.has_counts);
}

export interface ScoredDevice {
  item: PriorityItem;
  row: InputRow;
}

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

type Accessor = (i: PriorityItem) => string | number | null;
const SORTS: Record<string, Accessor> = {
  score: (i) => i.score,
  inventoryNumber: (i) => i.inventoryNumber,
  modality: (i) => i.modality,
  facility: (i) => i.facilityName,
  district: (i) => i.district,
  band: (i) => ['REPLACE_NOW', 'WITHIN_2_YEARS', 'MONITOR', 'OK'].indexOf(i.band),
  recommendation: (i) => i.recommendation,
  adjustedLifeYears: (i) => i.adjustedLifeYears,
  endOfLifeDate: (i) => i.endOfLifeDate,
  replacementPrice: (i) => (i.replacementPrice === null ? null : Number(i.replacementPrice)),
  age: (i) => i.age,
  ...Object.fromEntries(
    Object.values(PriorityFactor).map((f) => [
      f,
      (i: PriorityItem) => i.factors.find((x) => x.factor === f)?.contribution ?? null,
    ]),
  ),
};

/** Compares two values, nulls last whatever the direction. */
function compare(a: string | number | null, b: string | number | null, desc: boolean): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const c =
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
  return desc ? -c : c;
}

/**
 * The replacement priority of every installed device: its inputs from one SQL statement
 * (priority-inputs.sql.ts), scored by the pure rules of planning-rules.ts; filtered, sorted and
 * paged here because the score is computed here.
 */
@Injectable()
export class PrioritiesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reference: PlanningReferenceService,
  ) {}

  async list(user: AuthUser, q: PriorityListQuery): Promise<Paged<PriorityItem>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const items = this.sorted(await this.scored(user, q), q.sort);
    return {
      items: items.slice((page - 1) * pageSize, page * pageSize),
      total: items.length,
      page,
      pageSize,
    };
  }

  /** Every matching device, sorted (for the export). */
  async all(user: AuthUser, q: PriorityListQuery): Promise<PriorityItem[]> {
    return this.sorted(await this.scored(user, q), q.sort);
  }

  private sorted(items: PriorityItem[], sort: string | undefined): PriorityItem[] {
    const raw = sort ?? '-score';
    const desc = raw.startsWith('-');
    const key = desc ? raw.slice(1) : raw;
    const get = SORTS[key];
    if (!get) {
      const message = `sort must be one of ${Object.keys(SORTS).join(', ')}, optionally prefixed with -`;
      throw new DomainException('INVALID_SORT', ErrorKind.BAD_INPUT, message, {
        errors: [{ field: 'sort', message }],
      });
    }
    return items.sort(
      (a, b) => compare(get(a), get(b), desc) || a.inventoryNumber.localeCompare(b.inventoryNumber),
    );
  }

  private async scored(user: AuthUser, q: PriorityListQuery): Promise<PriorityItem[]> {
    const rows = await this.score(this.scope(user, q));
    return rows
      .map((r) => r.item)
      .filter(
        (i) =>
          (!q.band?.length || q.band.includes(i.band)) &&
          (!q.recommendation?.length || q.recommendation.includes(i.recommendation)) &&
          (q.overdue === undefined || i.pastLife === q.overdue),
      );
  }

  /** Facility managers see only their facilities' devices. */
  private scope(user: AuthUser, q: DeviceListQuery): DeviceListQuery {
    if (user.role !== Role.FACILITY_MANAGER) return q;
    const own = user.facilityIds;
    return {
      ...q,
      facilityId: q.facilityId?.length ? q.facilityId.filter((f) => own.includes(f)) : own,
    };
  }

  /**
   * Scores every installed device matching the registry filters (all of them without `q`), with
   * the default weights unless others are given (scenarios may).
   */
  async score(
    q: DeviceListQuery = {},
    weights?: PriorityWeights,
    today = cityToday(),
  ): Promise<ScoredDevice[]> {
    return this.scoreMatching(q, weights, today);
  }

  /**
   * One device's priority (the device page's Replacement card), as the list scores it. A device
   * outside the installed base today is not scored; a facility manager sees only their facilities'.
   */
  async one(user: AuthUser, deviceId: string): Promise<PriorityItem> {
    const [s] = await this.scoreMatching(this.scope(user, {}), undefined, cityToday(), deviceId);
    if (!s)
      throw new PlanningException(
        PlanningErrorCode.DEVICE_NOT_SCORED,
        `Device ${deviceId} is not scored: it is not in the installed base today, does not exist, or is not in your facilities.`,
      );
    return s.item;
  }

  private async scoreMatching(
    q: DeviceListQuery,
    weights: PriorityWeights | undefined,
    today: string,
    deviceId?: string,
  ): Promise<ScoredDevice[]> {
    const [bands, prices, w] = await Promise.all([
      this.reference.lifeBands(),
      this.reference.prices(undefined, today),
      weights ? Promise.resolve(weights) : this.reference.weights().then((x) => x.weights),
    ]);
    const byModality = new Map<string, LifeBand[]>();
    for (const b of bands.bands)
      byModality.set(b.modality, [...(byModality.get(b.modality) ?? []), b]);
    const price = new Map(prices.today.map((p) => [p.modality, p.price]));
    const { where, params } = filterSql(q, 2);
    const one = deviceId === undefined ? '' : ` AND d.id = $${params.length + 2}::uuid`;
    const rows: InputRow[] = await this.dataSource.query(
      priorityInputsSql('$1::date', where + one),
      deviceId === undefined ? [today, ...params] : [today, ...params, deviceId],
    );
    return rows.map((row) => ({ row, item: scoreRow(row, byModality, price, w, today) }));
  }

  /**
   * Pairs of an underused device (below UNDERUSED_PCT over the last 12 months) and another
   * facility of its district whose devices of that modality are overloaded (OVERLOADED_PCT or
   * more together), most overloaded first. Facility managers see the pairs touching their facilities.
   */
  async relocations(user: AuthUser, q: RelocationQuery): Promise<RelocationSuggestion[]> {
    const rows = (await this.score({ modality: q.modality, district: q.district })).map(
      (s) => s.row,
    );
    const load = new Map<string, { studies: number; capacity: number; row: InputRow }>();
    for (const r of rows) {
      if (rowUtilisationPct(r) === null) continue;
      const k = `${r.facility_id}|${r.modality}`;
      const cur = load.get(k) ?? { studies: 0, capacity: 0, row: r };
      cur.studies += r.studies;
      cur.capacity += r.capacity_studies;
      load.set(k, cur);
    }
    const overloaded = [...load.values()]
      .filter((l) => l.capacity > 0 && (100 * l.studies) / l.capacity >= OVERLOADED_PCT)
      .map((l) => ({ ...l, pct: (100 * l.studies) / l.capacity }));
    const out: RelocationSuggestion[] = [];
    for (const r of rows) {
      const used = rowUtilisationPct(r);
      if (used === null || used >= UNDERUSED_PCT) continue;
      for (const o of overloaded) {
        if (o.row.modality !== r.modality || o.row.district !== r.district) continue;
        if (o.row.facility_id === r.facility_id) continue;
        out.push({
          modality: r.modality,
          district: r.district,
          deviceId: r.id,
          inventoryNumber: r.inventory_number,
          fromFacilityId: r.facility_id,
          fromFacilityName: r.facility_name,
          deviceUtilisationPct: used,
          toFacilityId: o.row.facility_id,
          toFacilityName: o.row.facility_name,
          toFacilityUtilisationPct: round1(o.pct)!,
        });
      }
    }
    const own = user.role === Role.FACILITY_MANAGER ? new Set(user.facilityIds) : null;
    return out
      .filter((s) => !own || own.has(s.fromFacilityId) || own.has(s.toFacilityId))
      .sort(
        (a, b) =>
          b.toFacilityUtilisationPct - a.toFacilityUtilisationPct ||
          a.deviceUtilisationPct - b.deviceUtilisationPct ||
          a.inventoryNumber.localeCompare(b.inventoryNumber),
      );
  }
}

/** The registry's filters over a row `d` of the inputs statement, parameters from `$first`. */
export function filterSql(q: DeviceListQuery, first: number): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${first + params.length - 1}`;
  };
  const where: string[] = ['true'];
  if (q.modality?.length) where.push(`d.modality = ANY(${p(q.modality)}::varchar[])`);
  if (q.facilityId) where.push(`d.facility_id = ANY(${p(q.facilityId)}::uuid[])`);
  if (q.district?.length) where.push(`d.district = ANY(${p(q.district)}::varchar[])`);
  if (q.technology) where.push(`d.technology = ${p(q.technology)}`);
  if (q.status?.length) where.push(`d.status = ANY(${p(q.status)}::varchar[])`);
  if (q.archiveConnected !== undefined)
    where.push(`d.archive_connected = ${p(q.archiveConnected)}`);
  if (q.ageMin !== undefined) where.push(`${ageYearsSql('d', '$1::date')} >= ${p(q.ageMin)}`);
  if (q.ageMax !== undefined) where.push(`${ageYearsSql('d', '$1::date')} <= ${p(q.ageMax)}`);
  if (q.q?.trim()) {
    const like = p(likePattern(q.q));
    where.push(
      `(d.inventory_number ILIKE ${like} OR d.serial_number ILIKE ${like} OR d.manufacturer ILIKE ${like} OR d.model ILIKE ${like} OR d.facility_name ILIKE ${like})`,
    );
  }
  return { where: where.join(' AND '), params };
}

/** One device's adjusted life, end of life, factors, score, band and recommendation. */
export function scoreRow(
  r: InputRow,
  bands: Map<string, LifeBand[]>,
  prices: Map<string, string | null>,
  weights: PriorityWeights,
  today: string,
): PriorityItem {
  const perYear = studiesPerYear(Number(r.studies), r.has_counts, r.days_in_service, r.window_days);
  const life = adjustedLife({
    overrideYears: r.service_life_years,
    modalityDefaultYears: r.modality_life,
    bands: bands.get(r.modality) ?? [],
    studiesPerYear: perYear,
  });
  const dates = {
    status: r.status,
    commissioningDate: r.commissioning_date,
    yearOfManufacture: r.year_of_manufacture,
    decommissionedOn: r.decommissioned_on,
  };
  const eol = endOfLife(dates, life.lifeYears);
  const price = prices.get(r.modality) ?? null;
  const utilisation = rowUtilisationPct(r);
  const { score, factors } = priorityScore(
    {
      ageMonths: r.age_months,
      adjustedLifeYears: life.lifeYears,
      analogue: r.technology === Technology.ANALOGUE,
      downtimeHours: Number(r.downtime_hours),
      breakdowns: Number(r.breakdowns),
      yearlyServiceCost: r.service_cost === null ? null : Number(r.service_cost),
      replacementPrice: price === null ? null : Number(price),
      utilisationPct: utilisation,
      vendorSupportMonthsLeft:
        r.vendor_support_ends_on === null
          ? null
          : wholeMonthsBetween(today, r.vendor_support_ends_on),
      sameModalityInFacility: r.same_in_facility,
    },
    weights,
  );
  const band = priorityBand(score);
  return {
    deviceId: r.id,
    inventoryNumber: r.inventory_number,
    manufacturer: r.manufacturer,
    model: r.model,
    modality: r.modality,
    technology: r.technology,
    facilityId: r.facility_id,
    facilityName: r.facility_name,
    district: r.district,
    age: r.age,
    score,
    band,
    recommendation: recommendation(band, utilisation),
    adjustedLifeYears: life.lifeYears,
    lifeBasis: life.basis,
    studiesPerYear: perYear,
    endOfLifeDate: eol,
    pastLife: isPastLife(eol, today),
    vendorSupportEndsOn: r.vendor_support_ends_on,
    utilisationPct: utilisation,
    replacementPrice: price,
    factors,
  };
}
