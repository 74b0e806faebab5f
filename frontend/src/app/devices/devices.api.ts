import { HttpClient, httpResource, type HttpResponse } from '@angular/common/http';
import { inject, Injectable, type Signal } from '@angular/core';
import type {
  CreateDeviceDto,
  DeviceHistoryEntry,
  DeviceResponse,
  ModalityResponse,
  Paged,
  UpdateDeviceDto,
} from '@radfleet/shared';
import { firstValueFrom } from 'rxjs';
import { queryString } from '../core/http/query';
import { deviceApiParams, type DeviceFilter } from './device-filter';

/** A file the server sent, with the name it suggested. */
export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

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

export function downloaded(res: HttpResponse<Blob>, fallback: string): DownloadedFile {
  return {
    blob: res.body ?? new Blob([]),
    fileName: fileNameFromDisposition(res.headers.get('Content-Disposition'), fallback),
  };
}

/** The file name of a `Content-Disposition` header; `filename*` (RFC 6266, UTF-8) wins over `filename`. */
export function fileNameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star?.[2]) {
    try {
      return sanitize(decodeURIComponent(star[2].trim().replace(/^"|"$/g, ''))) || fallback;
    } catch {
      /* a malformed encoding falls through to the plain name */
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  const name = plain ? (plain[2] ?? plain[1] ?? '').trim() : '';
  return sanitize(name) || fallback;
}

function sanitize(name: string): string {
  return name.replace(/[/\\]/g, '_').trim();
}

/** Hands a blob to the browser as a download. */
export function saveFile(file: DownloadedFile, doc: Document = document): void {
  const url = URL.createObjectURL(file.blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.style.display = 'none';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
