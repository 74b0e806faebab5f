import { expect, type Locator, type Page } from '@playwright/test';
import { expectAccessible } from '../support/a11y.js';

/** The application shell: top bar, navigation and language switch. */
export class ShellPage {
  readonly main: Locator;
  readonly nav: Locator;

  constructor(readonly page: Page) {
    this.main = page.locator('main');
    this.nav = page.getByRole('navigation');
  }

  async open(path = '/'): Promise<void> {
    await this.page.goto(path);
    await expect(this.page.locator('rf-shell')).toBeVisible();
    await expectAccessible(this.page);
  }

  languageButton(lang: 'ru' | 'en'): Locator {
    return this.page.locator(`mat-button-toggle[data-lang="${lang}"] button`);
  }

  /** The visible titles of the navigation's links (without their icons' ligature text). */
  navLinks(): Locator {
    return this.page.locator('mat-sidenav a [matListItemTitle]');
  }

  async signOut(): Promise<void> {
    await this.page.getByTestId('user-menu').click();
    await this.page.getByTestId('sign-out').click();
  }

  async switchLanguage(lang: 'ru' | 'en'): Promise<void> {
    await this.languageButton(lang).click();
    await expect(this.page.locator('html')).toHaveAttribute('lang', lang);
  }
}
