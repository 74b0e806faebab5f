import { expect, type Locator, type Page } from '@playwright/test';
import { ShellPage } from './shell.page.js';
import { expectAccessible } from '../support/a11y.js';

/** A device's service tab: uptime, cost of ownership, the service log and its dialogs. */
export class ServiceLogPage extends ShellPage {
  readonly status: Locator;
  readonly uptime: Locator;
  readonly log: Locator;
  readonly rows: Locator;
  readonly newButton: Locator;
  readonly dialog: Locator;

  constructor(page: Page) {
    super(page);
    this.status = page.getByTestId('device-status');
    this.uptime = page.getByTestId('device-availability-percent');
    this.log = page.getByTestId('service-log');
    this.rows = page.getByTestId('service-row');
    this.newButton = page.getByTestId('service-log-new');
    this.dialog = page.getByRole('dialog');
  }

  async openDevice(id: string): Promise<void> {
    await this.open(`/devices/${id}?tab=service`);
    await expect(this.page.getByRole('tab', { name: /Обслуживание|Service/ })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(this.uptime).toBeVisible();
  }

  /** The availability figure (100 % − total unavailability) as a number: `99,73 %` → 99.73. */
  async uptimePercent(): Promise<number> {
    const text = (await this.uptime.textContent()) ?? '';
    return Number(text.replace(/[^\d,.]/g, '').replace(',', '.'));
  }

  /** Logs an event through the dialog; times as typed in the app, `27.11.2026 09:30`. */
  async logEvent(e: { type: RegExp; reportedAt: string; description: string; cost?: string }) {
    await this.newButton.click();
    await expect(this.dialog).toBeVisible();
    await expectAccessible(this.page, 'new service event');
    await this.dialog.getByTestId('event-type').click();
    await this.page.getByRole('option', { name: e.type }).click();
    await this.dialog.getByTestId('event-reported').fill(e.reportedAt);
    await this.dialog.getByTestId('event-description').fill(e.description);
    if (e.cost) await this.dialog.getByTestId('event-cost').fill(e.cost);
    await this.dialog.getByTestId('event-save').click();
    await expect(this.dialog).toBeHidden();
  }

  /** Resolves the open event of this row now. */
  async resolve(row: Locator): Promise<void> {
    await row.getByTestId('service-resolve').click();
    await expect(this.dialog).toBeVisible();
    await expectAccessible(this.page, 'resolve service event');
    await this.dialog.getByTestId('resolve-save').click();
    await expect(this.dialog).toBeHidden();
  }
}
