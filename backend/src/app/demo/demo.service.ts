import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  Role,
  type DeviceStatus,
  type FundingSource,
  type Modality,
  type Technology,
} from '@radfleet/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { PasswordService } from '../auth/password.service.js';
import { AppConfig } from '../config/app.config.js';
import { ContractChecksService } from '../contracts/contract-checks.service.js';
import { loadDemoContracts } from '../contracts/contracts-demo.loader.js';
import { loadDemoUtilisation } from '../utilisation/utilisation-demo.loader.js';
import { bulkInsert } from '../common/bulk-insert.js';
import { insertDevices } from '../devices/device-insert.js';
import { cityToday } from '../common/calendar.js';
import { generateCity } from './generator/index.js';
import type { DemoCity } from './generator/types.js';

export const DEMO_SEED = 'radfleet-demo-city';
export const DEMO_PASSWORD = 'radfleet-demo';
export const DEMO_ACCOUNTS = [
  { email: 'admin@radfleet.demo', name: 'Анна Администраторова', role: Role.ADMIN },
  { email: 'procurement@radfleet.demo', name: 'Павел Закупкин', role: Role.PROCUREMENT },
  { email: 'manager@radfleet.demo', name: 'Мария Заведующая', role: Role.FACILITY_MANAGER },
  { email: 'executive@radfleet.demo', name: 'Ефим Руководов', role: Role.EXECUTIVE },
] as const;
/** How many facilities the demo facility manager looks after. */
const MANAGER_FACILITIES = 3;
const LOCK_KEY = 7_362_001;

/**
 * Loads the demo city (deterministic from a fixed seed, dated to the day of the first start) and
 * one account per role, once, in one transaction: a half-loaded city is never left behind.
 */
@Injectable()
export class DemoService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly passwords: PasswordService,
    private readonly contractChecks: ContractChecksService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoData) return;
    const loaded = await this.load(cityToday(), this.config.DEMO_SCALE);
    if (loaded) this.printAccounts();
  }

  /** Loads the city unless it is there already; true when it loaded it now. */
  async load(today: string, scale = 1): Promise<boolean> {
    const started = Date.now();
    const loaded = await this.dataSource.transaction(async (em) => {
      // Loading a city (10× in the benchmarks) takes longer than any request may: DB_STATEMENT_TIMEOUT_MS is for requests.
      await em.query('SET LOCAL statement_timeout = 0');
      await em.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      const done: unknown[] = await em.query("SELECT 1 FROM app_meta WHERE key = 'demo'");
      if (done.length > 0) return false;
      const city = generateCity({ seed: DEMO_SEED, today, years: 3, scale });
      const facilityIds = await this.loadFacilities(em, city);
      await this.loadAccounts(em, city, facilityIds);
      const deviceIds = await this.loadDevices(em, city, facilityIds);
      await loadDemoContracts(em, city, deviceIds);
      const usage = await loadDemoUtilisation(em, city, deviceIds);
      this.logger.log(
        `demo utilisation: ${usage.daily} daily rows and ${usage.monthly} monthly counts in ${usage.insertMs} ms, monthly rollup in ${usage.rollupMs} ms`,
      );
      await this.contractChecks.check(em, today);
      await em.query("INSERT INTO app_meta (key, value) VALUES ('demo', $1)", [
        JSON.stringify({ seed: DEMO_SEED, today, scale, loadedAt: new Date().toISOString() }),
      ]);
      return true;
    });
    if (loaded) this.logger.log(`demo city loaded in ${Date.now() - started} ms`);
    return loaded;
  }

  private async loadFacilities(em: EntityManager, city: DemoCity): Promise<Map<string, string>> {
    const rows = await bulkInsert(
      em,
      'facilities',
      [
        { name: 'code', type: 'varchar[]', value: (f) => f.code },
        { name: 'name', type: 'varchar[]', value: (f) => f.name },
        { name: 'short_name', type: 'varchar[]', value: (f) => f.shortName },
        { name: 'type', type: 'varchar[]', value: (f) => f.type },
        { name: 'district', type: 'varchar[]', value: (f) => f.district },
        { name: 'address', type: 'varchar[]', value: (f) => f.address },
        { name: 'version', type: 'int[]', value: () => 1 },
      ],
      city.facilities,
      { returning: 'id, code' },
    );
    return new Map(rows.map((r) => [String(r.code), String(r.id)]));
  }

  private async loadDevices(
    em: EntityManager,
    city: DemoCity,
    facilityIds: Map<string, string>,
  ): Promise<Map<string, string>> {
    return insertDevices(
      em,
      city.devices.map((d) => ({
        inventoryNumber: d.inventoryNumber,
        serialNumber: d.serialNumber,
        manufacturer: d.manufacturer,
        model: d.model,
        modality: d.modality as Modality,
        technology: d.technology as Technology,
        archiveConnected: d.archiveConnected,
        dicomStationName: d.dicom?.stationName ?? null,
        dicomAeTitle: d.dicom?.aeTitle ?? null,
        dicomSerialNumber: d.dicom?.deviceSerialNumber ?? null,
        dicomInstitutionName: d.dicom?.institutionName ?? null,
        facilityId: facilityIds.get(d.facilityCode)!,
        department: d.department,
        room: d.room,
        yearOfManufacture: d.yearOfManufacture,
        commissioningDate: d.commissioningDate ?? d.plannedCommissioningDate,
        purchasePrice: d.purchasePrice,
        fundingSource: d.fundingSource as FundingSource,
        serviceLifeYears: null,
        scheduledHoursPerWeek: String(d.scheduledHoursPerWeek),
        status: d.status as DeviceStatus,
        decommissionedOn: d.decommissioningDate,
        decommissionReason: d.decommissioningReason,
        notes: null,
      })),
    );
  }

  private async loadAccounts(
    em: EntityManager,
    city: DemoCity,
    facilityIds: Map<string, string>,
  ): Promise<void> {
    const managed = city.facilities
      .slice(0, MANAGER_FACILITIES)
      .map((f) => facilityIds.get(f.code)!);
    for (const account of DEMO_ACCOUNTS) {
      const hash = await this.passwords.hash(DEMO_PASSWORD);
      const [{ id }]: { id: string }[] = await em.query(
        `INSERT INTO users (email, name, role, password_hash, active, version) VALUES ($1, $2, $3, $4, true, 1)
         ON CONFLICT DO NOTHING RETURNING id`,
        [account.email, account.name, account.role, hash],
      );
      if (account.role === Role.FACILITY_MANAGER) {
        await em.query(
          'INSERT INTO user_facilities (user_id, facility_id) SELECT $1, unnest($2::uuid[])',
          [id, managed],
        );
      }
    }
  }

  private printAccounts(): void {
    const lines = [
      '',
      'RadFleet demo accounts (password: radfleet-demo):',
      ...DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(28)} ${a.role}`),
      `Open http://localhost:${this.config.PORT}`,
      '',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}
