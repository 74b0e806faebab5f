import { Injectable } from '@nestjs/common';
import {
  AuditAction,
  CountPeriod,
  Permission,
  UtilisationSource,
  type ImportCellError,
  type ImportResult,
  type ImportRowOutcome,
} from '@radfleet/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { PolicyService } from '../auth/policy.service.js';
import {
  assertSomeRowInScope,
  SpreadsheetImports,
  type ColumnSpec,
  type RowValues,
} from '../common/spreadsheet/index.js';
import { cityToday } from '../common/calendar.js';
import { installedPeriodError, UtilisationService, type DayCount } from './utilisation.service.js';

/** The columns of a counts spreadsheet, in Russian or English, in any order. */
export const COUNT_COLUMNS = [
  {
    key: 'inventoryNumber',
    header: { ru: 'Инвентарный номер', en: 'Inventory number' },
    aliases: ['Инв. №', 'Инв. номер', 'Инвентарный №'],
    type: 'string',
    required: true,
    maxLength: 64,
  },
  {
    key: 'period',
    header: { ru: 'Период', en: 'Period' },
    type: 'enum',
    enumValues: [
      { value: CountPeriod.DAY, aliases: ['День', 'Day', 'Сутки', 'D'] },
      { value: CountPeriod.MONTH, aliases: ['Месяц', 'Month', 'M'] },
    ],
  },
  {
    key: 'date',
    header: { ru: 'Дата', en: 'Date' },
    aliases: ['День', 'Месяц', 'Month', 'Day'],
    type: 'date',
    required: true,
    min: '2000-01-01',
  },
  {
    key: 'studies',
    header: { ru: 'Исследований', en: 'Studies' },
    aliases: ['Исследования', 'Кол-во исследований'],
    type: 'integer',
    required: true,
    min: 0,
    max: 1_000_000,
  },
  {
    key: 'images',
    header: { ru: 'Снимков', en: 'Images' },
    aliases: ['Изображений', 'Снимки', 'Изображения'],
    type: 'integer',
    required: true,
    min: 0,
    max: 100_000_000,
  },
] as const satisfies readonly ColumnSpec[];

type Row = RowValues<typeof COUNT_COLUMNS>;

interface DeviceRow {
  id: string;
  inventory_number: string;
  facility_id: string;
  technology: string;
  archive_connected: boolean;
  commissioning_date: string | null;
  decommissioned_on: string | null;
}

/**
 * Imports hand counts (source IMPORT) from .xlsx or .csv with the device import's rules: every row
 * checked (device known, in the user's facilities, not fed by the archive, a date inside the
 * device's installed period, no
 * duplicate day or month in the file), a preview with `dryRun`, and all rows applied in one
 * transaction only when no row has an error. A row replaces an earlier imported count of the same
 * device and day (or month; a monthly count is stored on the month's first day).
 */
