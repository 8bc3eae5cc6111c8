import assert from 'node:assert/strict';
import type { CaseworkDeps, ConversationRef, OutgoingMessage } from '../../../bot/casework';
import { EnquiryCasework } from '../../../bot/casework/enquiries';
import type { Enquiry } from '../../../bot/records/enquiries';
import type { Stored } from '../../../bot/records/store';
import { caseworkMessages } from '../../../dialogs/sendias-cards';
import { TEST_COUNCIL as council } from '../../helpers/council';
import { enquiry as base } from '../../helpers/enquiry';

function enquiry(priority: Partial<Enquiry['priority']>): Stored<Enquiry> {
  return { ...base({ id: 'ENQ-2026-00042', text: 'Private words of the family.', priority }), etag: '"etag-1"' };
}

/** The alert needs only the clock, the settings, the logger and a messenger (records are not read). */
function fakeServices(channel?: { serviceUrl: string; conversationId: string }) {
  const sent: { purpose: string; reference: ConversationRef; activity: OutgoingMessage }[] = [];
  const logs: unknown[] = [];
  const claims = new Set<string>();
  const deps = {
    council,
    clock: { today: () => '2026-03-11', now: () => new Date('2026-03-11T10:00:00.000Z') },
    sendias: { ackWorkingDays: 2, ...(channel ? { channel } : {}) },
    logger: { info: (obj: unknown) => logs.push(obj) },
    messages: caseworkMessages(council),
    messenger: {
      claimOnce: async (key: string) => (claims.has(key) ? false : (claims.add(key), true)),
      send: async (purpose: string, reference: ConversationRef, activity: OutgoingMessage) => {
        sent.push({ purpose, reference, activity });
        return 'sent' as const;
      },
    },
  } as unknown as CaseworkDeps;
  const enquiries = new EnquiryCasework(deps);
  return { services: enquiries, sent, logs };
}

const notifyIfUrgent = (enquiries: EnquiryCasework, e: Stored<Enquiry>) => enquiries.alertIfUrgent(e);

describe('notifyIfUrgent(): a new urgent enquiry is carded to the SENDIAS Teams channel', () => {
  const channel = { serviceUrl: 'https://smba.example.net/emea/', conversationId: '19:sendias@thread.tacv2' };

  it('does nothing for an enquiry that is not urgent', async () => {
    const { services, sent } = fakeServices(channel);
    assert.equal(await notifyIfUrgent(services, enquiry({ outOfSchool: true })), 'not_urgent');
    assert.equal(sent.length, 0);
  });

  it('sends one card to the configured channel, with the reasons and safeguarding contacts but no personal data', async () => {
    const { services, sent } = fakeServices(channel);
    assert.equal(await notifyIfUrgent(services, enquiry({ safeguarding: true })), 'sent');
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.purpose, 'sendias-urgent:ENQ-2026-00042');
    assert.equal(sent[0]!.reference.serviceUrl, channel.serviceUrl);
    assert.equal(sent[0]!.reference.conversation?.id, channel.conversationId);
    assert.equal(sent[0]!.reference.channelId, 'msteams');
    const json = JSON.stringify(sent[0]!.activity);
    assert.match(sent[0]!.activity.text ?? '', /New urgent SENDIAS enquiry ENQ-2026-00042\.\nWhy: Safeguarding concern/);
    assert.match(json, /Childline 0800 1111/);
    assert.doesNotMatch(json, /Jo Parent|jo@example\.org|Private words/);
    assert.equal(await notifyIfUrgent(services, enquiry({ safeguarding: true })), 'already_sent', 'once per enquiry');
    assert.equal(sent.length, 1);
  });

  it('a hearing within 14 days is urgent too', async () => {
    const { services, sent } = fakeServices(channel);
    assert.equal(await notifyIfUrgent(services, enquiry({ tribunalHearing: '2026-03-20' })), 'sent');
    assert.match(sent[0]!.activity.text ?? '', /Tribunal hearing in 9 days/);
  });

  it('skips, logging at info with the reference only, when no channel is configured', async () => {
    const { services, sent, logs } = fakeServices();
    assert.equal(await notifyIfUrgent(services, enquiry({ safeguarding: true })), 'not_configured');
    assert.equal(sent.length, 0);
    assert.equal(logs.length, 1);
    assert.doesNotMatch(JSON.stringify(logs), /Jo Parent|jo@example|Private/);
  });
});
