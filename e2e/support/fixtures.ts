import { test as base, expect, type Page } from '@playwright/test';

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

export const test = base.extend<{ signedInAs: (role: DemoRole) => Promise<void> }>({
  signedInAs: async ({ page }, use) => {
    await use((role) => signIn(page, role));
  },
});

export { expect };
