import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { browserSuite } from '../helpers/browser';
import { localToken } from '../helpers/service';

interface Figures {
  caseloadOnly: boolean;
  year: { held: number; heldOnTime: number };
  reviewsDue: { year: { due: number; heldOnTime: number } };
}

/** The report page in a real browser: charts drawn, tables with the API's numbers, filters, CSV, axe, keyboard. */
describe('the compliance report page in a real browser (Chart.js and GOV.UK Frontend in Chromium)', function () {
  const suite = browserSuite({ acceptDownloads: true });

  const api = async (persona: string, query = ''): Promise<Figures> => {
    const token = await localToken(suite.service.url, persona);
    return (await (await fetch(`${suite.service.url}/api/reports/compliance${query}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as Figures;
  };
  const reviewRow = async (): Promise<string[]> => suite.page.locator('section[data-measure="reviews"] tbody tr').first().locator('td').allTextContents();

  it('draws each chart with a table of the same numbers, for the person’s own scope', async () => {
    await suite.page.goto(`${suite.service.url}/reports`);
    await suite.page.selectOption('#persona', 'staff:S007');
    await suite.page
      .getByRole('status')
      .filter({ hasText: /Figures for every plan/ })
      .waitFor({ timeout: 15_000 });
    const expected = await api('staff:S007');
    assert.deepEqual(await reviewRow(), [
      String(expected.year.held),
      String(expected.year.heldOnTime),
      String(expected.year.held - expected.year.heldOnTime),
      expected.year.held ? `${Math.round((expected.year.heldOnTime / expected.year.held) * 100)}%` : 'none',
    ]);
    const drawn = await suite.page.evaluate(() => {
      const chart = (window as unknown as { Chart: { instances: Record<string, unknown> } }).Chart;
      const canvases = Array.from(document.querySelectorAll('canvas'));
      return {
        charts: Object.keys(chart.instances).length,
        sized: canvases.every((c) => c.width > 0 && c.height > 0),
        labelled: canvases.every((c) => (c.getAttribute('aria-label') ?? '').length > 10),
      };
    });
    assert.deepEqual(drawn, { charts: 7, sized: true, labelled: true });
    assert.equal(await suite.page.locator('table caption').count(), 7);
    // Reviews by the date they fell due: the table holds the API's numbers.
    const due = await suite.page.locator('section[data-measure="reviews-due"] tbody tr').first().locator('td').allTextContents();
    assert.deepEqual(due.slice(0, 2), [String(expected.reviewsDue.year.due), String(expected.reviewsDue.year.heldOnTime)]);
    // The month-by-month table has a row per month of the period (13 calendar months touch the last 12 months).
    assert.equal(await suite.page.locator('section[data-measure="by-month"] tbody tr').count(), 13);
  });

  it('changes the numbers when the filter changes, using only the keyboard', async () => {
    const before = await reviewRow();
    await suite.page.locator('#scope').focus();
    await suite.page.keyboard.press('ArrowDown');
    await suite.page.keyboard.press('ArrowDown');
    assert.equal(await suite.page.locator('#scope').inputValue(), 'S001');
    // Tab on through the other filters to the button (the month fields have a stop per part), then Enter.
    for (let i = 0; i < 12 && (await suite.page.evaluate(() => document.activeElement?.textContent?.trim())) !== 'Show figures'; i++) await suite.page.keyboard.press('Tab');
    assert.equal(await suite.page.evaluate(() => document.activeElement?.textContent?.trim()), 'Show figures', 'the button is reached with the keyboard');
    await suite.page.keyboard.press('Enter');
    await suite.page
      .getByRole('status')
      .filter({ hasText: /Figures for one caseload/ })
      .waitFor({ timeout: 15_000 });
    const s001 = await api('staff:S007', '?caseworker=S001');
    const after = await reviewRow();
    assert.equal(after[0], String(s001.year.held));
    assert.notDeepEqual(after, before, 'one caseworker’s figures differ from every plan’s in the demo data');
  });

  it('filters by months, school and phase, with the same numbers as the API', async () => {
    await suite.page.selectOption('#scope', '');
    const today = new Date().toISOString().slice(0, 10);
    const to = today.slice(0, 7);
    const from = `${Number(to.slice(0, 4)) - 1}-${to.slice(5, 7)}`;
    await suite.page.fill('#from', from);
    await suite.page.fill('#to', to);
    await suite.page.selectOption('#phase', 'secondary');
    const schools = await suite.page.locator('#school option').allTextContents();
    assert.ok(schools.length > 3, 'the schools on the plans are offered');
    await suite.page.getByRole('button', { name: 'Show figures' }).click();
    const expected = await api('staff:S007', `?from=${from}&to=${to}&phase=secondary`);
    await suite.page.waitForFunction((held) => document.querySelector('section[data-measure="reviews"] tbody td')?.textContent === String(held), expected.year.held, {
      timeout: 15_000,
    });
    const all = await api('staff:S007', `?from=${from}&to=${to}`);
    assert.ok(expected.year.held < all.year.held && expected.year.held > 0, 'secondary pupils are some of the meetings held');
    assert.equal(await suite.page.locator('section[data-measure="by-month"] tbody tr').count(), 13);
    await suite.page.fill('#from', '');
    await suite.page.fill('#to', '');
    await suite.page.selectOption('#phase', '');
  });

  it('opens the list of plans behind a late figure, with the keyboard, as many as the figure says', async () => {
    await suite.page.selectOption('#scope', '');
    await suite.page.getByRole('button', { name: 'Show figures' }).click();
    const expected = (await api('staff:S007')) as unknown as { year: { heldLate: number } };
    const link = suite.page.locator('section[data-measure="reviews"] tbody tr').first().locator('button[data-plans="held_late"]');
    await suite.page.waitForFunction((n) => document.querySelector('button[data-plans="held_late"]')?.textContent === String(n), expected.year.heldLate, { timeout: 15_000 });
    const count = Number(await link.textContent());
    assert.ok(count > 0);
    await link.focus();
    await suite.page.keyboard.press('Enter');
    await suite.page.locator('#plans table').waitFor({ timeout: 15_000 });
    assert.equal(await suite.page.locator('#plans tbody tr').count(), count);
    assert.match((await suite.page.evaluate(() => document.activeElement?.textContent)) ?? '', /^Plans behind: Annual review meetings held within 12 months/);
  });

  it('tells a caseworker plainly that they cannot see every plan, and shows no figures', async () => {
    await suite.page.selectOption('#persona', 'staff:S001');
    await suite.page.selectOption('#scope', 'all');
    await suite.page.getByRole('button', { name: 'Show figures' }).click();
    await suite.page
      .getByRole('status')
      .filter({ hasText: /Caseworkers see their own caseload/ })
      .waitFor({ timeout: 15_000 });
    assert.equal(await suite.page.locator('canvas').count(), 0);
  });

  it('downloads the CSV', async () => {
    await suite.page.selectOption('#persona', 'staff:S007');
    await suite.page.selectOption('#scope', '');
    const [download] = await Promise.all([suite.page.waitForEvent('download'), suite.page.getByRole('button', { name: 'Download CSV' }).click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    assert.match(text, /^\uFEFF?Compliance report,Exampleshire Council\r\n/);
    assert.match(text, /Annual review meetings held \(last 12 months\),"Children and Families Act 2014, section 44\(1\)"/);
    const [xlsx] = await Promise.all([suite.page.waitForEvent('download'), suite.page.getByRole('button', { name: 'Download spreadsheet (.xlsx)' }).click()]);
    assert.equal(xlsx.suggestedFilename(), 'compliance-report.xlsx');
    // An .xlsx file is a zip archive.
    assert.equal(
      readFileSync((await xlsx.path())!)
        .subarray(0, 2)
        .toString('latin1'),
      'PK',
    );
  });

  it('has no serious or critical accessibility violations (axe-core, WCAG 2.2 AA)', async () => {
    await suite.page
      .getByRole('status')
      .filter({ hasText: /Figures for/ })
      .waitFor({ timeout: 15_000 });
    await suite.page.addScriptTag({ content: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
    const violations = await suite.page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null }[] }> } }).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact }));
    });
    assert.deepEqual(
      violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
      [],
    );
  });
});
