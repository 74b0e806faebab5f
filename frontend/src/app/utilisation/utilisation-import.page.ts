import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ImportWizardComponent, type ImportTexts } from '../core/import/import-wizard.component';
import { UtilisationImportApi } from './utilisation.api';

const TEXTS: ImportTexts = {
  title: 'utilisationImport.title',
  intro: 'utilisationImport.intro',
  formats: 'utilisationImport.columns',
  key: 'device.inventoryNumber',
  outsideScope: 'device.outsideScope',
  back: { link: '/utilisation', label: 'utilisation.title' },
  done: {
    link: '/utilisation',
    label: 'utilisationImport.open',
    icon: 'insights',
    testId: 'import-open-utilisation',
  },
};

/**
 * The import of hand counts for devices without an archive: the shared wizard on the utilisation
 * import endpoint.
 */
@Component({
  selector: 'rf-utilisation-import-page',
  imports: [ImportWizardComponent],
  template: '<rf-import-wizard [endpoint]="api" [texts]="texts" />',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UtilisationImportPage {
  protected readonly api = inject(UtilisationImportApi);
  protected readonly texts = TEXTS;
}
