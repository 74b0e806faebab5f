import type { Routes } from '@angular/router';

/** The route table: one lazy entry per section. A section is linked only once it is built. */
export const routes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    loadComponent: () => import('./home/home.page').then((m) => m.HomePage),
    title: 'RadFleet',
  },
  {
    path: '**',
    loadComponent: () => import('./not-found/not-found.page').then((m) => m.NotFoundPage),
    title: 'RadFleet',
  },
];