@Injectable()
export class UtilisationImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
    private readonly utilisation: UtilisationService,
    private readonly imports: SpreadsheetImports,
  ) {}

  async import(
    user: AuthUser,
    file: { path: string; filename: string },
    dryRun: boolean,
  ): Promise<ImportResult> {
    this.policy.assertHas(user, Permission.UTILISATION_WRITE);
    const { rows, column, warnings } = await this.imports.read(file, COUNT_COLUMNS);

    const run = async (em: EntityManager) => {
      const { outcomes, planned } = await this.plan(em, user, rows, column);
      assertSomeRowInScope(outcomes);
      const ok = !outcomes.some((o) => o.action === 'error');
      if (!dryRun && ok && planned.length > 0) {
        await this.utilisation.write(
          em,
          planned.map((p) => p.count),
        );
        await this.audit.recordMany(
          em,
          planned.map((p) => ({
            action: p.before ? AuditAction.UPDATE : AuditAction.CREATE,
            entityType: 'utilisation',
            entityId: p.count.deviceId,
            before: p.before ? { ...snapshot(p.count), ...p.before } : null,
            after: snapshot(p.count),
          })),
        );
      }
      return { outcomes, applied: !dryRun && ok };
    };
    const { outcomes, applied } = dryRun
      ? await run(this.dataSource.manager)
      : await this.dataSource.transaction(run);
    return this.imports.answer(user, 'counts', outcomes, { dryRun, applied, warnings });
  }

  private async plan(
    em: EntityManager,
    user: AuthUser,
    rows: { row: number; values: Row; errors: ImportCellError[] }[],
    column: (key: string) => string,
  ): Promise<{
    outcomes: ImportRowOutcome[];
    planned: { count: DayCount; before: { studies: number; images: number } | null }[];
  }> {
    const numbers = [
      ...new Set(rows.map((r) => r.values.inventoryNumber).filter((n): n is string => !!n)),
    ];
    const devices: DeviceRow[] = numbers.length
      ? await em.query(
          `SELECT id, inventory_number, facility_id, technology, archive_connected,
                  commissioning_date::text AS commissioning_date,
                  decommissioned_on::text AS decommissioned_on
             FROM devices WHERE inventory_number = ANY($1::varchar[])`,
          [numbers],
        )
      : [];
    const byNumber = new Map(devices.map((d) => [d.inventory_number, d]));
    const existing: { device_id: string; day: string; studies: number; images: number }[] =
      devices.length
        ? await em.query(
            `SELECT device_id, day::text AS day, studies, images FROM daily_utilisation
              WHERE source = 'IMPORT' AND device_id = ANY($1::uuid[])`,
            [devices.map((d) => d.id)],
          )
        : [];
    const stored = new Map(existing.map((e) => [`${e.device_id}|${e.day}`, e]));
    const scope = this.policy.writableFacilities(user, Permission.UTILISATION_WRITE);
    const today = cityToday();
    const seen = new Map<string, number>();
    const outcomes: ImportRowOutcome[] = [];
    const planned: { count: DayCount; before: { studies: number; images: number } | null }[] = [];

    for (const { row, values, errors } of rows) {
      const errs = [...errors];
      const key = values.inventoryNumber;
      const device = key ? byNumber.get(key) : undefined;
      if (key && !device)
        errs.push({
          column: column('inventoryNumber'),
          message: `there is no device with inventory number ${key}`,
          code: 'UNKNOWN_DEVICE',
        });
      if (device && scope !== null && !scope.includes(device.facility_id))
        errs.push({
          column: column('inventoryNumber'),
          message: 'you may import counts only for devices of the facilities assigned to you',
          code: 'OUTSIDE_SCOPE',
        });
      if (device && device.technology === 'DIGITAL' && device.archive_connected)
        errs.push({
          column: column('inventoryNumber'),
          message: 'the device sends its studies to the archive; its counts come from the sync',
          code: 'COUNTS_FROM_ARCHIVE',
        });
      const monthly = values.period === CountPeriod.MONTH;
      const day = values.date ? (monthly ? `${values.date.slice(0, 7)}-01` : values.date) : null;
      const outside = day
        ? installedPeriodError(
            day,
            monthly,
            device ?? { commissioning_date: null, decommissioned_on: null },
            today,
          )
        : null;
      if (outside) errs.push({ column: column('date'), message: outside.message, code: outside.code });
      if (device && day) {
        const k = `${device.id}|${day}`;
        const first = seen.get(k);
        if (first !== undefined)
          errs.push({
            column: column('date'),
            message: `this device's ${monthly ? 'month' : 'day'} appears again (first on row ${first})`,
            code: 'DUPLICATE_IN_FILE',
          });
        else seen.set(k, row);
      }
      if (errs.length > 0 || !device || !day || values.studies === null || values.images === null) {
        outcomes.push({ row, action: 'error', key, errors: errs });
        continue;
      }
      const before = stored.get(`${device.id}|${day}`) ?? null;
      if (before && before.studies === values.studies && before.images === values.images) {
        outcomes.push({ row, action: 'unchanged', key, errors: [] });
        continue;
      }
      planned.push({
        count: {
          deviceId: device.id,
          day,
          source: UtilisationSource.IMPORT,
          studies: values.studies,
          images: values.images,
          monthly,
        },
        before: before ? { studies: before.studies, images: before.images } : null,
      });
      outcomes.push({ row, action: before ? 'update' : 'create', key, errors: [] });
    }
    return { outcomes, planned };
  }
}

function snapshot(c: DayCount): Record<string, unknown> {
  return {
    period: c.monthly ? CountPeriod.MONTH : CountPeriod.DAY,
    day: c.day,
    source: c.source,
    studies: c.studies,
    images: c.images,
  };
}
