import { Injectable } from '@nestjs/common';
import {
  AuditAction,
  CreateDeviceDto,
  Permission,
  UpdateDeviceDto,
  type ImportCellError,
  type ImportResult,
  type ImportRowOutcome,
} from '@radfleet/shared';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { PolicyService } from '../auth/policy.service.js';
import { isUniqueViolation } from '../common/persistence.js';
import { flattenValidationErrors } from '../common/problem/validation.js';
import {
  assertSomeRowInScope,
  SpreadsheetImports,
  type RowValues,
} from '../common/spreadsheet/index.js';
import { deviceRuleErrors } from './device-rules.js';
import { DEVICE_COLUMNS } from './device-columns.js';
import { DeviceErrorCode, DeviceException } from './devices.exception.js';
import { deviceSnapshot } from './devices.service.js';
import { cityToday } from '../common/calendar.js';
import { insertDevices, type NewDevice } from './device-insert.js';
import { DeviceEntity } from './entities/device.entity.js';

type Row = RowValues<typeof DEVICE_COLUMNS>;

/** A row that passed every check, with what applying it does. */
interface PlannedRow {
  row: number;
  create?: NewDevice;
  update?: { current: DeviceEntity; changes: Partial<DeviceEntity> };
}

/** Fields a row must fill when it creates a device (an update may leave them empty). */
const REQUIRED_FOR_NEW = ['modality', 'technology', 'manufacturer', 'model'] as const;

const DEVICE_FIELDS = [
  'serialNumber',
  'manufacturer',
  'model',
  'modality',
  'technology',
  'archiveConnected',
  'dicomStationName',
  'dicomAeTitle',
  'dicomSerialNumber',
  'dicomInstitutionName',
  'department',
  'room',
  'yearOfManufacture',
  'commissioningDate',
  'purchasePrice',
  'fundingSource',
  'serviceLifeYears',
  'status',
  'decommissionedOn',
  'decommissionReason',
  'notes',
] as const;

/**
 * Imports a device spreadsheet: reads it streaming, checks every row as the API would (the shared
 * DTOs, the cross-field rules, facility scope, duplicates in the file), and applies all rows in one
 * transaction only when no row has an error. Rows match existing devices on the inventory number;
 * an empty cell leaves that field of an existing device as it is.
 */
