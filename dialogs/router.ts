import { ActivityTypes, TurnContext, type Activity } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type Dialog, type DialogContext } from 'botbuilder-dialogs';
import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod';
import { DialogStateAccessor, conversationOf, type AppTurnState } from '../bot/channels/turn-state';
import { attachIdentity, type Identity } from '../bot/identity/identity';
import type { VerifiedParent } from '../bot/identity/identity';
import type { SafetyScreen } from '../knowledge/types';
import { menuMessage as menuCard, welcomeText } from './menu';
import { commandOf, intentOf, type Intent } from './intents';
import { assertOneRoutePerAction, type MenuItem } from './feature';
import { UsageTelemetry } from './usage-telemetry';
import type { UsageEvent } from '../bot/usage';
import { checkInText, escalationText, type CouncilContacts } from './knowledge-replies';

/**
 * A card submission the router accepts: an `action` name and a zod schema for the whole payload.
 * Anything that fails the schema (forged, or from an old card) changes nothing and gets a clear reply.
 */
export interface SubmissionRoute {
  readonly action: string;
  run(dc: DialogContext, payload: unknown): Promise<'handled' | 'invalid'>;
}

export function submissionRoute<T>(action: string, schema: z.ZodType<T>, handle: (dc: DialogContext, data: T) => Promise<void>): SubmissionRoute {
  return {
    action,
    async run(dc, payload) {
      const parsed = schema.safeParse(payload);
      if (!parsed.success) return 'invalid';
      await handle(dc, parsed.data);
      return 'handled';
    },
  };
}

/** A card submission that starts a dialog by its id (the menu buttons). */
export function startDialogRoute(dialogId: string): SubmissionRoute {
  return submissionRoute(dialogId, z.object({ action: z.literal(dialogId) }).strict(), async (dc) => {
    await dc.cancelAllDialogs();
    await dc.beginDialog(dialogId);
  });
}

/** What a dialog started from the menu or from free text is given: the words that started it, if any. */
export interface StartOptions {
  readonly text?: string;
}

export interface RouterOptions {
  readonly council: CouncilContacts;
  readonly maxMessageChars: number;
  /** Guided dialogs, each owning its id. */
  readonly dialogs: readonly Dialog[];
  /** Card submissions by action name (one route per action, checked at start-up). */
  readonly submissions: readonly SubmissionRoute[];
  /** The menu's buttons and the free text that starts each feature (dialogs/index.ts). */
  readonly menu: readonly MenuItem[];
  readonly intents: readonly Intent[];
  /** Works out who is speaking, once per turn, before anything else. */
  readonly resolveIdentity: (context: TurnContext, verified: VerifiedParent | undefined) => Promise<Identity>;
  /** Called when the assistant is added to a conversation (Teams install), with who added it. */
  readonly onInstall?: (context: TurnContext, identity: Identity) => Promise<void>;
  /**
   * The safeguarding screen for every message, also answers typed inside a dialog (the knowledge
   * base's lexicon and disclosure detector).
   */
  /** `inTask`: a question of a task's is waiting, so the text is likely an answer to it. */
  readonly screen: (text: string, options: { readonly inTask: boolean }) => SafetyScreen;
  /** Production's second opinion on the same message (Content Safety); started, never awaited. */
  readonly afterScreen?: (context: TurnContext, text: string, screen: SafetyScreen) => Promise<void>;
  /** How the assistant is used, without personal data (conversations, handoffs, dialogs started and finished). */
  readonly usage?: (event: UsageEvent) => void;
  /** What to do with free text when no dialog is waiting for an answer (the knowledge base). */
  readonly onFreeText: (context: TurnContext, text: string) => Promise<void>;
}

const CANCEL = /^\s*(cancel|stop|start again|start over|restart|quit)\s*[.!]*\s*$/i;
const HELP = /^\s*(help|menu|options|what can you do\??)\s*[.!?]*\s*$/i;
const GREETING = /^\s*(hi|hello|hey|hiya|good (morning|afternoon|evening)|start)\b[\s.!]*$/i;
const HUMAN = /\b(talk|speak|chat) (to|with) (a |an )?(person|human|someone|real person|adviser|advisor|officer|caseworker)\b|\bhuman please\b/i;

const ActionOnly = z.object({ action: z.string().min(1).max(50) }).passthrough();

/**
 * Routes every message: length check, safeguarding first (before any dialog), then cancel, help and
 * "talk to a person", then card submissions, then the active dialog, then greetings; any other text
 * goes to `onFreeText`.
 */
