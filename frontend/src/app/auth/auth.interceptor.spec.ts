import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { Permission, Role, type LoginResponse } from '@radfleet/shared';
import { firstValueFrom } from 'rxjs';
import { authInterceptor } from './auth.interceptor';
import { AuthStore } from './auth.store';

function session(token: string, role = Role.FACILITY_MANAGER): LoginResponse {
  return {
    accessToken: token,
    expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
    user: {
      id: 'u1',
      email: 'm@x.ru',
      name: 'M',
      role,
      facilityIds: ['f1'],
      active: true,
      permissions: [Permission.READ, Permission.SELF, Permission.DEVICE_WRITE],
      createdAt: '',
      updatedAt: '',
      version: 1,
    },
  };
}

describe('authInterceptor and AuthStore', () => {
  let http: HttpClient;
  let ctrl: HttpTestingController;
  let auth: AuthStore;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpClient);
    ctrl = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthStore);
  });

  it('sends the bearer token after sign-in', async () => {
    const login = auth.login('m@x.ru', 'secret-secret-1');
    ctrl.expectOne('/api/auth/login').flush(session('tok-1'));
    await login;
    const call = firstValueFrom(http.get('/api/facilities'));
    const req = ctrl.expectOne('/api/facilities');
    expect(req.request.headers.get('Authorization')).toBe('Bearer tok-1');
    req.flush({});
    await call;
  });

  it('renews once on a 401 and retries with the new token', async () => {
    const call = firstValueFrom(http.get('/api/facilities'));
    ctrl.expectOne('/api/facilities').flush(null, { status: 401, statusText: 'Unauthorized' });
    ctrl.expectOne('/api/auth/refresh').flush(session('tok-2'));
    await Promise.resolve();
    await new Promise((r) => setTimeout(r));
    const retry = ctrl.expectOne('/api/facilities');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer tok-2');
    retry.flush({ ok: true });
    expect(await call).toEqual({ ok: true });
  });

  it('ends the session and goes to sign-in when renewal fails', async () => {
    const router = TestBed.inject(Router);
    const nav = vi.spyOn(router, 'navigate').mockResolvedValue(true);
    const call = firstValueFrom(http.get('/api/facilities')).catch((e: unknown) => e);
    ctrl.expectOne('/api/facilities').flush(null, { status: 401, statusText: 'Unauthorized' });
    ctrl.expectOne('/api/auth/refresh').flush(null, { status: 401, statusText: 'Unauthorized' });
    const err = (await call) as { status: number };
    expect(err.status).toBe(401);
    expect(auth.signedIn()).toBe(false);
    expect(nav).toHaveBeenCalledWith(['/login'], expect.anything());
  });

  it('knows a facility manager may write only in their facilities', async () => {
    const login = auth.login('m@x.ru', 'secret-secret-1');
    ctrl.expectOne('/api/auth/login').flush(session('tok-1'));
    await login;
    expect(auth.can(Permission.DEVICE_WRITE)).toBe(true);
    expect(auth.can(Permission.USER_ADMIN)).toBe(false);
    expect(auth.canWriteIn(Permission.DEVICE_WRITE, 'f1')).toBe(true);
    expect(auth.canWriteIn(Permission.DEVICE_WRITE, 'f2')).toBe(false);
  });
});
