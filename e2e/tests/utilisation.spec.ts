import { DISTRICT_NAMES } from '@radfleet/shared';
import { ArchivesPage, UtilisationPage } from '../pages/utilisation.page.js';
import { expect, test } from '../support/fixtures.js';

test.describe('utilisation', () => {
  test('an executive groups the city-wide utilisation by district', async ({
    page,
    signedInAs,
  }) => {
    await signedInAs('executive');
    const u = new UtilisationPage(page);
    await u.openList();
    await expect(u.heading).toHaveText('Загрузка');
    // Executives read utilisation but administer no archives.
    await expect(u.navLinks().filter({ hasText: 'Загрузка' })).toHaveCount(1);
    await expect(u.navLinks().filter({ hasText: 'Архивы изображений' })).toHaveCount(0);
    await expect(u.charts).toHaveCount(2);

    await u.groupBy('DISTRICT');
    await expect(page).toHaveURL(/groupBy=district/);
    await expect(u.groupRows).toHaveCount(12);
    const names = Object.values(DISTRICT_NAMES).map((d) => d.ru);
    for (let i = 0; i < 12; i++) {
      const [name, devices, studies, , , , pct] = await u.rowTexts(i);
      expect(names).toContain(name);
      // Figures in ru-RU format: digits grouped by (narrow) no-break spaces.
      expect(Number(devices!.replace(/\s/g, ''))).toBeGreaterThan(0);
      expect(Number(studies!.replace(/\s/g, ''))).toBeGreaterThan(0);
      expect(pct).toMatch(/^\d[\d\s]*(,\d)?\s%$/);
    }

    // The state is in the URL: a reload keeps the grouping and the period.
    await u.choosePeriod('quarter');
    await expect(page).toHaveURL(/period=quarter/);
    await page.reload();
    await expect(u.groupRows).toHaveCount(12);
    await expect(page.locator('mat-button-toggle[data-group="DISTRICT"]')).toHaveClass(
      /mat-button-toggle-checked/,
    );
    await expect(page.locator('mat-button-toggle[data-period="quarter"]')).toHaveClass(
      /mat-button-toggle-checked/,
    );
    await expect(u.overUsed).toBeVisible();
    await expect(u.underUsed).toBeVisible();
    // The thresholds are editable and kept in the URL too.
    await page.getByTestId('utilisation-over').fill('80');
    await page.getByTestId('utilisation-over').press('Enter');
    await page.getByTestId('utilisation-over').blur();
    await expect(page).toHaveURL(/over=80/);
    await expect(u.overUsed.getByRole('heading')).toHaveText('Загрузка выше 80 %');
    // Executives cannot import hand counts.
    await expect(page.getByTestId('utilisation-import')).toHaveCount(0);
  });

  test('an administrator adds an unreachable archive, tests it and sees the error', async ({
    page,
    signedInAs,
  }) => {
    await signedInAs('admin');
    const archives = new ArchivesPage(page);
    await archives.openList();

    // Nothing has been synced in a fresh city: the inbox is empty.
    await expect(archives.discovered.getByTestId('empty')).toContainText(
      'Неопознанных устройств нет.',
    );

    const name = `E2E PACS ${Date.now() % 1_000_000}`;
    await archives.create({ name, baseUrl: 'http://127.0.0.1:9/dicom-web', enabled: false });
    await expect(archives.card(name)).toContainText('http://127.0.0.1:9/dicom-web');
    await expect(archives.card(name)).toContainText('Выключено');

    const result = await archives.test(name);
    await expect(result).toBeVisible({ timeout: 20_000 });
    await expect(result).toContainText('Архив не отвечает');
    await expect(result).toHaveAttribute('role', 'alert');

    await archives.remove(name);
  });
});
