import assert from 'node:assert/strict';
import { createRecords, type Records } from '../../bot/records';
import { DirectLineClient, replyText } from '../helpers/directline-client';
import { startService, type RunningService } from '../helpers/service';

/**
 * What the conversation scripts cannot see: what is stored. A repeated confirm creates one
 * complaint (and one receipt) even when both presses arrive together; an enquiry without consent
 * stores nothing; an enquiry with consent stores what the person said and agreed.
 */
describe('complaints and SENDIAS enquiries: what is stored (HTTP through the local channel)', function () {
  this.timeout(120_000);
  let service: RunningService;
  let records: Records;

  before(async () => {
    service = await startService();
    records = createRecords(service.app.cosmos);
  });
  after(async () => {
    await service?.close();
  });

  async function outbox(to: string): Promise<{ body: string }[]> {
    const res = await fetch(`${service.url}/dev/outbox?to=${encodeURIComponent(to)}`);
    assert.equal(res.status, 200);
    return ((await res.json()) as { messages: { body: string }[] }).messages;
  }

  async function steps(client: DirectLineClient, said: readonly (string | Record<string, string>)[]): Promise<string> {
    let last = '';
    for (const s of said) last = replyText(await client.say(typeof s === 'string' ? s : { value: s }, { quietMs: 600 }));
    return last;
  }

  it('creates one complaint and sends one receipt when Send is pressed twice at once', async () => {
    const email = 'twice.pressed@example.org';
    const client = await DirectLineClient.open(service.url, 'anonymous');
    const atConfirm = await steps(client, [
      'I want to make a complaint',
      'A delay',
      'The assessment decision is three weeks late and nobody has told us why.',
      'A decision and an apology',
      'Chris Example',
      'Email',
      email,
    ]);
    assert.match(atConfirm, /Check your complaint before you send it/);
    const before = (await records.complaints.open()).length;

    const confirm = { value: { action: 'answer', value: 'Send complaint' } };
    await Promise.all([client.send(confirm), client.send(confirm)]);
    const text = replyText(await client.botReplies({ quietMs: 1500, timeoutMs: 15_000 }));

    const mine = (await records.complaints.open()).filter((c) => c.contact.email === email);
    assert.equal(mine.length, 1, `complaints for ${email}: ${mine.map((c) => c.id).join(', ')}`);
    assert.equal((await records.complaints.open()).length, before + 1);
    const [complaint] = mine;
    assert.ok(complaint);
    assert.match(text, new RegExp(`reference is ${complaint.id}`));
    assert.equal(complaint.category, 'delay');
    assert.equal(complaint.contactPreference, 'email');
    assert.match(complaint.summary, /Outcome wanted: A decision and an apology/);
    assert.equal((await outbox(email)).filter((m) => m.body.includes(complaint.id)).length, 1);
    const audit = await records.audit.forRecord(complaint.id);
    assert.equal(audit.filter((e) => e.action === 'complaint.create' && e.outcome === 'allowed').length, 1);
  });

  it('stores nothing and sends nothing when the person does not consent to SENDIAS contact', async () => {
    const before = (await records.enquiries.queue()).length;
    const client = await DirectLineClient.open(service.url, 'anonymous');
    const text = await steps(client, ['contact SENDIAS', 'Please call me about my daughter’s school transport, my number is 07700 900999.', 'No']);
    assert.match(text, /I have not sent anything to SENDIAS/);
    assert.equal((await records.enquiries.queue()).length, before);
    assert.deepEqual(await outbox('07700900999'), []);
  });

  it('stores an enquiry with consent, the child’s name and age, and the chosen contact', async () => {
    const email = 'consenting.parent@example.org';
    const client = await DirectLineClient.open(service.url, 'anonymous');
    const text = await steps(client, [
      'contact SENDIAS',
      'We need advice about an appeal against the school named in the plan.',
      'Yes',
      'No',
      'Mia, 11',
      'Jo Parent',
      'Email',
      email,
      'Send to SENDIAS',
    ]);
    const ref = /reference is (ENQ-\d{4}-\d{5})/.exec(text)?.[1];
    assert.ok(ref, text);
    const enquiry = (await records.enquiries.queue()).find((e) => e.id === ref);
    assert.ok(enquiry, `${ref} is in the SENDIAS queue`);
    assert.equal(enquiry.consent.storeAndContact, true);
    assert.equal(enquiry.consent.shareCasework, false);
    assert.deepEqual(enquiry.sharedCaseRefs, []);
    assert.equal(enquiry.text, 'We need advice about an appeal against the school named in the plan.\n\nChild: Mia, 11');
    assert.equal(enquiry.contact.email, email);
    assert.equal(enquiry.contactPreference, 'email');
    assert.equal(enquiry.priority.outOfSchool, false);
    assert.equal((await outbox(email)).filter((m) => m.body.includes(ref)).length, 1);
  });

  it('creates one enquiry and sends one receipt when Send to SENDIAS is pressed twice at once', async () => {
    const phone = '07700900888';
    const client = await DirectLineClient.open(service.url, 'anonymous');
    const atConfirm = await steps(client, ['contact SENDIAS', 'Our son has been refused an assessment and we want to appeal.', 'Yes', 'No', 'skip', 'Sam Parent', 'Phone', phone]);
    assert.match(atConfirm, /Check before you send this to SENDIAS/);
    const confirm = { value: { action: 'answer', value: 'Send to SENDIAS' } };
    await Promise.all([client.send(confirm), client.send(confirm)]);
    const text = replyText(await client.botReplies({ quietMs: 1500, timeoutMs: 15_000 }));
    const mine = (await records.enquiries.queue()).filter((e) => e.contact.phone === phone);
    assert.equal(mine.length, 1);
    const [enquiry] = mine;
    assert.ok(enquiry);
    assert.match(text, new RegExp(enquiry.id));
    assert.equal((await outbox(phone)).filter((m) => m.body.includes(enquiry.id)).length, 1);
    const audit = await records.audit.forRecord(enquiry.id);
    assert.equal(audit.filter((e) => e.action === 'enquiry.create').length, 1);
  });
});
