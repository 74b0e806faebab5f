import { HttpClient, httpResource } from '@angular/common/http';
import { inject, Injectable, type Signal } from '@angular/core';
import type {
  CreateDeviceDto,
  DeviceHistoryEntry,
  DeviceResponse,
  ModalityResponse,
  Paged,
  UpdateDeviceDto,
} from '@radfleet/shared';
import { downloaded, type DownloadedFile } from '../core/http/download';
import { firstValueFrom } from 'rxjs';
import { queryString } from '../core/http/query';
import { deviceApiParams, type DeviceFilter } from './device-filter';

@Injectable({ providedIn: 'root' })
export class DevicesApi {
  private readonly http = inject(HttpClient);

  /** A page of devices that reloads whenever the filter changes; nothing is fetched while the filter is undefined. */
  listResource(filter: Signal<DeviceFilter | undefined>) {
    return httpResource<Paged<DeviceResponse>>(() => {
      const f = filter();
      return f ? `/api/devices${queryString(deviceApiParams(f))}` : undefined;
    });
  }

  oneResource(id: Signal<string | undefined>) {
    return httpResource<DeviceResponse>(() => (id() ? `/api/devices/${id()}` : undefined));
  }

  /** The device's changes, oldest first; fetched only while `id` is defined. */
  historyResource(id: Signal<string | undefined>) {
    return httpResource<DeviceHistoryEntry[]>(() =>
      id() ? `/api/devices/${id()}/history` : undefined,
    );
  }

  modalitiesResource() {
    return httpResource<ModalityResponse[]>(() => '/api/modalities');
  }

  get(id: string): Promise<DeviceResponse> {
    return firstValueFrom(this.http.get<DeviceResponse>(`/api/devices/${id}`));
  }

  create(dto: CreateDeviceDto): Promise<DeviceResponse> {
    return firstValueFrom(this.http.post<DeviceResponse>('/api/devices', dto));
  }

  update(id: string, dto: UpdateDeviceDto): Promise<DeviceResponse> {
    return firstValueFrom(this.http.patch<DeviceResponse>(`/api/devices/${id}`, dto));
  }

  /** The devices the filter selects (every page), as an Excel workbook with headers in `lang`. */
  async exportXlsx(filter: DeviceFilter, lang: string): Promise<DownloadedFile> {
    const res = await firstValueFrom(
      this.http.get(
        `/api/devices/export.xlsx${queryString({ ...deviceApiParams(filter, false), lang })}`,
        {
          observe: 'response',
          responseType: 'blob',
        },
      ),
    );
    return downloaded(res, 'devices.xlsx');
  }
}
