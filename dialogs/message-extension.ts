import { CardFactory, type MessagingExtensionAttachment, type MessagingExtensionResult, type TurnContext } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { AppTurnState } from '../bot/channels/turn-state';
import { conversationOf } from '../bot/channels/turn-state';
import type { Identity, VerifiedParent } from '../bot/identity/identity';
import { scopeFor } from '../bot/identity/access';
import type { Plan, Stored } from '../bot/records';
import { adaptiveCard } from './cards';
import { planStatusReply } from './plan-status';
import type { DialogServices } from './services';

export const FIND_PLAN_COMMAND = 'findPlan';

const QueryText = z.string().trim().min(2).max(100);

/**
 * The "Find a plan" search message extension: staff type a child's name or a plan reference in the
 * compose box and insert a plan-status card. The same access rules and audit apply as in chat: each
 * plan shown is a `plan.read` through the guard.
 */
export function registerMessageExtension(
  app: Application<AppTurnState>,
  deps: { services: DialogServices; resolveIdentity: (context: TurnContext, verified: VerifiedParent | undefined) => Promise<Identity> },
): void {
  app.messageExtensions.query(FIND_PLAN_COMMAND, async (context, _state, query): Promise<MessagingExtensionResult> => {
    const identity = await deps.resolveIdentity(context, conversationOf(context).verified);
    if (identity.kind !== 'staff' || !scopeFor(identity, 'plan.read')) {
      return { type: 'message', text: 'Only SEND team caseworkers and managers can search for plans.' };
    }
    const text = QueryText.safeParse((query.parameters as Record<string, unknown>).query);
    if (!text.success) return { type: 'message', text: 'Type at least 2 letters of a child’s name, or a plan reference like EHC-000123.' };
    const plans = await deps.services.casework.plans.search(identity, text.data, Math.min(Math.max(query.count || 10, 1), 10));
    const attachments = await Promise.all(plans.map(async (plan) => planAttachment(plan, await planStatusReply(deps.services, identity, plan))));
    return { type: 'result', attachmentLayout: 'list', attachments };
  });
}

function planAttachment(plan: Stored<Plan>, reply: string): MessagingExtensionAttachment {
  const paragraphs = reply.split('\n\n');
  const card = adaptiveCard({
    body: paragraphs.map((text, i) => ({ type: 'TextBlock', text, wrap: true, ...(i === 0 ? { weight: 'Bolder', size: 'Medium', style: 'heading' } : {}) })),
    fallbackText: reply,
  });
  const preview = CardFactory.thumbnailCard(paragraphs[0]?.replace(/\*\*/g, '') ?? plan.id, paragraphs[1] ?? '');
  return { ...CardFactory.adaptiveCard(card), preview };
}
