import type { Routes } from '@angular/router';
import { Permission } from '@radfleet/shared';
import { permissionGuard, signedInGuard, signedOutGuard } from './auth/auth.guards';
import { pageTitle } from './core/i18n/title.strategy';

/** The route table: one lazy entry per section. A section is linked only once it is built. */
export const routes: Routes = [
  {
    path: 'login',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./auth/login.page').then((m) => m.LoginPage),
    title: pageTitle('nav.login'),
  },
  {
    path: '',
    canActivate: [signedInGuard],
    children: [
      {
        path: '',
        pathMatch: 'full',
        loadComponent: () => import('./home/home.page').then((m) => m.HomePage),
        title: pageTitle('nav.home'),
      },
      {
        path: 'facilities',
        loadComponent: () =>
          import('./facilities/facility-list.page').then((m) => m.FacilityListPage),
        title: pageTitle('nav.facilities'),
      },
      {
        path: 'facilities/:id',
        loadComponent: () => import('./facilities/facility.page').then((m) => m.FacilityPage),
        title: pageTitle('nav.facilities'),
      },
      {
        path: 'devices',
        loadComponent: () => import('./devices/device-list.page').then((m) => m.DeviceListPage),
        title: pageTitle('nav.devices'),
      },
      {
        path: 'devices/new',
        canActivate: [permissionGuard(Permission.DEVICE_WRITE)],
        loadComponent: () => import('./devices/device-new.page').then((m) => m.DeviceNewPage),
        title: pageTitle('nav.devices'),
      },
      {
        path: 'devices/import',
        canActivate: [permissionGuard(Permission.DEVICE_WRITE)],
        // Its own HttpClient on XMLHttpRequest, which reports upload progress (fetch cannot).
        loadChildren: () =>
          import('./devices/device-import.routes').then((m) => m.DEVICE_IMPORT_ROUTES),
      },
      {
        path: 'devices/:id',
        loadComponent: () => import('./devices/device.page').then((m) => m.DevicePage),
        title: pageTitle('nav.devices'),
      },
      {
        path: 'contracts',
        loadComponent: () =>
          import('./contracts/contract-list.page').then((m) => m.ContractListPage),
        title: pageTitle('nav.contracts'),
      },
      {
        path: 'contracts/:id',
        loadComponent: () => import('./contracts/contract.page').then((m) => m.ContractPage),
        title: pageTitle('nav.contracts'),
      },
      {
        path: 'suppliers',
        loadComponent: () =>
          import('./suppliers/supplier-list.page').then((m) => m.SupplierListPage),
        title: pageTitle('nav.suppliers'),
      },
      {
        path: 'suppliers/:id',
        loadComponent: () => import('./suppliers/supplier.page').then((m) => m.SupplierPage),
        title: pageTitle('nav.suppliers'),
      },
      {
        path: 'alerts',
        canActivate: [permissionGuard(Permission.READ)],
        loadComponent: () => import('./alerts/alert-list.page').then((m) => m.AlertListPage),
        title: pageTitle('nav.alerts'),
      },
      {
        path: 'utilisation',
        canActivate: [permissionGuard(Permission.READ)],
        loadComponent: () =>
          import('./utilisation/utilisation.page').then((m) => m.UtilisationPage),
        title: pageTitle('nav.utilisation'),
      },
      {
        path: 'utilisation/import',
        canActivate: [permissionGuard(Permission.UTILISATION_WRITE)],
        // Its own HttpClient on XMLHttpRequest, which reports upload progress (fetch cannot).
        loadChildren: () =>
          import('./utilisation/utilisation-import.routes').then(
            (m) => m.UTILISATION_IMPORT_ROUTES,
          ),
      },
      {
        path: 'planning',
        canActivate: [permissionGuard(Permission.READ)],
        loadComponent: () => import('./planning/planning.page').then((m) => m.PlanningPage),
        title: pageTitle('nav.planning'),
      },
      {
        path: 'reports',
        canActivate: [permissionGuard(Permission.READ)],
        loadComponent: () => import('./reports/reports.page').then((m) => m.ReportsPage),
        title: 'RadFleet',
      },
      {
        path: 'archives',
        canActivate: [permissionGuard(Permission.ARCHIVE_ADMIN)],
        loadComponent: () => import('./archives/archive-list.page').then((m) => m.ArchiveListPage),
        title: pageTitle('nav.archives'),
      },
      {
        path: 'audit',
        canActivate: [permissionGuard(Permission.AUDIT_READ)],
        loadComponent: () => import('./audit/audit-list.page').then((m) => m.AuditListPage),
        title: pageTitle('nav.audit'),
      },
      {
        path: 'users',
        canActivate: [permissionGuard(Permission.USER_ADMIN)],
        loadComponent: () => import('./users/user-list.page').then((m) => m.UserListPage),
        title: pageTitle('nav.users'),
      },
    ],
  },
  {
    path: '**',
    loadComponent: () => import('./not-found/not-found.page').then((m) => m.NotFoundPage),
    title: pageTitle('notFound.title'),
  },
];
