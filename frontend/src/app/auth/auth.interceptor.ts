import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { AuthStore, SKIP_RENEWAL } from './auth.store';

/** Adds the bearer token to /api calls; on a 401 renews once and retries, else ends the session. */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  if (!req.url.startsWith('/api/')) return next(req);
  const withToken = () => {
    const token = auth.accessToken();
    return token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req;
  };
  return next(withToken()).pipe(
    catchError((err: unknown) => {
      if (
        !(err instanceof HttpErrorResponse) ||
        err.status !== 401 ||
        req.context.get(SKIP_RENEWAL)
      ) {
        return throwError(() => err);
      }
      return from(auth.renew()).pipe(
        switchMap((ok) => {
          if (ok) return next(withToken());
          void auth.expired(router.url);
          return throwError(() => err);
        }),
      );
    }),
  );
};
