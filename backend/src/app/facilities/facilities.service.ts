import { Injectable } from '@nestjs/common';
import {
  Permission,
  type CreateFacilityDto,
  type FacilityListQuery,
  type FacilityDetailResponse,
  type FacilityResponse,
  type FleetTotals,
  type Paged,
  type UpdateFacilityDto,
} from '@radfleet/shared';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { PolicyService } from '../auth/policy.service.js';
import {
  assertVersion,
  definedOnly,
  isUniqueViolation,
  likePattern,
  orderBy,
} from '../common/persistence.js';
import { cityToday } from '../common/calendar.js';
import { digitalSharePctSql, installedOnSql } from '../devices/fleet-figures.sql.js';
import { FacilityEntity } from './entities/facility.entity.js';
import { FacilityErrorCode, FacilityException } from './facilities.exception.js';

const SORTABLE: Record<string, string> = {
  code: 'f.code',
  name: 'f.name',
  shortName: 'f.short_name',
  type: 'f.type',
  district: 'f.district',
  updatedAt: 'f.updated_at',
};

export interface FacilityCounts {
  deviceCount: number;
  digitalShare: number | null;
}

export function toFacilityResponse(
  f: FacilityEntity,
  counts: FacilityCounts = { deviceCount: 0, digitalShare: null },
): FacilityResponse {
  return {
    id: f.id,
    deviceCount: counts.deviceCount,
    digitalShare: counts.digitalShare,
    code: f.code,
    name: f.name,
    shortName: f.shortName,
    type: f.type,
    district: f.district,
    address: f.address,
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
    version: f.version,
  };
}

function snapshot(f: FacilityEntity): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, ...rest } = f;
  return { ...rest };
}

