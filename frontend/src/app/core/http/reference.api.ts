import { httpResource } from '@angular/common/http';
import { Injectable } from '@angular/core';
import type { FacilityResponse, Paged, SupplierResponse } from '@radfleet/shared';

/**
 * The reference lists that pickers in many domains offer (every facility, every supplier), so that
 * a device form needs no import from the facilities domain, nor a contract form from suppliers.
 * The city has a few hundred of each at most. Call from an injection context.
 */
@Injectable({ providedIn: 'root' })
export class ReferenceApi {
  /** Every facility, by short name. */
  facilities() {
    return httpResource<Paged<FacilityResponse>>(
      () => '/api/facilities?pageSize=500&sort=shortName',
    );
  }

  /** Every supplier, by name. */
  suppliers() {
    return httpResource<Paged<SupplierResponse>>(
      () => '/api/suppliers?page=1&pageSize=500&sort=name',
    );
  }
}
