import { Injectable, Logger } from '@nestjs/common';
import {
  ArchiveAuthType,
  SyncRunStatus,
  UtilisationSource,
  type SyncDayError,
  type SyncTrigger,
} from '@radfleet/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { addDays, daysBetween, cityToday } from '../common/calendar.js';
import { UtilisationService } from '../utilisation/utilisation.service.js';
import { DayTally, type ArchiveIdentity } from './archive-identity.js';
import { ArchiveErrorCode, ArchiveException } from './archives.exception.js';
import { ArchiveConnectionEntity } from './entities/archive-connection.entity.js';
import { ArchiveSyncRunEntity } from './entities/archive-sync-run.entity.js';
import { QidoClient } from './qido/qido.client.js';
import { QidoError } from './qido/qido.errors.js';
import type { QidoAuth, QidoClientOptions } from './qido/qido.types.js';

/** Namespace of the per-archive advisory locks (the key is hashtext(archive id)). */
const SYNC_LOCK = 7_362_100;
/** A first sync reads at most this many days. */
const MAX_DAYS = 3_700;

/** Client settings for every run; replaceable (e.g. a small page size in tests, to page more). */
export type SyncClientOptions = Omit<QidoClientOptions, 'baseUrl' | 'auth'>;

export function qidoAuth(
  a: Pick<ArchiveConnectionEntity, 'authType' | 'username' | 'secret'>,
): QidoAuth | undefined {
  if (a.authType === ArchiveAuthType.BASIC)
    return { type: 'basic', username: a.username ?? '', password: a.secret ?? '' };
  if (a.authType === ArchiveAuthType.BEARER) return { type: 'bearer', token: a.secret ?? '' };
  return undefined;
}

/** Failures after which the rest of the run cannot succeed: the archive is unreachable or refuses us. */
function fatal(e: QidoError): boolean {
  return (
    e.kind === 'NETWORK' ||
    e.kind === 'TIMEOUT' ||
    e.kind === 'AUTH' ||
    (e.kind === 'HTTP' && (e as QidoError & { status: number }).status >= 500)
  );
}

/**
 * The archive sync. For each study day from the watermark minus the look-back window to today
 * (plus every earlier day still pending or failed), it pages through QIDO-RS /series, tallies
 * distinct studies and summed images per device identity, and writes the day in one transaction:
 * identities matched to devices go to `daily_utilisation` (source ARCHIVE, replacing that day's
 * earlier counts), the others to the discovered-devices inbox. A day that fails writes nothing and
 * stays FAILED until a later run reads it completely. One run per archive at a time (a PostgreSQL
 * advisory lock, so also across processes); every run is recorded in `archive_sync_runs`.
 */
@Injectable()
export class ArchiveSyncService {
  private readonly logger = new Logger('ArchiveSync');
  clientOptions: SyncClientOptions = {};

  constructor(
    private readonly dataSource: DataSource,
    private readonly utilisation: UtilisationService,
  ) {}

