import {
  HttpBackend,
  type HttpClient,
  HttpEventType,
  HttpXhrBackend,
  provideHttpClient,
  withInterceptors,
  type HttpEvent,
  type HttpInterceptorFn,
} from '@angular/common/http';
import type { EnvironmentProviders, Provider, Type } from '@angular/core';
import type { ImportResult } from '@radfleet/shared';
import { filter, lastValueFrom, map, tap } from 'rxjs';
import { downloaded, type DownloadedFile } from '../http/download';
import type { UploadProgress } from './import-wizard.component';

/** Posts a spreadsheet as multipart `file`; `dryRun` checks it without saving anything. */
export function uploadSpreadsheet(
  http: HttpClient,
  url: string,
  file: File,
  dryRun: boolean,
  onProgress: (p: UploadProgress) => void,
): Promise<ImportResult> {
  const body = new FormData();
  body.append('file', file, file.name);
  return lastValueFrom(
    http
      .post<ImportResult>(`${url}?dryRun=${dryRun}`, body, {
        reportProgress: true,
        observe: 'events',
      })
      .pipe(
        tap((e: HttpEvent<ImportResult>) => {
          if (e.type === HttpEventType.UploadProgress)
            onProgress({ loaded: e.loaded, total: e.total });
        }),
        filter((e) => e.type === HttpEventType.Response),
        map((e) => e.body as ImportResult),
      ),
  );
}

/** Downloads an import template with the name the server gave it. */
export async function downloadTemplate(
  http: HttpClient,
  url: string,
  fallback: string,
): Promise<DownloadedFile> {
  const res = await lastValueFrom(http.get(url, { observe: 'response', responseType: 'blob' }));
  return downloaded(res, fallback);
}

/**
 * An import route's providers: its own HttpClient on the XMLHttpRequest backend (the application's
 * fetch backend cannot report upload progress), with the application's interceptors (the caller
 * passes them: core imports no domain), and the import API.
 */
export function importRouteProviders(
  api: Type<unknown>,
  interceptors: HttpInterceptorFn[],
): (Provider | EnvironmentProviders)[] {
  return [
    provideHttpClient(withInterceptors(interceptors)),
    { provide: HttpBackend, useExisting: HttpXhrBackend },
    api,
  ];
}
