import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { Result } from 'axe-core';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The WCAG 2.1 A and AA rules axe checks; a serious or critical violation of any fails the test. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);

/**
 * What was already checked in this run: the route (ids as `:id`), plus an open dialog's name. Kept
 * in memory and in a ledger file in the run's data folder, so that every worker and project of the
 * run sees it: the accessibility project runs after the journeys and checks only what they did not.
 */
const checked = new Set<string>();
const ledger = process.env.E2E_DATA_DIR
  ? join(process.env.E2E_DATA_DIR, 'a11y-checked.txt')
  : undefined;

function checkedInRun(key: string): boolean {
  if (checked.has(key)) return true;
  if (!ledger || !existsSync(ledger)) return false;
  return readFileSync(ledger, 'utf8').split('\n').includes(key);
}

function markChecked(key: string): void {
  checked.add(key);
  if (ledger) appendFileSync(ledger, `${key}\n`);
}

const ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** `/devices/3f1…` → `/devices/:id`: one page of the app, whatever record it shows. */
export function routeOf(url: string): string {
  return new URL(url).pathname.replace(ID, ':id');
}

function describe(violations: Result[]): string {
  return violations
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n` +
        v.nodes
          .slice(0, 5)
          .map(
            (n) =>
              `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ')}`,
          )
          .join('\n'),
    )
    .join('\n');
}

/**
 * Runs axe-core on the page as it is now (an open dialog included) and fails on any serious or
 * critical violation. Each page of the app, and each dialog on it, is checked once per run:
 * `what` names a dialog or state, so that it is checked apart from the page under it.
 */
export async function expectAccessible(page: Page, what = ''): Promise<void> {
  const key = `${routeOf(page.url())}${what ? ` [${what}]` : ''}`;
  if (checkedInRun(key)) return;
  markChecked(key);
  // axe takes seconds on a page of the app, and many more on a busy machine: each check extends the
  // test's time limit, so that a slow machine does not fail it.
  test.info().setTimeout(test.info().timeout + 30_000);
  // Let the page finish loading its data first, so that axe sees what a person sees.
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  await expect(
    page.locator('mat-progress-bar:visible, mat-progress-spinner:visible, mat-spinner:visible'),
  )
    .toHaveCount(0, {
      timeout: 10_000,
    })
    .catch(() => undefined);
  // Rows of a table repeat one template: the first three stand for the rest and keep axe's time
  // bounded on pages of 100 rows.
  const results = await new AxeBuilder({ page })
    .withTags(TAGS)
    .exclude('tr.mat-mdc-row:nth-child(n+4)')
    .options({ resultTypes: ['violations'] })
    .analyze();
  const blocking = results.violations.filter((v) => BLOCKING.has(v.impact ?? ''));
  // Soft: the test goes on, so that one run lists the violations of every page it visits.
  expect
    .soft(
      blocking.map((v) => `${v.impact} ${v.id}`),
      `accessibility of ${key}:\n${describe(blocking)}`,
    )
    .toEqual([]);
}

/** Whether a route (or `route [what]`) was checked in this run, by any worker. */
export function wasChecked(key: string): boolean {
  return checkedInRun(key);
}
