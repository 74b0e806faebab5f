import { HttpClient, httpResource } from '@angular/common/http';
import { inject, Injectable, type Signal } from '@angular/core';
import type {
  ContractResponse,
  CreateServiceEventDto,
  DeviceCostResponse,
  DeviceResponse,
  DeviceAvailabilityResponse,
  Paged,
  ServiceEventResponse,
  UpdateServiceEventDto,
  Period,
} from '@radfleet/shared';
import { firstValueFrom } from 'rxjs';
import { queryString } from '../core/http/query';

/** Which events a service log shows: one device's, or one facility's. */
export interface ServiceLogFilter {
  deviceId?: string;
  facilityId?: string;
  open?: boolean;
  page: number;
  pageSize: number;
}

@Injectable({ providedIn: 'root' })
export class ServiceEventsApi {
  private readonly http = inject(HttpClient);

  /** A page of events, newest first; nothing is fetched while the filter is undefined. */
  listResource(filter: Signal<ServiceLogFilter | undefined>) {
    return httpResource<Paged<ServiceEventResponse>>(() => {
      const f = filter();
      return f
        ? `/api/service-events${queryString({
            deviceId: f.deviceId,
            facilityId: f.facilityId,
            open: f.open,
            page: f.page,
            pageSize: f.pageSize,
            sort: '-reportedAt',
          })}`
        : undefined;
    });
  }

  /** Unplanned downtime and total unavailability of a device over a period. */
  availabilityResource(params: Signal<({ deviceId: string } & Period) | undefined>) {
    return httpResource<DeviceAvailabilityResponse>(() => {
      const p = params();
      return p
        ? `/api/devices/${p.deviceId}/availability${queryString({ from: p.from, to: p.to })}`
        : undefined;
    });
  }

  costResource(deviceId: Signal<string | undefined>) {
    return httpResource<DeviceCostResponse>(() =>
      deviceId() ? `/api/devices/${deviceId()}/cost` : undefined,
    );
  }

  /** Service and lifecycle contracts covering a device: what an event can be charged to. */
  coveringContractsResource(deviceId: Signal<string | undefined>) {
    return httpResource<Paged<ContractResponse>>(() =>
      deviceId()
        ? `/api/contracts${queryString({ deviceId: deviceId(), type: 'SERVICE,LIFECYCLE', pageSize: 100 })}`
        : undefined,
    );
  }

  /** The devices of a facility, for choosing which one an event is about. */
  facilityDevicesResource(facilityId: Signal<string | undefined>) {
    return httpResource<Paged<DeviceResponse>>(() =>
      facilityId()
        ? `/api/devices${queryString({ facilityId: facilityId(), pageSize: 500, sort: 'inventoryNumber' })}`
        : undefined,
    );
  }

  get(id: string): Promise<ServiceEventResponse> {
    return firstValueFrom(this.http.get<ServiceEventResponse>(`/api/service-events/${id}`));
  }

  create(dto: CreateServiceEventDto): Promise<ServiceEventResponse> {
    return firstValueFrom(this.http.post<ServiceEventResponse>('/api/service-events', dto));
  }

  update(id: string, dto: UpdateServiceEventDto): Promise<ServiceEventResponse> {
    return firstValueFrom(this.http.patch<ServiceEventResponse>(`/api/service-events/${id}`, dto));
  }
}
