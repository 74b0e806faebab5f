import { expect, type Locator, type Page } from '@playwright/test';
import { ShellPage } from './shell.page.js';
import { expectAccessible } from '../support/a11y.js';

/** One device: its details, the edit form, the status dialog and the history tab. */
export class DevicePage extends ShellPage {
  readonly title: Locator;
  readonly editButton: Locator;
  readonly statusButton: Locator;
  readonly readOnlyNotice: Locator;
  readonly saveButton: Locator;
  readonly formMessage: Locator;
  readonly history: Locator;

  constructor(page: Page) {
    super(page);
    this.title = page.getByTestId('device-title');
    this.editButton = page.getByTestId('device-edit');
    this.statusButton = page.getByTestId('device-change-status');
    this.readOnlyNotice = page.getByTestId('device-readonly');
    this.saveButton = page.getByTestId('device-save');
    this.formMessage = page.getByTestId('device-form-message');
    this.history = page.getByTestId('device-history');
  }

  async openDevice(id: string): Promise<void> {
    await this.open(`/devices/${id}`);
    await expect(this.title).toBeVisible();
  }

  field(name: string): Locator {
    return this.page.getByTestId(`device-field-${name}`);
  }

  /** A value on the details tab, by the device field it shows. */
  detail(field: string): Locator {
    return this.page.locator(`[data-field="${field}"] dd`);
  }

  async edit(values: Record<string, string>): Promise<void> {
    await this.editButton.click();
    for (const [name, value] of Object.entries(values)) await this.field(name).fill(value);
    await this.saveButton.click();
  }

  async openHistory(): Promise<void> {
    await this.page.getByRole('tab', { name: /История|History/ }).click();
    await expect(this.history).toBeVisible();
    await expectAccessible(this.page, 'history tab');
  }
}
