import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import {
  PackScope,
  PackStatus,
  PackTrigger,
  Role,
  type BuildPackDto,
  type Paged,
  type ReportPackResponse,
  type ReportScheduleResponse,
} from '@radfleet/shared';
import { CronJob, CronTime } from 'cron';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/index.js';
import { CITY_TZ, cityToday } from '../common/calendar.js';
import { AppConfig } from '../config/app.config.js';
import { ExecutivePackService, previousMonth, type PackTarget } from './executive-pack.service.js';
import { ReportsErrorCode, ReportsException } from './reports.exception.js';

/** A build is tried this many times before it is recorded as FAILED. */
export const PACK_ATTEMPTS = 2;
const JOB = 'report-packs';

interface PackRow {
  id: string;
  month: string;
  lang: 'ru' | 'en';
  scope: PackScope;
  facility_ids: string[];
  status: PackStatus;
  trigger: PackTrigger;
  requested_by: string | null;
  requested_by_name: string | null;
  created_at: Date;
  finished_at: Date | null;
  size_bytes: string | null;
  progress: number;
  attempts: number;
  error: string | null;
}

const SELECT = `SELECT p.*, u.name AS requested_by_name FROM report_packs p LEFT JOIN users u ON u.id = p.requested_by`;

/**
 * Stored executive report packs (README "Reports"): built on request or by the schedule
 * (`REPORT_CRON` in the city's zone: the previous month's city pack), written to a temporary file
 * in `DATA_DIR/reports` and renamed when complete (never a half-written pack), retried once when a
 * build fails (the error is kept), and kept up to `REPORT_RETENTION` packs.
 */
