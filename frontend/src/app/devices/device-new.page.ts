import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import type { DeviceResponse } from '@radfleet/shared';
import { I18nService } from '../core/i18n/i18n.service';
import { LoadStateComponent } from '../core/ui/load-state.component';
import { ReferenceApi } from '../core/http/reference.api';
import { DeviceFormComponent } from './device-form.component';

/** Registers a device; `?facilityId=` preselects the facility. */
@Component({
  selector: 'rf-device-new-page',
  imports: [RouterLink, MatButtonModule, MatIconModule, LoadStateComponent, DeviceFormComponent],
  template: `
    <section class="rf-page">
      <a mat-button routerLink="/devices"
        ><mat-icon>arrow_back</mat-icon> {{ i18n.t('devices.title') }}</a
      >
      <h1>{{ i18n.t('deviceForm.newTitle') }}</h1>
      <rf-load-state
        [loading]="facilities.isLoading()"
        [error]="facilities.status() === 'error'"
        (retry)="facilities.reload()"
      />
      @if (facilities.hasValue()) {
        <rf-device-form
          [facilities]="facilityList()"
          [facilityId]="facilityId() ?? ''"
          (saved)="onSaved($event)"
          (cancelled)="back()"
        />
      }
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeviceNewPage {
  protected readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly snack = inject(MatSnackBar);
  readonly facilityId = input<string>();
  protected readonly facilities = inject(ReferenceApi).facilities();
  protected readonly facilityList = computed(() =>
    this.facilities.hasValue() ? this.facilities.value().items : [],
  );

  protected onSaved(d: DeviceResponse): void {
    this.snack.open(this.i18n.t('deviceForm.created', { inv: d.inventoryNumber }), undefined, {
      duration: 4000,
    });
    void this.router.navigate(['/devices', d.id]);
  }

  protected back(): void {
    void this.router.navigate(['/devices']);
  }
}
