import { HttpClient, httpResource } from '@angular/common/http';
import { inject, Injectable, type Signal } from '@angular/core';
import type { CreateUserDto, Paged, UpdateUserDto, UserResponse } from '@radfleet/shared';
import { firstValueFrom } from 'rxjs';
import { queryString } from '../core/http/query';

export interface UserFilter {
  page: number;
  pageSize: number;
  q?: string;
  role?: string;
}

@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  listResource(filter: Signal<UserFilter>) {
    return httpResource<Paged<UserResponse>>(() => `/api/users${queryString({ ...filter() })}`);
  }

  create(dto: CreateUserDto): Promise<UserResponse> {
    return firstValueFrom(this.http.post<UserResponse>('/api/users', dto));
  }

  update(id: string, dto: UpdateUserDto): Promise<UserResponse> {
    return firstValueFrom(this.http.patch<UserResponse>(`/api/users/${id}`, dto));
  }
}
