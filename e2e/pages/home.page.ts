import type { Locator, Page } from '@playwright/test';
import { ShellPage } from './shell.page.js';

export class HomePage extends ShellPage {
  readonly heading: Locator;
  readonly serviceStatus: Locator;
  readonly databaseStatus: Locator;
  readonly version: Locator;

  constructor(page: Page) {
    super(page);
    this.heading = page.getByRole('heading', { level: 1 });
    this.serviceStatus = page.getByTestId('service-status');
    this.databaseStatus = page.getByTestId('database-status');
    this.version = page.getByTestId('version');
  }
}
