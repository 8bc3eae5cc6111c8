import type { Storage, TurnContext } from 'botbuilder';
import { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import type { Logger } from '../logging';
import { attachTurnState, compactConversation, type AppTurnState, type ConversationData, type UserData } from './turn-state';

/**
 * Builds the Teams AI Application that routes every turn. Route groups register themselves
 * (`register`), so this stays small: state, the turn-error handler and nothing else.
 */
export function createAssistant(options: {
  adapter: TeamsAdapter;
  storage: Storage;
  logger: Logger;
  contactLine: string;
  register: (app: Application<AppTurnState>) => void;
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
    // Details for the team; never the message text or anything personal.
    logger.error(
      { err: error, activityType: context.activity.type, channelId: context.activity.channelId },
      'turn failed',
    );
    try {
      await context.sendActivity(
        `Sorry, something went wrong on our side and I could not finish that. Nothing you told me has been lost. ` +
          `Please try again, or type "start again". If it keeps happening, ${options.contactLine}`,
      );
    } catch (sendError) {
      logger.error({ err: sendError }, 'could not tell the user about a failed turn');
    }
  };

  return { app, run: async (context) => void (await app.run(context)) };
}
