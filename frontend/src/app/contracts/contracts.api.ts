import { HttpClient, httpResource } from '@angular/common/http';
import { inject, Injectable, type Signal } from '@angular/core';
import type {
  ContractDetailResponse,
  ContractResponse,
  ContractSlaResponse,
  CreateContractDto,
  Paged,
  Period,
} from '@radfleet/shared';
import { firstValueFrom } from 'rxjs';
import { queryString } from '../core/http/query';
import { downloaded, type DownloadedFile } from '../core/http/download';

export interface ContractFilter {
  page: number;
  pageSize: number;
  sort?: string;
  status?: string;
  type?: string;
  supplierId?: string;
  expiringWithinDays?: string;
  q?: string;
}

export function contractApiParams(f: ContractFilter, paging = true) {
  return {
    ...(paging ? { page: f.page, pageSize: f.pageSize } : {}),
    sort: f.sort,
    status: f.status,
    type: f.type,
    supplierId: f.supplierId,
    expiringWithinDays: f.expiringWithinDays,
    q: f.q,
  };
}

@Injectable({ providedIn: 'root' })
export class ContractsApi {
  private readonly http = inject(HttpClient);

  listResource(filter: Signal<ContractFilter | undefined>) {
    return httpResource<Paged<ContractResponse>>(() => {
      const f = filter();
      return f ? `/api/contracts${queryString(contractApiParams(f))}` : undefined;
    });
  }

  oneResource(id: Signal<string | undefined>) {
    return httpResource<ContractDetailResponse>(() =>
      id() ? `/api/contracts/${id()}` : undefined,
    );
  }

  sla(id: string, period: Period): Promise<ContractSlaResponse> {
    return firstValueFrom(
      this.http.get<ContractSlaResponse>(`/api/contracts/${id}/sla${queryString({ ...period })}`),
    );
  }

  create(dto: CreateContractDto): Promise<ContractDetailResponse> {
    return firstValueFrom(this.http.post<ContractDetailResponse>('/api/contracts', dto));
  }

  async exportXlsx(filter: ContractFilter, lang: string): Promise<DownloadedFile> {
    const res = await firstValueFrom(
      this.http.get(
        `/api/contracts/export.xlsx${queryString({ ...contractApiParams(filter, false), lang })}`,
        { observe: 'response', responseType: 'blob' },
      ),
    );
    return downloaded(res, 'contracts.xlsx');
  }
}
