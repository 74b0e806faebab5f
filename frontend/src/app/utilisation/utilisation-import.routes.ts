import type { Routes } from '@angular/router';
import { pageTitle } from '../core/i18n/title.strategy';
import { utilisationImportProviders } from './utilisation.api';

/** The hand-count import, with its upload client kept out of the rest of the app. */
export const UTILISATION_IMPORT_ROUTES: Routes = [
  {
    path: '',
    providers: utilisationImportProviders(),
    loadComponent: () => import('./utilisation-import.page').then((m) => m.UtilisationImportPage),
    title: pageTitle('utilisationImport.title'),
  },
];
