import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_PATH, chromiumInstalled, launchChromium } from '../helpers/browser';
import { startService, type RunningService } from '../helpers/service';
import { createRecords } from '../../bot/records';
import { addressOf } from '../../bot/notify';

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
    service = await startService({ DEMO_DATA: 'true' });
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

  it('lets a parent verify with a code and see their child’s plan, by clicking the menu card and typing', async () => {
    const parent = await browser.newPage();
    await parent.goto(`${service.url}/`);
    await parent.getByRole('status').filter({ hasText: 'Connected' }).waitFor({ timeout: 15_000 });
    await parent.selectOption('#persona', 'parent:P0001');
    await parent.getByRole('status').filter({ hasText: 'Connected' }).waitFor({ timeout: 15_000 });
    await parent.getByRole('button', { name: 'Check an EHC plan' }).last().click();
    await parent.getByText(/verify who you are/).first().waitFor({ timeout: 15_000 });
    const input = parent.locator('input[data-id="webchat-sendbox-input"], textarea[data-id="webchat-sendbox-input"]').first();
    const say = async (text: string, reply: RegExp) => {
      await input.fill(text);
      await input.press('Enter');
      await parent.getByText(reply).first().waitFor({ timeout: 15_000 });
    };
    const records = createRecords(service.app.cosmos);
    const plan = await records.plans.get('EHC-000001');
    const child = await records.children.get(plan.childId);
    const contact = (await records.parents.forChild(child.id)).find((c) => c.id === 'P0001')!;
    await say('EHC-000001', /date of birth/);
    await say(child.dateOfBirth.split('-').reverse().join('/'), /If the details match our records/);
    const outbox = (await (await fetch(`${service.url}/dev/outbox?to=${encodeURIComponent(addressOf(contact)?.to ?? '')}`)).json()) as { messages: { body: string }[] };
    const code = /\b(\d{6})\b/.exec(outbox.messages.at(-1)?.body ?? '')?.[1];
    assert.ok(code, 'a code was sent to the parent');
    await say(code, /You are verified/);
    await parent.getByText(/week \d+ of 20/).first().waitFor({ timeout: 15_000 });
    assert.ok(!(await parent.content()).includes('EHC-000002'), 'no other child’s plan is shown');
    await parent.close();
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
