import { HttpClient, HttpContext, HttpContextToken } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import { type Permission, type LoginResponse, type UserResponse } from '@radfleet/shared';
import { firstValueFrom } from 'rxjs';

/** Requests that must not trigger a renewal on 401 (the auth calls themselves). */
export const SKIP_RENEWAL = new HttpContextToken<boolean>(() => false);

/**
 * The session, as signals. The access token lives in memory only; after a reload the httpOnly
 * refresh cookie (which scripts cannot read) renews it through POST /api/auth/refresh.
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly session = signal<LoginResponse | null>(null);
  private renewing: Promise<boolean> | null = null;
  private renewTimer: ReturnType<typeof setTimeout> | undefined;

  readonly user = computed<UserResponse | null>(() => this.session()?.user ?? null);
  readonly signedIn = computed(() => this.session() !== null);
  readonly accessToken = computed(() => this.session()?.accessToken ?? null);

  can(permission: Permission): boolean {
    return this.user()?.permissions.includes(permission) ?? false;
  }

  /** True when the user may write in this facility under this permission. */
  canWriteIn(permission: Permission, facilityId: string): boolean {
    const u = this.user();
    if (!u || !u.permissions.includes(permission)) return false;
    return u.role !== 'FACILITY_MANAGER' || u.facilityIds.includes(facilityId);
  }

  async login(email: string, password: string): Promise<void> {
    const res = await firstValueFrom(
      this.http.post<LoginResponse>('/api/auth/login', { email, password }, { context: skip() }),
    );
    this.accept(res);
  }

  /** Restores the session from the refresh cookie; false when there is none. Concurrent calls share one request. */
  renew(): Promise<boolean> {
    this.renewing ??= firstValueFrom(
      this.http.post<LoginResponse>('/api/auth/refresh', null, { context: skip() }),
    )
      .then((res) => {
        this.accept(res);
        return true;
      })
      .catch(() => {
        this.clear();
        return false;
      })
      .finally(() => (this.renewing = null));
    return this.renewing;
  }

  async logout(): Promise<void> {
    try {
      await firstValueFrom(this.http.post('/api/auth/logout', null, { context: skip() }));
    } finally {
      this.clear();
      await this.router.navigateByUrl('/login');
    }
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await firstValueFrom(this.http.post('/api/auth/password', { currentPassword, newPassword }));
  }

  /** After a 401 the session is gone: keep the page to come back to. */
  async expired(returnUrl: string): Promise<void> {
    this.clear();
    await this.router.navigate(['/login'], { queryParams: { returnUrl } });
  }

  private accept(res: LoginResponse): void {
    this.session.set(res);
    clearTimeout(this.renewTimer);
    // Renew a minute before the access token ends, so an open page keeps working.
    const ms = new Date(res.expiresAt).getTime() - Date.now() - 60_000;
    this.renewTimer = setTimeout(() => void this.renew(), Math.max(ms, 5_000));
  }

  private clear(): void {
    clearTimeout(this.renewTimer);
    this.session.set(null);
  }
}

function skip(): HttpContext {
  return new HttpContext().set(SKIP_RENEWAL, true);
}
