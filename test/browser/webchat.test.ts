import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { browserSuite } from '../helpers/browser';
import { createRecords } from '../../bot/records';
import { addressOf } from '../../bot/notify';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

describe('the local web chat page in a real browser (Web Chat in Chromium)', function () {
  const suite = browserSuite();

  it('connects, shows the greeting, and answers a typed message', async () => {
    await suite.page.goto(`${suite.service.url}/`);
    await suite.page.getByRole('status').filter({ hasText: 'Connected' }).waitFor({ timeout: 15_000 });
    await suite.page
      .getByText(/the SEND Assistant for/)
      .first()
      .waitFor({ timeout: 15_000 });

    const input = suite.page
      .getByRole('textbox', { name: /message/i })
      .or(suite.page.locator('input[data-id="webchat-sendbox-input"], textarea[data-id="webchat-sendbox-input"]'))
      .first();
    await input.fill('hello there');
    await input.press('Enter');
    await suite.page.getByText('hello there').first().waitFor({ timeout: 10_000 });
    // The greeting and the menu arrive again in reply.
    await suite.page.waitForFunction(() => document.body.innerText.split('the SEND Assistant for').length - 1 >= 2, undefined, { timeout: 15_000 });
    const buttons = await suite.page.getByRole('button', { name: 'Make a complaint' }).count();
    assert.ok(buttons >= 1, 'the menu card shows its buttons');
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    await suite.page.addScriptTag({ content: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
    const violations = await suite.page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target) }));
    });
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(serious, [], `axe found:\n${JSON.stringify(serious, null, 2)}`);
  });

  it('lets a parent verify with a code and see their child’s plan, by clicking the menu card and typing', async () => {
    const parent = await suite.browser.newPage();
    await parent.goto(`${suite.service.url}/`);
    await parent.getByRole('status').filter({ hasText: 'Connected' }).waitFor({ timeout: 15_000 });
    await parent.selectOption('#persona', 'parent:P0001');
    await parent.getByRole('status').filter({ hasText: 'Connected' }).waitFor({ timeout: 15_000 });
    await parent.getByRole('button', { name: 'Check an EHC plan' }).last().click();
    await parent
      .getByText(/verify who you are/)
      .first()
      .waitFor({ timeout: 15_000 });
    const input = parent.locator('input[data-id="webchat-sendbox-input"], textarea[data-id="webchat-sendbox-input"]').first();
    const say = async (text: string, reply: RegExp) => {
      await input.fill(text);
      await input.press('Enter');
      await parent.getByText(reply).first().waitFor({ timeout: 15_000 });
    };
    const records = createRecords(suite.service.app.cosmos);
    const plan = await records.plans.get('EHC-000001');
    const child = await records.children.get(plan.childId);
    const contact = (await records.parents.forChild(child.id)).find((c) => c.id === 'P0001')!;
    await say('EHC-000001', /date of birth/);
    await say(child.dateOfBirth.split('-').reverse().join('/'), /If the details match our records/);
    const outbox = (await (await fetch(`${suite.service.url}/dev/outbox?to=${encodeURIComponent(addressOf(contact)?.to ?? '')}`)).json()) as { messages: { body: string }[] };
    const code = /\b(\d{6})\b/.exec(outbox.messages.at(-1)?.body ?? '')?.[1];
    assert.ok(code, 'a code was sent to the parent');
    await say(code, /You are verified/);
    await parent
      .getByText(/week \d+ of 20/)
      .first()
      .waitFor({ timeout: 15_000 });
    assert.ok(!(await parent.content()).includes('EHC-000002'), 'no other child’s plan is shown');
    await parent.close();
  });

  it('draws every kind of card the assistant sends, in Web Chat, with nothing empty or failing to render', async () => {
    const failures: string[] = [];
    const card = await suite.browser.newPage();
    card.on('console', (m) => {
      if (/Failed to render|Adaptive Card/i.test(m.text())) failures.push(m.text().slice(0, 300));
    });
    const input = card.locator('input[data-id="webchat-sendbox-input"], textarea[data-id="webchat-sendbox-input"]').first();
    const as = async (persona: string) => {
      await card.goto(`${suite.service.url}/`);
      await card.getByRole('status').filter({ hasText: 'Connected' }).waitFor({ timeout: 15_000 });
      if (persona !== 'anonymous') {
        await card.selectOption('#persona', persona);
        await card.getByRole('status').filter({ hasText: 'Connected' }).waitFor({ timeout: 15_000 });
      }
      await card
        .getByText(/What would you like to do\?/)
        .first()
        .waitFor({ timeout: 15_000 });
    };
    const say = async (text: string, reply: RegExp) => {
      await input.fill(text);
      await input.press('Enter');
      await card.getByText(reply).first().waitFor({ timeout: 15_000 });
    };
    const drawn = async (): Promise<string[]> => {
      await card.waitForTimeout(300);
      return card.evaluate(() => Array.from(document.querySelectorAll('.ac-adaptiveCard')).map((c) => (c as HTMLElement).innerText.trim()));
    };
    const seen: string[] = [];
    const check = async (kind: string, expected: RegExp) => {
      const cards = await drawn();
      assert.ok(cards.length > 0, `${kind}: no card drawn`);
      assert.deepEqual(
        cards.filter((t) => t.length === 0),
        [],
        `${kind}: an empty card`,
      );
      assert.match(cards.at(-1) ?? '', expected, `${kind}: the card shows its content`);
      seen.push(kind);
    };

    // A SENDIAS adviser: the queue, and one enquiry with its actions (inputs inside Action.ShowCard).
    await as('staff:S008');
    await say('show the queue', /Open SENDIAS enquiries/);
    await check('SENDIAS queue', /Open SENDIAS enquiries/);
    await card.getByRole('button', { name: 'Open', exact: true }).first().click();
    await card
      .getByText(/What they said/)
      .first()
      .waitFor({ timeout: 15_000 });
    await check('SENDIAS enquiry', /What they said/);
    await card.getByRole('button', { name: 'Add a note' }).last().click();
    await card
      .getByText(/Note \(only advisers see it\)/)
      .first()
      .waitFor({ timeout: 5_000 });

    // A caseworker: what's due this week, the caseload, a plan picker.
    await as('staff:S001');
    await say("what's due this week", /due this week for/);
    await check("what's due this week", /Annual reviews due/);
    await say('my caseload', /on your caseload/);
    await check('caseload', /Your caseload/);
    await say('book an annual review', /Which plan is the review for/);
    await check('plan picker', /Which plan is the review for/);

    // Anyone: a knowledge answer, question buttons and the confirm card (a FactSet).
    await as('anonymous');
    await say('how long does an EHC needs assessment take', /Which is closest to your question/);
    await check('clarify choices', /20-week limit/);
    await say('what is the SEND Tribunal', /You can appeal to the SEND Tribunal/);
    await check('knowledge answer', /\S/);
    await say('make a complaint', /What is your complaint about/);
    await check('question buttons', /A delay/);
    await card.getByRole('button', { name: 'A delay' }).last().click();
    await card
      .getByText(/What happened\?/)
      .first()
      .waitFor({ timeout: 15_000 });
    await say('The assessment has taken 30 weeks so far.', /put things right/);
    await say('Finish the assessment this month.', /What is your name/);
    await say('Sam Example', /How should the council contact you/);
    await say('Email', /email address/);
    await say('sam@example.org', /Check your complaint before you send it/);
    await check('confirm card', /Send complaint/);

    assert.deepEqual(failures, [], 'Web Chat could not render a card');
    assert.equal(seen.length, 9, 'every kind was checked');
    await card.close();
  });

  it('shows a clear "cannot connect" state when the service is unreachable', async () => {
    const other = await suite.browser.newPage();
    await other.route('**/api/webchat/token', (route) => route.abort());
    await other.goto(`${suite.service.url}/`);
    const status = other.getByRole('status');
    await status.filter({ hasText: 'cannot connect' }).waitFor({ timeout: 10_000 });
    assert.match((await status.textContent()) ?? '', /Sorry, we cannot connect/);
    await other.close();
  });
});
