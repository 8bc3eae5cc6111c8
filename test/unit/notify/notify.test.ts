import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GovUkNotifier, OutboxNotifier, addressOf, meetingInvitation } from '../../../bot/notify';

const SERVICE_ID = '26785a09-ab16-4eb0-8407-a37497a57506';
const API_KEY = `test_key-${SERVICE_ID}-3d844edf-8d35-48ac-975b-e847b4f122b0`;

/** A stand-in for the GOV.UK Notify API: records each request, answers like Notify does. */
async function fakeNotify(): Promise<{ url: string; requests: { path: string; auth: string; body: Record<string, unknown> }[]; close: () => Promise<void> }> {
  const requests: { path: string; auth: string; body: Record<string, unknown> }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', auth: String(req.headers.authorization ?? ''), body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> });
      res.writeHead(201, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ id: `notification-${requests.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => server.close(() => r())) };
}

describe('notify', () => {
  it('sends email and text messages through the GOV.UK Notify client, with the calendar file as a file link', async () => {
    const api = await fakeNotify();
    try {
      const notifier = new GovUkNotifier({ apiKey: API_KEY, emailTemplateId: 'tmpl-email', smsTemplateId: 'tmpl-sms', baseUrl: api.url });
      const ics = meetingInvitation({
        uid: 'rvw-1@send-assistant',
        date: '2026-03-05',
        startTime: '10:00',
        title: 'Annual review',
        location: 'Oakfield Primary School',
        description: 'EHC plan annual review meeting',
      });
      const sent = await notifier.send({
        kind: 'email',
        to: 'Parent@Example.org',
        subject: 'Annual review',
        body: 'You are invited.',
        attachment: { filename: 'review.ics', contentType: 'text/calendar', content: ics },
        reference: 'EHC-000001',
      });
      await notifier.send({ kind: 'sms', to: '07700 900123', body: 'Your code is 123456.' });
      assert.equal(sent.id, 'notification-1');
      const [email, sms] = api.requests;
      assert.equal(email!.path, '/v2/notifications/email');
      assert.match(email!.auth, /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/, 'a signed Notify JWT');
      assert.equal(email!.body.template_id, 'tmpl-email');
      assert.equal(email!.body.email_address, 'parent@example.org');
      assert.equal(email!.body.reference, 'EHC-000001');
      const personalisation = email!.body.personalisation as Record<string, unknown>;
      assert.equal(personalisation.subject, 'Annual review');
      const file = personalisation.link_to_file as { file: string; filename: string };
      assert.equal(file.filename, 'review.ics');
      assert.match(Buffer.from(file.file, 'base64').toString('utf8'), /BEGIN:VEVENT[\s\S]*DTSTART:20260305T100000/);
      assert.equal(sms!.path, '/v2/notifications/sms');
      assert.equal(sms!.body.phone_number, '07700900123');
    } finally {
      await api.close();
    }
  });

  it('refuses a malformed message before sending anything', async () => {
    const outbox = new OutboxNotifier();
    await assert.rejects(outbox.send({ kind: 'email', to: 'not-an-address', subject: 's', body: 'b' }));
    await assert.rejects(outbox.send({ kind: 'sms', to: '12345', body: 'b' }));
    assert.equal(outbox.all().length, 0);
  });

  it('keeps the local outbox by address, case- and space-insensitively', async () => {
    const outbox = new OutboxNotifier();
    await outbox.send({ kind: 'email', to: 'a@example.org', subject: 's', body: 'one' });
    await outbox.send({ kind: 'sms', to: '07700 900123', body: 'two' });
    assert.deepEqual(
      outbox.to('A@EXAMPLE.ORG').map((m) => m.body),
      ['one'],
    );
    assert.deepEqual(
      outbox.to('07700900123').map((m) => m.body),
      ['two'],
    );
  });

  it('picks the preferred contact route, falling back to the other', () => {
    assert.deepEqual(addressOf({ email: 'a@example.org', phone: '07700900123', preferredContact: 'phone' }), { kind: 'sms', to: '07700900123' });
    assert.deepEqual(addressOf({ email: 'a@example.org', preferredContact: 'phone' }), { kind: 'email', to: 'a@example.org' });
    assert.equal(addressOf({ preferredContact: 'email' }), undefined);
  });

  it('makes an all-day event without a time, and a cancellation', () => {
    const allDay = meetingInvitation({ uid: 'x@y', date: '2026-12-31', title: 'Review', location: 'Online', description: 'd' });
    assert.match(allDay, /DTSTART;VALUE=DATE:20261231/);
    assert.match(allDay, /DTEND;VALUE=DATE:20270101/);
    const cancelled = meetingInvitation({ uid: 'x@y', date: '2026-12-31', title: 'Review', location: 'Online', description: 'd', cancelled: true, sequence: 2 });
    assert.match(cancelled, /METHOD:CANCEL/);
    assert.match(cancelled, /STATUS:CANCELLED/);
    assert.match(cancelled, /SEQUENCE:2/);
  });
});
