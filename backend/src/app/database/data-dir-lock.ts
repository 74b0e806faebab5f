import { hostname } from 'node:os';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { processAlive, processStartTime } from './process-liveness.js';

export const LOCK_FILE = 'radfleet.lock';

interface LockOwner {
  pid: number;
  startTime?: string;
  host?: string;
}

/** A data folder is owned by one live RadFleet: the owner's lock is still held by another live process. */
export class DataDirInUseError extends Error {
  constructor(
    readonly directory: string,
    readonly ownerPid: number,
  ) {
    super(
      `Another RadFleet (pid ${ownerPid}) is running on the data folder ${directory}. ` +
        'Stop it first, or set DATA_DIR to another folder.',
    );
    this.name = 'DataDirInUseError';
  }
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
    return Number.isInteger(owner.pid) && owner.pid > 0 ? owner : undefined;
  } catch {
    return undefined; // missing, or half-written by a process killed while writing it
  }
}

/** The owner still runs: same pid, same start time (a recycled pid has another), same machine. */
function ownerAlive(owner: LockOwner): boolean {
  if (owner.host !== undefined && owner.host !== hostname()) return true; // cannot tell: assume alive
  if (!processAlive(owner.pid)) return false;
  const started = processStartTime(owner.pid);
  return owner.startTime === undefined || started === undefined || started === owner.startTime;
}

/**
 * The lock a RadFleet process keeps beside its embedded PostgreSQL (`<DATA_DIR>/radfleet.lock`):
 * its pid and its start time from /proc. Node has no flock, so ownership is "the process named in
 * the file is alive"; a lock whose process died (kill -9, a crash, a power cut) is stale and is
 * taken over. The file is created exclusively, so of two processes starting at once only one wins.
 */
export class DataDirLock {
  private released = false;

  private constructor(readonly path: string) {}

  static acquire(dataDir: string): DataDirLock {
    const directory = resolve(dataDir);
    mkdirSync(directory, { recursive: true });
    const path = join(directory, LOCK_FILE);
    const me: LockOwner = {
      pid: process.pid,
      startTime: processStartTime(process.pid),
      host: hostname(),
    };
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        writeFileSync(path, JSON.stringify(me), { flag: 'wx', mode: 0o644 });
        return new DataDirLock(path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const owner = readOwner(path);
      if (owner && owner.pid !== process.pid && ownerAlive(owner)) {
        throw new DataDirInUseError(directory, owner.pid);
      }
      // Stale (its process is gone) or unreadable: remove it and try to create ours again.
      rmSync(path, { force: true });
    }
    throw new Error(`Could not take the lock ${path}: it keeps changing under us.`);
  }

  /** Removes the lock if it is still ours. */
  release(): void {
    if (this.released) return;
    this.released = true;
    const owner = readOwner(this.path);
    if (owner?.pid === process.pid) rmSync(this.path, { force: true });
  }
}
