import { httpResource } from '@angular/common/http';
import { Injectable, type Signal } from '@angular/core';
import type { Paged, SupplierResponse } from '@radfleet/shared';
import { queryString } from '../core/http/query';

export interface SupplierFilter {
  page: number;
  pageSize: number;
  sort?: string;
  q?: string;
}

@Injectable({ providedIn: 'root' })
export class SuppliersApi {
  listResource(filter: Signal<SupplierFilter>) {
    return httpResource<Paged<SupplierResponse>>(() => {
      const f = filter();
      return `/api/suppliers${queryString({ page: f.page, pageSize: f.pageSize, sort: f.sort, q: f.q })}`;
    });
  }

  oneResource(id: Signal<string | undefined>) {
    return httpResource<SupplierResponse>(() => (id() ? `/api/suppliers/${id()}` : undefined));
  }
}