  /**
   * Takes the archive's lock and records a new run; `done` settles when the run has ended (it never
   * rejects: failures end up in the run). Throws SYNC_IN_PROGRESS when a run of it is going on.
   */
  async start(
    archiveId: string,
    trigger: SyncTrigger,
    today = cityToday(),
  ): Promise<{ runId: string; done: Promise<ArchiveSyncRunEntity> }> {
    const archive = await this.dataSource
      .getRepository(ArchiveConnectionEntity)
      .findOneBy({ id: archiveId });
    if (!archive)
      throw new ArchiveException(
        ArchiveErrorCode.ARCHIVE_NOT_FOUND,
        `There is no archive ${archiveId}.`,
      );
    const lock = this.dataSource.createQueryRunner();
    await lock.connect();
    let runId: string;
    try {
      const [{ locked }]: { locked: boolean }[] = await lock.query(
        'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked',
        [SYNC_LOCK, archiveId],
      );
      if (!locked) {
        throw new ArchiveException(
          ArchiveErrorCode.SYNC_IN_PROGRESS,
          `A sync of archive "${archive.name}" is running; try again when it has finished.`,
        );
      }
      const [{ id }]: { id: string }[] = await this.dataSource.query(
        `INSERT INTO archive_sync_runs (archive_id, trigger, status) VALUES ($1, $2, $3) RETURNING id`,
        [archiveId, trigger, SyncRunStatus.RUNNING],
      );
      runId = id;
    } catch (e) {
      await lock.release();
      throw e;
    }
    const done = this.execute(archive, runId, today)
      .catch(async (e: unknown) => {
        this.logger.error(`sync run ${runId} of archive ${archiveId} broke: ${String(e)}`);
        await this.dataSource.query(
          `UPDATE archive_sync_runs SET status = $2, finished_at = now(), errors = errors || $3::jsonb WHERE id = $1`,
          [runId, SyncRunStatus.FAILED, JSON.stringify([{ day: null, message: String(e) }])],
        );
      })
      .finally(async () => {
        await lock
          .query('SELECT pg_advisory_unlock($1, hashtext($2))', [SYNC_LOCK, archiveId])
          .catch(() => undefined);
        await lock.release();
      })
      .then(
        async () =>
          (await this.dataSource
            .getRepository(ArchiveSyncRunEntity)
            .findOneByOrFail({ id: runId })) as ArchiveSyncRunEntity,
      );
    return { runId, done };
  }

  /** Starts a run and waits for its end. */
  async run(
    archiveId: string,
    trigger: SyncTrigger,
    today = cityToday(),
  ): Promise<ArchiveSyncRunEntity> {
    const { done } = await this.start(archiveId, trigger, today);
    return done;
  }

  /** The days a run reads: [watermark − look-back (or syncFrom), today], plus earlier unfinished days. */
  async daysToRead(archive: ArchiveConnectionEntity, today: string): Promise<string[]> {
    let start = archive.watermark
      ? addDays(archive.watermark, -archive.lookBackDays)
      : (archive.syncFrom ?? addDays(today, -archive.lookBackDays));
    if (archive.syncFrom && start < archive.syncFrom) start = archive.syncFrom;
    if (daysBetween(start, today) >= MAX_DAYS) start = addDays(today, -(MAX_DAYS - 1));
    const rows: { day: string }[] = await this.dataSource.query(
      `SELECT day::text AS day FROM (
         SELECT d::date AS day FROM generate_series($2::date, $3::date, interval '1 day') d
         UNION
         SELECT day FROM archive_sync_days WHERE archive_id = $1 AND status <> 'DONE' AND day <= $3::date
       ) x ORDER BY day`,
      [archive.id, start, today],
    );
    return rows.map((r) => r.day);
  }

