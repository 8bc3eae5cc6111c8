import { LIMITS_CONTAINER, RateLimiter } from './limits';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';
import { ConfigurationBotFrameworkAuthentication, TurnContext } from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Config } from './config';
import { createLogger, type Logger } from './logging';
import { openCosmos, type CosmosHandle, type EmbeddedCosmos } from './storage/cosmos';
import { ALL_CONTAINERS } from './containers';
import { BOT_STATE_CONTAINER, CosmosStateStorage } from './storage/state-storage';
import { createAssistant } from './channels/assistant';
import { LocalConversations, LocalDirectLine, type PersonaProfile } from './channels/local-directline';
import { LocalTokenService, type Persona } from './channels/local-tokens';
import { LocalConnectorAuth } from './channels/local-connector-auth';
import { TurnQueue } from './channels/turn-queue';
import { activityRunner, localChannelAuth } from './channels/run-activity';
import { HttpError, bearerFrom, createHttpServer, type Server } from './server/http';
import { mountHealth } from './server/health-routes';
import { mountMessages } from './server/messages-route';
import { LOCAL_CONNECTOR_PATH, mountLocalChannel } from './server/local-channel-routes';
import { directLineTokenIssuer, localTokenIssuer, mountLocalPage, mountWebAssets, mountWebChatToken } from './server/webchat-routes';
import type { PersonaOption } from './server/local-page';
import { mountDevRoutes } from './server/dev-routes';
import { mountReportRoutes } from './server/report-routes';
import { mountReportPage } from './server/report-page';
import { entraSsoVerifier } from './identity/teams-sso';
import { registerRouter } from '../dialogs/router';
import { escalationText } from '../dialogs/knowledge-replies';
import { answerQuestion, type QuestionServices } from '../dialogs/ask-question';
import { loadKnowledgeBase } from '../knowledge';
import { KB_FEEDBACK_CONTAINER, KnowledgeFeedbackStore } from '../knowledge/feedback-store';
import { englandDateOf } from './statutory';
import { createRecords, type Records } from './records';
import { seedDemoData } from './records/demo-seed';
import { StaffId } from './records/common';
import type { StaffRole } from './records/staff';
import { LOCAL_CHANNEL_AUTH_TYPE, resolveIdentity, type Identity, type VerifiedParent } from './identity/identity';
import { registerMessageExtension } from '../dialogs/message-extension';
import { sendDueThisWeek } from '../dialogs/due-this-week';
import { sendUnrecordedReminders } from '../dialogs/unrecorded-meeting';
import { sendMonthlyReport } from '../dialogs/compliance-report';
import { caseworkMessages } from '../dialogs/sendias-cards';
import { Casework } from './casework';
import { USAGE_CONTAINER, UsageLog, type UsageEvent } from './usage';
import { AccessGuard } from './identity/access';
import { VERIFICATION_CONTAINER, VerificationService } from './identity/verification';
import { GovUkNotifier, OutboxNotifier, type Notifier } from './notify';
import { NOTIFICATIONS_CONTAINER, ProactiveMessenger } from './proactive';
import { createContentSafetyClient, managedIdentityToken } from './safety/content-safety';
import { secondOpinionFollowUp } from './safety/follow-up';
import { features } from '../dialogs';
import type { DialogServices } from '../dialogs/services';

export { LOCAL_CHANNEL_AUTH_TYPE };

export const LOCAL_BOT_ACCOUNT = { id: 'send-assistant-bot', name: 'SEND Assistant' } as const;

export interface AppOverrides {
  /** Share a Cosmos connection, e.g. to restart the app against the same data in a test. */
  readonly cosmos?: CosmosHandle;
  /** Use this embedded server instead of starting one (local mode); it is left running on close. */
  readonly embeddedCosmos?: EmbeddedCosmos;
  readonly logger?: Logger;
  /** The clock; tests fix it so statutory dates are stable. */
  readonly now?: () => Date;
  /**
   * Local mode: the local Direct Line's tokens and transcripts. In Azure, Direct Line is one service
   * in front of every instance; tests that run two instances, or restart one, share this.
   */
  readonly localChannel?: LocalChannelState;
}

/** What the local channel keeps outside any one instance: its token key and its transcripts. */
export interface LocalChannelState {
  readonly tokens: LocalTokenService;
  readonly conversations: LocalConversations;
}

export function createLocalChannelState(): LocalChannelState {
  return { tokens: new LocalTokenService(), conversations: new LocalConversations() };
}

