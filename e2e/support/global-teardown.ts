import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';

/** Removes the throwaway data folder once the web server has stopped. */
export default async function teardown(): Promise<void> {
  const dir = process.env.E2E_DATA_DIR;
  if (dir && dir.startsWith(tmpdir())) await rm(dir, { recursive: true, force: true });
}
