import { httpResource } from '@angular/common/http';
import { Injectable, type Signal } from '@angular/core';
import type { AuditEntryResponse, Paged } from '@radfleet/shared';
import { queryString } from '../core/http/query';

export interface AuditFilter {
  page: number;
  pageSize: number;
  entityType?: string;
  action?: string;
  from?: string;
  to?: string;
}

@Injectable({ providedIn: 'root' })
export class AuditApi {
  listResource(filter: Signal<AuditFilter>) {
    return httpResource<Paged<AuditEntryResponse>>(() => {
      const f = filter();
      // The API's `to` is exclusive; a person picking a day means "up to the end of that day".
      const to = f.to
        ? new Date(Date.parse(f.to) + 86_400_000).toISOString().slice(0, 10)
        : undefined;
      return `/api/audit${queryString({ ...f, to })}`;
    });
  }
}
