import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_PATH, chromiumInstalled, launchChromium } from '../helpers/browser';
import { startService, type RunningService } from '../helpers/service';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

describe('the local web chat page in a real browser (Web Chat in Chromium)', function () {
  let service: RunningService;
  let browser: Browser;
  let page: Page;

  before(async function () {
    if (!chromiumInstalled()) {
      console.warn(`\n  !!! Chromium is not installed at ${CHROMIUM_PATH}: the browser tests are SKIPPED. CI installs it (apt-get install chromium).\n`);
      this.skip();
    }
    service = await startService();
    browser = await launchChromium();
    page = await browser.newPage();
  });
  after(async () => {
    await browser?.close();
    await service?.close();
  });

  it('connects, shows the greeting, and answers a typed message', async () => {
    await page.goto(`${service.url}/`);
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor({ timeout: 15_000 });
    await page.getByText(/the SEND Assistant for/).first().waitFor({ timeout: 15_000 });

    const input = page.getByRole('textbox', { name: /message/i }).or(page.locator('input[data-id="webchat-sendbox-input"], textarea[data-id="webchat-sendbox-input"]')).first();
    await input.fill('hello there');
    await input.press('Enter');
    await page.getByText('hello there').first().waitFor({ timeout: 10_000 });
    // The greeting and the menu arrive again in reply.
    await page.waitForFunction(() => document.body.innerText.split('the SEND Assistant for').length - 1 >= 2, undefined, { timeout: 15_000 });
    const buttons = await page.getByRole('button', { name: 'Make a complaint' }).count();
    assert.ok(buttons >= 1, 'the menu card shows its buttons');
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    await page.addScriptTag({ content: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target) }));
    });
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(serious, [], `axe found:\n${JSON.stringify(serious, null, 2)}`);
  });

  it('shows a clear "cannot connect" state when the service is unreachable', async () => {
    const other = await browser.newPage();
    await other.route('**/api/webchat/token', (route) => route.abort());
    await other.goto(`${service.url}/`);
    const status = other.getByRole('status');
    await status.filter({ hasText: 'cannot connect' }).waitFor({ timeout: 10_000 });
    assert.match((await status.textContent()) ?? '', /Sorry, we cannot connect/);
    await other.close();
  });
});
