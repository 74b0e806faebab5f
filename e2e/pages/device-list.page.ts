import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { ShellPage } from './shell.page.js';

/** The device registry: filters in the URL, the table, export and the way to import. */
export class DeviceListPage extends ShellPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly total: Locator;
  readonly search: Locator;
  readonly exportButton: Locator;
  readonly importLink: Locator;

  constructor(page: Page) {
    super(page);
    this.heading = page.getByRole('heading', { level: 1 });
    this.table = page.getByTestId('device-table');
    this.total = page.getByTestId('device-total');
    this.search = page.getByTestId('device-search');
    this.exportButton = page.getByTestId('device-export');
    this.importLink = page.getByTestId('device-import');
  }

  async openWith(query = ''): Promise<void> {
    await this.open(`/devices${query}`);
    await expect(this.table).toBeVisible();
  }

  /** The number in "Найдено устройств: 1 234". */
  async totalCount(): Promise<number> {
    const text = (await this.total.textContent()) ?? '';
    return Number(text.replace(/\D/g, ''));
  }

  async searchFor(text: string): Promise<void> {
    await this.search.fill(text);
    await this.search.press('Enter');
  }

  async exportWorkbook(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.exportButton.click();
    return download;
  }
}
