import { LoginPage } from '../pages/login.page.js';
import { DEMO_PASSWORD, demoEmail, expect, test, type DemoRole } from '../support/fixtures.js';

const COMMON = [
  'Главная',
  'Учреждения',
  'Устройства',
  'Контракты',
  'Поставщики',
  'Оповещения',
  'Загрузка',
  'Планирование',
  'Отчёты',
];
const NAV: Record<DemoRole, string[]> = {
  admin: [...COMMON, 'Архивы изображений', 'Пользователи', 'Журнал изменений', 'Документация API'],
  procurement: [...COMMON, 'Документация API'],
  manager: [...COMMON, 'Документация API'],
  executive: [...COMMON, 'Документация API'],
};

test.describe('accounts and roles', () => {
  for (const role of Object.keys(NAV) as DemoRole[]) {
    test(`${role} signs in on the login page and sees their navigation`, async ({ page }) => {
      const login = new LoginPage(page);
      await login.open('/');
      await login.expectShown();
      await login.signIn(demoEmail(role), DEMO_PASSWORD);
      await expect(page).toHaveURL(/\/$/);
      await expect(login.navLinks()).toHaveText(NAV[role]);
      // A reload keeps the session (refresh cookie), the access token was in memory only.
      await page.reload();
      await expect(login.navLinks()).toHaveText(NAV[role]);
      if (role !== 'admin') {
        await page.goto('/users');
        await expect(page).toHaveURL(/\/$/);
        await page.goto('/audit');
        await expect(page).toHaveURL(/\/$/);
        await page.goto('/archives');
        await expect(page).toHaveURL(/\/$/);
      }
    });
  }

  test('a wrong password shows the message and does not sign in', async ({ page }) => {
    const login = new LoginPage(page);
    await login.open('/login');
    await login.signIn(demoEmail('executive'), 'not-the-password');
    await expect(login.error).toHaveText('Неверная почта или пароль.');
    await login.expectShown();
  });

  test('signs out, and the session is gone after a reload', async ({ page, signedInAs }) => {
    await signedInAs('procurement');
    const login = new LoginPage(page);
    await login.open('/facilities');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Учреждения');
    await login.signOut();
    await login.expectShown();
    await page.goto('/facilities');
    await login.expectShown();
    await expect(page).toHaveURL(/returnUrl=%2Ffacilities/);
  });

  test('an administrator creates a facility manager with facilities, who then signs in', async ({
    page,
    signedInAs,
  }) => {
    await signedInAs('admin');
    await page.goto('/users');
    await page.getByTestId('user-new').click();
    const email = `fm-${Date.now()}@radfleet.test`;
    await page.getByTestId('user-email').fill(email);
    await page.getByTestId('user-name').fill('Анна Смирнова');
    await page.getByTestId('user-facilities').click();
    await page.getByRole('option').first().click();
    await page.keyboard.press('Escape');
    await page.getByTestId('user-password').fill('a-new-manager-secret');
    await page.getByTestId('user-save').click();
    await expect(page.getByTestId('user-table')).toContainText(email);

    await page.context().clearCookies();
    const login = new LoginPage(page);
    await login.open('/login');
    await login.signIn(email, 'a-new-manager-secret');
    await expect(page.getByTestId('user-menu')).toContainText('Анна Смирнова');
  });
});

test('an administrator reads who changed a facility in the audit trail', async ({
  page,
  signedInAs,
}) => {
  await signedInAs('admin');
  await page.goto('/facilities');
  await page.getByTestId('facility-new').click();
  const code = `E2E-${Date.now() % 100000}`;
  await page.getByTestId('facility-code').fill(code);
  await page.getByTestId('facility-name-input').fill('Поликлиника для проверки журнала');
  await page.getByLabel('Краткое наименование').fill('ПП');
  await page.getByTestId('facility-save').click();
  await expect(page.getByTestId('facility-name')).toHaveText('Поликлиника для проверки журнала');
  await page.getByTestId('facility-edit').click();
  await page.getByTestId('facility-name-input').fill('Поликлиника № 1 для проверки журнала');
  await page.getByTestId('facility-save').click();
  await expect(page.getByTestId('facility-name')).toHaveText(
    'Поликлиника № 1 для проверки журнала',
  );

  await page.goto('/audit');
  const table = page.getByTestId('audit-table');
  await expect(table).toContainText('admin@radfleet.demo');
  await expect(table.locator('tr').nth(1)).toContainText('Изменение');
  await expect(table.locator('tr').nth(1)).toContainText(
    'Поликлиника для проверки журнала → Поликлиника № 1 для проверки журнала',
  );
});
