import { HttpClient, httpResource } from '@angular/common/http';
import { inject, Injectable, type Signal } from '@angular/core';
import type {
  DeviceUtilisationResponse,
  Granularity,
  ManualCountDto,
  ManualCountResponse,
} from '@radfleet/shared';
import { firstValueFrom } from 'rxjs';
import { queryString } from '../core/http/query';

export interface DeviceUtilisationParams {
  deviceId: string;
  from: string;
  to: string;
  granularity: Granularity;
}

/** One device's utilisation series, and hand counts for devices without an archive. */
@Injectable({ providedIn: 'root' })
export class DeviceUtilisationApi {
  private readonly http = inject(HttpClient);

  seriesResource(params: Signal<DeviceUtilisationParams | undefined>) {
    return httpResource<DeviceUtilisationResponse>(() => {
      const p = params();
      return p
        ? `/api/utilisation/devices/${p.deviceId}${queryString({
            from: p.from,
            to: p.to,
            granularity: p.granularity.toLowerCase(),
          })}`
        : undefined;
    });
  }

  saveCount(dto: ManualCountDto): Promise<ManualCountResponse> {
    return firstValueFrom(this.http.post<ManualCountResponse>('/api/utilisation/counts', dto));
  }
}