@Injectable()
export class DevicesImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
    private readonly imports: SpreadsheetImports,
  ) {}

  async import(
    user: AuthUser,
    file: { path: string; filename: string },
    dryRun: boolean,
  ): Promise<ImportResult> {
    this.policy.assertHas(user, Permission.DEVICE_WRITE);
    const { rows, column, warnings } = await this.imports.read(file, DEVICE_COLUMNS);

    const run = async (em: EntityManager) => {
      const plan = await this.plan(em, user, rows, column, !dryRun);
      const outcomes = plan.outcomes;
      assertSomeRowInScope(outcomes);
      const hasErrors = outcomes.some((o) => o.action === 'error');
      if (!dryRun && !hasErrors) await this.apply(em, plan.planned);
      return { outcomes, applied: !dryRun && !hasErrors };
    };
    // Applying locks the matched devices and writes in one transaction; a dry run only reads.
    const { outcomes, applied } = dryRun
      ? await run(this.dataSource.manager)
      : await this.dataSource.transaction(run).catch((e: unknown) => {
          if (isUniqueViolation(e, 'UQ_devices_inventory_number')) {
            throw new DeviceException(
              DeviceErrorCode.INVENTORY_NUMBER_TAKEN,
              'Another user created one of these inventory numbers meanwhile; import again.',
            );
          }
          throw e;
        });

    return this.imports.answer(user, 'devices', outcomes, { dryRun, applied, warnings });
  }

  private async plan(
    em: EntityManager,
    user: AuthUser,
    rows: { row: number; values: Row; errors: ImportCellError[] }[],
    column: (key: string) => string,
    lock: boolean,
  ): Promise<{ outcomes: ImportRowOutcome[]; planned: PlannedRow[] }> {
    const codes = [
      ...new Set(rows.map((r) => r.values.facilityCode).filter((c): c is string => !!c)),
    ];
    const facilities: { id: string; code: string }[] = codes.length
      ? await em.query('SELECT id, code FROM facilities WHERE lower(code) = ANY($1::varchar[])', [
          codes.map((c) => c.toLowerCase()),
        ])
      : [];
    const facilityByCode = new Map(facilities.map((f) => [f.code.toLowerCase(), f.id]));
    const numbers = [
      ...new Set(rows.map((r) => r.values.inventoryNumber).filter((n): n is string => !!n)),
    ];
    const existing = numbers.length
      ? await em.getRepository(DeviceEntity).find({
          where: { inventoryNumber: In(numbers) },
          ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
        })
      : [];
    const byNumber = new Map(existing.map((d) => [d.inventoryNumber, d]));
    const scope = this.policy.writableFacilities(user, Permission.DEVICE_WRITE);
    const seen = new Map<string, number>();
    const day = cityToday();

    const outcomes: ImportRowOutcome[] = [];
    const planned: PlannedRow[] = [];
    for (const { row, values, errors } of rows) {
      const errs = [...errors];
      const key = values.inventoryNumber;
      if (key) {
        const first = seen.get(key);
        if (first !== undefined)
          errs.push({
            column: column('inventoryNumber'),
            message: `inventory number ${key} appears again (first on row ${first})`,
            code: 'DUPLICATE_IN_FILE',
          });
        else seen.set(key, row);
      }
      const facilityId = values.facilityCode
        ? facilityByCode.get(values.facilityCode.toLowerCase())
        : undefined;
      if (values.facilityCode && !facilityId)
        errs.push({
          column: column('facilityCode'),
          message: `there is no facility with code ${values.facilityCode}`,
          code: 'UNKNOWN_FACILITY',
        });
      const current = key ? byNumber.get(key) : undefined;
      if (scope !== null) {
        for (const fid of [facilityId, current?.facilityId]) {
          if (fid && !scope.includes(fid)) {
            errs.push({
              column: column('facilityCode'),
              message: 'you may import only devices of the facilities assigned to you',
              code: 'OUTSIDE_SCOPE',
            });
            break;
          }
        }
      }
      if (errs.length > 0) {
        outcomes.push({ row, action: 'error', key, errors: dedupe(errs) });
        continue;
      }

      if (!current) {
        const missing = REQUIRED_FOR_NEW.filter(
          (f) => values[f] === null || values[f] === undefined,
        );
        if (missing.length > 0) {
          outcomes.push({
            row,
            action: 'error',
            key,
            errors: missing.map((f) => ({
              column: column(f),
              message: 'required for a new device',
              code: 'REQUIRED',
            })),
          });
          continue;
        }
      }
      // The same validation as the API: the shared DTO classes, then the cross-field rules.
      const given = Object.fromEntries(
        DEVICE_FIELDS.filter((f) => values[f] !== null && values[f] !== undefined).map((f) => [
          f,
          values[f],
        ]),
      );
      const dto = current
        ? plainToInstance(UpdateDeviceDto, {
            ...given,
            ...(facilityId ? { facilityId } : {}),
            version: current.version,
          })
        : plainToInstance(CreateDeviceDto, { ...given, inventoryNumber: key, facilityId });
      const invalid = flattenValidationErrors(
        validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }),
      );
      if (invalid.length > 0) {
        outcomes.push({
          row,
          action: 'error',
          key,
          errors: firstPerColumn(
            invalid.map((e) => ({ column: column(e.field), message: e.message, code: 'INVALID' })),
          ),
        });
        continue;
      }
      const base = current ? { ...current } : { archiveConnected: false, status: 'IN_SERVICE' };
      const next = { ...base, ...given, ...(facilityId ? { facilityId } : {}) } as DeviceEntity;
      const ruleErrors = deviceRuleErrors(next, day);
      if (ruleErrors.length > 0) {
        outcomes.push({
          row,
          action: 'error',
          key,
          errors: ruleErrors.map((e) => ({
            column: column(e.field),
            message: e.message,
            code: 'INCONSISTENT',
          })),
        });
        continue;
      }
      if (!current) {
        planned.push({ row, create: { ...emptyDevice(), ...next, inventoryNumber: key! } });
        outcomes.push({ row, action: 'create', key, errors: [] });
        continue;
      }
      const before = deviceSnapshot(current);
      const after = deviceSnapshot(next);
      if (JSON.stringify(before) === JSON.stringify(after)) {
        outcomes.push({ row, action: 'unchanged', key, errors: [] });
      } else {
        planned.push({ row, update: { current, changes: next } });
        outcomes.push({ row, action: 'update', key, errors: [] });
      }
    }
    return { outcomes, planned };
  }

  private async apply(em: EntityManager, planned: PlannedRow[]): Promise<void> {
    const creates = planned.flatMap((p) => (p.create ? [p.create] : []));
    if (creates.length > 0) await insertDevices(em, creates, this.audit);
    const updates = planned.flatMap((p) => (p.update ? [p.update] : []));
    const repo = em.getRepository(DeviceEntity);
    for (const { current, changes } of updates) {
      const fields = Object.fromEntries(
        DEVICE_FIELDS.map((f) => [f, changes[f]]).concat([['facilityId', changes.facilityId]]),
      );
      // TypeORM bumps the version and updated_at of an update itself.
      await repo.update({ id: current.id }, fields as Partial<DeviceEntity>);
    }
    await this.audit.recordMany(
      em,
      updates.map(({ current, changes }) => ({
        action: AuditAction.UPDATE,
        entityType: 'device',
        entityId: current.id,
        before: deviceSnapshot(current),
        after: deviceSnapshot(changes as DeviceEntity),
      })),
    );
  }
}

function emptyDevice() {
  return {
    serialNumber: null,
    archiveConnected: false,
    dicomStationName: null,
    dicomAeTitle: null,
    dicomSerialNumber: null,
    dicomInstitutionName: null,
    department: null,
    room: null,
    yearOfManufacture: null,
    commissioningDate: null,
    purchasePrice: null,
    fundingSource: null,
    serviceLifeYears: null,
    scheduledHoursPerWeek: null,
    decommissionedOn: null,
    decommissionReason: null,
    notes: null,
  };
}

/** One message per column: the first is the most basic (e.g. "must not be empty" before "too long"). */
function firstPerColumn(errors: ImportCellError[]): ImportCellError[] {
  const seen = new Set<string>();
  return errors.filter((e) => !seen.has(e.column) && seen.add(e.column));
}

function dedupe(errors: ImportCellError[]): ImportCellError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.column}|${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
