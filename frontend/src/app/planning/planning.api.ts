import { httpResource } from '@angular/common/http';
import { Injectable, type Signal } from '@angular/core';
import type {
  AgeProfileHistoryResponse,
  AgeProfileResponse,
  DemandResponse,
  LifeBandsResponse,
  Paged,
  PricesResponse,
  PriorityItem,
  WeightsResponse,
} from '@radfleet/shared';
import { queryString } from '../core/http/query';

export interface PriorityFilter {
  page: number;
  pageSize: number;
  band?: string;
  sort?: string;
  /** The registry's text search (inventory number, serial, manufacturer, model, facility). */
  q?: string;
}

/** The planning API: priorities, age profile, demand and the reference sets. */
@Injectable({ providedIn: 'root' })
export class PlanningApi {
  prioritiesResource(filter: Signal<PriorityFilter | undefined>) {
    return httpResource<Paged<PriorityItem>>(() => {
      const f = filter();
      return f
        ? `/api/planning/priorities${queryString({ page: f.page, pageSize: f.pageSize, band: f.band, sort: f.sort, q: f.q })}`
        : undefined;
    });
  }

  /** One device's priority (404 when it is not in the installed base). */
  devicePriorityResource(deviceId: Signal<string | undefined>) {
    return httpResource<PriorityItem>(() => {
      const id = deviceId();
      return id ? `/api/planning/priorities/devices/${encodeURIComponent(id)}` : undefined;
    });
  }

  ageProfileResource(groupBy: Signal<string | undefined>) {
    return httpResource<AgeProfileResponse>(() => {
      const g = groupBy();
      return g ? `/api/planning/age-profile${queryString({ groupBy: g })}` : undefined;
    });
  }

  ageHistoryResource(active: Signal<boolean>) {
    return httpResource<AgeProfileHistoryResponse>(() =>
      active() ? '/api/planning/age-profile/history' : undefined,
    );
  }

  demandResource(years: Signal<number | undefined>) {
    return httpResource<DemandResponse>(() => {
      const y = years();
      return y ? `/api/planning/demand${queryString({ years: y })}` : undefined;
    });
  }

  lifeBandsResource(active: Signal<boolean>) {
    return httpResource<LifeBandsResponse>(() =>
      active() ? '/api/planning/life-bands' : undefined,
    );
  }

  pricesResource(active: Signal<boolean>) {
    return httpResource<PricesResponse>(() => (active() ? '/api/planning/prices' : undefined));
  }

  weightsResource(active: Signal<boolean>) {
    return httpResource<WeightsResponse>(() => (active() ? '/api/planning/weights' : undefined));
  }
}
