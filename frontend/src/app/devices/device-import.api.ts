import { authInterceptor } from '../auth';
import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ImportResult } from '@radfleet/shared';
import type { DownloadedFile } from '../core/http/download';
import {
  downloadTemplate,
  importRouteProviders,
  uploadSpreadsheet,
} from '../core/import/import-upload';
import type { ImportEndpoint, UploadProgress } from '../core/import/import-wizard.component';

export type { UploadProgress } from '../core/import/import-wizard.component';

/** The device spreadsheet import; provided by its route (see `deviceImportProviders`). */
@Injectable()
export class DeviceImportApi implements ImportEndpoint {
  private readonly http = inject(HttpClient);

  upload(
    file: File,
    dryRun: boolean,
    onProgress: (p: UploadProgress) => void,
  ): Promise<ImportResult> {
    return uploadSpreadsheet(this.http, '/api/devices/import', file, dryRun, onProgress);
  }

  template(): Promise<DownloadedFile> {
    return downloadTemplate(
      this.http,
      '/api/devices/import/template.xlsx',
      'devices-template.xlsx',
    );
  }
  result(url: string): Promise<DownloadedFile> {
    return downloadTemplate(this.http, url, 'devices-import-result.xlsx');
  }
}

export function deviceImportProviders() {
  return importRouteProviders(DeviceImportApi, [authInterceptor]);
}