export function registerRouter(app: Application<AppTurnState>, options: RouterOptions): void {
  const dialogSet = new DialogSet(new DialogStateAccessor());
  for (const dialog of options.dialogs) dialogSet.add(dialog);
  const usage = options.usage;
  if (usage) dialogSet.telemetryClient = new UsageTelemetry(new Set(options.menu.map((m) => m.action).concat(options.dialogs.map((d) => d.id))), usage);
  assertOneRoutePerAction(options.submissions);
  const routes = new Map(options.submissions.map((r) => [r.action, r]));
  const menuMessage = (intro: string, identity: Identity | undefined) => menuCard(options.menu, intro, identity);

  app.conversationUpdate('membersAdded', async (context) => {
    const others = (context.activity.membersAdded ?? []).filter((m) => m.id !== context.activity.recipient.id);
    if (others.length === 0) return;
    const identity = await options.resolveIdentity(context, conversationOf(context).verified);
    await options.onInstall?.(context, identity);
    usage?.({ kind: 'conversation' });
    await context.sendActivity(menuMessage(welcomeText(options.council.name) + accessNote(identity, options.council), identity));
  });

  // Invokes with a handler (the message extension) are routed before this; any other name is
  // refused clearly rather than with the adapter's bare 501.
  app.activity(ActivityTypes.Invoke, async (context) => {
    const name = String(context.activity.name ?? '').slice(0, 100);
    await context.sendActivity({
      type: ActivityTypes.InvokeResponse,
      value: { status: 400, body: { error: { code: 'NotSupported', message: `The assistant does not support the "${name}" action.` } } },
    });
  });

  app.activity(ActivityTypes.Message, async (context) => {
    // In a Teams channel or group chat, the assistant answers only when it is @mentioned.
    if (!addressedToBot(context)) return;
    const conversation = conversationOf(context);
    const identity = await options.resolveIdentity(context, conversation.verified);
    if (conversation.verified && identity.kind !== 'parent') delete conversation.verified;
    attachIdentity(context, identity);
    const text = (context.activity.text ?? '').trim();
    if (text.length > options.maxMessageChars) {
      await context.sendActivity(`Your message is too long. Please keep it under ${options.maxMessageChars.toLocaleString('en-GB')} characters and send it again.`);
      return;
    }
    const dc = await dialogSet.createContext(context);

    // A safeguarding concern is answered first, whatever else is going on.
    const screen = text ? options.screen(text, { inTask: dc.activeDialog !== undefined }) : null;
    if (text) void options.afterScreen?.(context, text, screen);
    if (screen === 'escalate') {
      if (!dc.activeDialog) {
        // The knowledge base gives the safety contacts first, then any SEND question in the same message.
        await options.onFreeText(context, text);
        return;
      }
      await context.sendActivity(escalationText({ reason: 'safeguarding' }, options.council));
      await context.sendActivity('When you are ready, you can carry on where you were, or type "cancel" to stop.');
      await dc.repromptDialog();
      return;
    }
    // Unsure: a short check-in first, then the message is handled as usual.
    if (screen === 'check_in') await context.sendActivity(checkInText(options.council));

    if (CANCEL.test(text)) {
      await dc.cancelAllDialogs();
      await context.sendActivity(menuMessage('OK, I have stopped that. Nothing was saved.', identity));
      return;
    }
    if (HELP.test(text)) {
      await context.sendActivity(menuMessage(helpText(dc), identity));
      return;
    }
    if (HUMAN.test(text)) {
      usage?.({ kind: 'handoff' });
      await context.sendActivity(humanText(options.council));
      return;
    }

    const value: unknown = context.activity.value;
    if (value !== undefined && value !== null && !text) {
      await runSubmission(dc, value, routes, (intro) => menuMessage(intro, identity));
      return;
    }

    if (dc.activeDialog) {
      // A command or a menu choice typed while a question waits starts that job instead of being taken as the answer.
      const command = commandOf(text, options.menu, options.intents);
      if (command && command !== dc.activeDialog.id && dialogSet.find(command)) {
        await dc.cancelAllDialogs();
        await context.sendActivity('OK, I have stopped what we were doing. Nothing was saved.');
        await dc.beginDialog(command, { text } satisfies StartOptions);
        return;
      }
      const result = await dc.continueDialog();
      if (result.status !== DialogTurnStatus.empty) return;
    }

    if (text === '' || GREETING.test(text)) {
      await context.sendActivity(menuMessage(welcomeText(options.council.name) + accessNote(identity, options.council), identity));
      return;
    }
    const intent = intentOf(text, options.intents);
    if (intent && dialogSet.find(intent)) {
      await dc.beginDialog(intent, { text } satisfies StartOptions);
      return;
    }
    await options.onFreeText(context, text);
  });
}

async function runSubmission(dc: DialogContext, value: unknown, routes: ReadonlyMap<string, SubmissionRoute>, menu: (intro: string) => Partial<Activity>): Promise<void> {
  const action = ActionOnly.safeParse(value);
  const route = action.success ? routes.get(action.data.action) : undefined;
  if (route && (await route.run(dc, value)) === 'handled') return;
  await dc.context.sendActivity(
    menu('Sorry, I could not use that. The button may be from an old message, or the details were not valid. Nothing has changed. Please choose again.'),
  );
}

function helpText(dc: DialogContext): string {
  const during = dc.activeDialog ? ' To carry on where you were, answer the last question.' : '';
  return (
    'I can check an EHC plan, book an annual review, take a complaint, answer questions about SEND and put you in touch with SENDIAS. ' +
    `Type "cancel" at any time to stop, or "talk to a person" for contact details.${during}`
  );
}

function addressedToBot(context: TurnContext): boolean {
  const type = context.activity.conversation?.conversationType;
  if (type !== 'channel' && type !== 'groupChat') return true;
  return TurnContext.getMentions(context.activity).some((m) => m.mentioned?.id === context.activity.recipient?.id);
}

/** For someone in Teams who is not (or no longer) in the staff directory: whom to ask for access. */
function accessNote(identity: Identity, council: CouncilContacts): string {
  if (identity.kind !== 'public' || identity.channel !== 'teams') return '';
  return ` I cannot find you in the SEND team's staff list, so I can only help with general questions and complaints. To get access, ask your team manager or email ${council.sendEmail}.`;
}

function humanText(council: CouncilContacts): string {
  return [
    `To talk to someone at ${council.name}, email the SEND team at ${council.sendEmail}, or use ${council.contactUrl}.`,
    'For free, impartial advice, you can contact SENDIAS. Choose "Contact SENDIAS" from the menu and an adviser will get back to you.',
    'If a child is in danger, call 999.',
  ].join('\n\n');
}
