import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { TurnState, type DefaultTempState } from '@microsoft/teams-ai';
import type { VerifiedParent } from '../identity/identity';

/**
 * What the assistant keeps per conversation in Cosmos. Only plain data: never a TurnContext,
 * adapter, or anything else from the framework (see DESIGN.md, "Known traps").
 */
export interface ConversationData {
  dialogState?: DialogState;
  /** Set when a web chat user verified as a parent or young person (at most 12 hours). */
  verified?: VerifiedParent;
}

/** What the assistant keeps per user in Cosmos. Nothing yet: kept empty until a feature needs it. */
export type UserData = Record<string, never>;

export type AppTurnState = TurnState<ConversationData, UserData, DefaultTempState>;

const STATE_KEY = Symbol('send-assistant.turnState');

/** Makes the loaded turn state reachable from the TurnContext (used by the dialog state accessor). */
export function attachTurnState(context: TurnContext, state: AppTurnState): void {
  context.turnState.set(STATE_KEY, state);
}

function turnStateOf(context: TurnContext): AppTurnState {
  const state = context.turnState.get(STATE_KEY) as AppTurnState | undefined;
  if (!state) throw new Error('dialogStateAccessor: turn state was not attached; the beforeTurn handler must run first');
  return state;
}

/** This conversation's stored data (loaded before the turn, saved after it). */
export function conversationOf(context: TurnContext): ConversationData {
  return turnStateOf(context).conversation;
}

/**
 * The dialog state accessor: stores the dialog stack in `conversation.dialogState`, using the
 * default value it is given (unlike Teams AI's TurnStateProperty, whose default is the TurnContext).
 */
export class DialogStateAccessor implements StatePropertyAccessor<DialogState> {
  async get(context: TurnContext): Promise<DialogState | undefined>;
  async get(context: TurnContext, defaultValue: DialogState): Promise<DialogState>;
  async get(context: TurnContext, defaultValue?: DialogState): Promise<DialogState | undefined> {
    const conversation = turnStateOf(context).conversation;
    if (conversation.dialogState === undefined && defaultValue !== undefined) {
      conversation.dialogState = structuredClone(defaultValue);
    }
    return conversation.dialogState;
  }

  async set(context: TurnContext, value: DialogState): Promise<void> {
    turnStateOf(context).conversation.dialogState = value;
  }

  async delete(context: TurnContext): Promise<void> {
    delete turnStateOf(context).conversation.dialogState;
  }
}

/**
 * Drops an empty dialog stack before state is saved, so a turn that starts no dialog writes nothing
 * (the accessor has to hand DialogSet a live default object, which would otherwise count as a change).
 */
export function compactConversation(conversation: ConversationData): void {
  if (conversation.dialogState && conversation.dialogState.dialogStack.length === 0) delete conversation.dialogState;
}
