import { httpResource } from '@angular/common/http';
import { Injectable, type Signal } from '@angular/core';
import type {
  AlertCountsResponse,
  ContractResponse,
  ExecutiveDashboardResponse,
  FacilityManagerHomeResponse,
  Paged,
  PriorityItem,
  ProcurementHomeResponse,
} from '@radfleet/shared';
import { queryString } from '../core/http/query';

/** The calls behind the role homes; a tile's figure is the total of the list it drills down to. */
@Injectable({ providedIn: 'root' })
export class HomeApi {
  facilityManager() {
    return httpResource<FacilityManagerHomeResponse>(() => '/api/home/facility-manager');
  }

  procurement() {
    return httpResource<ProcurementHomeResponse>(() => '/api/home/procurement');
  }

  priorities(band: string) {
    return httpResource<Paged<PriorityItem>>(
      () => `/api/planning/priorities${queryString({ band, pageSize: 1 })}`,
    );
  }

  contracts(query: Record<string, string>) {
    return httpResource<Paged<ContractResponse>>(
      () => `/api/contracts${queryString({ ...query, pageSize: 1 })}`,
    );
  }

  alertCounts() {
    return httpResource<AlertCountsResponse>(() => '/api/alerts/counts');
  }

  executive(filter: Signal<{ district?: string; modality?: string }>) {
    return httpResource<ExecutiveDashboardResponse>(
      () => `/api/dashboard/executive${queryString({ ...filter() })}`,
    );
  }
}
