import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import type { Permission } from '@radfleet/shared';
import { AuthStore } from './auth.store';

/** Signed-in users only; the first navigation after a reload restores the session from the cookie. */
export const signedInGuard: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  if (auth.signedIn() || (await auth.renew())) return true;
  return router.createUrlTree(['/login'], {
    queryParams: state.url === '/' ? {} : { returnUrl: state.url },
  });
};

/** Sections a role may not use are neither linked nor reachable. */
export function permissionGuard(permission: Permission): CanActivateFn {
  return () => {
    const auth = inject(AuthStore);
    return auth.can(permission) || inject(Router).createUrlTree(['/']);
  };
}

/** The sign-in page sends a signed-in user home. */
export const signedOutGuard: CanActivateFn = async () => {
  const auth = inject(AuthStore);
  if (auth.signedIn() || (await auth.renew())) return inject(Router).createUrlTree(['/']);
  return true;
};
