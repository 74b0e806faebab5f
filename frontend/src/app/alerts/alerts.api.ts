import { HttpClient, httpResource } from '@angular/common/http';
import { inject, Injectable, resource, signal, type Signal } from '@angular/core';
import type {
  AlertAssigneeResponse,
  AlertCountsResponse,
  AlertResponse,
  Paged,
  UpdateAlertDto,
} from '@radfleet/shared';
import { firstValueFrom } from 'rxjs';
import { queryString } from '../core/http/query';

export interface AlertFilter {
  page: number;
  pageSize: number;
  type?: string;
  /** OPEN (the default), ACKNOWLEDGED or RESOLVED. */
  status: string;
  district?: string;
  facilityId?: string;
  assigneeId?: string;
}

@Injectable({ providedIn: 'root' })
export class AlertsApi {
  private readonly http = inject(HttpClient);
  /** Bumped after each triage, so that the badge and the lists read again. */
  readonly revision = signal(0);

  listResource(filter: Signal<AlertFilter>) {
    return httpResource<Paged<AlertResponse>>(() => {
      const f = filter();
      this.revision();
      return `/api/alerts${queryString({ ...f })}`;
    });
  }

  /**
   * Open alerts in all and by type; read again whenever `trigger` changes (each navigation) or an
   * alert is triaged, and not at all while it is undefined (signed out).
   */
  countsResource(trigger: Signal<number | undefined>) {
    return resource({
      params: () => {
        const n = trigger();
        return n === undefined ? undefined : { n, r: this.revision() };
      },
      loader: () => firstValueFrom(this.http.get<AlertCountsResponse>('/api/alerts/counts')),
    });
  }

  assignees(id: string): Promise<AlertAssigneeResponse[]> {
    return firstValueFrom(this.http.get<AlertAssigneeResponse[]>(`/api/alerts/${id}/assignees`));
  }

  async update(id: string, body: UpdateAlertDto): Promise<AlertResponse> {
    const a = await firstValueFrom(this.http.patch<AlertResponse>(`/api/alerts/${id}`, body));
    this.revision.update((n) => n + 1);
    return a;
  }
}
