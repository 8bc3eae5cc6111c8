import assert from 'node:assert/strict';
import { addDays, englandDateOf, formatLongDate } from '../../bot/statutory';
import { ENQUIRY_STATUSES } from '../../bot/records/enquiries';
import { sendiasFigures } from '../../bot/triage';
import { lastTwelveMonths } from '../../bot/casework/compliance';
import { USAGE_CONTAINER, UsageLog } from '../../bot/usage';
import { createRecords } from '../../bot/records';
import { generateDemoData } from '../../bot/records/demo-data';
import { DirectLineClient, replyText } from '../helpers/directline-client';
import { demoService } from '../helpers/service';

/**
 * The compliance report in chat, over HTTP and the local Direct Line channel, on the demo dataset:
 * the figures equal the demo generator's planted expectations, and only staff may ask.
 */
describe('the compliance report: how many annual reviews were held, and on time', function () {
  this.timeout(60_000);
  const suite = demoService();
  const today = englandDateOf(new Date());
  const expected = generateDemoData({ today }).expectedTimeliness;

  it('gives a team manager every plan’s figures for the last 12 months, with the law they measure', async () => {
    const chat = await DirectLineClient.open(suite.service.url, 'staff:S007');
    await chat.botReplies();
    const replies = await chat.say('how are we doing');
    const text = replyText(replies);
    const pct = expected.held === 0 ? 'none' : `${Math.round((expected.heldOnTime / expected.held) * 100)}%`;
    assert.match(
      text,
      new RegExp(`^Compliance report for all plans: in the last 12 months ${expected.held} annual review meetings were held, ${expected.heldOnTime} on time \\(${pct}\\)\\.`),
    );
    assert.ok(text.includes(`last 12 months (${formatLongDate(expected.from)} to ${formatLongDate(expected.to)})`));
    assert.match(text, /Children and Families Act 2014, section 44\(1\)/);
    assert.match(text, /SEND Regulations 2014, regulation 20\(10\)/);
    assert.ok(text.includes(`- Decided on time: ${expected.decisionsOnTime} `));
    assert.ok(text.includes(`- Late or still not made: ${expected.decisionsLate}\n`));
    assert.ok(text.includes(`- Not due yet: ${expected.decisionsPending}\n`));
    assert.ok(text.includes(`- Change the plan: ${expected.byDecision.amend}\n`));
    const overdue = await createRecords(suite.service.app.cosmos).compliance.summary(today);
    assert.ok(text.includes(`- Annual reviews not held: ${overdue.reviewsOverdue}\n`));
    // Meetings booked whose date passed with no record are counted apart (the demo data plants some).
    assert.ok(overdue.meetingsNotRecorded > 0 && overdue.reviewsOverdueNotRecorded > 0);
    assert.ok(text.includes(`- …of which a meeting was booked but is not recorded: ${overdue.reviewsOverdueNotRecorded}\n`));
    assert.ok(text.includes(`- Meetings booked, not recorded (the date passed, no record either way): ${overdue.meetingsNotRecorded}\n`));
    const n = await createRecords(suite.service.app.cosmos).compliance.newPlanTimeliness({ from: expected.from, to: expected.to });
    assert.ok(n.finalPlans > 0, 'the demo dataset issues final plans in the year');
    assert.ok(text.includes(`- Final plans within 20 weeks: ${n.finalPlansOnTime} of ${n.finalPlans} (`));
    const card = replies.flatMap((a) => a.attachments ?? []).find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
    assert.ok(card, 'the figures come as a card too');
    // Reviews counted by the date they fell due, as well as by the meeting.
    const report = await createRecords(suite.service.app.cosmos).compliance.report(today, {
      year: { from: expected.from, to: expected.to },
      month: { from: expected.from, to: expected.to },
    });
    assert.ok(
      text.includes(`- Reviews due: ${report.reviewsDue.year.due}
`) && text.includes(`- No meeting held yet: ${report.reviewsDue.year.notHeld}`),
    );
    // The chart: a PNG inside the card (Teams fetches nothing from the service), its numbers in words; and a button to the report page.
    const content = card.content as { body: { type: string; url?: string; altText?: string }[]; actions?: { type: string; url: string }[] };
    const image = content.body.find((b) => b.type === 'Image')!;
    const png = Buffer.from(image.url!.replace(/^data:image\/png;base64,/, ''), 'base64');
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.ok(png.length < 20_000, `${png.length} bytes: small enough for a Teams message`);
    const lastMonth = report.months.at(-1)!;
    assert.ok(image.altText!.includes(`${lastMonth.from.slice(0, 7)}, ${lastMonth.heldOnTime} on time, ${lastMonth.heldLate} late`), image.altText);
    assert.deepEqual(
      content.actions?.map((a) => [a.type, a.url]),
      [['Action.OpenUrl', `${suite.service.url}/reports`]],
    );
  });

  it('gives a caseworker their caseload only', async () => {
    const chat = await DirectLineClient.open(suite.service.url, 'staff:S001');
    await chat.botReplies();
    const text = replyText(await chat.say('compliance report'));
    assert.match(text, /^Compliance report for your caseload: in the last 12 months \d+ annual review/);
    const mine = await createRecords(suite.service.app.cosmos).compliance.reviewTimeliness({ from: expected.from, to: expected.to, today }, { caseworkerId: 'S001' });
    assert.match(text, new RegExp(`in the last 12 months ${mine.held} annual review`));
  });

  it('refuses a parent and a SENDIAS adviser, and says nothing about the figures', async () => {
    for (const persona of ['parent:P0001', 'staff:S008']) {
      const chat = await DirectLineClient.open(suite.service.url, persona);
      await chat.botReplies();
      const text = replyText(await chat.say('compliance report'));
      assert.match(text, /only for the council’s SEND caseworkers and team managers/, persona);
      assert.doesNotMatch(text, /meetings were held/, persona);
    }
  });
});

