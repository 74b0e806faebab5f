import { Injectable, Logger } from '@nestjs/common';
import {
  ROLE_PERMISSIONS,
  type LoginResponse,
  type Role,
  type UserResponse,
} from '@radfleet/shared';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AppConfig } from '../config/app.config.js';
import { UserEntity } from '../users/entities/user.entity.js';
import type { AuthUser } from './auth-user.js';
import { AuthErrorCode, AuthException } from './auth.exception.js';
import { SessionEntity } from './entities/session.entity.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { PasswordService } from './password.service.js';
import { newToken, tokenHash } from './tokens.js';

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

export interface IssuedSession extends LoginResponse {
  refreshToken: string;
  refreshExpiresAt: Date;
}

const INVALID = 'The email or password is wrong.';

export function toUserResponse(u: UserEntity): UserResponse {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    facilityIds: (u.facilities ?? []).map((f) => f.id).sort(),
    active: u.active,
    permissions: [...ROLE_PERMISSIONS[u.role]],
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
    version: u.version,
  };
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly passwords: PasswordService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
  ) {}

  async login(email: string, password: string, client: ClientInfo): Promise<IssuedSession> {
    const accountKey = LoginThrottleService.accountKey(email);
    const addressKey = LoginThrottleService.addressKey(client.ip);
    const locked = await this.throttle.lockedFor([accountKey, addressKey]);
    if (locked > 0) throw this.tooMany(locked);

    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email: email.trim() })
      .getOne();
    const ok = await this.passwords.verify(user?.passwordHash ?? null, password);
    if (!ok || !user || !user.active) {
      const lock = await this.throttle.recordFailure([
        { key: accountKey, limit: this.config.LOGIN_MAX_FAILURES },
        { key: addressKey, limit: this.config.LOGIN_MAX_FAILURES_PER_ADDRESS },
      ]);
      this.logger.warn(
        { email: email.trim().toLowerCase(), ip: client.ip, locked: lock > 0 },
        'failed sign-in',
      );
      if (lock > 0) throw this.tooMany(lock);
      // A deactivated account gets the same answer as a wrong password.
      throw new AuthException(AuthErrorCode.INVALID_CREDENTIALS, INVALID);
    }
    await this.throttle.reset(accountKey);
    // A plain UPDATE: signing in is not an edit of the user, so it must not bump the version (an
    // admin's PATCH read before the sign-in would conflict) nor the time of the last change.
    await this.dataSource.query('UPDATE users SET last_login_at = now() WHERE id = $1', [user.id]);
    return this.issue(user.id, client);
  }

  /** Rotates both tokens of the session the refresh token belongs to. */
  async refresh(refreshToken: string | undefined, client: ClientInfo): Promise<IssuedSession> {
    if (!refreshToken)
      throw new AuthException(AuthErrorCode.SESSION_EXPIRED, 'No session to renew; sign in.');
    const sessions = this.dataSource.getRepository(SessionEntity);
    const session = await sessions
      .createQueryBuilder('s')
      .innerJoin('s.user', 'u')
      .where('s.refresh_token_hash = :h', { h: tokenHash(refreshToken) })
      .andWhere('s.revoked_at IS NULL AND s.refresh_expires_at > now() AND u.active')
      .getOne();
    if (!session)
      throw new AuthException(
        AuthErrorCode.SESSION_EXPIRED,
        'The session has ended; sign in again.',
      );
    return this.issue(session.userId, client, session.id);
  }

  async logout(sessionId: string): Promise<void> {
    await this.dataSource.getRepository(SessionEntity).update(sessionId, { revokedAt: new Date() });
  }

  /** The user of a valid access token: one indexed query, so deactivation and sign-out bite at once. */
  async authenticate(accessToken: string): Promise<AuthUser | null> {
    const rows: {
      id: string;
      email: string;
      name: string;
      role: Role;
      session_id: string;
      facility_ids: string[];
    }[] = await this.dataSource.query(
      `SELECT u.id, u.email, u.name, u.role, s.id AS session_id,
                coalesce(array_agg(uf.facility_id::text) FILTER (WHERE uf.facility_id IS NOT NULL), '{}') AS facility_ids
           FROM sessions s
           JOIN users u ON u.id = s.user_id
           LEFT JOIN user_facilities uf ON uf.user_id = u.id
          WHERE s.access_token_hash = $1 AND s.revoked_at IS NULL AND s.access_expires_at > now() AND u.active
          GROUP BY u.id, s.id`,
      [tokenHash(accessToken)],
    );
    const r = rows[0];
    return r
      ? {
          id: r.id,
          email: r.email,
          name: r.name,
          role: r.role,
          facilityIds: r.facility_ids,
          sessionId: r.session_id,
        }
      : null;
  }

  async me(userId: string): Promise<UserResponse> {
    const user = await this.dataSource
      .getRepository(UserEntity)
      .findOneOrFail({ where: { id: userId }, relations: { facilities: true } });
    return toUserResponse(user);
  }

  async changePassword(
    user: AuthUser,
    currentPassword: string,
    newPassword: string,
  ): Promise<void> {
    this.passwords.assertAcceptable(newPassword, 'newPassword', user.email);
    const found = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: user.id })
      .getOneOrFail();
    if (!(await this.passwords.verify(found.passwordHash, currentPassword))) {
      throw new AuthException(
        AuthErrorCode.WRONG_CURRENT_PASSWORD,
        'The current password is wrong.',
        {
          errors: [{ field: 'currentPassword', message: 'The current password is wrong.' }],
        },
      );
    }
    const passwordHash = await this.passwords.hash(newPassword);
    await this.dataSource.transaction(async (em) => {
      await em.getRepository(UserEntity).update(user.id, { passwordHash });
      // Every other sign-in of this user ends.
      await em.query(
        'UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL',
        [user.id, user.sessionId],
      );
      await this.audit.record(em, {
        action: 'UPDATE',
        entityType: 'user',
        entityId: user.id,
        before: { password: '[set]' },
        after: { password: '[changed]' },
      });
    });
  }

  private async issue(
    userId: string,
    client: ClientInfo,
    rotateSessionId?: string,
  ): Promise<IssuedSession> {
    const accessToken = newToken();
    const refreshToken = newToken();
    const now = Date.now();
    const accessExpiresAt = new Date(now + this.config.ACCESS_TOKEN_MINUTES * 60_000);
    const refreshExpiresAt = new Date(now + this.config.SESSION_HOURS * 3_600_000);
    const sessions = this.dataSource.getRepository(SessionEntity);
    const values = {
      accessTokenHash: tokenHash(accessToken),
      accessExpiresAt,
      refreshTokenHash: tokenHash(refreshToken),
      refreshExpiresAt,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
      ip: client.ip.slice(0, 64),
    };
    if (rotateSessionId) await sessions.update(rotateSessionId, values);
    else await sessions.insert({ userId, ...values });
    return {
      accessToken,
      expiresAt: accessExpiresAt.toISOString(),
      user: await this.me(userId),
      refreshToken,
      refreshExpiresAt,
    };
  }

  private tooMany(seconds: number): AuthException {
    return new AuthException(
      AuthErrorCode.TOO_MANY_ATTEMPTS,
      `Too many failed sign-ins. Try again in ${Math.ceil(seconds / 60)} min.`,
      { headers: { 'Retry-After': String(seconds) }, retryAfterSeconds: seconds },
    );
  }
}
