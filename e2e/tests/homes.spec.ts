import { expect, type Locator, type Page } from '@playwright/test';
import { ShellPage } from '../pages/shell.page.js';
import { expectAccessible, test } from '../support/fixtures.js';

/** The number in a text such as "Найдено устройств: 1 234". */
async function numberIn(locator: Locator): Promise<number> {
  const text = (await locator.innerText()).replace(/[^\d]/g, '');
  expect(text, 'a number').not.toBe('');
  return Number(text);
}

const tile = (page: Page, key: string) => page.getByTestId(`tile-${key}`);

/** The open-alerts badge's number; 0 when the badge is not shown. */
async function badge(page: Page): Promise<number> {
  const b = page.getByTestId('alerts-badge');
  if ((await b.count()) === 0) return 0;
  return numberIn(b.locator('span[aria-hidden="true"]'));
}

test.describe('role homes', () => {
  // Each journey opens three or four pages of the demo city and checks each with axe; on a shared,
  // busy machine that takes over a minute, so each test gets three.
  test.describe.configure({ timeout: 180_000 });

  test('the executive lands on the city’s fleet; a KPI drills down to the list with the same figure', async ({
    page,
    signedInAs,
  }) => {
    await signedInAs('executive');
    const shell = new ShellPage(page);
    await shell.open('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Парк оборудования города');
    for (const key of ['INSTALLED_DEVICES', 'DIGITAL_SHARE', 'MEDIAN_AGE', 'CONTRACTS_EXPIRING_90'])
      await expect(tile(page, key)).toBeVisible();
    await expect(page.getByTestId('home-heatmap')).toBeVisible();
    await expect(page.getByTestId('service-status')).toContainText('Работает');

    const expiring = await numberIn(tile(page, 'CONTRACTS_EXPIRING_90').getByTestId('tile-value'));
    await tile(page, 'CONTRACTS_EXPIRING_90').click();
    await expect(page).toHaveURL(/\/contracts\?status=EXPIRING/);
    const total = page.locator('rf-contract-list-page span.total');
    await expect(total).toContainText(String(expiring % 10));
    expect(await numberIn(total)).toBe(expiring);
    await expectAccessible(page);

    // The district filter is kept in the URL.
    await shell.open('/?district=CAO');
    await expect(page.getByTestId('home-district')).toContainText('Центральный');
    await expect(tile(page, 'INSTALLED_DEVICES')).toBeVisible();
  });

  test('the facility manager lands on what needs their hands; past life drills down to their devices', async ({
    page,
    signedInAs,
  }) => {
    await signedInAs('manager');
    const shell = new ShellPage(page);
    await shell.open('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Что требует внимания');
    for (const key of ['past-life', 'under-repair', 'silent', 'open-alerts'])
      await expect(tile(page, key)).toBeVisible();
    await expect(page.getByTestId('home-events')).toBeVisible();
    await expect(page.getByTestId('home-changes')).toBeVisible();

    const pastLife = await numberIn(tile(page, 'past-life').getByTestId('tile-value'));
    await tile(page, 'past-life').click();
    await expect(page).toHaveURL(/\/devices\?.*overdue=true/);
    await expect(page).toHaveURL(/facilityId=/);
    const total = page.getByTestId('device-total');
    await expect(total).toContainText(String(pastLife % 10));
    expect(await numberIn(total)).toBe(pastLife);
  });

  test('procurement lands on what is due and expiring; a band drills down to the priorities', async ({
    page,
    signedInAs,
  }) => {
    await signedInAs('procurement');
    const shell = new ShellPage(page);
    await shell.open('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Сроки и замены');
    for (const key of ['replace-now', 'within-2-years', 'expiring', 'sla-breach'])
      await expect(tile(page, key)).toBeVisible();
    await expect(page.getByTestId('home-milestones')).toBeVisible();

    const value = tile(page, 'replace-now').getByTestId('tile-value');
    await expect(value).not.toHaveText('…');
    const replaceNow = await numberIn(value);
    await tile(page, 'replace-now').click();
    await expect(page).toHaveURL(/\/planning\?band=REPLACE_NOW/);
    await expect(page.getByTestId('priority-band')).toContainText('Заменить сейчас');
    const total = page.getByTestId('priority-total');
    await expect(total).toContainText(String(replaceNow % 10));
    expect(await numberIn(total)).toBe(replaceNow);
  });

  test('an alert the facility manager acknowledges leaves their badge', async ({
    page,
    signedInAs,
  }) => {
    await signedInAs('manager');
    const shell = new ShellPage(page);
    await shell.open('/alerts');
    const first = page.getByTestId('alert-item').first();
    await expect(first).toBeVisible();
    await expect(page.getByTestId('alerts-badge')).toBeVisible();
    const before = await badge(page);
    const listed = await numberIn(page.getByTestId('alerts-total'));
    expect(before).toBe(listed);

    await first.getByTestId('alert-ack').click();
    await first.getByTestId('alert-comment').fill('Заявка на сервисный договор отправлена');
    await expectAccessible(page, 'acknowledge form');
    await first.getByTestId('alert-ack-save').click();
    await expect(page.getByTestId('alerts-total')).toContainText(String((listed - 1) % 10));
    await expect.poll(() => badge(page)).toBe(before - 1);

    // It is listed among the acknowledged ones, with its comment.
    await page.getByTestId('alerts-state').locator('[data-status="ACKNOWLEDGED"] button').click();
    await expect(page).toHaveURL(/status=ACKNOWLEDGED/);
    await expect(page.getByTestId('alert-ack-note').first()).toContainText(
      'Заявка на сервисный договор отправлена',
    );
  });
});
