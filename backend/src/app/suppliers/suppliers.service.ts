import { Injectable } from '@nestjs/common';
import {
  AuditAction,
  SupplierKind,
  type CreateSupplierDto,
  type FieldError,
  type Paged,
  type SupplierListQuery,
  type SupplierResponse,
  type UpdateSupplierDto,
} from '@radfleet/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import {
  assertVersion,
  definedOnly,
  isUniqueViolation,
  likePattern,
  orderBy,
} from '../common/persistence.js';
import { SupplierEntity } from './entities/supplier.entity.js';
import { SupplierErrorCode, SupplierException } from './suppliers.exception.js';

const SORT: Record<string, string> = { name: 's.name', inn: 's.inn', updatedAt: 's.updated_at' };

function snapshot(s: SupplierEntity): Record<string, unknown> {
  return {
    name: s.name,
    inn: s.inn,
    kpp: s.kpp,
    address: s.address,
    contactPerson: s.contactPerson,
    phone: s.phone,
    email: s.email,
  };
}

/** A KPP belongs to an organisation (10-digit INN) and never to a sole trader (12 digits). */
export function supplierRuleErrors(s: { inn: string; kpp: string | null }): FieldError[] {
  if (s.inn.length === 10 && !s.kpp)
    return [{ field: 'kpp', message: 'an organisation (10-digit INN) needs its KPP' }];
  if (s.inn.length === 12 && s.kpp)
    return [{ field: 'kpp', message: 'a sole trader (12-digit INN) has no KPP' }];
  return [];
}

@Injectable()
export class SuppliersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(q: SupplierListQuery): Promise<Paged<SupplierResponse>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const params: unknown[] = [];
    let where = '';
    if (q.q?.trim()) {
      params.push(likePattern(q.q));
      where = `WHERE s.name ILIKE $1 OR s.inn ILIKE $1`;
    }
    const order = orderBy(q.sort, SORT, 'name', 's.id')
      .map((o) => `${o.expression} ${o.direction}`)
      .join(', ');
    const rows: (SupplierRow & { total: string })[] = await this.dataSource.query(
      `SELECT s.*, (SELECT count(*) FROM contracts c WHERE c.supplier_id = s.id)::int AS contract_count,
              count(*) OVER () AS total
         FROM suppliers s ${where} ORDER BY ${order}
        LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    let total = rows.length > 0 ? Number(rows[0]!.total) : 0;
    if (rows.length === 0 && page > 1) {
      const [c]: { n: string }[] = await this.dataSource.query(
        `SELECT count(*) AS n FROM suppliers s ${where}`,
        params,
      );
      total = Number(c!.n);
    }
    return { items: rows.map(toResponse), total, page, pageSize };
  }

  async get(id: string, em: EntityManager = this.dataSource.manager): Promise<SupplierResponse> {
    const rows: SupplierRow[] = await em.query(
      `SELECT s.*, (SELECT count(*) FROM contracts c WHERE c.supplier_id = s.id)::int AS contract_count
         FROM suppliers s WHERE s.id = $1`,
      [id],
    );
    if (rows.length === 0) throw notFound(id);
    return toResponse(rows[0]!);
  }

  async assertExists(id: string, em: EntityManager, field = 'supplierId'): Promise<void> {
    const rows: unknown[] = await em.query('SELECT 1 FROM suppliers WHERE id = $1', [id]);
    if (rows.length === 0)
      throw new SupplierException(
        SupplierErrorCode.SUPPLIER_NOT_FOUND,
        `There is no supplier ${id}.`,
        { errors: [{ field, message: `there is no supplier ${id}` }] },
      );
  }

  async create(dto: CreateSupplierDto): Promise<SupplierResponse> {
    try {
      return await this.dataSource.transaction(async (em) => {
        const repo = em.getRepository(SupplierEntity);
        const entity = repo.create({
          name: dto.name,
          inn: dto.inn,
          kpp: dto.kpp ?? null,
          address: dto.address ?? null,
          contactPerson: dto.contactPerson ?? null,
          phone: dto.phone ?? null,
          email: dto.email ?? null,
        });
        assertConsistent(entity);
        const saved = await repo.save(entity);
        await this.audit.record(em, {
          action: AuditAction.CREATE,
          entityType: 'supplier',
          entityId: saved.id,
          before: null,
          after: snapshot(saved),
        });
        return this.get(saved.id, em);
      });
    } catch (e) {
      throw translate(e, dto.inn);
    }
  }

  async update(id: string, dto: UpdateSupplierDto): Promise<SupplierResponse> {
    try {
      return await this.dataSource.transaction(async (em) => {
        const repo = em.getRepository(SupplierEntity);
        const current = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!current) throw notFound(id);
        assertVersion('supplier', dto.version, current.version);
        const { version: _v, ...changes } = definedOnly(dto);
        const before = snapshot(current);
        Object.assign(current, changes);
        assertConsistent(current);
        if (JSON.stringify(before) !== JSON.stringify(snapshot(current))) {
          await repo.save(current);
          await this.audit.record(em, {
            action: AuditAction.UPDATE,
            entityType: 'supplier',
            entityId: id,
            before,
            after: snapshot(current),
          });
        }
        return this.get(id, em);
      });
    } catch (e) {
      throw translate(e, dto.inn);
    }
  }
}

function assertConsistent(s: SupplierEntity): void {
  const errors = supplierRuleErrors(s);
  if (errors.length > 0)
    throw new SupplierException(
      SupplierErrorCode.INVALID_SUPPLIER,
      errors.map((e) => e.message).join('; '),
      { errors },
    );
}

function translate(e: unknown, inn?: string): unknown {
  if (isUniqueViolation(e, 'UQ_suppliers_inn')) {
    return new SupplierException(
      SupplierErrorCode.INN_TAKEN,
      `A supplier with INN ${inn} exists already.`,
      { errors: [{ field: 'inn', message: `INN ${inn} belongs to another supplier` }] },
    );
  }
  return e;
}

function notFound(id: string): SupplierException {
  return new SupplierException(SupplierErrorCode.SUPPLIER_NOT_FOUND, `There is no supplier ${id}.`);
}

interface SupplierRow {
  id: string;
  name: string;
  inn: string;
  kpp: string | null;
  address: string | null;
  contact_person: string | null;
  phone: string | null;
  email: string | null;
  contract_count: number;
  created_at: Date;
  updated_at: Date;
  version: number;
}

function toResponse(r: SupplierRow): SupplierResponse {
  return {
    id: r.id,
    name: r.name,
    kind: r.inn.length === 12 ? SupplierKind.SOLE_TRADER : SupplierKind.ORGANISATION,
    inn: r.inn,
    kpp: r.kpp,
    address: r.address,
    contactPerson: r.contact_person,
    phone: r.phone,
    email: r.email,
    contractCount: r.contract_count,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
}
