import { Injectable } from '@nestjs/common';
import {
  AuditAction,
  Modality,
  Permission,
  PRIORITY_FACTORS,
  type LifeBand,
  type LifeBandsResponse,
  type ModalityPriceToday,
  type PricesResponse,
  type PriorityWeights,
  type PutLifeBandsDto,
  type PutPricesDto,
  type PutWeightsDto,
  type ReplacementPrice,
  type WeightsResponse,
} from '@radfleet/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { PolicyService } from '../auth/policy.service.js';
import { cityToday } from '../common/calendar.js';
import { assertVersion } from '../common/persistence.js';
import { LifeBandEntity } from './entities/life-band.entity.js';
import {
  PlanningReferenceEntity,
  PlanningReferenceKind,
} from './entities/planning-reference.entity.js';
import { PriorityWeightSetEntity } from './entities/priority-weight-set.entity.js';
import { ReplacementPriceEntity } from './entities/replacement-price.entity.js';
import { escalate, lifeBandErrors } from './planning-rules.js';
import { PlanningErrorCode, PlanningException } from './planning.exception.js';
import { fleetMedianPriceSql } from './priority-inputs.sql.js';

const isoDate = (v: string | Date) =>
  typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10);

/**
 * Planning's reference sets — life bands, replacement prices with the escalation %, the default
 * weight set — each read whole and replaced whole, versioned (a stale version answers 409) and
 * audited as one entity (`life-bands`, `replacement-prices`, `priority-weights`).
 */
