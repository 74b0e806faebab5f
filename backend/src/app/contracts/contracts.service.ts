import { Injectable } from '@nestjs/common';
import {
  allocationShares,
  AuditAction,
  formatKopecks,
  kopecks,
  SlaMeasurementPeriod,
  SlaVerdictScope,
  type ContractDetailResponse,
  type ContractListQuery,
  type ContractResponse,
  type CoveredDeviceDto,
  type CoveredDeviceResponse,
  type CreateContractDto,
  type FieldError,
  type Paged,
  type PaymentMilestoneDto,
  type PaymentMilestoneResponse,
  type TerminateContractDto,
  type UpdateContractDto,
} from '@radfleet/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { bulkInsert } from '../common/bulk-insert.js';
import { assertVersion, isUniqueViolation } from '../common/persistence.js';
import { SuppliersService } from '../suppliers/suppliers.service.js';
import {
  contractRuleErrors,
  terminationRuleErrors,
  type CoveredDevice,
  type Milestone,
} from './contract-rules.js';
import { ContractErrorCode, ContractException } from './contracts.exception.js';
import { cityToday } from '../common/calendar.js';
import {
  contractRows,
  contractFilterSql,
  isoDate,
  toContractResponse,
  type ContractRow,
} from './contracts.query.js';
import { ContractEntity } from './entities/contract.entity.js';

const ROWS = contractRows('$1::date');

function snapshot(c: ContractEntity, devices: CoveredDevice[], milestones: Milestone[]) {
  return {
    number: c.number,
    type: c.type,
    supplierId: c.supplierId,
    subject: c.subject,
    signedOn: c.signedOn,
    startDate: c.startDate,
    endDate: c.endDate,
    value: c.value,
    slaUptimePercent: c.slaUptimePercent,
    slaBasis: c.slaBasis,
    slaResponseHours: c.slaResponseHours,
    slaRepairDays: c.slaRepairDays,
    slaPenaltyPerDay: c.slaPenaltyPerDay,
    slaMeasurementPeriod: c.slaMeasurementPeriod,
    slaVerdictScope: c.slaVerdictScope,
    terminatedOn: c.terminatedOn,
    terminationReason: c.terminationReason,
    devices: [...devices].sort((a, b) => (a.deviceId < b.deviceId ? -1 : 1)),
    milestones,
  };
}

const money2 = (v: string) => formatKopecks(kopecks(v));

