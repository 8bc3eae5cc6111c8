import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { SafetyScreen } from '../../knowledge/types';
import type { Logger } from '../logging';
import { safeError } from '../logging';
import { isUnavailable, type SafetySecondOpinion } from './content-safety';

/** Where a follow-up goes: the proactive messenger (stored first, retried if the channel is down). */
export interface FollowUpSender {
  send(purpose: string, reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<unknown>;
}

export interface SecondOpinionOptions {
  readonly client: SafetySecondOpinion;
  readonly sender: FollowUpSender;
  /** The safety contacts, as the reply to a safeguarding escalation words them. */
  readonly safetyMessage: () => Partial<Activity>;
  readonly logger: Logger;
}

/**
 * The production second opinion (Azure AI Content Safety) beside the local screen. Called by the
 * router after the local screen and never awaited: the local answer is sent as it would be without
 * it. When the second opinion flags a message the local screen did not escalate, the safety contacts
 * follow as a separate message. A timeout or failure changes nothing and is logged without the text.
 * Returns the pending check (tests await it; the router does not).
 */
export function secondOpinionFollowUp(options: SecondOpinionOptions): (context: TurnContext, text: string, screen: SafetyScreen) => Promise<void> {
  const logger = options.logger.child({ component: 'second-opinion' });
  return (context, text, screen) => {
    if (screen === 'escalate' || text.trim() === '') return Promise.resolve();
    const reference = TurnContext.getConversationReference(context.activity);
    return options.client
      .check(text)
      .then(async (result) => {
        if (isUnavailable(result) || !result.flagged) return;
        logger.info(
          { categories: result.categories.filter((c) => c.severity > 0).map((c) => `${c.category}:${c.severity}`), screen },
          'second opinion flagged a message the local screen did not escalate',
        );
        await options.sender.send('safeguarding-second-opinion', reference, options.safetyMessage());
      })
      .catch((err: unknown) => logger.warn({ err: safeError(err) }, 'second opinion follow-up could not be sent'));
  };
}
