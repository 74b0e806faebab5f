import { HttpClient, httpResource } from '@angular/common/http';
import { inject, Injectable, resource, type Signal } from '@angular/core';
import type { AlertCountsResponse, AlertResponse, Paged } from '@radfleet/shared';
import { firstValueFrom } from 'rxjs';
import { queryString } from '../core/http/query';

export interface AlertFilter {
  page: number;
  pageSize: number;
  type?: string;
  /** Open alerts (the default) or resolved ones. */
  open: boolean;
}

@Injectable({ providedIn: 'root' })
export class AlertsApi {
  private readonly http = inject(HttpClient);

  listResource(filter: Signal<AlertFilter>) {
    return httpResource<Paged<AlertResponse>>(() => {
      const f = filter();
      return `/api/alerts${queryString({ page: f.page, pageSize: f.pageSize, type: f.type, open: f.open })}`;
    });
  }

  /**
   * Open alerts in all and by type; read again whenever `trigger` changes (each navigation), and
   * not at all while it is undefined (signed out).
   */
  countsResource(trigger: Signal<number | undefined>) {
    return resource({
      params: () => {
        const n = trigger();
        return n === undefined ? undefined : { n };
      },
      loader: () => firstValueFrom(this.http.get<AlertCountsResponse>('/api/alerts/counts')),
    });
  }
}