describe('how the assistant was used: counted from real turns, without personal data, in the manager’s report', function () {
  this.timeout(60_000);
  const suite = demoService();

  it('counts a question answered, a handoff and a task started but not finished, and shows them to a manager only', async () => {
    const family = await DirectLineClient.open(suite.service.url, 'anonymous');
    await family.botReplies();
    await family.say('what is the SEND Tribunal');
    await family.say('talk to a person');
    await family.say('make a complaint');
    await family.say('cancel');
    const log = new UsageLog(suite.service.app.cosmos.container(USAGE_CONTAINER.id));
    const months = lastTwelveMonths(englandDateOf(new Date()));
    // Counts are written in batches, every minute and on stopping: write them now.
    await suite.service.app.jobs.flushUsage();
    const counted = await log.summary(months);
    assert.equal(counted.questions.answer, 1);
    assert.equal(counted.handoffs, 1);
    assert.deepEqual(counted.dialogs.complaint, { started: 1, finished: 0 });
    const stored = await suite.service.app.cosmos.container(USAGE_CONTAINER.id).items.query('SELECT * FROM c').fetchAll();
    assert.doesNotMatch(JSON.stringify(stored.resources), /Tribunal|talk to a person|dl_|u-[0-9a-f]{6}/, 'no words and no user ids are stored');

    const manager = await DirectLineClient.open(suite.service.url, 'staff:S007');
    await manager.botReplies();
    const text = replyText(await manager.say('compliance report'));
    assert.match(text, /How the assistant was used, last 12 months:/);
    assert.ok(text.includes('- Answered: 1 (100%)\n'));
    assert.ok(text.includes('- Asked to talk to a person: 1\n'));
    const caseworker = await DirectLineClient.open(suite.service.url, 'staff:S001');
    await caseworker.botReplies();
    assert.doesNotMatch(replyText(await caseworker.say('compliance report')), /How the assistant was used/, 'a caseload report holds no assistant figures');
  });
});

describe('SENDIAS figures: for SENDIAS advisers only, never for council staff', function () {
  this.timeout(60_000);
  const today = englandDateOf(new Date());
  const suite = demoService();

  it('gives an adviser the figures from the enquiries', async () => {
    const chat = await DirectLineClient.open(suite.service.url, 'staff:S008');
    await chat.botReplies();
    const text = replyText(await chat.say('SENDIAS figures'));
    const all = await createRecords(suite.service.app.cosmos).enquiries.queue({ statuses: ENQUIRY_STATUSES });
    const f = sendiasFigures(all, { from: addDays(today, -364), to: today, today, ackWorkingDays: 2 });
    assert.ok(f.received > 0, 'the demo dataset has enquiries in the year');
    assert.match(text, new RegExp(`^SENDIAS figures for the last 12 months \\(.+\\): ${f.received} enquiries received`));
    assert.ok(text.includes(`- Open now: urgent: ${f.openByPriority.urgent}\n`));
    assert.match(text, /for SENDIAS advisers only/);
  });

  it('refuses a team manager and a caseworker (audited), and the council’s report holds no SENDIAS figures', async () => {
    for (const persona of ['staff:S007', 'staff:S001']) {
      const chat = await DirectLineClient.open(suite.service.url, persona);
      await chat.botReplies();
      const text = replyText(await chat.say('SENDIAS figures'));
      assert.match(text, /only for SENDIAS advisers/, persona);
      assert.doesNotMatch(text, /enquiries received/, persona);
      const report = replyText(await chat.say('compliance report'));
      assert.doesNotMatch(report, /SENDIAS|enquir/i, persona);
    }
    const denied = await createRecords(suite.service.app.cosmos).audit.byActor('S007');
    assert.ok(denied.some((e) => e.action === 'enquiry.queue' && e.outcome === 'denied'));
  });
});

describe('the compliance report each month: sent on the first working day to staff who installed the app', function () {
  this.timeout(60_000);
  let clock = new Date('2027-01-01T09:00:00Z');
  const suite = demoService({ now: () => clock });

  it('skips New Year’s Day (a bank holiday), sends on Monday 4 January 2027, and only once', async () => {
    const chat = await DirectLineClient.open(suite.service.url, 'staff:S007');
    await chat.botReplies();
    const install = await chat.installApp({ id: '29:s007', name: 'Helen Marsh' });
    assert.equal(install.status, 200);
    await chat.poll();
    assert.equal(await suite.service.app.jobs.monthlyReport(), 0, 'not on a bank holiday');
    clock = new Date('2027-01-04T09:00:00Z');
    assert.equal(await suite.service.app.jobs.monthlyReport(), 1);
    const sent = (await chat.poll()).filter((a) => a.type === 'message');
    assert.equal(sent.length, 1);
    assert.match(replyText(sent), /^Compliance report for all plans: in the last 12 months \d+ annual review/);
    assert.equal(await suite.service.app.jobs.monthlyReport(), 0, 'once a month');
    clock = new Date('2027-01-05T09:00:00Z');
    assert.equal(await suite.service.app.jobs.monthlyReport(), 0, 'only on the first working day');
  });
});