@Injectable()
export class ReportPacksService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ReportPacks');
  private readonly running = new Map<string, Promise<void>>();
  private job: CronJob | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly pack: ExecutivePackService,
    private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
  ) {}

  /** The folder of the stored packs. */
  get dir(): string {
    return resolve(this.config.DATA_DIR, 'reports');
  }

  async onApplicationBootstrap(): Promise<void> {
    // A build cut short by a stop or a crash: recorded as failed, its temporary file removed.
    await this.dataSource.query(
      `UPDATE report_packs SET status = $1, error = coalesce(error, 'The build was interrupted by a restart.'), finished_at = now()
        WHERE status = $2`,
      [PackStatus.FAILED, PackStatus.BUILDING],
    );
    const files = await readdir(this.dir).catch(() => [] as string[]);
    await Promise.all(
      files.filter((f) => f.endsWith('.tmp')).map((f) => rm(join(this.dir, f), { force: true })),
    );
    if (!this.config.SCHEDULER) return;
    this.job = CronJob.from({
      cronTime: this.config.REPORT_CRON,
      timeZone: CITY_TZ,
      onTick: () => void this.runScheduled(new Date()),
      start: true,
    });
    this.registry.addCronJob(JOB, this.job as never);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.job) {
      await this.job.stop();
      this.registry.deleteCronJob(JOB);
    }
    await Promise.allSettled(this.running.values());
  }

  /** When the schedule next builds a pack after `from`. */
  nextRunAt(from = new Date()): Date {
    const cron = new CronTime(this.config.REPORT_CRON, CITY_TZ);
    return cron.getNextDateFrom(from, CITY_TZ).toJSDate();
  }

  schedule(now = new Date()): ReportScheduleResponse {
    return {
      cron: this.config.REPORT_CRON,
      timeZone: CITY_TZ,
      nextRunAt: this.config.SCHEDULER ? this.nextRunAt(now).toISOString() : null,
      retentionCount: this.config.REPORT_RETENTION,
    };
  }

  /**
   * What the schedule does at `now`: the previous month's city pack, in Russian, unless one built
   * by the schedule is already there or under way. Resolves when it is built (or has failed).
   */
  async runScheduled(now: Date): Promise<ReportPackResponse | null> {
    const month = previousMonth(cityToday(now));
    const existing: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM report_packs WHERE trigger = $1 AND month = $2 AND scope = $3 AND status <> $4`,
      [PackTrigger.SCHEDULE, month, PackScope.CITY, PackStatus.FAILED],
    );
    if (existing.length > 0) return null;
    const row = await this.create(
      month,
      'ru',
      { scope: PackScope.CITY, facilityIds: [] },
      null,
      PackTrigger.SCHEDULE,
    );
    await this.whenBuilt(row.id);
    return this.toResponse((await this.row(row.id))!);
  }

  /** A pack built now for the user (their facilities' for a facility manager), as a job. */
  async request(user: AuthUser, dto: BuildPackDto): Promise<ReportPackResponse> {
    const month = dto.month ?? previousMonth();
    this.pack.assertMonth(month);
    const target: PackTarget =
      user.role === Role.FACILITY_MANAGER
        ? { scope: PackScope.FACILITIES, facilityIds: user.facilityIds }
        : { scope: PackScope.CITY, facilityIds: [] };
    return this.create(month, dto.lang ?? 'ru', target, user.id, PackTrigger.MANUAL);
  }

  /** Resolves when the build of `id` (if running in this process) has ended. */
  async whenBuilt(id: string): Promise<void> {
    await this.running.get(id);
  }

  async list(user: AuthUser, page = 1, pageSize = 50): Promise<Paged<ReportPackResponse>> {
    const { where, params } = visible(user);
    const rows: (PackRow & { total: string })[] = await this.dataSource.query(
      `SELECT r.*, count(*) OVER () AS total FROM (${SELECT}) r WHERE ${where}
        ORDER BY r.created_at DESC, r.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    let total = rows.length > 0 ? Number(rows[0]!.total) : 0;
    if (rows.length === 0 && page > 1) {
      const [c]: { n: string }[] = await this.dataSource.query(
        `SELECT count(*) AS n FROM (${SELECT}) r WHERE ${where}`,
        params,
      );
      total = Number(c!.n);
    }
    return { items: rows.map((r) => this.toResponse(r)), total, page, pageSize };
  }

  async get(user: AuthUser, id: string): Promise<ReportPackResponse> {
    return this.toResponse(await this.visibleRow(user, id));
  }

  /** The file of a READY pack the user may see, and its download name. */
  async file(user: AuthUser, id: string): Promise<{ path: string; name: string }> {
    const row = await this.visibleRow(user, id);
    if (row.status !== PackStatus.READY) {
      throw new ReportsException(
        ReportsErrorCode.PACK_NOT_READY,
        `The pack ${id} is ${row.status.toLowerCase()}, not ready to download.`,
      );
    }
    return {
      path: this.filePath(id),
      name: `radfleet-executive-pack-${row.month}-${row.lang}.xlsx`,
    };
  }

  private filePath(id: string): string {
    return join(this.dir, `${id}.xlsx`);
  }

  private async visibleRow(user: AuthUser, id: string): Promise<PackRow> {
    const { where, params } = visible(user);
    const rows: PackRow[] = await this.dataSource.query(
      `SELECT r.* FROM (${SELECT}) r WHERE ${where} AND r.id = $${params.length + 1}`,
      [...params, id],
    );
    if (!rows[0]) {
      throw new ReportsException(ReportsErrorCode.PACK_NOT_FOUND, `There is no pack ${id}.`);
    }
    return rows[0];
  }

  private async row(id: string): Promise<PackRow | undefined> {
    const rows: PackRow[] = await this.dataSource.query(`${SELECT} WHERE p.id = $1`, [id]);
    return rows[0];
  }

  private async create(
    month: string,
    lang: 'ru' | 'en',
    target: PackTarget,
    requestedBy: string | null,
    trigger: PackTrigger,
  ): Promise<ReportPackResponse> {
    const [inserted]: { id: string }[] = await this.dataSource.query(
      `INSERT INTO report_packs (month, lang, scope, facility_ids, status, trigger, requested_by)
       VALUES ($1, $2, $3, $4::uuid[], $5, $6, $7) RETURNING id`,
      [month, lang, target.scope, target.facilityIds, PackStatus.BUILDING, trigger, requestedBy],
    );
    const id = inserted!.id;
    const job = this.build(id, month, lang, target).finally(() => this.running.delete(id));
    this.running.set(id, job);
    return this.toResponse((await this.row(id))!);
  }

  /** Builds the file, trying twice; never throws (the outcome is in the row). */
  private async build(id: string, month: string, lang: 'ru' | 'en', target: PackTarget) {
    let lastError = '';
    for (let attempt = 1; attempt <= PACK_ATTEMPTS; attempt++) {
      await this.dataSource.query(
        'UPDATE report_packs SET attempts = $2, progress = 0 WHERE id = $1',
        [id, attempt],
      );
      const tmp = join(this.dir, `${id}.xlsx.${attempt}.tmp`);
      try {
        let shown = 0;
        const progress = (pct: number) => {
          if (pct - shown < 5 && pct < 100) return;
          shown = pct;
          void this.dataSource
            .query('UPDATE report_packs SET progress = $2 WHERE id = $1 AND status = $3', [
              id,
              Math.min(pct, 99),
              PackStatus.BUILDING,
            ])
            .catch(() => undefined);
        };
        const content = await this.pack.prepare(month, lang, target, progress);
        await mkdir(this.dir, { recursive: true });
        const through = new PassThrough();
        const written = pipeline(through, createWriteStream(tmp, { flags: 'wx' }));
        await this.pack.writeWorkbook(content, through);
        await written;
        const { size } = await stat(tmp);
        await rename(tmp, this.filePath(id));
        await this.dataSource.query(
          `UPDATE report_packs SET status = $2, progress = 100, size_bytes = $3, finished_at = now(), error = NULL
            WHERE id = $1`,
          [id, PackStatus.READY, size],
        );
        await this.applyRetention();
        return;
      } catch (e) {
        lastError = e instanceof Error ? e.message : String(e);
        this.logger.warn(`Report pack ${id} (${month}) attempt ${attempt} failed: ${lastError}`);
        await rm(tmp, { force: true }).catch(() => undefined);
        await this.dataSource
          .query('UPDATE report_packs SET error = $2 WHERE id = $1', [id, lastError])
          .catch(() => undefined);
      }
    }
    await this.dataSource
      .query('UPDATE report_packs SET status = $2, error = $3, finished_at = now() WHERE id = $1', [
        id,
        PackStatus.FAILED,
        lastError.slice(0, 2000),
      ])
      .catch(() => undefined);
  }

  /** Keeps the newest REPORT_RETENTION finished packs; older rows and their files go. */
  private async applyRetention(): Promise<void> {
    const gone: { id: string }[] = await this.dataSource.query(
      `DELETE FROM report_packs WHERE id IN (
         SELECT id FROM report_packs WHERE status <> $1
          ORDER BY created_at DESC, id OFFSET $2)
       RETURNING id`,
      [PackStatus.BUILDING, this.config.REPORT_RETENTION],
    );
    await Promise.all(gone.map((g) => rm(this.filePath(g.id), { force: true })));
  }

  private toResponse(r: PackRow): ReportPackResponse {
    return {
      id: r.id,
      month: r.month,
      lang: r.lang,
      scope: r.scope,
      status: r.status,
      trigger: r.trigger,
      requestedBy: r.requested_by,
      requestedByName: r.requested_by_name,
      createdAt: r.created_at.toISOString(),
      finishedAt: r.finished_at?.toISOString() ?? null,
      sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
      progress: r.progress,
      attempts: r.attempts,
      error: r.error,
      downloadUrl: r.status === PackStatus.READY ? `/api/reports/packs/${r.id}/download` : null,
    };
  }
}

/** City roles see the city's packs; a facility manager the packs they asked for. */
function visible(user: AuthUser): { where: string; params: unknown[] } {
  return user.role === Role.FACILITY_MANAGER
    ? { where: `r.scope = 'FACILITIES' AND r.requested_by = $1`, params: [user.id] }
    : { where: `r.scope = 'CITY'`, params: [] };
}
