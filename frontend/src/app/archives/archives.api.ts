import { HttpClient, httpResource } from '@angular/common/http';
import { inject, Injectable, type Signal } from '@angular/core';
import type {
  ArchiveResponse,
  ArchiveSyncRunResponse,
  ArchiveTestResponse,
  CreateArchiveDto,
  CreateDeviceDto,
  DeviceResponse,
  DiscoveredDeviceResponse,
  IdentityMappingDto,
  IdentityMappingResponse,
  Paged,
  UpdateArchiveDto,
} from '@radfleet/shared';
import { firstValueFrom } from 'rxjs';
import { queryString } from '../core/http/query';

/** Archive connections, their runs, the discovered-devices inbox and identity mappings (administrators). */
@Injectable({ providedIn: 'root' })
export class ArchivesApi {
  private readonly http = inject(HttpClient);

  listResource() {
    return httpResource<Paged<ArchiveResponse>>(() => '/api/archives?pageSize=100');
  }

  /** The runs of one connection, newest first; nothing is fetched while `id` is undefined. */
  runsResource(id: Signal<string | undefined>) {
    return httpResource<Paged<ArchiveSyncRunResponse>>(() =>
      id() ? `/api/archives/${id()}/runs?pageSize=20` : undefined,
    );
  }

  discoveredResource() {
    return httpResource<Paged<DiscoveredDeviceResponse>>(
      () => '/api/archives/discovered?status=NEW&pageSize=100',
    );
  }

  mappingsResource() {
    return httpResource<Paged<IdentityMappingResponse>>(
      () => '/api/archives/mappings?pageSize=100',
    );
  }

  create(dto: CreateArchiveDto): Promise<ArchiveResponse> {
    return firstValueFrom(this.http.post<ArchiveResponse>('/api/archives', dto));
  }

  update(id: string, dto: UpdateArchiveDto): Promise<ArchiveResponse> {
    return firstValueFrom(this.http.patch<ArchiveResponse>(`/api/archives/${id}`, dto));
  }

  remove(id: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`/api/archives/${id}`));
  }

  test(id: string): Promise<ArchiveTestResponse> {
    return firstValueFrom(this.http.post<ArchiveTestResponse>(`/api/archives/${id}/test`, null));
  }

  /** Runs a sync and answers with the finished run (409 while another run is going on). */
  sync(id: string): Promise<ArchiveSyncRunResponse> {
    return firstValueFrom(
      this.http.post<ArchiveSyncRunResponse>(`/api/archives/${id}/sync?wait=true`, null),
    );
  }

  link(discoveredId: string, deviceId: string): Promise<DiscoveredDeviceResponse> {
    return firstValueFrom(
      this.http.post<DiscoveredDeviceResponse>(`/api/archives/discovered/${discoveredId}/link`, {
        deviceId,
      }),
    );
  }

  createDevice(discoveredId: string, dto: CreateDeviceDto): Promise<DiscoveredDeviceResponse> {
    return firstValueFrom(
      this.http.post<DiscoveredDeviceResponse>(
        `/api/archives/discovered/${discoveredId}/device`,
        dto,
      ),
    );
  }

  addMapping(dto: IdentityMappingDto): Promise<IdentityMappingResponse> {
    return firstValueFrom(this.http.post<IdentityMappingResponse>('/api/archives/mappings', dto));
  }

  removeMapping(id: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`/api/archives/mappings/${id}`));
  }

  /** Devices matching the search text, for the device picker; nothing is fetched while it is empty. */
  deviceSearchResource(q: Signal<string>) {
    return httpResource<Paged<DeviceResponse>>(() => {
      const text = q().trim();
      return text ? `/api/devices${queryString({ q: text, pageSize: 20 })}` : undefined;
    });
  }
}