  private async execute(
    archive: ArchiveConnectionEntity,
    runId: string,
    today: string,
  ): Promise<void> {
    const client = new QidoClient({
      ...this.clientOptions,
      baseUrl: archive.baseUrl,
      auth: qidoAuth(archive),
    });
    const days = await this.daysToRead(archive, today);
    await this.dataSource.query(
      `INSERT INTO archive_sync_days (archive_id, day, status)
       SELECT $1, d, 'PENDING' FROM unnest($2::date[]) d
       ON CONFLICT (archive_id, day) DO NOTHING`,
      [archive.id, days],
    );
    await this.dataSource.query('UPDATE archive_sync_runs SET days = $2 WHERE id = $1', [
      runId,
      days.length,
    ]);
    const errors: SyncDayError[] = [];
    let aborted = false;
    for (const day of days) {
      const tally = new DayTally();
      try {
        for await (const page of client.seriesPages(day))
          for (const r of page.records) tally.add(r);
      } catch (e) {
        if (!(e instanceof QidoError)) throw e;
        const message = `${e.kind}: ${e.message}`;
        errors.push({ day, message });
        await this.dataSource.query(
          `UPDATE archive_sync_days SET status = 'FAILED', attempts = attempts + 1, last_error = $3
            WHERE archive_id = $1 AND day = $2`,
          [archive.id, day, message],
        );
        await this.dataSource.query(
          `UPDATE archive_sync_runs SET days_failed = days_failed + 1, errors = $2::jsonb WHERE id = $1`,
          [runId, JSON.stringify(errors)],
        );
        if (fatal(e)) {
          aborted = true;
          break;
        }
        continue;
      }
      await this.dataSource.transaction((em) => this.writeDay(em, archive.id, runId, day, tally));
    }
    await this.dataSource.transaction(async (em) => {
      await em.query(
        `UPDATE archive_connections a SET watermark = coalesce((
           SELECT max(day) FROM archive_sync_days s
            WHERE s.archive_id = a.id AND s.status = 'DONE'
              AND s.day < coalesce((SELECT min(day) FROM archive_sync_days p
                                     WHERE p.archive_id = a.id AND p.status <> 'DONE'), 'infinity')
         ), a.watermark)
         WHERE a.id = $1`,
        [archive.id],
      );
      const failed = aborted || errors.length > 0;
      await em.query(
        `UPDATE archive_sync_runs SET status = $2, finished_at = now(), errors = $3::jsonb WHERE id = $1`,
        [
          runId,
          failed ? SyncRunStatus.FAILED : SyncRunStatus.SUCCEEDED,
          JSON.stringify(
            aborted
              ? [
                  ...errors,
                  {
                    day: null,
                    message:
                      'run stopped: the archive is unreachable or refused access; remaining days stay pending',
                  },
                ]
              : errors,
          ),
        ],
      );
    });
  }

  /** One fully paged day, in one transaction: devices' counts, the inbox's counts, the day DONE. */
  private async writeDay(
    em: EntityManager,
    archiveId: string,
    runId: string,
    day: string,
    tally: DayTally,
  ): Promise<void> {
    const rows = tally.rows();
    const resolved = await this.resolve(
      em,
      rows.map((r) => ({ key: r.key, ...r.identity })),
    );
    const perDevice = new Map<string, { studies: number; images: number }>();
    const unmatched: typeof rows = [];
    for (const r of rows) {
      const deviceId = resolved.get(r.key);
      if (!deviceId) {
        unmatched.push(r);
        continue;
      }
      const c = perDevice.get(deviceId) ?? { studies: 0, images: 0 };
      c.studies += r.studies;
      c.images += r.images;
      perDevice.set(deviceId, c);
    }
    await this.utilisation.write(
      em,
      [...perDevice.entries()].map(([deviceId, c]) => ({
        deviceId,
        day,
        source: UtilisationSource.ARCHIVE,
        studies: c.studies,
        images: c.images,
      })),
    );
    if (unmatched.length > 0) {
      const ids: { id: string; identity_key: string }[] = await em.query(
        `INSERT INTO discovered_devices (identity_key, archive_id, device_serial_number, station_name,
                                         institution_name, manufacturer, model_name, modality)
         SELECT * FROM unnest($1::varchar[], $2::uuid[], $3::varchar[], $4::varchar[], $5::varchar[],
                              $6::varchar[], $7::varchar[], $8::varchar[])
         ON CONFLICT (identity_key) DO UPDATE
           SET archive_id = EXCLUDED.archive_id, status = 'NEW', device_id = NULL
         RETURNING id, identity_key`,
        [
          unmatched.map((r) => r.key),
          unmatched.map(() => archiveId),
          unmatched.map((r) => r.identity.deviceSerialNumber),
          unmatched.map((r) => r.identity.stationName),
          unmatched.map((r) => r.identity.institutionName),
          unmatched.map((r) => r.identity.manufacturer),
          unmatched.map((r) => r.identity.modelName),
          unmatched.map((r) => r.identity.modality),
        ],
      );
      const idOf = new Map(ids.map((r) => [r.identity_key, r.id]));
      await em.query(
        `INSERT INTO discovered_utilisation (discovered_device_id, day, studies, images)
         SELECT d, $2::date, s, i FROM unnest($1::uuid[], $3::int[], $4::int[]) AS u(d, s, i)
         ON CONFLICT (discovered_device_id, day) DO UPDATE SET studies = EXCLUDED.studies, images = EXCLUDED.images`,
        [
          unmatched.map((r) => idOf.get(r.key)),
          day,
          unmatched.map((r) => r.studies),
          unmatched.map((r) => r.images),
        ],
      );
    }
    await em.query(
      `UPDATE archive_sync_days SET status = 'DONE', attempts = attempts + 1, last_error = NULL, synced_at = now()
        WHERE archive_id = $1 AND day = $2`,
      [archiveId, day],
    );
    const studies = rows.reduce((s, r) => s + r.studies, 0);
    const images = rows.reduce((s, r) => s + r.images, 0);
    await em.query(
      `UPDATE archive_sync_runs SET days_done = days_done + 1, series_read = series_read + $2,
              studies = studies + $3, images = images + $4 WHERE id = $1`,
      [runId, tally.series, studies, images],
    );
  }

