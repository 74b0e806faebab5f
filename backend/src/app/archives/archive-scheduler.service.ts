import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { SyncTrigger } from '@radfleet/shared';
import { AppConfig } from '../config/app.config.js';
import { SilentDevicesService } from '../utilisation/silent-devices.service.js';
import { ArchiveSyncService } from './archive-sync.service.js';
import { ArchiveErrorCode, ArchiveException } from './archives.exception.js';
import { ArchivesService } from './archives.service.js';

const TICK_MS = 60_000;
const SILENT_CHECK_MS = 15 * 60_000;

/**
 * The scheduled jobs, when `SCHEDULER` is on: every minute, a sync of each enabled archive whose
 * interval has passed since its last run, then the silent-device check (at least every 15 minutes,
 * and after every sync that read anything). Overlap is impossible: a tick that is still running
 * skips the next, and each archive's runs hold its advisory lock.
 */
@Injectable()
export class ArchiveSchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  private busy = false;
  private lastSilentCheck = 0;
  private stopping = false;

  constructor(
    private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly archives: ArchivesService,
    private readonly sync: ArchiveSyncService,
    private readonly silent: SilentDevicesService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.SCHEDULER) return;
    const timer = setInterval(() => void this.tick(), TICK_MS);
    timer.unref();
    this.registry.addInterval('archive-sync', timer);
    setTimeout(() => void this.tick(), 5_000).unref();
  }

  onApplicationShutdown(): void {
    this.stopping = true;
  }

  /** One scheduler round; exposed so that it can be run by hand. */
  async tick(): Promise<void> {
    if (this.busy || this.stopping) return;
    this.busy = true;
    try {
      let synced = false;
      for (const id of await this.archives.due()) {
        if (this.stopping) return;
        try {
          const run = await this.sync.run(id, SyncTrigger.SCHEDULED);
          synced ||= run.daysDone > 0;
        } catch (e) {
          if (!(e instanceof ArchiveException && e.code === ArchiveErrorCode.SYNC_IN_PROGRESS))
            this.logger.error(`scheduled sync of archive ${id} failed: ${String(e)}`);
        }
      }
      if (synced || Date.now() - this.lastSilentCheck >= SILENT_CHECK_MS) {
        const r = await this.silent.check();
        this.lastSilentCheck = Date.now();
        if (r.raised || r.resolved)
          this.logger.log(
            `silent devices: ${r.silent} (${r.raised} raised, ${r.resolved} resolved)`,
          );
      }
    } catch (e) {
      this.logger.error(`scheduler round failed: ${String(e)}`);
    } finally {
      this.busy = false;
    }
  }
}
