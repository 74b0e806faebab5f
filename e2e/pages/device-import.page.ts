import { expect, type Locator, type Page } from '@playwright/test';
import { ShellPage } from './shell.page.js';

/** The import wizard: file → check (dry run) → apply → result. */
export class DeviceImportPage extends ShellPage {
  readonly fileInput: Locator;
  readonly checkButton: Locator;
  readonly applyButton: Locator;
  readonly anotherFileButton: Locator;
  readonly rowErrors: Locator;
  readonly rows: Locator;
  readonly errorTotal: Locator;
  readonly createTotal: Locator;
  readonly done: Locator;
  readonly error: Locator;

  constructor(page: Page) {
    super(page);
    this.fileInput = page.getByTestId('import-file');
    this.checkButton = page.getByTestId('import-check');
    this.applyButton = page.getByTestId('import-apply');
    this.anotherFileButton = page.getByTestId('import-restart');
    this.rowErrors = page.getByTestId('import-row-errors');
    this.rows = page.getByTestId('import-row');
    this.errorTotal = page.getByTestId('import-total-error');
    this.createTotal = page.getByTestId('import-total-create');
    this.done = page.getByTestId('import-done');
    this.error = page.getByTestId('import-error');
  }

  async openWizard(): Promise<void> {
    await this.open('/devices/import');
    await expect(this.checkButton).toBeVisible();
  }

  /** Chooses a file and runs the check (a dry run). */
  async check(name: string, content: string | Buffer, mimeType = 'text/csv'): Promise<void> {
    await this.fileInput.setInputFiles({
      name,
      mimeType,
      buffer: Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
    });
    await expect(this.page.getByTestId('import-file-name')).toContainText(name);
    await this.checkButton.click();
  }
}
