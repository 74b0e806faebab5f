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
        path: 'devices',
        loadComponent: () => import('./devices/device-list.page').then((m) => m.DeviceListPage),
        title: 'RadFleet',
      },
      {
        path: 'devices/new',
        canActivate: [permissionGuard(Permission.DEVICE_WRITE)],
        loadComponent: () => import('./devices/device-new.page').then((m) => m.DeviceNewPage),
        title: 'RadFleet',
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
        title: 'RadFleet',
      },
      {
        path: 'contracts',
        loadComponent: () =>
          import('./contracts/contract-list.page').then((m) => m.ContractListPage),
        title: 'RadFleet',
      },
      {
        path: 'contracts/:id',
        loadComponent: () => import('./contracts/contract.page').then((m) => m.ContractPage),
        title: 'RadFleet',
      },
      {
        path: 'suppliers',
        loadComponent: () =>
          import('./suppliers/supplier-list.page').then((m) => m.SupplierListPage),
        title: 'RadFleet',
      },
      {
        path: 'suppliers/:id',
        loadComponent: () => import('./suppliers/supplier.page').then((m) => m.SupplierPage),
        title: 'RadFleet',
      },
      {
        path: 'alerts',
        canActivate: [permissionGuard(Permission.READ)],
        loadComponent: () => import('./alerts/alert-list.page').then((m) => m.AlertListPage),
        title: 'RadFleet',
      },
      {
        path: 'utilisation',
        canActivate: [permissionGuard(Permission.READ)],
        loadComponent: () =>
          import('./utilisation/utilisation.page').then((m) => m.UtilisationPage),
        title: 'RadFleet',
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
        title: 'RadFleet',
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
        title: 'RadFleet',
      },
      {
        path: 'audit',
        canActivate: [permissionGuard(Permission.AUDIT_READ)],
        loadComponent: () => import('./audit/audit-list.page').then((m) => m.AuditListPage),
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
