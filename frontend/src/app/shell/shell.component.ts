import { BreakpointObserver, Breakpoints } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { map } from 'rxjs';
import { I18nService, LANGUAGES, type Language } from '../core/i18n/i18n.service';
import type { MessageKey } from '../core/i18n/messages';

interface NavItem {
  path: string;
  icon: string;
  label: MessageKey;
  exact: boolean;
}

/** Sections that are built; later sections add themselves here when they exist. */
const NAV: NavItem[] = [{ path: '/', icon: 'monitor_heart', label: 'nav.home', exact: true }];

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
  ],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ShellComponent {
  protected readonly i18n = inject(I18nService);
  protected readonly nav = NAV;
  protected readonly languages = LANGUAGES;
  protected readonly handset = toSignal(
    inject(BreakpointObserver)
      .observe([Breakpoints.XSmall, Breakpoints.Small])
      .pipe(map((r) => r.matches)),
    { initialValue: false },
  );

  protected setLanguage(lang: Language): void {
    this.i18n.use(lang);
  }
}
