import type { Routes } from '@angular/router';
import { Permission } from '@radfleet/shared';
import { permissionGuard, signedInGuard, signedOutGuard } from './auth/auth.guards';

/** The route table: one lazy entry per section. A section is linked only once it is built. */
export const routes: Routes = [
  {
    path: 'login',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./auth/login.page').then((m) => m.LoginPage),
    title: 'RadFleet',
  },
  {
    path: '',
    canActivate: [signedInGuard],
    children: [
      {
        path: '',
        pathMatch: 'full',
        loadComponent: () => import('./home/home.page').then((m) => m.HomePage),
        title: 'RadFleet',
      },
      {
        path: 'facilities',
        loadComponent: () =>
          import('./facilities/facility-list.page').then((m) => m.FacilityListPage),
        title: 'RadFleet',
      },
      {
        path: 'facilities/:id',
        loadComponent: () => import('./facilities/facility.page').then((m) => m.FacilityPage),
        title: 'RadFleet',
      },
      {
        path: 'users',
        canActivate: [permissionGuard(Permission.USER_ADMIN)],
        loadComponent: () => import('./users/user-list.page').then((m) => m.UserListPage),
        title: 'RadFleet',
      },
    ],
  },
  {
    path: '**',
    loadComponent: () => import('./not-found/not-found.page').then((m) => m.NotFoundPage),
    title: 'RadFleet',
  },
];
