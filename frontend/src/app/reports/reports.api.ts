import { HttpClient, httpResource } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Paged, ReportPackResponse, ReportScheduleResponse } from '@radfleet/shared';
import { firstValueFrom } from 'rxjs';
import { downloaded, type DownloadedFile } from '../core/http/download';

@Injectable({ providedIn: 'root' })
export class ReportsApi {
  private readonly http = inject(HttpClient);

  /** The stored packs, newest first (call `reload()` after a build). */
  listResource() {
    return httpResource<Paged<ReportPackResponse>>(() => '/api/reports/packs?pageSize=50');
  }

  scheduleResource() {
    return httpResource<ReportScheduleResponse>(() => '/api/reports/schedule');
  }

  build(month: string, lang: string): Promise<ReportPackResponse> {
    return firstValueFrom(
      this.http.post<ReportPackResponse>('/api/reports/packs', { month, lang }),
    );
  }

  get(id: string): Promise<ReportPackResponse> {
    return firstValueFrom(this.http.get<ReportPackResponse>(`/api/reports/packs/${id}`));
  }

  async download(p: ReportPackResponse): Promise<DownloadedFile> {
    const res = await firstValueFrom(
      this.http.get(p.downloadUrl!, { observe: 'response', responseType: 'blob' }),
    );
    return downloaded(res, `radfleet-executive-pack-${p.month}.xlsx`);
  }
}
