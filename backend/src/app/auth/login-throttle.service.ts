import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app.config.js';

export interface ThrottleState {
  lockedForSeconds: number;
}

/**
 * Counts failed sign-ins per account and per client address in the database, so a lock holds across
 * restarts and instances. A key that reaches its limit inside the window is locked for the lock time.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  static accountKey(email: string): string {
    return `email:${email.trim().toLowerCase()}`;
  }
  static addressKey(ip: string): string {
    return `ip:${ip}`;
  }

  /** Seconds until the longest lock among these keys ends; 0 when none is locked. */
  async lockedFor(keys: string[]): Promise<number> {
    const rows: { seconds: number | null }[] = await this.dataSource.query(
      `SELECT max(ceil(extract(epoch FROM locked_until - now())))::int AS seconds
         FROM login_throttle WHERE key = ANY($1) AND locked_until > now()`,
      [keys],
    );
    return rows[0]?.seconds ?? 0;
  }

  /** Records a failure for each key (one statement, race-free) and returns the lock now in force. */
  async recordFailure(keys: { key: string; limit: number }[]): Promise<number> {
    const windowSeconds = this.config.LOGIN_WINDOW_MINUTES * 60;
    const lockSeconds = this.config.LOGIN_LOCK_MINUTES * 60;
    const rows: { seconds: number | null }[] = await this.dataSource.query(
      `INSERT INTO login_throttle AS t (key, failures, window_started_at, locked_until)
       SELECT k.key, 1, now(), CASE WHEN k.lim <= 1 THEN now() + make_interval(secs => $4) END
         FROM unnest($1::varchar[], $2::int[]) AS k(key, lim)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.window_started_at < now() - make_interval(secs => $3) THEN 1 ELSE t.failures + 1 END,
         window_started_at = CASE WHEN t.window_started_at < now() - make_interval(secs => $3) THEN now() ELSE t.window_started_at END,
         locked_until = CASE
           WHEN (CASE WHEN t.window_started_at < now() - make_interval(secs => $3) THEN 1 ELSE t.failures + 1 END)
                >= (SELECT lim FROM unnest($1::varchar[], $2::int[]) AS l(key, lim) WHERE l.key = t.key)
           THEN now() + make_interval(secs => $4)
           ELSE t.locked_until END
       RETURNING greatest(0, ceil(extract(epoch FROM locked_until - now())))::int AS seconds`,
      [keys.map((k) => k.key), keys.map((k) => k.limit), windowSeconds, lockSeconds],
    );
    return Math.max(0, ...rows.map((r) => r.seconds ?? 0));
  }

  async reset(key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM login_throttle WHERE key = $1', [key]);
  }
}
