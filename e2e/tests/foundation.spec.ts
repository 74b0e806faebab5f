import { HomePage } from '../pages/home.page.js';
import { LoginPage } from '../pages/login.page.js';
import { expect, test } from '../support/fixtures.js';

test.describe('first visit', () => {
  test('opens the app on the executive home and sees the live service status in the footer', async ({ page, request, signedInAs }) => {
    const health = await (await request.get('/api/health')).json();
    await signedInAs('executive');
    const home = new HomePage(page);
    await home.open('/');
    await expect(home.heading).toHaveText('Парк оборудования города');
    await expect(home.serviceStatus).toContainText('Работает');
    await expect(home.databaseStatus).toContainText('Доступна');
    await expect(home.version).toHaveText(health.version);
  });

  test('switches to English and back, and a reload keeps the choice', async ({ page }) => {
    const login = new LoginPage(page);
    await login.open('/login');
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toHaveText('Вход в RadFleet');
    await login.switchLanguage('en');
    await expect(heading).toHaveText('Sign in to RadFleet');

    await page.reload();
    await expect(heading).toHaveText('Sign in to RadFleet');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');

    await login.switchLanguage('ru');
    await expect(heading).toHaveText('Вход в RadFleet');
    await page.reload();
    await expect(heading).toHaveText('Вход в RadFleet');
  });

  test('an unknown URL shows the not-found page with a way home', async ({ page, signedInAs }) => {
    await signedInAs('executive');
    const home = new HomePage(page);
    await home.open('/no/such/page');
    await expect(page.getByTestId('not-found')).toContainText('Страница не найдена');
    await expect(page.getByTestId('not-found')).toContainText('/no/such/page');
    await page.getByRole('link', { name: 'На главную' }).click();
    await expect(home.heading).toHaveText('Парк оборудования города');
  });

  test('the navigation is usable from the keyboard', async ({ page, signedInAs }) => {
    await signedInAs('executive');
    const home = new HomePage(page);
    await home.open('/facilities');
    await page.keyboard.press('Tab');
    await expect(page.getByText('Перейти к содержимому')).toBeFocused();
    const homeLink = home.nav.getByRole('link', { name: 'Главная' });
    await homeLink.focus();
    await page.keyboard.press('Enter');
    await expect(home.heading).toHaveText('Парк оборудования города');
  });
});
