import type { APIRequestContext, Locator, Page } from '@playwright/test';
import type {
  ContractResponse,
  DeviceResponse,
  FacilityResponse,
  LoginResponse,
  Paged,
  SupplierResponse,
} from '@radfleet/shared';
import { ShellPage } from '../pages/shell.page.js';
import { DEMO_PASSWORD, demoEmail, expect, expectAccessible, test } from '../support/fixtures.js';

/**
 * Every routed page of the app (frontend/src/app/app.routes.ts and the import route files) and the
 * dialogs they open, checked with axe-core: no serious or critical WCAG 2.1 A/AA violation. The
 * other journeys check the pages they pass through as well (support/fixtures.ts); this one makes
 * sure that none is left out, whichever journeys exist.
 */
async function firstOf<T>(request: APIRequestContext, path: string): Promise<T> {
  const login = await request.post('/api/auth/login', {
    data: { email: demoEmail('admin'), password: DEMO_PASSWORD },
  });
  const { accessToken } = (await login.json()) as LoginResponse;
  const res = await request.get(path, { headers: { Authorization: `Bearer ${accessToken}` } });
  expect(res.status(), await res.text()).toBe(200);
  const item = ((await res.json()) as Paged<T>).items[0];
  expect(item, path).toBeDefined();
  return item as T;
}

/** Opens a dialog with `opener`, checks the page with it open, and closes it with Escape. */
async function checkDialog(page: Page, opener: Locator, name: string): Promise<void> {
  await opener.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expectAccessible(page, name);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

test.describe('accessibility of every page', () => {
  test('the sign-in page, signed out', async ({ page }) => {
    await new ShellPage(page).open('/login');
    await expect(page.locator('input[type=email]')).toBeVisible();
    await expectAccessible(page);
  });

  test('every page an administrator can open, with its dialogs', async ({
    page,
    request,
    signedInAs,
  }) => {
    test.setTimeout(180_000);
    const facility = await firstOf<FacilityResponse>(request, '/api/facilities?pageSize=1');
    const device = await firstOf<DeviceResponse>(
      request,
      '/api/devices?pageSize=1&status=IN_SERVICE&sort=inventoryNumber',
    );
    const contract = await firstOf<ContractResponse>(request, '/api/contracts?pageSize=1');
    const supplier = await firstOf<SupplierResponse>(request, '/api/suppliers?pageSize=1');
    await signedInAs('admin');
    const shell = new ShellPage(page);

    const pages = [
      '/',
      '/facilities',
      `/facilities/${facility.id}`,
      '/devices',
      '/devices/new',
      '/devices/import',
      `/devices/${device.id}`,
      '/contracts',
      `/contracts/${contract.id}`,
      '/suppliers',
      `/suppliers/${supplier.id}`,
      '/alerts',
      '/utilisation',
      '/utilisation/import',
      '/archives',
      '/audit',
      '/users',
      '/no/such/page',
    ];
    for (const path of pages) {
      await shell.open(path);
      await expect(page.locator('main')).not.toBeEmpty();
      await expectAccessible(page);
    }

    await shell.open('/facilities');
    await checkDialog(page, page.getByTestId('facility-new'), 'new facility');
    await shell.open(`/devices/${device.id}`);
    await checkDialog(page, page.getByTestId('device-change-status'), 'device status');
    await shell.open('/contracts');
    await checkDialog(page, page.getByTestId('contract-new'), 'new contract');
    await shell.open('/archives');
    await checkDialog(page, page.getByTestId('archive-new'), 'new archive');
    await shell.open('/users');
    await checkDialog(page, page.getByTestId('user-new'), 'new user');
    await page.getByTestId('user-menu').click();
    await expectAccessible(page, 'user menu');
    await checkDialog(
      page,
      page.getByRole('menuitem', { name: /Сменить пароль|Change password/ }),
      'change password',
    );
  });
});