@Injectable()
export class FacilitiesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
  ) {}

  async list(q: FacilityListQuery): Promise<Paged<FacilityResponse>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const qb = this.dataSource.getRepository(FacilityEntity).createQueryBuilder('f');
    if (q.district) qb.andWhere('f.district = :district', { district: q.district });
    if (q.type) qb.andWhere('f.type = :type', { type: q.type });
    if (q.q) {
      qb.andWhere(
        '(f.code ILIKE :q OR f.name ILIKE :q OR f.short_name ILIKE :q OR f.address ILIKE :q)',
        {
          q: likePattern(q.q),
        },
      );
    }
    for (const o of orderBy(q.sort, SORTABLE, 'code', 'f.id'))
      qb.addOrderBy(o.expression, o.direction);
    const [rows, total] = await qb
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    const counts = await this.counts(rows.map((r) => r.id));
    return {
      items: rows.map((f) => toFacilityResponse(f, counts.get(f.id))),
      total,
      page,
      pageSize,
    };
  }

  async get(id: string): Promise<FacilityDetailResponse> {
    const f = await this.find(id);
    const breakdown: { modality: string; digital: string; analogue: string }[] =
      await this.dataSource.query(
        `SELECT d.modality,
                count(*) FILTER (WHERE d.technology = 'DIGITAL') AS digital,
                count(*) FILTER (WHERE d.technology = 'ANALOGUE') AS analogue
           FROM devices d
          WHERE d.facility_id = $1 AND ${installedOnSql('d', '$2::date')}
          GROUP BY d.modality ORDER BY d.modality`,
        [id, cityToday()],
      );
    const counts = await this.counts([id]);
    return {
      ...toFacilityResponse(f, counts.get(id)),
      modalityBreakdown: breakdown.map((b) => ({
        modality: b.modality,
        digital: Number(b.digital),
        analogue: Number(b.analogue),
      })),
    };
  }

  /** The city's installed base today: device count and digital share over every facility. */
  async totals(today = cityToday()): Promise<FleetTotals> {
    const rows: { n: string; digital: string; share_pct: string | null }[] =
      await this.dataSource.query(
        `SELECT count(*) AS n, count(*) FILTER (WHERE d.technology = 'DIGITAL') AS digital,
                ${digitalSharePctSql('d')} AS share_pct
           FROM devices d WHERE ${installedOnSql('d', '$1::date')}`,
        [today],
      );
    const r = rows[0]!;
    return {
      on: today,
      deviceCount: Number(r.n),
      digitalCount: Number(r.digital),
      digitalShare: r.share_pct === null ? null : Number(r.share_pct) / 100,
    };
  }

  /** The installed base today per facility: device count and digital share, in one aggregate. */
  private async counts(ids: string[]): Promise<Map<string, FacilityCounts>> {
    if (ids.length === 0) return new Map();
    const rows: { facility_id: string; n: string; share_pct: string | null }[] =
      await this.dataSource.query(
        `SELECT d.facility_id, count(*) AS n, ${digitalSharePctSql('d')} AS share_pct
           FROM devices d
          WHERE d.facility_id = ANY($1::uuid[]) AND ${installedOnSql('d', '$2::date')}
          GROUP BY d.facility_id`,
        [ids, cityToday()],
      );
    return new Map(
      rows.map((r) => [
        r.facility_id,
        {
          deviceCount: Number(r.n),
          digitalShare: r.share_pct === null ? null : Number(r.share_pct) / 100,
        },
      ]),
    );
  }

  async create(user: AuthUser, dto: CreateFacilityDto): Promise<FacilityResponse> {
    this.policy.assertHas(user, Permission.FACILITY_WRITE);
    try {
      return await this.dataSource.transaction(async (em) => {
        const repo = em.getRepository(FacilityEntity);
        const saved = await repo.save(repo.create({ ...dto }));
        await this.audit.record(em, {
          action: 'CREATE',
          entityType: 'facility',
          entityId: saved.id,
          before: null,
          after: snapshot(saved),
        });
        return toFacilityResponse(saved);
      });
    } catch (e) {
      if (isUniqueViolation(e, 'UQ_facilities_code')) throw this.codeTaken(dto.code);
      throw e;
    }
  }

  async update(user: AuthUser, id: string, dto: UpdateFacilityDto): Promise<FacilityResponse> {
    this.policy.assertHas(user, Permission.FACILITY_WRITE);
    return this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(FacilityEntity);
      const current = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw this.notFound(id);
      assertVersion('facility', dto.version, current.version);
      const before = snapshot(current);
      const { version: _v, ...changes } = dto;
      Object.assign(current, definedOnly(changes));
      const saved = await repo.save(current);
      await this.audit.record(em, {
        action: 'UPDATE',
        entityType: 'facility',
        entityId: id,
        before,
        after: snapshot(saved),
      });
      return toFacilityResponse(saved);
    });
  }

  async find(id: string): Promise<FacilityEntity> {
    const f = await this.dataSource.getRepository(FacilityEntity).findOneBy({ id });
    if (!f) throw this.notFound(id);
    return f;
  }

  /** Throws a 400 naming `field` unless every id is an existing facility. */
  async assertExist(ids: string[], field: string): Promise<void> {
    if (ids.length === 0) return;
    const rows: { id: string }[] = await this.dataSource.query(
      'SELECT id FROM facilities WHERE id = ANY($1::uuid[])',
      [ids],
    );
    const found = new Set(rows.map((r) => r.id));
    const missing = ids.filter((i) => !found.has(i));
    if (missing.length > 0) {
      throw new FacilityException(
        FacilityErrorCode.FACILITY_NOT_FOUND,
        `Unknown facilities: ${missing.join(', ')}`,
        {
          errors: [{ field, message: `unknown facility ${missing.join(', ')}` }],
        },
      );
    }
  }

  private notFound(id: string): FacilityException {
    return new FacilityException(
      FacilityErrorCode.FACILITY_NOT_FOUND,
      `There is no facility ${id}.`,
    );
  }

  private codeTaken(code: string): FacilityException {
    return new FacilityException(
      FacilityErrorCode.FACILITY_CODE_TAKEN,
      `A facility with code ${code} exists already.`,
      {
        errors: [{ field: 'code', message: `code ${code} is taken` }],
      },
    );
  }
}
