import { CardFactory, type MessagingExtensionAttachment, type MessagingExtensionResult, type TurnContext } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { AppTurnState } from '../bot/channels/turn-state';
import { conversationOf } from '../bot/channels/turn-state';
import type { Identity, VerifiedParent } from '../bot/identity/identity';
import { scopeFor } from '../bot/identity/access';
import type { Plan, Stored } from '../bot/records';
import type { AdaptiveCard } from './cards';
import { PlanLookup } from './plan-status';
import type { DialogServices } from './services';

export const FIND_PLAN_COMMAND = 'findPlan';

const QueryText = z.string().trim().min(2).max(100);
const REF = /\bEHC[\s-]?(\d{6})\b/i;

/**
 * The "Find a plan" search message extension: staff type a child's name or a plan reference in the
 * compose box and insert a plan-status card. The same access rules and audit apply as in chat: each
 * plan shown is a `plan.read` through the guard.
 */
export function registerMessageExtension(
  app: Application<AppTurnState>,
  deps: { services: DialogServices; resolveIdentity: (context: TurnContext, verified: VerifiedParent | undefined) => Promise<Identity> },
): void {
  const lookup = new PlanLookup(deps.services);
  app.messageExtensions.query(FIND_PLAN_COMMAND, async (context, _state, query): Promise<MessagingExtensionResult> => {
    const identity = await deps.resolveIdentity(context, conversationOf(context).verified);
    if (identity.kind !== 'staff' || !scopeFor(identity, 'plan.read')) {
      return { type: 'message', text: 'Only SEND team caseworkers and managers can search for plans.' };
    }
    const text = QueryText.safeParse((query.parameters as Record<string, unknown>).query);
    if (!text.success) return { type: 'message', text: 'Type at least 2 letters of a child’s name, or a plan reference like EHC-000123.' };
    const plans = await findPlans(deps.services, lookup, identity, text.data, Math.min(Math.max(query.count || 10, 1), 10));
    const attachments = await Promise.all(plans.map(async (plan) => planAttachment(plan, await lookup.reply(identity, plan))));
    return { type: 'result', attachmentLayout: 'list', attachments };
  });
}

async function findPlans(services: DialogServices, lookup: PlanLookup, identity: Identity, text: string, limit: number): Promise<Stored<Plan>[]> {
  const ref = REF.exec(text);
  if (ref) {
    const plan = await lookup.byRef(identity, `EHC-${ref[1]}`);
    return plan ? [plan] : [];
  }
  const children = await services.records.children.searchByName(text, limit);
  const found: Stored<Plan>[] = [];
  for (const child of children) {
    const plans = (await services.records.plans.forChild(child.id)).filter((p) => p.status !== 'ceased');
    for (const p of plans.slice(0, 1)) {
      const allowed = await lookup.byRef(identity, p.id);
      if (allowed) found.push(allowed);
    }
  }
  return found;
}

function planAttachment(plan: Stored<Plan>, reply: string): MessagingExtensionAttachment {
  const paragraphs = reply.split('\n\n');
  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: paragraphs.map((text, i) => ({ type: 'TextBlock', text, wrap: true, ...(i === 0 ? { weight: 'Bolder', size: 'Medium', style: 'heading' } : {}) })),
    fallbackText: reply,
  };
  const preview = CardFactory.thumbnailCard(paragraphs[0]?.replace(/\*\*/g, '') ?? plan.id, paragraphs[1] ?? '');
  return { ...CardFactory.adaptiveCard(card), preview };
}
