import { expect, type Locator, type Page } from '@playwright/test';
import { ShellPage } from './shell.page.js';
import { expectAccessible } from '../support/a11y.js';

/** The city-wide utilisation page: period and grouping (in the URL), rollups, charts, rankings. */
export class UtilisationPage extends ShellPage {
  readonly heading: Locator;
  readonly groups: Locator;
  readonly groupRows: Locator;
  readonly charts: Locator;
  readonly overUsed: Locator;
  readonly underUsed: Locator;

  constructor(page: Page) {
    super(page);
    this.heading = page.getByRole('heading', { level: 1 });
    this.groups = page.getByTestId('utilisation-groups');
    this.groupRows = page.getByTestId('utilisation-group-row');
    this.charts = page.locator('canvas[basechart], canvas[baseChart]');
    this.overUsed = page.getByTestId('ranking-over');
    this.underUsed = page.getByTestId('ranking-under');
  }

  async openList(query = ''): Promise<void> {
    await this.open(`/utilisation${query}`);
    await expect(this.groups).toBeVisible({ timeout: 20_000 });
  }

  async groupBy(group: 'MODALITY' | 'DISTRICT' | 'FACILITY'): Promise<void> {
    await this.page.locator(`mat-button-toggle[data-group="${group}"] button`).click();
  }

  async choosePeriod(period: 'month' | 'quarter' | 'year'): Promise<void> {
    await this.page.locator(`mat-button-toggle[data-period="${period}"] button`).click();
  }

  /** The cells of a rollup row: the group's name, then its figures as shown. */
  async rowTexts(i: number): Promise<string[]> {
    return (await this.groupRows.nth(i).locator('th, td').allTextContents()).map((t) => t.trim());
  }
}

export interface NewArchive {
  name: string;
  baseUrl: string;
  enabled?: boolean;
}

/** The image archive section: connections, runs, the discovered-devices inbox and mappings. */
export class ArchivesPage extends ShellPage {
  readonly newButton: Locator;
  readonly dialog: Locator;
  readonly discovered: Locator;
  readonly mappings: Locator;

  constructor(page: Page) {
    super(page);
    this.newButton = page.getByTestId('archive-new');
    this.dialog = page.getByRole('dialog');
    this.discovered = page.getByTestId('discovered');
    this.mappings = page.getByTestId('mappings');
  }

  async openList(): Promise<void> {
    await this.open('/archives');
    await expect(this.newButton).toBeVisible();
  }

  card(name: string): Locator {
    return this.page.getByTestId('archive-card').filter({ hasText: name });
  }

  async create(a: NewArchive): Promise<void> {
    await this.newButton.click();
    await expect(this.dialog).toBeVisible();
    await expectAccessible(this.page, 'new archive');
    await this.dialog.getByTestId('archive-name').fill(a.name);
    await this.dialog.getByTestId('archive-url').fill(a.baseUrl);
    if (a.enabled === false)
      await this.dialog.getByTestId('archive-enabled').getByRole('checkbox').uncheck();
    await this.dialog.getByTestId('archive-save').click();
    await expect(this.dialog).toBeHidden();
    await expect(this.card(a.name)).toBeVisible();
  }

  async test(name: string): Promise<Locator> {
    const card = this.card(name);
    await card.getByTestId('archive-test').click();
    return card.getByTestId('archive-test-result');
  }

  async remove(name: string): Promise<void> {
    await this.card(name).getByTestId('archive-delete').click();
    await this.page.getByTestId('confirm-yes').click();
    await expect(this.card(name)).toHaveCount(0);
  }
}
