/**
 * The casework layer over a records fixture, as bot/app.ts composes it: the real access guard and
 * audit trail and the GOV.UK Notify outbox. Only the proactive messenger is a recorder (it is the
 * Bot Connector's port): it keeps what was sent and where.
 */
import { Casework, type ConversationRef, type OutgoingMessage } from '../../bot/casework';
import { AccessGuard } from '../../bot/identity/access';
import { OutboxNotifier } from '../../bot/notify';
import type { Clock, Records } from '../../bot/records';
import { caseworkMessages } from '../../dialogs/sendias-cards';
import { TEST_COUNCIL as council } from './council';

export interface CaseworkFixture {
  readonly casework: Casework;
  readonly deps: ConstructorParameters<typeof Casework>[0];
  readonly outbox: OutboxNotifier;
  readonly sent: { purpose: string; reference: ConversationRef; message: OutgoingMessage }[];
  readonly remembered: Map<string, ConversationRef>;
}

export function caseworkOn(records: Records, clock: Clock, today: string): CaseworkFixture {
  const sent: CaseworkFixture['sent'] = [];
  const remembered = new Map<string, ConversationRef>();
  const outbox = new OutboxNotifier(() => clock.now());
  const deps: CaseworkFixture['deps'] = {
    records,
    guard: new AccessGuard(records.audit),
    notifier: outbox,
    messenger: {
      remember: async (key: string, reference: ConversationRef) => void remembered.set(key, reference),
      referenceFor: async (key: string) => remembered.get(key),
      claimOnce: async () => true,
      send: async (purpose: string, reference: ConversationRef, message: OutgoingMessage) => {
        sent.push({ purpose, reference, message });
        return 'sent' as const;
      },
    },
    clock: { now: () => clock.now(), today: () => today },
    council,
    messages: caseworkMessages(council),
    sendias: { ackWorkingDays: 2 },
  };
  return { casework: new Casework(deps), deps, outbox, sent, remembered };
}
