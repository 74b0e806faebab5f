import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Router } from '@angular/router';
import type { Role } from '@radfleet/shared';
import { AuthStore } from '../auth';
import { ExecutiveHomeComponent } from './executive-home.component';
import { FacilityManagerHomeComponent } from './facility-manager-home.component';
import { ProcurementHomeComponent } from './procurement-home.component';

/**
 * The home at `/`, one per role: a facility manager lands on what needs their hands, procurement
 * on what is due and expiring, executives and administrators on the city's fleet. The service's
 * health is a small indicator in the shell.
 */
@Component({
  selector: 'rf-home-page',
  imports: [ExecutiveHomeComponent, FacilityManagerHomeComponent, ProcurementHomeComponent],
  template: `
    <section class="rf-page" [attr.data-home]="role()">
      @switch (role()) {
        @case ('FACILITY_MANAGER') {
          <rf-facility-manager-home />
        }
        @case ('PROCUREMENT') {
          <rf-procurement-home />
        }
        @default {
          <rf-executive-home
            [district]="district()"
            [modality]="modality()"
            (filterChange)="setQuery($event)"
          />
        }
      }
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HomePage {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  /** The executive home's filters, from the URL. */
  readonly district = input<string>();
  readonly modality = input<string>();
  protected readonly role = computed<Role | undefined>(() => this.auth.user()?.role);

  protected setQuery(patch: Record<string, string | null>): void {
    void this.router.navigate([], {
      queryParams: patch,
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }
}
