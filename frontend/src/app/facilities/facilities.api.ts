import { HttpClient, httpResource } from '@angular/common/http';
import { inject, Injectable, type Signal } from '@angular/core';
import type {
  CreateFacilityDto,
  FacilityDetailResponse,
  FacilityResponse,
  FleetTotals,
  Paged,
  UpdateFacilityDto,
} from '@radfleet/shared';
import { firstValueFrom } from 'rxjs';
import { queryString } from '../core/http/query';

export interface FacilityFilter {
  page: number;
  pageSize: number;
  sort?: string;
  district?: string;
  type?: string;
  q?: string;
}

@Injectable({ providedIn: 'root' })
export class FacilitiesApi {
  private readonly http = inject(HttpClient);

  /** A resource that reloads whenever the filter changes. Call from an injection context. */
  listResource(filter: Signal<FacilityFilter>) {
    return httpResource<Paged<FacilityResponse>>(
      () => `/api/facilities${queryString({ ...filter() })}`,
    );
  }

  /** The city's installed base today: device count and digital share over every facility. */
  totalsResource() {
    return httpResource<FleetTotals>(() => '/api/facilities/totals');
  }

  oneResource(id: Signal<string | undefined>) {
    return httpResource<FacilityDetailResponse>(() =>
      id() ? `/api/facilities/${id()}` : undefined,
    );
  }

  create(dto: CreateFacilityDto): Promise<FacilityResponse> {
    return firstValueFrom(this.http.post<FacilityResponse>('/api/facilities', dto));
  }

  update(id: string, dto: UpdateFacilityDto): Promise<FacilityResponse> {
    return firstValueFrom(this.http.patch<FacilityResponse>(`/api/facilities/${id}`, dto));
  }
}