export interface SendAssistant {
  readonly config: Config;
  readonly server: Server;
  readonly cosmos: CosmosHandle;
  readonly logger: Logger;
  /** Scheduled jobs, runnable on demand (operations, tests). */
  readonly jobs: {
    dueThisWeek(): Promise<number>;
    monthlyReport(): Promise<number>;
    /** Reminders about meetings booked whose date passed with no record (2 working days after, then weekly). */
    chaseUnrecordedMeetings(): Promise<number>;
    retryPendingMessages(): Promise<number>;
    flushUsage(): Promise<void>;
    /** Rebuilds the compliance report's facts from every record (nightly). */
    rebuildReportFacts(): Promise<void>;
  };
  /** Starts listening; resolves with the base URL. */
  listen(): Promise<string>;
  /** Stops listening; closes Cosmos unless it was handed in. */
  close(): Promise<void>;
}

/**
 * The composition root: builds every part from config and wires them. No globals; tests build as
 * many instances as they like, each on its own port.
 */
export async function buildApp(config: Config, overrides: AppOverrides = {}): Promise<SendAssistant> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const cosmos = overrides.cosmos ?? (await openCosmos(config.cosmos, ALL_CONTAINERS, overrides.embeddedCosmos ? { shared: overrides.embeddedCosmos } : {}));
  const storage = new CosmosStateStorage(cosmos.container(BOT_STATE_CONTAINER.id));
  const local = config.mode === 'local';
  const now = overrides.now ?? (() => new Date());
  const today = () => englandDateOf(now());
  const knowledge = await loadKnowledgeBase({ today: today(), onWarning: (warning) => logger.warn({ warning }, 'knowledge base') });
  const feedback = new KnowledgeFeedbackStore(cosmos.container(KB_FEEDBACK_CONTAINER.id), now);
  const records = createRecords(
    cosmos,
    { now },
    { onFactsError: (err) => logger.warn({ err }, "the compliance report's facts could not follow a record written; they will be rebuilt before the next report") },
  );
  if (config.demoData) {
    const seeded = await seedDemoData(cosmos, { today: today() });
    logger.info({ created: seeded.created, existing: seeded.existing, ms: Math.round(seeded.elapsedMs) }, 'demo dataset loaded (synthetic)');
  }
  const { tenantId: _tenant, ...council } = config.council;
  const usageLog = new UsageLog(cosmos.container(USAGE_CONTAINER.id), now);
  const recordUsage = (event: UsageEvent): void => {
    try {
      usageLog.record(event);
    } catch (err) {
      logger.warn({ err }, 'a usage count was refused');
    }
  };
  const flushUsage = (): Promise<void> => usageLog.flush().catch((err: unknown) => logger.warn({ err }, 'usage counts not stored yet; kept for the next flush'));
  const questions: QuestionServices = { knowledge, council, today, recordFeedback: (entry) => feedback.record(entry), usage: recordUsage };
  const outbox = local ? new OutboxNotifier(now) : undefined;
  const notifier: Notifier = outbox ?? productionNotifier(config);
  const guard = new AccessGuard(records.audit);
  // Limits on tokens and verification codes, counted in Cosmos so they hold across instances.
  const limiter = new RateLimiter(cosmos.container(LIMITS_CONTAINER.id), now);
  const tokenLimits = (behindProxy: boolean) => ({
    limiter,
    perAddressPerMinute: config.limits.tokensPerAddressPerMinute,
    perOriginPerMinute: config.limits.tokensPerOriginPerMinute,
    behindProxy,
  });
  const verification = new VerificationService({
    container: cosmos.container(VERIFICATION_CONTAINER.id),
    records,
    audit: records.audit,
    notifier,
    now,
    serviceName: config.council.name,
    limiter,
    limits: config.limits.codes,
  });
  const adapterRef: { current?: TeamsAdapter } = {};
  const proactive = new ProactiveMessenger({
    container: cosmos.container(NOTIFICATIONS_CONTAINER.id),
    adapter: { continueConversationAsync: (...args: Parameters<TeamsAdapter['continueConversationAsync']>) => adapterRef.current!.continueConversationAsync(...args) },
    appId: config.bot.appId ?? '',
    logger,
    now,
  });
  const clock = { now, today };
  const casework = new Casework({
    records,
    guard,
    notifier,
    messenger: proactive,
    clock,
    council,
    messages: caseworkMessages(council),
    sendias: config.sendias,
    logger,
    usage: usageLog,
  });
  // The report card's button: the tab inside Teams when the app id is known, otherwise the page itself.
  const reportsUrl = (): string | undefined =>
    config.teamsAppId ? `https://teams.microsoft.com/l/entity/${config.teamsAppId}/complianceReport` : baseUrl ? `${baseUrl}/reports` : undefined;
  const services: DialogServices = { council, clock, casework, verification, questions, logger, reportsUrl };
  const assembled = features(services);
  const identify = (context: TurnContext, verified: VerifiedParent | undefined) =>
    resolveIdentity(context, verified, {
      localMode: local,
      ...(config.council.tenantId ? { councilTenantId: config.council.tenantId } : {}),
      directory: { findStaffByAadObjectId: (aad) => records.staff.findByAadObjectId(aad) },
      now,
    });

  const botAuth = {
    MicrosoftAppId: config.bot.appId ?? '',
    MicrosoftAppPassword: config.bot.appPassword ?? '',
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.tenantId ?? '',
  };
  // Known once the server listens. In local mode the adapter's replies go to this service's own
  // Bot Connector endpoints, signed with a per-process key those endpoints check.
  let baseUrl = config.publicUrl ?? '';
  const connectorBase = () => `${baseUrl}${LOCAL_CONNECTOR_PATH}`;
  const connectorAuth = local ? new LocalConnectorAuth(connectorBase) : undefined;
  const adapter = new TeamsAdapter(botAuth, connectorAuth);
  adapterRef.current = adapter;
  const queue = new TurnQueue(config.limits.maxQueuedTurns);
  const contactLine = `email ${config.council.sendEmail}.`;

  // Production only, and only when configured: Content Safety's second opinion (docs/operations.md).
  const secondOpinion = config.contentSafety
    ? secondOpinionFollowUp({
        client: createContentSafetyClient({
          ...config.contentSafety,
          getToken: managedIdentityToken(config.bot.appType === 'UserAssignedMSI' ? config.bot.appId : undefined),
          logger,
        }),
        sender: proactive,
        safetyMessage: () => ({ type: 'message', text: escalationText({ reason: 'safeguarding' }, council) }),
        logger,
      })
    : undefined;

  const assistant = createAssistant({
    adapter,
    storage,
    logger,
    contactLine,
    // Checks the database (and, where the service creates its own containers, recreates a database
    // that has gone, e.g. an emulator restarted empty), so service resumes without a restart.
    onDatabaseUnavailable: () => void cosmos.ping().catch(() => undefined),
    register: (app) => {
      registerMessageExtension(app, { services, resolveIdentity: identify });
      registerRouter(app, {
        council,
        maxMessageChars: config.limits.maxMessageChars,
        resolveIdentity: identify,
        onInstall: (context, identity) => casework.compliance.rememberStaffChat(identity, TurnContext.getConversationReference(context.activity)),
        dialogs: assembled.dialogs,
        submissions: assembled.submissions,
        menu: assembled.menu,
        intents: assembled.intents,
        usage: recordUsage,
        screen: (text, inTask) => knowledge.screen(text, inTask),
        ...(secondOpinion ? { afterScreen: secondOpinion } : {}),
        onFreeText: async (context, text) => void (await answerQuestion(context, text, questions)),
      });
    },
  });

  const server = createHttpServer({
    logger,
    limits: { maxBytes: config.limits.maxBodyBytes, maxDepth: config.limits.maxJsonDepth, maxMembers: config.limits.maxJsonMembers },
  });
  let retryTimer: NodeJS.Timeout | undefined;
  let dailyTimer: NodeJS.Timeout | undefined;

  mountHealth(server, {
    logger,
    probes: {
      cosmos: () => cosmos.ping(),
      knowledge: async () => {
        if (knowledge.size === 0) throw new Error('no articles loaded');
      },
    },
  });
  const botFrameworkAuth = new ConfigurationBotFrameworkAuthentication(botAuth, connectorAuth);
  const runActivity = activityRunner(adapter);
  mountWebAssets(server, { logger });

  if (local) {
    const { tokens, conversations } = overrides.localChannel ?? createLocalChannelState();
    const localAuth = localChannelAuth(botFrameworkAuth);
    const directLine = new LocalDirectLine({
      serviceUrl: connectorBase,
      deliver: (activity) => runActivity(localAuth, activity, assistant.run),
      queue,
      conversations,
      resolvePersona: (persona, userId) => resolveLocalPersona(persona, userId, config.council.tenantId, records),
      bot: LOCAL_BOT_ACCOUNT,
      maxMessageChars: config.limits.maxMessageChars,
    });
    mountLocalChannel(server, { directLine, tokens, connectorAuth: connectorAuth!, logger });
    // Local stand-in for Bot Framework authentication on /api/messages (how tests and tools play
    // Teams: invokes, channel messages, installs). Only a local token bound to the conversation the
    // activity names is accepted; the channel, the sender, the bot and the serviceUrl come from
    // that conversation, as Azure would stamp them, never from the body.
    mountMessages(server, {
      logger,
      queue,
      run: runActivity,
      logic: assistant.run,
      admit: async (authorization, activity) => {
        const claims = tokens.verify(bearerFrom(authorization));
        if (!claims) throw new HttpError(401, 'Unauthorized', 'A valid local token bound to this conversation is needed. Please start a new chat.');
        const conversation = directLine.owned(activity.conversation.id, claims);
        const { profile } = conversation;
        const tenant = profile.tenantId ? { tenantId: profile.tenantId } : {};
        const channelData = { ...(activity.channelData ?? {}), ...(profile.tenantId ? { tenant: { id: profile.tenantId } } : {}) };
        const stamped: Partial<Activity> = {
          ...(activity as unknown as Partial<Activity>),
          serviceUrl: connectorBase(),
          channelId: profile.channelId,
          from: { ...profile.from, role: 'user' },
          recipient: LOCAL_BOT_ACCOUNT,
          conversation: { ...(activity.conversation as unknown as Activity['conversation']), id: conversation.id, ...tenant },
          channelData,
        };
        return { auth: localAuth, activity: stamped, key: conversation.id };
      },
    });
    mountWebChatToken(server, { issuer: localTokenIssuer(tokens), logger, allowedOrigins: config.webchat.allowedOrigins, limits: tokenLimits(false) });
    mountLocalPage(server, { logger, councilName: config.council.name, personas: async () => LOCAL_PERSONAS });
    mountDevRoutes(server, { logger, feedback, now, outbox: outbox! });
    mountReportPage(server, { logger, councilName: config.council.name, personas: async () => LOCAL_PERSONAS });
    // Locally the report API takes the persona's local token (staff personas only).
    mountReportRoutes(server, {
      logger,
      casework,
      councilName: config.council.name,
      authenticate: async (token) => {
        const persona = tokens.verify(token)?.persona;
        const id = persona?.startsWith('staff:') ? StaffId.safeParse(persona.slice('staff:'.length)) : undefined;
        return id?.success ? staffIdentity(await records.staff.find(id.data)) : undefined;
      },
    });
  } else {
    mountMessages(server, {
      logger,
      queue,
      run: runActivity,
      logic: assistant.run,
      admit: async (authorization, activity) => ({
        auth: await botFrameworkAuth.authenticateRequest(activity as unknown as Activity, authorization ?? ''),
        activity: activity as unknown as Partial<Activity>,
        key: `${activity.channelId}:${activity.conversation.id}`,
      }),
    });
    const sso = config.reportsSso;
    if (sso && config.council.tenantId) {
      const verifier = entraSsoVerifier({ ...sso, tenantId: config.council.tenantId });
      mountReportPage(server, { logger, councilName: config.council.name });
      mountReportRoutes(server, {
        logger,
        casework,
        councilName: config.council.name,
        authenticate: async (token) => {
          const user = await verifier.verify(token);
          return user ? staffIdentity(await records.staff.findByAadObjectId(user.aadObjectId)) : undefined;
        },
      });
    }
    const secret = config.webchat.directLineSecret;
    if (!secret) throw new Error('buildApp(): DIRECT_LINE_SECRET is required in production');
    mountWebChatToken(server, {
      issuer: directLineTokenIssuer({ secret, domain: config.webchat.directLineDomain, allowedOrigins: config.webchat.allowedOrigins }),
      logger,
      allowedOrigins: config.webchat.allowedOrigins,
      limits: tokenLimits(true),
    });
  }

  return {
    config,
    server,
    cosmos,
    logger,
    jobs: {
      dueThisWeek: () => sendDueThisWeek(services),
      monthlyReport: () => sendMonthlyReport(services),
      chaseUnrecordedMeetings: () => sendUnrecordedReminders(services),
      retryPendingMessages: () => proactive.retryPending(),
      flushUsage,
      rebuildReportFacts: () => records.reportFacts.rebuild(),
    },
    async listen() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => resolve());
      });
      const { port } = server.address() as AddressInfo;
      const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
      baseUrl = config.publicUrl ?? `http://${host}:${port}`;
      // Messages that could not be sent (a channel down, throttling) are retried every minute.
      retryTimer = setInterval(() => {
        proactive.retryPending().catch((err: unknown) => logger.error({ err }, 'retrying pending proactive messages failed'));
        void flushUsage();
      }, 60_000);
      retryTimer.unref();
      if (config.dueThisWeekAt || config.reportFactsRebuildAt) {
        const at = config.dueThisWeekAt;
        let rebuiltOn = '';
        dailyTimer = setInterval(() => {
          const time = now().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Europe/London' });
          const day = now().toISOString().slice(0, 10);
          if (time === config.reportFactsRebuildAt && rebuiltOn !== day) {
            rebuiltOn = day;
            records.reportFacts.rebuild().catch((err: unknown) => logger.error({ err }, "rebuilding the compliance report's facts failed"));
          }
          if (time !== at) return;
          sendDueThisWeek(services).catch((err: unknown) => logger.error({ err }, "sending what's due this week failed"));
          // On the first working day of a month (and only then), the compliance report too.
          sendMonthlyReport(services).catch((err: unknown) => logger.error({ err }, 'sending the monthly compliance report failed'));
          sendUnrecordedReminders(services).catch((err: unknown) => logger.error({ err }, 'chasing meetings with no record failed'));
        }, 30_000);
        dailyTimer.unref();
      }
      return baseUrl;
    },
    async close() {
      if (retryTimer) clearInterval(retryTimer);
      if (dailyTimer) clearInterval(dailyTimer);
      await new Promise<void>((resolve) => {
        server.server.closeAllConnections?.();
        server.close(() => resolve());
      });
      // The last usage counts, before the database goes.
      await flushUsage();
      if (!overrides.cosmos) await cosmos.close();
    },
  };
}

