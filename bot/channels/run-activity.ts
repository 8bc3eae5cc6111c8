import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import { INVOKE_RESPONSE_KEY } from 'botbuilder';
import { ClaimsIdentity, type AuthenticateRequestResult, type BotFrameworkAuthentication } from 'botframework-connector';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { LOCAL_CHANNEL_AUTH_TYPE } from '../identity/identity';

/** Turn logic: the assistant, or a one-line reply when a conversation has too many turns waiting. */
export type TurnLogic = (context: TurnContext) => Promise<void>;

/** Runs one already-authenticated activity through the adapter; resolves with the invoke response, if any. */
export type ActivityRunner = (auth: AuthenticateRequestResult, activity: Partial<Activity>, logic: TurnLogic) => Promise<InvokeResponse | undefined>;

export function activityRunner(adapter: TeamsAdapter): ActivityRunner {
  return async (auth, activity, logic) => {
    let invokeResponse: InvokeResponse | undefined;
    await adapter.processActivityDirect(auth, activity as Activity, async (context) => {
      await logic(context);
      const stored = context.turnState.get(INVOKE_RESPONSE_KEY) as { value?: InvokeResponse } | undefined;
      invokeResponse = stored?.value;
    });
    return invokeResponse;
  };
}

/**
 * The authentication result the local channel's activities carry: authenticated by the local
 * channel itself (identity.ts trusts it only in local mode). Replies use the connector factory of
 * the given authentication, which signs calls to the service's own connector.
 */
export function localChannelAuth(auth: BotFrameworkAuthentication): AuthenticateRequestResult {
  const claimsIdentity = new ClaimsIdentity([{ type: 'iss', value: LOCAL_CHANNEL_AUTH_TYPE }], LOCAL_CHANNEL_AUTH_TYPE);
  return { audience: '', claimsIdentity, callerId: undefined, connectorFactory: auth.createConnectorFactory(claimsIdentity) } as AuthenticateRequestResult;
}
