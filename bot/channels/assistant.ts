import type { Activity, ResourceResponse, Storage, TurnContext } from 'botbuilder';
import { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import type { Logger } from '../logging';
import { findInChain } from '../errors';
import { isDatabaseUnavailable } from '../storage/cosmos';
import { attachTurnState, compactConversation, type AppTurnState, type ConversationData, type UserData } from './turn-state';

/** How many times a turn is run when its state write meets another instance's (eTag conflict). */
const CONFLICT_ATTEMPTS = 4;

/** What the person is told when the records cannot be reached: true, and what to do. */
export const DATABASE_UNAVAILABLE =
  "Sorry, I can't reach our records just now, so I could not deal with your last message. " + 'What you told me before it is kept. Please try again in a minute.';

/**
 * Builds the Teams AI Application that routes every turn. Route groups register themselves
 * (`register`), so this stays small: state, the turn-error handler and nothing else.
 *
 * `run` holds the turn's replies until its state is saved. When the save meets a write from
 * another instance (eTag conflict), the replies are dropped and the turn runs again on the fresh
 * state, so the person never sees a conflict and never gets two answers to one message.
 */
export function createAssistant(options: {
  adapter: TeamsAdapter;
  storage: Storage;
  logger: Logger;
  contactLine: string;
  register: (app: Application<AppTurnState>) => void;
  /** Called after a turn failed because the database could not be reached (to check and heal it). */
  onDatabaseUnavailable?: () => void;
}): { app: Application<AppTurnState>; run: (context: TurnContext) => Promise<void> } {
  const { adapter, storage, logger } = options;
  const app = new Application<AppTurnState>({
    adapter,
    storage,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
    turnStateFactory: () => new TurnState<ConversationData, UserData>() as AppTurnState,
  });

  app.turn('beforeTurn', async (context, state) => {
    attachTurnState(context, state);
    return true;
  });
  app.turn('afterTurn', async (_context, state) => {
    compactConversation(state.conversation);
    return true;
  });
  options.register(app);

  adapter.onTurnError = async (context, error) => {
    const unavailable = isDatabaseUnavailable(error);
    // Details for the team; never the message text or anything personal (see logging.ts safeError).
    logger.error({ err: error, activityType: context.activity.type, channelId: context.activity.channelId, databaseUnavailable: unavailable }, 'turn failed');
    if (unavailable) options.onDatabaseUnavailable?.();
    try {
      await context.sendActivity(
        unavailable
          ? DATABASE_UNAVAILABLE
          : 'Sorry, something went wrong on our side and I could not finish that, so your last message was not saved. ' +
              `Please send it again, or type "start again". If it keeps happening, ${options.contactLine}`,
      );
    } catch (sendError) {
      logger.error({ err: sendError }, 'could not tell the user about a failed turn');
    }
  };

  const run = async (context: TurnContext): Promise<void> => {
    const replies = holdReplies(context);
    for (let attempt = 1; ; attempt++) {
      replies.hold();
      try {
        await app.run(context);
      } catch (err) {
        replies.drop();
        if (attempt < CONFLICT_ATTEMPTS && findInChain(err, 'StateConflictError')) {
          logger.info({ attempt }, 'conversation state changed in another turn; running the turn again');
          await new Promise((r) => setTimeout(r, 20 * attempt + Math.floor(Math.random() * 30)));
          continue;
        }
        throw err;
      }
      await replies.release();
      return;
    }
  };

  return { app, run };
}

/** Activities a turn may send at once: they carry no answer (typing) or the adapter needs them now. */
const SENT_AT_ONCE = new Set(['typing', 'invokeResponse', 'trace']);

/**
 * Holds a turn's replies in memory while it runs. `release` sends them in order; `drop` forgets them
 * (the turn is run again, or failed and the error handler replies instead).
 */
function holdReplies(context: TurnContext): { hold(): void; drop(): void; release(): Promise<void> } {
  let held: Partial<Activity>[] | undefined;
  context.onSendActivities(async (ctx, activities, next) => {
    if (!held) return next();
    const holding = activities.filter((a) => !SENT_AT_ONCE.has(a.type ?? 'message'));
    if (holding.length === 0) return next();
    held.push(...holding);
    ctx.responded = true;
    const now = activities.filter((a) => !holding.includes(a));
    activities.splice(0, activities.length, ...now);
    const sent: ResourceResponse[] = now.length > 0 ? ((await next()) ?? []) : [];
    let i = 0;
    // Held replies have no id yet; nothing in the assistant updates a message it sent.
    return [...holding.map(() => ({ id: '' })), ...now.map(() => sent[i++] ?? { id: '' })];
  });
  return {
    hold: () => void (held = []),
    drop: () => void (held = undefined),
    async release() {
      const out = held ?? [];
      held = undefined;
      if (out.length > 0) await context.sendActivities(out);
    },
  };
}
