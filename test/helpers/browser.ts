import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startService, type RunningService } from './service';

/** Debian's Chromium; CI installs it with apt-get (see .ci/run). Override with CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumInstalled(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** Headless Chromium with background networking off (this machine has no outside network). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * A browser suite's setup: the service with the demo data and Chromium, or a loud skip when
 * Chromium is missing (CI installs it). Call inside `describe`; read the fields inside `it`.
 */
export function browserSuite(pageOptions: Parameters<Browser['newPage']>[0] = {}): { readonly service: RunningService; readonly browser: Browser; readonly page: Page } {
  const suite = {} as { service: RunningService; browser: Browser; page: Page };
  before(async function () {
    if (!chromiumInstalled()) {
      console.warn(`\n  !!! Chromium is not installed at ${CHROMIUM_PATH}: the browser tests are SKIPPED. CI installs it (apt-get install chromium).\n`);
      this.skip();
    }
    suite.service = await startService({ DEMO_DATA: 'true' });
    suite.browser = await launchChromium();
    suite.page = await suite.browser.newPage(pageOptions);
  });
  after(async () => {
    await suite.browser?.close();
    await suite.service?.close();
  });
  return suite;
}
