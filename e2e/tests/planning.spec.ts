import { expect, type Locator, type Page } from '@playwright/test';
import { ShellPage } from '../pages/shell.page.js';
import { test } from '../support/fixtures.js';

/** The Planning section's priorities tab. */
class PlanningPage extends ShellPage {
  readonly rows: Locator;
  readonly explanation: Locator;

  constructor(page: Page) {
    super(page);
    this.rows = page.getByTestId('priority-row');
    this.explanation = page.getByTestId('priority-explanation');
  }

  async openPriorities(): Promise<void> {
    await this.open('/planning');
    await expect(this.rows.first()).toBeVisible();
  }
}

const num = (s: string) => Number(s.replace(/\s/g, '').replace(',', '.'));

test.describe('planning', () => {
  test('a procurement officer reads why a device is due and follows it to its page', async ({
    page,
    signedInAs,
  }) => {
    // Scoring the whole demo city is one query, but shared build machines can be slow.
    test.setTimeout(180_000);
    await signedInAs('procurement');
    const p = new PlanningPage(page);
    await p.openPriorities();
    await expect(p.navLinks().filter({ hasText: 'Планирование' })).toHaveCount(1);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Планирование замены');

    // Ranked by score, highest first.
    const scores = (await page.getByTestId('priority-score').allTextContents()).map(num);
    expect(scores.length).toBe(50);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);

    // The first row's explanation names every factor, with the score in its title.
    const first = p.rows.first();
    const inventory = (await first.locator('strong').first().textContent())!.trim();
    await first.click();
    await expect(p.explanation).toBeVisible();
    await expect(p.explanation.getByRole('heading')).toContainText(inventory);
    await expect(p.explanation.locator('li')).toHaveCount(8);
    await expect(p.explanation).toContainText('Возраст');
    await expect(p.explanation).toContainText('Срок службы');

    const score = (await p.explanation.getByRole('heading').textContent())!;
    await page.getByTestId('priority-open-device').click();
    await expect(page).toHaveURL(/\/devices\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('device-title')).toContainText(inventory);

    // The device page's Replacement card says the same score and band, and why its life is what it is.
    const card = page.getByTestId('replacement-card');
    await expect(card).toContainText('Замена');
    const cardScore = (await card.getByTestId('replacement-score').textContent())!;
    expect(score).toContain(cardScore.replace(/^.*: /, '').replace(/ из 100$/, ''));
    await expect(card.getByTestId('replacement-band')).not.toBeEmpty();
    await expect(card.getByTestId('replacement-life')).toContainText('Срок службы');
    await card.getByRole('button', { name: /Почему/ }).click();
    await expect(card.getByTestId('replacement-factors').locator('li')).toHaveCount(8);

    // …and leads back to the explanation among the priorities.
    await card.getByTestId('replacement-explanation-link').click();
    await expect(page).toHaveURL(/\/planning\?/);
    await expect(p.explanation).toBeVisible();
    await expect(p.explanation.getByRole('heading')).toContainText(inventory);
  });

  test('an administrator edits the weights, with a message for a wrong value', async ({
    page,
    signedInAs,
  }) => {
    test.setTimeout(120_000);
    await signedInAs('admin');
    await page.goto('/planning');
    await expect(page.getByTestId('priority-row').first()).toBeVisible({ timeout: 60_000 });
    await page.getByRole('tab', { name: 'Справочники' }).click();
    const weights = page.getByTestId('ref-weights');
    await expect(weights.getByTestId('weights')).toBeVisible();
    const version = (await weights.locator('.meta').textContent())!;
    await weights.getByTestId('edit-weights').click();
    const field = weights.getByTestId('weight-NO_BACKUP');
    const before = await field.inputValue();
    await field.fill('абв');
    await weights.getByTestId('ref-save').click();
    await expect(weights).toContainText('Целое число от 0 до 1000.');
    await field.fill(before);
    await weights.getByTestId('ref-save').click();
    await expect(weights.getByTestId('weights')).toBeVisible();
    await expect(weights.locator('.meta')).not.toHaveText(version);
  });
});
