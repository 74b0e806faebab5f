import type { Routes } from '@angular/router';
import { pageTitle } from '../core/i18n/title.strategy';
import { deviceImportProviders } from './device-import.api';

/** The import wizard, with the providers it needs (its upload client) kept out of the rest of the app. */
export const DEVICE_IMPORT_ROUTES: Routes = [
  {
    path: '',
    providers: deviceImportProviders(),
    loadComponent: () => import('./device-import.page').then((m) => m.DeviceImportPage),
    title: pageTitle('import.title'),
  },
];
