import { HttpErrorResponse, httpResource } from '@angular/common/http';
import { computed, Injectable } from '@angular/core';
import type { HealthResponse } from '@radfleet/shared';

function isHealth(v: unknown): v is HealthResponse {
  return typeof v === 'object' && v !== null && 'status' in v && 'database' in v && 'version' in v;
}

/** `/api/health` as a signal-based resource. A 503 still carries a health body, which is kept. */
@Injectable({ providedIn: 'root' })
export class HealthApi {
  readonly resource = httpResource<HealthResponse>(() => '/api/health');

  /** The last known health: the body of a 200, or of a 503 that says what is down. */
  readonly health = computed<HealthResponse | null>(() => {
    if (this.resource.hasValue()) return this.resource.value();
    const err = this.resource.error();
    if (err instanceof HttpErrorResponse && isHealth(err.error)) return err.error;
    return null;
  });

  /** The server could not be reached at all, or answered without a health body. */
  readonly unreachable = computed(() => this.resource.status() === 'error' && this.health() === null);
  readonly loading = computed(() => this.resource.isLoading());

  reload(): void {
    this.resource.reload();
  }
}
