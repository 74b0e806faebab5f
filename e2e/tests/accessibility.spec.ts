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

  /** Ids of one record of each kind, for the pages of one record. */
  async function ids(request: APIRequestContext) {
    return {
      facility: (await firstOf<FacilityResponse>(request, '/api/facilities?pageSize=1')).id,
      device: (
        await firstOf<DeviceResponse>(
          request,
          '/api/devices?pageSize=1&status=IN_SERVICE&sort=inventoryNumber',
        )
      ).id,
      contract: (await firstOf<ContractResponse>(request, '/api/contracts?pageSize=1')).id,
      supplier: (await firstOf<SupplierResponse>(request, '/api/suppliers?pageSize=1')).id,
    };
  }
  type Ids = Awaited<ReturnType<typeof ids>>;

  /** Each routed page an administrator can open (all of them), one test each. */
  const pages: [string, (id: Ids) => string][] = [
    ['home', () => '/'],
    ['facilities', () => '/facilities'],
    ['one facility', (id) => `/facilities/${id.facility}`],
    ['devices', () => '/devices'],
    ['new device', () => '/devices/new'],
    ['device import', () => '/devices/import'],
    ['one device', (id) => `/devices/${id.device}`],
    ['contracts', () => '/contracts'],
    ['one contract', (id) => `/contracts/${id.contract}`],
    ['suppliers', () => '/suppliers'],
    ['one supplier', (id) => `/suppliers/${id.supplier}`],
    ['alerts', () => '/alerts'],
    ['utilisation', () => '/utilisation'],
    ['hand-count import', () => '/utilisation/import'],
    ['reports', () => '/reports'],
    ['archives', () => '/archives'],
    ['audit trail', () => '/audit'],
    ['users', () => '/users'],
    ['not found', () => '/no/such/page'],
  ];
  for (const [name, path] of pages) {
    test(`the page: ${name}`, async ({ page, request, signedInAs }) => {
      const url = path(await ids(request));
      await signedInAs('admin');
      await new ShellPage(page).open(url);
      await expect(page.locator('main')).not.toBeEmpty();
      await expectAccessible(page);
    });
  }

  /** Each dialog, opened by its button on its page. */
  const dialogs: [string, (id: Ids) => string, string][] = [
    ['new facility', () => '/facilities', 'facility-new'],
    ['device status', (id) => `/devices/${id.device}`, 'device-change-status'],
    ['new contract', () => '/contracts', 'contract-new'],
    ['new archive', () => '/archives', 'archive-new'],
    ['new user', () => '/users', 'user-new'],
  ];
  for (const [name, path, opener] of dialogs) {
    test(`the dialog: ${name}`, async ({ page, request, signedInAs }) => {
      const url = path(await ids(request));
      await signedInAs('admin');
      await new ShellPage(page).open(url);
      await checkDialog(page, page.getByTestId(opener), name);
    });
  }

  test('the user menu and the change-password dialog', async ({ page, signedInAs }) => {
    await signedInAs('admin');
    await new ShellPage(page).open('/');
    await page.getByTestId('user-menu').click();
    await expectAccessible(page, 'user menu');
    await checkDialog(
      page,
      page.getByRole('menuitem', { name: /Сменить пароль|Change password/ }),
      'change password',
    );
  });
});
