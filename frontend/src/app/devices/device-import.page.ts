import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ImportWizardComponent, type ImportTexts } from '../core/import/import-wizard.component';
import { DeviceImportApi } from './device-import.api';

const TEXTS: ImportTexts = {
  title: 'import.title',
  formats: 'import.formats',
  key: 'device.inventoryNumber',
  outsideScope: 'device.outsideScope',
  back: { link: '/devices', label: 'devices.title' },
  done: {
    link: '/devices',
    query: { sort: '-updatedAt' },
    label: 'import.openDevices',
    icon: 'list',
    testId: 'import-open-devices',
  },
};

/** The device spreadsheet import: the shared wizard on the device import endpoint. */
@Component({
  selector: 'rf-device-import-page',
  imports: [ImportWizardComponent],
  template: '<rf-import-wizard [endpoint]="api" [texts]="texts" />',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeviceImportPage {
  protected readonly api = inject(DeviceImportApi);
  protected readonly texts = TEXTS;
}
