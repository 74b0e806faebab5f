import { expect, test } from '@playwright/test';
import { HomePage } from '../pages/home.page.js';

test.describe('first visit', () => {
  test('opens the app and sees the live service status', async ({ page, request }) => {
    const health = await (await request.get('/api/health')).json();
    const home = new HomePage(page);
    await home.open('/');
    await expect(home.heading).toHaveText('Состояние системы');
    await expect(home.serviceStatus).toContainText('Работает');
    await expect(home.databaseStatus).toContainText('Доступна');
    await expect(home.version).toHaveText(health.version);
  });

  test('switches to English and back, and a reload keeps the choice', async ({ page }) => {
    const home = new HomePage(page);
    await home.open('/');
    await home.switchLanguage('en');
    await expect(home.heading).toHaveText('System status');
    await expect(home.serviceStatus).toContainText('Running');

    await page.reload();
    await expect(home.heading).toHaveText('System status');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');

    await home.switchLanguage('ru');
    await expect(home.heading).toHaveText('Состояние системы');
    await page.reload();
    await expect(home.heading).toHaveText('Состояние системы');
  });

  test('an unknown URL shows the not-found page with a way home', async ({ page }) => {
    const home = new HomePage(page);
    await home.open('/no/such/page');
    await expect(page.getByTestId('not-found')).toContainText('Страница не найдена');
    await expect(page.getByTestId('not-found')).toContainText('/no/such/page');
    await page.getByRole('link', { name: 'На главную' }).click();
    await expect(home.heading).toHaveText('Состояние системы');
  });

  test('the navigation is usable from the keyboard', async ({ page }) => {
    const home = new HomePage(page);
    await home.open('/no/such/page');
    await page.keyboard.press('Tab');
    await expect(page.getByText('Перейти к содержимому')).toBeFocused();
    const homeLink = home.nav.getByRole('link', { name: 'Главная' });
    await homeLink.focus();
    await page.keyboard.press('Enter');
    await expect(home.heading).toHaveText('Состояние системы');
  });
});
