import { authInterceptor } from '../auth';
import { HttpClient, httpResource } from '@angular/common/http';
import { inject, Injectable, type Signal } from '@angular/core';
import type {
  ImportResult,
  UtilisationRankingResponse,
  UtilisationSummaryResponse,
} from '@radfleet/shared';
import { queryString } from '../core/http/query';
import type { DownloadedFile } from '../core/http/download';
import {
  downloadTemplate,
  importRouteProviders,
  uploadSpreadsheet,
} from '../core/import/import-upload';
import type { ImportEndpoint, UploadProgress } from '../core/import/import-wizard.component';
import { rankingParams, summaryParams, type UtilisationState } from './utilisation.page.model';

/** City-wide utilisation: rollups by group with a series, and the under- and over-used devices. */
@Injectable({ providedIn: 'root' })
export class UtilisationApi {
  summaryResource(state: Signal<UtilisationState | undefined>) {
    return httpResource<UtilisationSummaryResponse>(() => {
      const s = state();
      return s ? `/api/utilisation/summary${queryString(summaryParams(s))}` : undefined;
    });
  }

  rankingResource(state: Signal<UtilisationState | undefined>) {
    return httpResource<UtilisationRankingResponse>(() => {
      const s = state();
      return s ? `/api/utilisation/ranking${queryString(rankingParams(s))}` : undefined;
    });
  }
}

/** The import of hand counts; provided by its route (see `utilisationImportProviders`). */
@Injectable()
export class UtilisationImportApi implements ImportEndpoint {
  private readonly http = inject(HttpClient);

  upload(
    file: File,
    dryRun: boolean,
    onProgress: (p: UploadProgress) => void,
  ): Promise<ImportResult> {
    return uploadSpreadsheet(this.http, '/api/utilisation/import', file, dryRun, onProgress);
  }

  template(): Promise<DownloadedFile> {
    return downloadTemplate(
      this.http,
      '/api/utilisation/import/template.xlsx',
      'counts-template.xlsx',
    );
  }
  result(url: string): Promise<DownloadedFile> {
    return downloadTemplate(this.http, url, 'counts-import-result.xlsx');
  }
}

export function utilisationImportProviders() {
  return importRouteProviders(UtilisationImportApi, [authInterceptor]);
}
