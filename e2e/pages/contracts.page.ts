import { expect, type Locator, type Page } from '@playwright/test';
import { ShellPage } from './shell.page.js';
import { expectAccessible } from '../support/a11y.js';

export interface NewContract {
  number: string;
  type: RegExp;
  supplier: string;
  subject: string;
  /** Dates as typed: `01.12.2026`. */
  signedOn?: string;
  startDate: string;
  endDate: string;
  value: string;
  milestones: { description: string; dueDate: string; amount: string }[];
  devices: string[];
}

/** The contract list and its create dialog. */
export class ContractsPage extends ShellPage {
  readonly table: Locator;
  readonly search: Locator;
  readonly newButton: Locator;
  readonly dialog: Locator;

  constructor(page: Page) {
    super(page);
    this.table = page.getByTestId('contract-table');
    this.search = page.getByRole('search').getByRole('textbox').first();
    this.newButton = page.getByTestId('contract-new');
    this.dialog = page.getByRole('dialog');
  }

  async openList(): Promise<void> {
    await this.open('/contracts');
    await expect(this.table).toBeVisible();
  }

  async create(c: NewContract): Promise<void> {
    await this.newButton.click();
    const d = this.dialog;
    await expect(d).toBeVisible();
    await expectAccessible(this.page, 'new contract');
    await d.getByTestId('contract-number').fill(c.number);
    await d.getByTestId('contract-type').click();
    await this.page.getByRole('option', { name: c.type }).click();
    await d.getByTestId('contract-supplier').click();
    await this.page.getByRole('option', { name: c.supplier }).first().click();
    await d.getByTestId('contract-subject').fill(c.subject);
    if (c.signedOn) await d.getByTestId('contract-signed').fill(c.signedOn);
    await d.getByTestId('contract-start').fill(c.startDate);
    await d.getByTestId('contract-end').fill(c.endDate);
    await d.getByTestId('contract-value').fill(c.value);
    for (const [i, m] of c.milestones.entries()) {
      if (i > 0) await d.getByTestId('milestone-add').click();
      const row = d.getByTestId(`milestone-${i}`);
      await row.getByTestId('milestone-description').fill(m.description);
      await row.getByTestId('milestone-due').fill(m.dueDate);
      await row.getByTestId('milestone-amount').fill(m.amount);
    }
    await d.getByTestId('contract-devices').fill(c.devices.join(', '));
    await d.getByTestId('contract-save').click();
    await expect(d).toBeHidden();
  }

  async searchFor(text: string): Promise<void> {
    await this.search.fill(text);
    await this.search.press('Enter');
  }

  row(number: string): Locator {
    return this.table.locator('tr', { hasText: number });
  }
}
