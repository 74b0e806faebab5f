import {
  HttpBackend,
  HttpClient,
  HttpEventType,
  HttpXhrBackend,
  provideHttpClient,
  withInterceptors,
  type HttpEvent,
} from '@angular/common/http';
import { inject, Injectable, type EnvironmentProviders, type Provider } from '@angular/core';
import type { ImportResult } from '@radfleet/shared';
import { filter, lastValueFrom, map, tap } from 'rxjs';
import { authInterceptor } from '../auth/auth.interceptor';
import { downloaded, type DownloadedFile } from './devices.api';

export interface UploadProgress {
  loaded: number;
  /** Unknown when the browser cannot tell the body's size. */
  total?: number;
}

/**
 * The spreadsheet import. It is provided by the import route together with an HttpClient on the
 * XMLHttpRequest backend: the application's fetch backend cannot report upload progress.
 */
@Injectable()
export class DeviceImportApi {
  private readonly http = inject(HttpClient);

  /** Sends the file; `dryRun` checks it and reports what would change, without saving anything. */
  upload(
    file: File,
    dryRun: boolean,
    onProgress: (p: UploadProgress) => void,
  ): Promise<ImportResult> {
    const body = new FormData();
    body.append('file', file, file.name);
    return lastValueFrom(
      this.http
        .post<ImportResult>(`/api/devices/import?dryRun=${dryRun}`, body, {
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

  async template(): Promise<DownloadedFile> {
    const res = await lastValueFrom(
      this.http.get('/api/devices/import/template.xlsx', {
        observe: 'response',
        responseType: 'blob',
      }),
    );
    return downloaded(res, 'devices-template.xlsx');
  }
}

/** The import route's providers: its own HttpClient (XHR, same interceptors) and the import API. */
export function deviceImportProviders(): (Provider | EnvironmentProviders)[] {
  return [
    provideHttpClient(withInterceptors([authInterceptor])),
    { provide: HttpBackend, useExisting: HttpXhrBackend },
    DeviceImportApi,
  ];
}