function productionNotifier(config: Config): Notifier {
  const { apiKey, emailTemplateId, smsTemplateId } = config.notify;
  if (!apiKey || !emailTemplateId || !smsTemplateId) throw new Error('buildApp(): GOV.UK Notify settings are required in production');
  return new GovUkNotifier({ apiKey, emailTemplateId, smsTemplateId });
}

/** A member of staff as an identity, when they are on the staff list and active. */
function staffIdentity(member: { id: string; displayName: string; roles: readonly StaffRole[]; active: boolean } | undefined): Identity | undefined {
  return member?.active ? { kind: 'staff', actorId: member.id, name: member.displayName, roles: [...member.roles], channel: 'teams' } : undefined;
}

/** Personas offered on the local page. Ids match the synthetic demo dataset (npm run demo:data). */
const LOCAL_PERSONAS: readonly PersonaOption[] = [
  { value: 'anonymous', label: 'A member of the public (not signed in)' },
  { value: 'parent:P0001', label: 'A parent whose child is being assessed (P0001)' },
  { value: 'parent:P0002', label: 'A parent whose child has a review due (P0002)' },
  { value: 'staff:S001', label: 'A council caseworker, in Teams (S001)' },
  { value: 'staff:S007', label: 'A SEND team manager, in Teams (S007)' },
  { value: 'staff:S008', label: 'A SENDIAS adviser, in Teams (S008)' },
  { value: 'staff:S010', label: 'A knowledge editor, in Teams (S010)' },
];

/**
 * How a local persona reaches the bot. Staff arrive as Teams activities with the Entra object id the
 * staff directory holds for them; an id not in the directory gets an object id nobody has.
 * Parents arrive as anonymous web chat users: they must verify like everyone else.
 */
async function resolveLocalPersona(persona: Persona, userId: string, tenantId: string | undefined, records: Records): Promise<PersonaProfile> {
  if (persona.startsWith('staff:')) {
    const id = StaffId.safeParse(persona.slice('staff:'.length));
    const member = id.success ? await records.staff.find(id.data) : undefined;
    return {
      channelId: 'msteams',
      from: {
        id: `29:${userId}`,
        name: member?.displayName ?? 'Unknown staff member',
        aadObjectId:
          member?.aadObjectId ??
          `00000000-0000-4000-8000-${userId
            .replace(/[^0-9a-f]/g, '')
            .slice(-12)
            .padStart(12, '0')}`,
      },
      ...(tenantId ? { tenantId } : {}),
    };
  }
  return { channelId: 'webchat', from: { id: userId, name: 'You' } };
}
