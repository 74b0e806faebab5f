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
import { routeOf, wasChecked } from '../support/a11y.js';
import { DEMO_PASSWORD, demoEmail, expect, expectAccessible, test } from '../support/fixtures.js';

/**
 * Every routed page of the app (frontend/src/app/app.routes.ts and the import route files) and the
 * dialogs they open, checked with axe-core: no serious or critical WCAG 2.1 A/AA violation. The
 * journeys check each page they pass through (support/fixtures.ts) and note it in the run's ledger
 * (support/a11y.ts); this spec runs after them (its own Playwright project, which depends on the
 * journeys') and checks the pages and dialogs that no journey reached, so that none is left out,
 * whichever journeys exist, and none is checked twice. A new page or dialog goes in the lists below.
 */
async function adminAuth(request: APIRequestContext): Promise<Record<string, string>> {
  const login = await request.post('/api/auth/login', {
    data: { email: demoEmail('admin'), password: DEMO_PASSWORD },
  });
  expect(login.status(), await login.text()).toBe(200);
  const { accessToken } = (await login.json()) as LoginResponse;
  return { Authorization: `Bearer ${accessToken}` };
}

async function firstOf<T>(
  request: APIRequestContext,
  headers: Record<string, string>,
  path: string,
): Promise<T> {
  const res = await request.get(path, { headers });
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
  /** Ids of one record of each kind, for the pages of one record. */
  async function ids(request: APIRequestContext) {
    const auth = await adminAuth(request);
    return {
      facility: (await firstOf<FacilityResponse>(request, auth, '/api/facilities?pageSize=1')).id,
      device: (
        await firstOf<DeviceResponse>(
          request,
          auth,
          '/api/devices?pageSize=1&status=IN_SERVICE&sort=inventoryNumber',
        )
      ).id,
      contract: (await firstOf<ContractResponse>(request, auth, '/api/contracts?pageSize=1')).id,
      supplier: (await firstOf<SupplierResponse>(request, auth, '/api/suppliers?pageSize=1')).id,
    };
  }
  type Ids = Awaited<ReturnType<typeof ids>>;

  /** Each routed page an administrator can open (all of them). */
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

  /** Each dialog, opened by its button on its page. */
  const dialogs: [string, (id: Ids) => string, string][] = [
    ['new facility', () => '/facilities', 'facility-new'],
    ['device status', (id) => `/devices/${id.device}`, 'device-change-status'],
    ['new contract', () => '/contracts', 'contract-new'],
    ['new archive', () => '/archives', 'archive-new'],
    ['new user', () => '/users', 'user-new'],
  ];

  /** The ledger's key of a page (ids as `:id`), with a dialog's name. */
  const keyOf = (path: string, what = '') =>
    `${routeOf(new URL(path, 'http://app').href)}${what ? ` [${what}]` : ''}`;

  test('every page and dialog that no journey checked', async ({ page, request, signedInAs }) => {
    const id = await ids(request);
    const here: string[] = [];
    if (!wasChecked(keyOf('/login'))) {
      here.push('sign-in (signed out)');
      await new ShellPage(page).open('/login');
      await expect.soft(page.locator('input[type=email]')).toBeVisible();
    }
    await signedInAs('admin');
    for (const [name, path] of pages) {
      const url = path(id);
      if (wasChecked(keyOf(url))) continue;
      here.push(name);
      await new ShellPage(page).open(url); // checks the page
      await expect.soft(page.locator('main'), name).not.toBeEmpty();
    }
    for (const [name, path, opener] of dialogs) {
      const url = path(id);
      if (wasChecked(keyOf(url, name))) continue;
      here.push(`dialog: ${name}`);
      await new ShellPage(page).open(url);
      await checkDialog(page, page.getByTestId(opener), name);
    }
    if (!wasChecked(keyOf('/', 'user menu')) || !wasChecked(keyOf('/', 'change password'))) {
      here.push('user menu and change password');
      await new ShellPage(page).open('/');
      await page.getByTestId('user-menu').click();
      await expectAccessible(page, 'user menu');
      await checkDialog(
        page,
        page.getByRole('menuitem', { name: /Сменить пароль|Change password/ }),
        'change password',
      );
    }
    const all = [
      keyOf('/login'),
      ...pages.map(([, path]) => keyOf(path(id))),
      ...dialogs.map(([name, path]) => keyOf(path(id), name)),
      keyOf('/', 'user menu'),
      keyOf('/', 'change password'),
    ];
    console.log(
      `accessibility: ${here.length} checked here (${here.join(', ') || 'none'}); ` +
        `${all.length - here.length} of ${all.length} by the journeys`,
    );
    // None left out: each was checked in this run, by a journey or just now.
    expect(all.filter((key) => !wasChecked(key))).toEqual([]);
  });
});
