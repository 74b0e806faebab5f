import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import type { DeviceResponse } from '@radfleet/shared';
import { I18nService } from '../core/i18n/i18n.service';
import { ArchivesApi } from './archives.api';

/** A device search field (inventory number, serial, model) with suggestions from `/api/devices?q=`. */
@Component({
  selector: 'rf-device-picker',
  imports: [
    MatAutocompleteModule,
    MatFormFieldModule,
    MatInputModule,
    MatIconModule,
    MatProgressSpinnerModule,
  ],
  template: `
    <mat-form-field appearance="outline" class="picker">
      <mat-label>{{ label() ?? i18n.t('archives.device') }}</mat-label>
      <mat-icon matPrefix aria-hidden="true">search</mat-icon>
      <input
        matInput
        type="search"
        [value]="text()"
        (input)="onInput($any($event.target).value)"
        [matAutocomplete]="auto"
        [placeholder]="i18n.t('archives.deviceHint')"
        autocomplete="off"
        data-testid="device-picker"
      />
      @if (search.isLoading()) {
        <mat-spinner matSuffix diameter="18" [attr.aria-label]="i18n.t('common.loading')" />
      }
      @if (picked(); as d) {
        <mat-hint data-testid="device-picked">{{ describe(d) }}</mat-hint>
      }
    </mat-form-field>
    <mat-autocomplete
      #auto="matAutocomplete"
      [displayWith]="display"
      (optionSelected)="pick($event.option.value)"
    >
      @for (d of options(); track d.id) {
        <mat-option [value]="d">{{ describe(d) }}</mat-option>
      }
      @if (search.hasValue() && options().length === 0) {
        <mat-option disabled>{{ i18n.t('common.empty') }}</mat-option>
      }
    </mat-autocomplete>
  `,
  styles: `
    .picker {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DevicePickerComponent {
  protected readonly i18n = inject(I18nService);
  readonly label = input<string>();
  readonly deviceChange = output<DeviceResponse | null>();

  protected readonly text = signal('');
  protected readonly picked = signal<DeviceResponse | null>(null);
  protected readonly search = inject(ArchivesApi).deviceSearchResource(this.text);
  protected readonly options = computed(() =>
    this.search.hasValue() ? this.search.value().items : [],
  );

  protected readonly display = (d: DeviceResponse | string | null): string =>
    typeof d === 'string' ? d : (d?.inventoryNumber ?? '');

  protected onInput(value: string): void {
    this.text.set(value);
    if (this.picked()) {
      this.picked.set(null);
      this.deviceChange.emit(null);
    }
  }

  protected pick(d: DeviceResponse): void {
    this.picked.set(d);
    this.text.set(d.inventoryNumber);
    this.deviceChange.emit(d);
  }

  protected describe(d: DeviceResponse): string {
    return `${d.inventoryNumber} · ${this.i18n.label('modality', d.modality)} · ${d.manufacturer} ${d.model}`;
  }
}
