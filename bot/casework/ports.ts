/**
 * What the casework layer is given by the composition root (bot/app.ts). Plain types only: no
 * Bot Framework or Teams AI import here or anywhere in bot/casework (test/unit/architecture).
 */
import type { CouncilContacts, SendiasSettings } from '../config';
import type { AccessGuard } from '../identity/access';
import type { Logger } from '../logging';
import type { Notifier } from '../notify';
import type { Records } from '../records';
import type { Enquiry } from '../records/enquiries';
import type { Stored } from '../records/store';
import type { Triage } from '../triage';
import type { UsageSummary } from '../usage';

/** One clock for the whole service: `today()` is the calendar date in England (London time). */
export interface Clock {
  readonly now: () => Date;
  /** Today in England, `YYYY-MM-DD`. */
  readonly today: () => string;
}

/** Where a message can be sent later: a saved conversation (Bot Framework's conversation reference, as plain data). */
export interface ConversationRef {
  readonly channelId?: string;
  readonly serviceUrl?: string;
  readonly conversation?: { readonly id: string; readonly isGroup?: boolean; readonly conversationType?: string; readonly name?: string };
  readonly user?: { readonly id: string; readonly name?: string };
}

/** A chat message to send (text, and attachments such as an Adaptive Card), as plain data. */
export interface OutgoingMessage {
  readonly type?: string;
  readonly text?: string;
  readonly attachments?: readonly unknown[];
}

export type SendResult = 'sent' | 'pending' | 'failed';

/** Messages sent into a conversation later, stored first and retried (bot/proactive implements it). */
export interface Messenger {
  /** Keeps where to reach a conversation later, under a key such as an enquiry reference. */
  remember(key: string, reference: ConversationRef): Promise<void>;
  referenceFor(key: string): Promise<ConversationRef | undefined>;
  /** True for the first caller only, for `ttlSeconds` (several instances send once). */
  claimOnce(key: string, ttlSeconds?: number): Promise<boolean>;
  send(purpose: string, reference: ConversationRef, message: OutgoingMessage): Promise<SendResult>;
}

/** How the casework's proactive messages look; the dialogs' card builders provide them. */
export interface CaseworkMessages {
  /** The adviser's reply, shown in the family's web chat, with a "Reply to SENDIAS" button. */
  familyReply(ref: string, text: string): OutgoingMessage;
  /** The card to the SENDIAS advisers' Teams channel about a new urgent enquiry. */
  urgentAlert(item: { readonly enquiry: Stored<Enquiry>; readonly triage: Triage }): OutgoingMessage;
}

export interface CaseworkDeps {
  readonly records: Records;
  readonly guard: AccessGuard;
  readonly notifier: Notifier;
  readonly messenger: Messenger;
  readonly clock: Clock;
  readonly council: CouncilContacts;
  readonly messages: CaseworkMessages;
  /** SENDIAS triage: acknowledgement target and the advisers' Teams channel (defaults when absent). */
  readonly sendias?: SendiasSettings;
  /** How the assistant is used (counts without personal data), for the report; absent means not counted. */
  readonly usage?: { summary(months: readonly string[]): Promise<UsageSummary> };
  /** Operational events only: never message text or personal data. */
  readonly logger?: Logger;
}
