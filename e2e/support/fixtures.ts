import { test as base, expect, type Page } from '@playwright/test';
import { expectAccessible, routeOf, wasChecked } from './a11y.js';

export type DemoRole = 'admin' | 'procurement' | 'manager' | 'executive';
export const DEMO_PASSWORD = 'radfleet-demo';
export const demoEmail = (role: DemoRole) => `${role}@radfleet.demo`;

/**
 * Signs a browser context in through the API, as the login page would: the context's request
 * shares the browser's cookie jar, so the app finds the refresh cookie and restores the session.
 */
export async function signIn(page: Page, role: DemoRole): Promise<void> {
  const res = await page.context().request.post('/api/auth/login', {
    data: { email: demoEmail(role), password: DEMO_PASSWORD },
  });
  expect(res.status(), await res.text()).toBe(200);
}

export const test = base.extend<{
  signedInAs: (role: DemoRole) => Promise<void>;
  accessibility: void;
}>({
  signedInAs: async ({ page }, use) => {
    await use((role) => signIn(page, role));
  },
  /**
   * axe-core on every page a journey visits (automatic): page objects check each page they open and
   * each dialog they show; when the test has passed, this checks the page it ends on (and a dialog
   * left open), then opens again each page it went through by a link or a button that no one has
   * checked yet in this worker, and checks it.
   */
  accessibility: [
    async ({ page }, use, testInfo) => {
      const visited = new Map<string, string>();
      page.on('framenavigated', (frame) => {
        if (frame !== page.mainFrame() || !frame.url().startsWith('http')) return;
        const route = routeOf(frame.url());
        if (!visited.has(route)) visited.set(route, frame.url());
      });
      await use();
      if (testInfo.status !== testInfo.expectedStatus || page.isClosed()) return;
      if (page.url().startsWith('http')) {
        const dialog = page.getByRole('dialog');
        const name = (await dialog.count()) > 0 ? 'dialog at the end' : '';
        await expectAccessible(page, name);
      }
      for (const [route, url] of visited) {
        if (wasChecked(route)) continue;
        testInfo.setTimeout(testInfo.timeout + 30_000);
        await page.goto(url);
        await expectAccessible(page);
      }
    },
    { auto: true },
  ],
});

export { expect, expectAccessible };
