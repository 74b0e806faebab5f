import { expect, type Locator, type Page } from '@playwright/test';
import { ShellPage } from './shell.page.js';

export class LoginPage extends ShellPage {
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;

  constructor(page: Page) {
    super(page);
    this.email = page.locator('input[type=email]');
    this.password = page.locator('input[type=password]');
    this.submit = page.locator('form button[type=submit]');
    this.error = page.getByTestId('login-error');
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit.click();
  }

  async expectShown(): Promise<void> {
    await expect(this.page).toHaveURL(/\/login/);
    await expect(this.email).toBeVisible();
  }
}
