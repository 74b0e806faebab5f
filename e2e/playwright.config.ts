import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { chooseChromium } from './support/browser.js';

// Two projects: the journeys (every spec in tests/ but the accessibility one), then
// tests/accessibility.spec.ts, which depends on them. axe-core checks every page a journey opens
// (support/fixtures.ts, support/a11y.ts) and notes it in the run's ledger; the accessibility spec
// then checks only the pages and dialogs that no journey reached, so none is checked twice. A new
// journey is a new file in tests/; a new page or dialog also goes in accessibility.spec.ts's lists.
const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = process.env.E2E_BASE_URL ?? `http://127.0.0.1:${port}`;
const browser = await chooseChromium();

// A throwaway embedded database for this run, unless the tests are pointed at a running app.
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'radfleet-e2e-'));
chmodSync(dataDir, 0o755);
process.env.E2E_DATA_DIR = dataDir;

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  reporter: [
    ['list'],
    ['json', { outputFile: process.env.E2E_JSON_REPORT ?? 'test-results/report.json' }],
  ],
  globalTeardown: './support/global-teardown.ts',
  use: {
    baseURL,
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: browser.executablePath, args: browser.args },
  },
  // The journeys first; then the accessibility spec, which checks only the pages and dialogs that no
  // journey checked (support/a11y.ts keeps the run's ledger). A new journey goes in tests/ as usual.
  projects: [
    { name: `journeys (chromium ${browser.source})`, testIgnore: /accessibility\.spec\.ts$/ },
    {
      name: `accessibility (chromium ${browser.source})`,
      testMatch: /accessibility\.spec\.ts$/,
      dependencies: [`journeys (chromium ${browser.source})`],
    },
  ],
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : {
        command: 'node ../backend/dist/main.js',
        url: `${baseURL}/api/health`,
        reuseExistingServer: false,
        timeout: 120_000,
        stdout: 'ignore',
        stderr: 'pipe',
        gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
        env: { PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      },
});