  /**
   * Which device each identity belongs to: an administrator's mapping (the most specific one whose
   * every field matches), else the device with that DICOM serial number, else the one with that
   * station name in that institution, else the one whose AE title is the station name (many sites
   * name stations after their AE titles; QIDO-RS does not report the calling AE title).
   */
  async resolve(
    em: EntityManager,
    identities: (ArchiveIdentity & { key: string })[],
  ): Promise<Map<string, string>> {
    if (identities.length === 0) return new Map();
    const col = (f: keyof ArchiveIdentity) => identities.map((i) => i[f]);
    const rows: { k: string; device_id: string | null }[] = await em.query(
      `SELECT i.k, coalesce(
         (SELECT mp.device_id FROM device_identity_mappings mp
           WHERE (mp.device_serial_number IS NULL OR upper(mp.device_serial_number) = upper(i.serial))
             AND (mp.station_name IS NULL OR upper(mp.station_name) = upper(i.station))
             AND (mp.institution_name IS NULL OR upper(mp.institution_name) = upper(i.inst))
             AND (mp.manufacturer IS NULL OR upper(mp.manufacturer) = upper(i.manu))
             AND (mp.model_name IS NULL OR upper(mp.model_name) = upper(i.model))
             AND (mp.modality IS NULL OR upper(mp.modality) = upper(i.modality))
           ORDER BY num_nonnulls(mp.device_serial_number, mp.station_name, mp.institution_name,
                                 mp.manufacturer, mp.model_name, mp.modality) DESC, mp.created_at, mp.id
           LIMIT 1),
         (SELECT d.id FROM devices d
           WHERE i.serial IS NOT NULL AND upper(d.dicom_serial_number) = upper(i.serial)
           ORDER BY d.status = 'DECOMMISSIONED', d.id LIMIT 1),
         (SELECT d.id FROM devices d
           WHERE i.station IS NOT NULL AND upper(d.dicom_station_name) = upper(i.station)
             AND upper(coalesce(d.dicom_institution_name, '')) = upper(coalesce(i.inst, ''))
           ORDER BY d.status = 'DECOMMISSIONED', d.id LIMIT 1),
         (SELECT d.id FROM devices d
           WHERE i.station IS NOT NULL AND upper(d.dicom_ae_title) = upper(i.station)
           ORDER BY d.status = 'DECOMMISSIONED', d.id LIMIT 1)
       ) AS device_id
       FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[], $7::varchar[])
         AS i(k, serial, station, inst, manu, model, modality)`,
      [
        identities.map((i) => i.key),
        col('deviceSerialNumber'),
        col('stationName'),
        col('institutionName'),
        col('manufacturer'),
        col('modelName'),
        col('modality'),
      ],
    );
    return new Map(
      rows.filter((r) => r.device_id !== null).map((r) => [r.k, r.device_id as string]),
    );
  }
}