@Injectable()
export class ContractsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly suppliers: SuppliersService,
  ) {}

  async list(q: ContractListQuery): Promise<Paged<ContractResponse>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const { where, params, orderBy } = contractFilterSql(q, cityToday());
    const rows: (ContractRow & { total: string })[] = await this.dataSource.query(
      `SELECT r.*, count(*) OVER () AS total FROM (${ROWS}) r ${where} ${orderBy}
       LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    let total = rows.length > 0 ? Number(rows[0]!.total) : 0;
    if (rows.length === 0 && page > 1) {
      const [c]: { n: string }[] = await this.dataSource.query(
        `SELECT count(*) AS n FROM (${ROWS}) r ${where}`,
        params,
      );
      total = Number(c!.n);
    }
    return { items: rows.map(toContractResponse), total, page, pageSize };
  }

  /** Every contract matching the filters, in order (for the export). */
  async all(q: ContractListQuery): Promise<ContractResponse[]> {
    const { where, params, orderBy } = contractFilterSql(q, cityToday());
    const rows: ContractRow[] = await this.dataSource.query(
      `SELECT * FROM (${ROWS}) r ${where} ${orderBy}`,
      params,
    );
    return rows.map(toContractResponse);
  }

  async get(
    id: string,
    em: EntityManager = this.dataSource.manager,
  ): Promise<ContractDetailResponse> {
    const rows: ContractRow[] = await em.query(`SELECT * FROM (${ROWS}) r WHERE id = $2`, [
      cityToday(),
      id,
    ]);
    if (rows.length === 0) throw notFound(id);
    const devices: {
      device_id: string;
      inventory_number: string;
      modality: string;
      manufacturer: string;
      model: string;
      facility_id: string;
      facility_name: string;
      service_from: string;
      service_to: string;
      service_fee: string | null;
      purchase_price: string | null;
    }[] = await em.query(
      `SELECT cd.device_id, d.inventory_number, d.modality, d.manufacturer, d.model, d.facility_id,
              f.name AS facility_name, cd.service_from, cd.service_to, cd.service_fee, d.purchase_price
         FROM contract_devices cd JOIN devices d ON d.id = cd.device_id JOIN facilities f ON f.id = d.facility_id
        WHERE cd.contract_id = $1 ORDER BY d.inventory_number`,
      [id],
    );
    const milestones: {
      sequence: number;
      description: string | null;
      due_date: string;
      amount: string;
      paid_on: string | null;
    }[] = await em.query(
      'SELECT * FROM payment_milestones WHERE contract_id = $1 ORDER BY sequence',
      [id],
    );
    const shares = allocationShares(
      devices.map((d) => ({ serviceFee: d.service_fee, purchasePrice: d.purchase_price })),
    );
    return {
      ...toContractResponse(rows[0]!),
      devices: devices.map((d, i): CoveredDeviceResponse => ({
        deviceId: d.device_id,
        inventoryNumber: d.inventory_number,
        modality: d.modality,
        manufacturer: d.manufacturer,
        model: d.model,
        facilityId: d.facility_id,
        facilityName: d.facility_name,
        serviceFrom: isoDate(d.service_from),
        serviceTo: isoDate(d.service_to),
        serviceFee: d.service_fee,
        purchasePrice: d.purchase_price,
        paymentShare: Math.round(shares[i]! * 1e6) / 1e6,
      })),
      milestones: milestones.map((m): PaymentMilestoneResponse => ({
        sequence: m.sequence,
        description: m.description,
        dueDate: isoDate(m.due_date),
        amount: m.amount,
        paidOn: isoDate(m.paid_on),
      })),
    };
  }

  async create(dto: CreateContractDto): Promise<ContractDetailResponse> {
    try {
      return await this.dataSource.transaction(async (em) => {
        const repo = em.getRepository(ContractEntity);
        const entity = repo.create({
          number: dto.number,
          type: dto.type,
          supplierId: dto.supplierId,
          subject: dto.subject,
          signedOn: dto.signedOn ?? null,
          startDate: dto.startDate,
          endDate: dto.endDate,
          value: money2(dto.value),
          terminatedOn: null,
          terminationReason: null,
        });
        applySla(entity, dto.sla ?? null);
        const devices = coveredDevices(dto.devices ?? [], entity);
        const milestones = toMilestones(dto.milestones ?? []);
        await this.assertValid(em, entity, devices, milestones, null);
        const saved = await repo.save(entity);
        await this.writeLists(em, saved.id, devices, milestones);
        await this.audit.record(em, {
          action: AuditAction.CREATE,
          entityType: 'contract',
          entityId: saved.id,
          before: null,
          after: snapshot(saved, devices, milestones),
        });
        return this.get(saved.id, em);
      });
    } catch (e) {
      throw translate(e, dto.number);
    }
  }

  async update(id: string, dto: UpdateContractDto): Promise<ContractDetailResponse> {
    try {
      return await this.dataSource.transaction(async (em) => {
        const repo = em.getRepository(ContractEntity);
        const current = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!current) throw notFound(id);
        assertVersion('contract', dto.version, current.version);
        const oldDevices = await this.loadDevices(em, id);
        const oldMilestones = await this.loadMilestones(em, id);
        const before = snapshot(current, oldDevices, oldMilestones);
        const next = repo.create({ ...current });
        if (dto.number !== undefined) next.number = dto.number;
        if (dto.type !== undefined) next.type = dto.type;
        if (dto.supplierId !== undefined) next.supplierId = dto.supplierId;
        if (dto.subject !== undefined) next.subject = dto.subject;
        if (dto.signedOn !== undefined) next.signedOn = dto.signedOn;
        if (dto.startDate !== undefined) next.startDate = dto.startDate;
        if (dto.endDate !== undefined) next.endDate = dto.endDate;
        if (dto.value !== undefined) next.value = money2(dto.value);
        if (dto.sla !== undefined) applySla(next, dto.sla);
        const devices = dto.devices ? coveredDevices(dto.devices, next) : oldDevices;
        const milestones = dto.milestones ? toMilestones(dto.milestones) : oldMilestones;
        await this.assertValid(em, next, devices, milestones, id);
        const after = snapshot(next, devices, milestones);
        if (JSON.stringify(before) !== JSON.stringify(after)) {
          Object.assign(current, next);
          await repo.save(current);
          if (dto.devices || dto.milestones) {
            await em.query('DELETE FROM contract_devices WHERE contract_id = $1', [id]);
            await em.query('DELETE FROM payment_milestones WHERE contract_id = $1', [id]);
            await this.writeLists(em, id, devices, milestones);
          }
          await this.audit.record(em, {
            action: AuditAction.UPDATE,
            entityType: 'contract',
            entityId: id,
            before,
            after,
          });
        }
        return this.get(id, em);
      });
    } catch (e) {
      throw translate(e, dto.number);
    }
  }

  async terminate(id: string, dto: TerminateContractDto): Promise<ContractDetailResponse> {
    return this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(ContractEntity);
      const current = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw notFound(id);
      assertVersion('contract', dto.version, current.version);
      if (current.terminatedOn !== null) {
        throw new ContractException(
          ContractErrorCode.CONTRACT_TERMINATED,
          `Contract ${current.number} was terminated on ${current.terminatedOn} already.`,
        );
      }
      const errors = terminationRuleErrors(current, dto.terminatedOn);
      if (errors.length) throw invalid(errors);
      const devices = await this.loadDevices(em, id);
      const milestones = await this.loadMilestones(em, id);
      const before = snapshot(current, devices, milestones);
      current.terminatedOn = dto.terminatedOn;
      current.terminationReason = dto.reason;
      await repo.save(current);
      await this.audit.record(em, {
        action: AuditAction.UPDATE,
        entityType: 'contract',
        entityId: id,
        before,
        after: snapshot(current, devices, milestones),
      });
      return this.get(id, em);
    });
  }

  /** Whether a device is covered by this contract on a date (for service events). */
  async covers(em: EntityManager, contractId: string, deviceId: string, date: string) {
    const rows: { ok: boolean }[] = await em.query(
      `SELECT (cd.service_from <= $3::date AND cd.service_to >= $3::date) AS ok
         FROM contract_devices cd WHERE cd.contract_id = $1 AND cd.device_id = $2`,
      [contractId, deviceId, date],
    );
    return rows.length === 0 ? 'NOT_COVERED' : rows[0]!.ok ? 'COVERED' : 'OUTSIDE_PERIOD';
  }

  private async assertValid(
    em: EntityManager,
    c: ContractEntity,
    devices: CoveredDevice[],
    milestones: Milestone[],
    selfId: string | null,
  ): Promise<void> {
    await this.suppliers.assertExists(c.supplierId, em);
    const errors = contractRuleErrors(c, devices, milestones);
    if (errors.length) throw invalid(errors);
    if (devices.length === 0) return;

    // Lock the devices (in a fixed order) so that two contracts cannot claim one device at once.
    const ids = devices.map((d) => d.deviceId);
    const found: { id: string }[] = await em.query(
      'SELECT id FROM devices WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE',
      [ids],
    );
    const present = new Set(found.map((r) => r.id));
    const missing = devices
      .map((d, i) => ({ d, i }))
      .filter(({ d }) => !present.has(d.deviceId))
      .map(({ d, i }) => ({
        field: `devices.${i}.deviceId`,
        message: `there is no device ${d.deviceId}`,
      }));
    if (missing.length) throw invalid(missing);

    const clashes: { i: string; number: string; service_from: string; service_to: string }[] =
      await em.query(
        `SELECT u.i, c.number, cd.service_from, least(cd.service_to, c.terminated_on - 1) AS service_to
           FROM unnest($1::uuid[], $2::date[], $3::date[]) WITH ORDINALITY AS u(device_id, f, t, i)
           JOIN contract_devices cd ON cd.device_id = u.device_id
           JOIN contracts c ON c.id = cd.contract_id
          WHERE c.type = $4 AND c.id IS DISTINCT FROM $5::uuid
            AND cd.service_from <= u.t AND least(cd.service_to, c.terminated_on - 1) >= u.f
          ORDER BY u.i`,
        [ids, devices.map((d) => d.serviceFrom), devices.map((d) => d.serviceTo), c.type, selfId],
      );
    if (clashes.length) {
      throw new ContractException(
        ContractErrorCode.COVERAGE_OVERLAP,
        `A device is covered already by another ${c.type} contract for part of this period.`,
        {
          errors: clashes.map((x) => ({
            field: `devices.${Number(x.i) - 1}.deviceId`,
            message: `the device is covered by ${c.type} contract ${x.number} from ${isoDate(x.service_from)} to ${isoDate(x.service_to)}`,
          })),
        },
      );
    }
  }

  private async writeLists(
    em: EntityManager,
    id: string,
    devices: CoveredDevice[],
    milestones: Milestone[],
  ): Promise<void> {
    await bulkInsert<CoveredDevice>(
      em,
      'contract_devices',
      [
        { name: 'contract_id', type: 'uuid[]', value: () => id },
        { name: 'device_id', type: 'uuid[]', value: (d) => d.deviceId },
        { name: 'service_from', type: 'date[]', value: (d) => d.serviceFrom },
        { name: 'service_to', type: 'date[]', value: (d) => d.serviceTo },
        { name: 'service_fee', type: 'numeric[]', value: (d) => d.serviceFee },
      ],
      devices,
    );
    await bulkInsert<Milestone & { sequence: number }>(
      em,
      'payment_milestones',
      [
        { name: 'contract_id', type: 'uuid[]', value: () => id },
        { name: 'sequence', type: 'int[]', value: (m) => m.sequence },
        { name: 'description', type: 'varchar[]', value: (m) => m.description },
        { name: 'due_date', type: 'date[]', value: (m) => m.dueDate },
        { name: 'amount', type: 'numeric[]', value: (m) => m.amount },
        { name: 'paid_on', type: 'date[]', value: (m) => m.paidOn },
      ],
      milestones.map((m, i) => ({ ...m, sequence: i + 1 })),
    );
  }

  private async loadDevices(em: EntityManager, id: string): Promise<CoveredDevice[]> {
    const rows: {
      device_id: string;
      service_from: string;
      service_to: string;
      service_fee: string | null;
    }[] = await em.query(
      'SELECT device_id, service_from, service_to, service_fee FROM contract_devices WHERE contract_id = $1',
      [id],
    );
    return rows.map((r) => ({
      deviceId: r.device_id,
      serviceFrom: isoDate(r.service_from),
      serviceTo: isoDate(r.service_to),
      serviceFee: r.service_fee,
    }));
  }

  private async loadMilestones(em: EntityManager, id: string): Promise<Milestone[]> {
    const rows: {
      description: string | null;
      due_date: string;
      amount: string;
      paid_on: string | null;
    }[] = await em.query(
      'SELECT description, due_date, amount, paid_on FROM payment_milestones WHERE contract_id = $1 ORDER BY sequence',
      [id],
    );
    return rows.map((r) => ({
      description: r.description,
      dueDate: isoDate(r.due_date),
      amount: r.amount,
      paidOn: isoDate(r.paid_on),
    }));
  }
}

function applySla(c: ContractEntity, sla: CreateContractDto['sla']): void {
  c.slaUptimePercent = sla ? sla.guaranteedUptimePercent.toFixed(2) : null;
  c.slaBasis = sla ? sla.basis : null;
  c.slaResponseHours = sla ? sla.responseHours : null;
  c.slaRepairDays = sla ? sla.repairDays : null;
  c.slaPenaltyPerDay = sla ? money2(sla.penaltyPerDay) : null;
  c.slaMeasurementPeriod = sla ? (sla.measurementPeriod ?? SlaMeasurementPeriod.QUARTER) : null;
  c.slaVerdictScope = sla ? (sla.verdictScope ?? SlaVerdictScope.PER_DEVICE) : null;
}

function coveredDevices(list: CoveredDeviceDto[], c: ContractEntity): CoveredDevice[] {
  return list.map((d) => ({
    deviceId: d.deviceId,
    serviceFrom: d.serviceFrom ?? c.startDate,
    serviceTo: d.serviceTo ?? c.endDate,
    serviceFee: d.serviceFee == null ? null : money2(d.serviceFee),
  }));
}

function toMilestones(list: PaymentMilestoneDto[]): Milestone[] {
  return list.map((m) => ({
    description: m.description ?? null,
    dueDate: m.dueDate,
    amount: money2(m.amount),
    paidOn: m.paidOn ?? null,
  }));
}

function invalid(errors: FieldError[]): ContractException {
  return new ContractException(
    ContractErrorCode.INVALID_CONTRACT,
    errors.map((e) => e.message).join('; '),
    { errors },
  );
}

function translate(e: unknown, number?: string): unknown {
  if (isUniqueViolation(e, 'UQ_contracts_number')) {
    return new ContractException(
      ContractErrorCode.CONTRACT_NUMBER_TAKEN,
      `A contract numbered ${number} exists already.`,
      { errors: [{ field: 'number', message: `contract number ${number} is taken` }] },
    );
  }
  return e;
}

function notFound(id: string): ContractException {
  return new ContractException(ContractErrorCode.CONTRACT_NOT_FOUND, `There is no contract ${id}.`);
}
