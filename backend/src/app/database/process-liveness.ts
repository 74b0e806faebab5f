import { readFileSync } from 'node:fs';

/** What /proc says about one process: its state letter and its start time in clock ticks since boot. */
interface ProcStat {
  state: string;
  startTime: string;
}

function procStat(pid: number): ProcStat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may itself hold spaces or parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', startTime: fields[19] ?? '' };
  } catch {
    return undefined;
  }
}

/**
 * A process's start time (clock ticks since boot, from /proc), which with the pid names one process
 * for good: a recycled pid has another start time. Undefined where /proc is missing.
 */
export function processStartTime(pid: number): string | undefined {
  return procStat(pid)?.startTime;
}

/** Whether the process runs (a zombie, dead but not yet reaped by its parent, does not). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    // EPERM: it exists but belongs to another user (the cluster's `postgres` user, say).
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = procStat(pid);
  return stat === undefined ? true : stat.state !== 'Z' && stat.state !== 'X';
}

/** The process's command line (arguments joined by spaces), or undefined when it cannot be read. */
export function processCommandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return undefined;
  }
}

/** Waits until the process is gone (or a zombie); false when it still runs after `timeoutMs`. */
export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (processAlive(pid)) {
    if (Date.now() >= until) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}
