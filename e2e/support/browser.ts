import { existsSync } from 'node:fs';

/** Flags for a headless Chromium on a closed network, as root, with no GPU. */
const BASE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserChoice {
  executablePath: string;
  args: string[];
  source: 'CHROMIUM_PATH' | 'debian' | '@sparticuz/chromium';
}

/**
 * Which Chromium the e2e tests drive: `CHROMIUM_PATH` when set, else Debian's `/usr/bin/chromium`,
 * else the one the `@sparticuz/chromium` package ships. Never a downloaded browser.
 */
export async function chooseChromium(): Promise<BrowserChoice> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return { executablePath: fromEnv, args: BASE_ARGS, source: 'CHROMIUM_PATH' };
  }
  if (existsSync('/usr/bin/chromium')) {
    return { executablePath: '/usr/bin/chromium', args: BASE_ARGS, source: 'debian' };
  }
  const { default: chromium } = await import('@sparticuz/chromium');
  return {
    executablePath: await chromium.executablePath(),
    args: [...new Set([...chromium.args, ...BASE_ARGS])],
    source: '@sparticuz/chromium',
  };
}
