import type { Download, Locator, Page } from '@playwright/test';
import { ShellPage } from './shell.page.js';

/** Отчёты / Reports: build a pack now, follow it, download it. */
export class ReportsPage {
  readonly build: Locator;
  readonly job: Locator;
  readonly list: Locator;

  constructor(private readonly page: Page) {
    this.build = page.getByTestId('reports-build');
    this.job = page.getByTestId('reports-job');
    this.list = page.getByTestId('reports-list');
  }

  async open(): Promise<void> {
    await new ShellPage(this.page).open('/reports');
  }

  /** Downloads the newest READY pack of the list. */
  async downloadFirst(): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByTestId('reports-download').first().click(),
    ]);
    return download;
  }
}