@Injectable()
export class PlanningReferenceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
  ) {}

  // -------------------------------------------------------------- life bands

  async lifeBands(em: EntityManager = this.dataSource.manager): Promise<LifeBandsResponse> {
    const ref = await this.ref(em, PlanningReferenceKind.LIFE_BANDS);
    const rows = await em
      .getRepository(LifeBandEntity)
      .find({ order: { modality: 'ASC', minStudiesPerYear: 'ASC' } });
    return {
      bands: rows.map((b) => ({
        modality: b.modality,
        minStudiesPerYear: b.minStudiesPerYear,
        lifeYears: b.lifeYears,
        source: b.source,
      })),
      version: ref.version,
      updatedAt: ref.updatedAt.toISOString(),
    };
  }

  async putLifeBands(user: AuthUser, dto: PutLifeBandsDto): Promise<LifeBandsResponse> {
    this.policy.assertHas(user, Permission.REFERENCE_WRITE);
    const errors = lifeBandErrors(dto.bands);
    if (errors.length > 0)
      throw new PlanningException(
        PlanningErrorCode.INVALID_LIFE_BANDS,
        errors.map((e) => e.message).join('; '),
        { errors },
      );
    return this.dataSource.transaction(async (em) => {
      const ref = await this.lockRef(em, PlanningReferenceKind.LIFE_BANDS, dto.version);
      const before = await this.lifeBands(em);
      await em.query('DELETE FROM life_bands');
      await em.getRepository(LifeBandEntity).insert(
        dto.bands.map((b) => ({
          modality: b.modality,
          minStudiesPerYear: b.minStudiesPerYear,
          lifeYears: b.lifeYears,
          source: b.source,
        })),
      );
      await this.bump(em, ref);
      const after = await this.lifeBands(em);
      await this.record(
        em,
        'life-bands',
        { bands: bandText(before.bands) },
        { bands: bandText(after.bands) },
      );
      return after;
    });
  }

  // -------------------------------------------------------------- prices

  async prices(
    em: EntityManager = this.dataSource.manager,
    today = cityToday(),
  ): Promise<PricesResponse> {
    const ref = await this.ref(em, PlanningReferenceKind.PRICES);
    const rows = await em
      .getRepository(ReplacementPriceEntity)
      .find({ order: { modality: 'ASC', priceClass: 'ASC', effectiveFrom: 'ASC' } });
    const prices: ReplacementPrice[] = rows.map((p) => ({
      modality: p.modality,
      priceClass: p.priceClass,
      price: Number(p.price).toFixed(2),
      effectiveFrom: isoDate(p.effectiveFrom),
      source: p.source,
    }));
    const escalationPct = Number(ref.escalationPct ?? 5);
    return {
      prices,
      escalationPct,
      today: await this.pricesToday(em, prices, escalationPct, today),
      version: ref.version,
      updatedAt: ref.updatedAt.toISOString(),
    };
  }

  /**
   * The price of each modality today: the catalogue's latest class-less price in force (else the
   * median of its classes' latest prices), escalated from its effective date; else the fleet's
   * median purchase price of the last five years, escalated; else none.
   */
  private async pricesToday(
    em: EntityManager,
    prices: ReplacementPrice[],
    pct: number,
    today: string,
  ): Promise<ModalityPriceToday[]> {
    const fleet: { modality: Modality; price: string; purchases: number }[] = await em.query(
      fleetMedianPriceSql('$1::date', '$2::numeric'),
      [today, pct],
    );
    return Object.values(Modality).map((modality) => {
      const inForce = new Map<string, ReplacementPrice>();
      for (const p of prices) {
        if (p.modality !== modality || p.effectiveFrom > today) continue;
        const key = p.priceClass ?? '';
        const cur = inForce.get(key);
        if (!cur || cur.effectiveFrom <= p.effectiveFrom) inForce.set(key, p);
      }
      const plain = inForce.get('');
      const chosen = plain ? [plain] : [...inForce.values()];
      if (chosen.length > 0) {
        const escalated = chosen
          .map((p) => Number(escalate(p.price, p.effectiveFrom, today, pct)))
          .sort((a, b) => a - b);
        const mid = escalated.length >> 1;
        const median =
          escalated.length % 2 ? escalated[mid]! : (escalated[mid - 1]! + escalated[mid]!) / 2;
        return { modality, price: median.toFixed(2), basis: 'CATALOGUE', purchases: 0 };
      }
      const f = fleet.find((x) => x.modality === modality);
      return f
        ? {
            modality,
            price: Number(f.price).toFixed(2),
            basis: 'FLEET_MEDIAN',
            purchases: f.purchases,
          }
        : { modality, price: null, basis: 'NONE', purchases: 0 };
    });
  }

  async putPrices(user: AuthUser, dto: PutPricesDto): Promise<PricesResponse> {
    this.policy.assertHas(user, Permission.PLAN_WRITE);
    const seen = new Map<string, number>();
    const errors: { field: string; message: string }[] = [];
    dto.prices.forEach((p, i) => {
      const key = `${p.modality}|${p.priceClass ?? ''}|${p.effectiveFrom}`;
      if (seen.has(key))
        errors.push({
          field: `prices.${i}.effectiveFrom`,
          message: `${p.modality}${p.priceClass ? ` (${p.priceClass})` : ''} has two prices from ${p.effectiveFrom}`,
        });
      seen.set(key, i);
    });
    if (errors.length > 0)
      throw new PlanningException(
        PlanningErrorCode.INVALID_PRICES,
        errors.map((e) => e.message).join('; '),
        { errors },
      );
    return this.dataSource.transaction(async (em) => {
      const ref = await this.lockRef(em, PlanningReferenceKind.PRICES, dto.version);
      const before = await this.prices(em);
      await em.query('DELETE FROM replacement_prices');
      if (dto.prices.length > 0)
        await em.getRepository(ReplacementPriceEntity).insert(
          dto.prices.map((p) => ({
            modality: p.modality,
            priceClass: p.priceClass ?? null,
            price: p.price,
            effectiveFrom: p.effectiveFrom,
            source: p.source,
          })),
        );
      ref.escalationPct = dto.escalationPct.toFixed(2);
      await this.bump(em, ref);
      const after = await this.prices(em);
      await this.record(
        em,
        'replacement-prices',
        { escalationPct: before.escalationPct, prices: priceText(before.prices) },
        { escalationPct: after.escalationPct, prices: priceText(after.prices) },
      );
      return after;
    });
  }

  // -------------------------------------------------------------- weights

  async weights(em: EntityManager = this.dataSource.manager): Promise<WeightsResponse> {
    const ref = await this.ref(em, PlanningReferenceKind.WEIGHTS);
    const set = await em
      .getRepository(PriorityWeightSetEntity)
      .findOneOrFail({ where: { isDefault: true } });
    return {
      name: set.name,
      weights: completeWeights(set.weights),
      source: set.source,
      version: ref.version,
      updatedAt: ref.updatedAt.toISOString(),
    };
  }

  async putWeights(user: AuthUser, dto: PutWeightsDto): Promise<WeightsResponse> {
    this.policy.assertHas(user, Permission.REFERENCE_WRITE);
    const weights = completeWeights(dto.weights as unknown as Partial<PriorityWeights>);
    if (PRIORITY_FACTORS.every((f) => weights[f] === 0))
      throw new PlanningException(
        PlanningErrorCode.INVALID_WEIGHTS,
        'At least one weight must be above 0.',
        {
          errors: [{ field: 'weights', message: 'at least one weight must be above 0' }],
        },
      );
    return this.dataSource.transaction(async (em) => {
      const ref = await this.lockRef(em, PlanningReferenceKind.WEIGHTS, dto.version);
      const before = await this.weights(em);
      await em.getRepository(PriorityWeightSetEntity).update({ name: before.name }, { weights });
      await this.bump(em, ref);
      const after = await this.weights(em);
      await this.record(em, 'priority-weights', { ...before.weights }, { ...after.weights });
      return after;
    });
  }

  // -------------------------------------------------------------- versions

  private async ref(em: EntityManager, kind: PlanningReferenceKind) {
    return em.getRepository(PlanningReferenceEntity).findOneByOrFail({ kind });
  }

  private async lockRef(em: EntityManager, kind: PlanningReferenceKind, version: number) {
    const ref = await em
      .getRepository(PlanningReferenceEntity)
      .findOneOrFail({ where: { kind }, lock: { mode: 'pessimistic_write' } });
    assertVersion(kind.toLowerCase().replace('_', ' '), version, ref.version);
    return ref;
  }

  private async bump(em: EntityManager, ref: PlanningReferenceEntity): Promise<void> {
    ref.version += 1;
    ref.updatedAt = new Date();
    await em.getRepository(PlanningReferenceEntity).save(ref);
  }

  private record(
    em: EntityManager,
    entityType: string,
    before: Record<string, unknown>,
    after: Record<string, unknown>,
  ) {
    return this.audit.record(em, {
      action: AuditAction.UPDATE,
      entityType,
      entityId: entityType,
      before,
      after,
    });
  }
}

/** The weights of every factor (a missing one is 0). */
export function completeWeights(w: Partial<PriorityWeights>): PriorityWeights {
  return Object.fromEntries(PRIORITY_FACTORS.map((f) => [f, Number(w[f] ?? 0)])) as PriorityWeights;
}

/** A readable line per band, for the audit trail. */
function bandText(bands: LifeBand[]): string[] {
  return bands.map(
    (b) => `${b.modality} from ${b.minStudiesPerYear}/yr: ${b.lifeYears} y (${b.source})`,
  );
}

function priceText(prices: ReplacementPrice[]): string[] {
  return prices.map(
    (p) =>
      `${p.modality}${p.priceClass ? ` ${p.priceClass}` : ''} from ${p.effectiveFrom}: ${p.price} (${p.source})`,
  );
}
