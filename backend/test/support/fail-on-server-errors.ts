import { afterAll, afterEach } from 'vitest';
import { takeServerErrors } from './server-errors.js';

// A setup file of the integration project: any 5xx answered during a test (or its hooks) fails it.
function check(): void {
  const seen = takeServerErrors();
  if (seen.length > 0)
    throw new Error(`the application answered ${seen.length} server error(s):\n${seen.join('\n')}`);
}
afterEach(check);
afterAll(check);
