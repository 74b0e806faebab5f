import { BreakpointObserver, Breakpoints } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter, map, scan } from 'rxjs';
import { I18nService, LANGUAGES, type Language } from '../core/i18n/i18n.service';
import type { MessageKey } from '../core/i18n/messages';
import { Permission } from '@radfleet/shared';
import { MatDialog } from '@angular/material/dialog';
import { MatMenuModule } from '@angular/material/menu';
import { MatSnackBar } from '@angular/material/snack-bar';
import { firstValueFrom } from 'rxjs';
import { AlertsApi } from '../alerts';
import { AuthStore, ChangePasswordDialog } from '../auth';
import { HealthIndicatorComponent } from './health-indicator.component';

interface NavItem {
  path: string;
  icon: string;
  label: MessageKey;
  exact: boolean;
  /** Shown only to roles holding this permission. */
  permission: Permission;
  /** Shows the number of open alerts. */
  badge?: 'alerts';
}

/** Sections that are built; later sections add themselves here when they exist. */
const NAV: NavItem[] = [
  { path: '/', icon: 'home', label: 'nav.home', exact: true, permission: Permission.READ },
  {
    path: '/facilities',
    icon: 'local_hospital',
    label: 'nav.facilities',
    exact: false,
    permission: Permission.READ,
  },
  {
    path: '/devices',
    icon: 'inventory_2',
    label: 'nav.devices',
    exact: false,
    permission: Permission.READ,
  },
  {
    path: '/contracts',
    icon: 'handshake',
    label: 'nav.contracts',
    exact: false,
    permission: Permission.READ,
  },
  {
    path: '/suppliers',
    icon: 'storefront',
    label: 'nav.suppliers',
    exact: false,
    permission: Permission.READ,
  },
  {
    path: '/alerts',
    icon: 'notifications',
    label: 'nav.alerts',
    exact: false,
    permission: Permission.READ,
    badge: 'alerts',
  },
  {
    path: '/utilisation',
    icon: 'insights',
    label: 'nav.utilisation',
    exact: false,
    permission: Permission.READ,
  },
  {
    path: '/planning',
    icon: 'event_upcoming',
    label: 'nav.planning',
    exact: false,
    permission: Permission.READ,
  },
  {
    path: '/reports',
    icon: 'summarize',
    label: 'nav.reports',
    exact: false,
    permission: Permission.READ,
  },
  {
    path: '/archives',
    icon: 'cloud_sync',
    label: 'nav.archives',
    exact: false,
    permission: Permission.ARCHIVE_ADMIN,
  },
  {
    path: '/users',
    icon: 'manage_accounts',
    label: 'nav.users',
    exact: false,
    permission: Permission.USER_ADMIN,
  },
  {
    path: '/audit',
    icon: 'history',
    label: 'nav.audit',
    exact: false,
    permission: Permission.AUDIT_READ,
  },
];

@Component({
  selector: 'rf-shell',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbarModule,
    MatSidenavModule,
    MatListModule,
    MatIconModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatMenuModule,
    HealthIndicatorComponent,
  ],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ShellComponent {
  protected readonly i18n = inject(I18nService);
  protected readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  private readonly snack = inject(MatSnackBar);
  protected readonly nav = computed(() =>
    this.auth.signedIn() ? NAV.filter((n) => this.auth.can(n.permission)) : [],
  );
  protected readonly languages = LANGUAGES;
  /** Counts navigations, so the open-alerts badge is read again on each. */
  private readonly navigations = toSignal(
    inject(Router).events.pipe(
      filter((e) => e instanceof NavigationEnd),
      scan((n) => n + 1, 0),
    ),
    { initialValue: 0 },
  );
  private readonly alertCounts = inject(AlertsApi).countsResource(
    computed(() =>
      this.auth.signedIn() && this.auth.can(Permission.READ) ? this.navigations() : undefined,
    ),
  );
  /** Open alerts in the user's scope (unresolved, not acknowledged) for the badge; 0 while unknown. */
  protected readonly openAlerts = computed(() =>
    this.alertCounts.hasValue() ? this.alertCounts.value().open : 0,
  );
  protected readonly handset = toSignal(
    inject(BreakpointObserver)
      .observe([Breakpoints.XSmall, Breakpoints.Small])
      .pipe(map((r) => r.matches)),
    { initialValue: false },
  );

  protected badgeText(n: number): string {
    return n > 999 ? '999+' : this.i18n.number(n);
  }

  protected setLanguage(lang: Language): void {
    this.i18n.use(lang);
  }

  protected async changePassword(): Promise<void> {
    const ref = this.dialog.open(ChangePasswordDialog, { autoFocus: 'first-tabbable' });
    if (await firstValueFrom(ref.afterClosed()))
      this.snack.open(this.i18n.t('password.done'), undefined, { duration: 4000 });
  }

  protected signOut(): void {
    void this.auth.logout();
  }
}
