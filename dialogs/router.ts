import { ActivityTypes, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type Dialog, type DialogContext } from 'botbuilder-dialogs';
import type { Application } from '@microsoft/teams-ai';
import { DialogStateAccessor, type AppTurnState } from '../bot/channels/turn-state';
import { MenuAction, menuMessage, welcomeText } from './menu';

/** What the router needs from the rest of the service. */
export interface RouterOptions {
  readonly councilName: string;
  readonly maxMessageChars: number;
  /** Guided dialogs, each owning its id; a menu action starts the dialog with the same id. */
  readonly dialogs: readonly Dialog[];
}

const CANCEL = /^\s*(cancel|stop|start again|start over|restart|quit)\s*[.!]*\s*$/i;
const HELP = /^\s*(help|menu|options|what can you do\??)\s*[.!?]*\s*$/i;
const GREETING = /^\s*(hi|hello|hey|hiya|good (morning|afternoon|evening)|start)\b[\s.!]*$/i;

/**
 * Routes every message: interruptions first (cancel, help), then card submissions, then the active
 * dialog, then greetings; anything else is answered politely with the menu.
 */
export function registerRouter(app: Application<AppTurnState>, options: RouterOptions): void {
  const dialogSet = new DialogSet(new DialogStateAccessor());
  for (const dialog of options.dialogs) dialogSet.add(dialog);
  const startable = new Set(options.dialogs.map((d) => d.id));

  app.conversationUpdate('membersAdded', async (context) => {
    const others = (context.activity.membersAdded ?? []).filter((m) => m.id !== context.activity.recipient.id);
    if (others.length > 0) await context.sendActivity(menuMessage(welcomeText(options.councilName)));
  });

  app.activity(ActivityTypes.Message, async (context) => {
    const text = (context.activity.text ?? '').trim();
    if (text.length > options.maxMessageChars) {
      await context.sendActivity(
        `Your message is too long. Please keep it under ${options.maxMessageChars.toLocaleString('en-GB')} characters and send it again.`,
      );
      return;
    }
    const dc = await dialogSet.createContext(context);

    if (CANCEL.test(text)) {
      await dc.cancelAllDialogs();
      await context.sendActivity(menuMessage('OK, I have stopped that. Nothing was saved.'));
      return;
    }
    if (HELP.test(text)) {
      await context.sendActivity(menuMessage(helpText(dc)));
      return;
    }

    const action = submittedAction(context);
    if (action !== undefined) {
      if (action === null) {
        await context.sendActivity(menuMessage('Sorry, I could not use that button. It may be from an old message. Please choose again.'));
        return;
      }
      await dc.cancelAllDialogs();
      if (startable.has(action)) {
        await dc.beginDialog(action);
      } else {
        await context.sendActivity(menuMessage(`${notReadyText(action)} You can choose something else.`));
      }
      return;
    }

    if (dc.activeDialog) {
      const result = await dc.continueDialog();
      if (result.status !== DialogTurnStatus.empty) return;
    }

    if (text === '' || GREETING.test(text)) {
      await context.sendActivity(menuMessage(welcomeText(options.councilName)));
      return;
    }
    await context.sendActivity(menuMessage(`Sorry, I do not understand "${quote(text)}" yet.`));
  });
}

/**
 * The menu action of a card submission: the action, `null` for a submission that is not valid
 * (forged or from an old card), or `undefined` when the message is not a submission at all.
 */
function submittedAction(context: TurnContext): MenuAction | null | undefined {
  const value: unknown = context.activity.value;
  if (value === undefined || value === null) return undefined;
  const parsed = MenuAction.safeParse(typeof value === 'object' ? (value as { action?: unknown }).action : undefined);
  return parsed.success ? parsed.data : null;
}

function helpText(dc: DialogContext): string {
  const during = dc.activeDialog ? ' You can carry on where you were by answering the last question.' : '';
  return `I can check an EHC plan, book an annual review, take a complaint, answer questions about SEND and put you in touch with SENDIAS. Type "cancel" at any time to stop.${during}`;
}

function notReadyText(action: MenuAction): string {
  return `Sorry, "${action}" is not available in the assistant yet.`;
}

/** Repeats a short part of what the user typed, so they can see what was not understood. */
function quote(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}…` : oneLine;
}
