import { z } from 'zod';
import { DEFAULT_VERIFICATION_LIMITS, type VerificationLimits } from './limits';

/**
 * The only place that reads the environment. Everything else receives a typed `Config`.
 *
 * Local mode (the default) needs no settings at all: it starts an embedded Cosmos-compatible server,
 * serves a local Direct Line channel and a web chat page, and seeds a synthetic demo dataset.
 * Production mode (`NODE_ENV=production`) refuses to start without Bot credentials, a Cosmos
 * endpoint and a Direct Line secret, and never mounts local-only routes.
 */

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes')
  .optional();

const port = z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(0, 'must be between 0 and 65535').max(65535, 'must be between 0 and 65535');

const positiveInt = z.coerce.number({ message: 'must be a number' }).int('must be a whole number').positive('must be more than 0');

const url = z.string().trim().url('must be a full URL such as https://example.org');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production'], { message: 'must be development, test or production' }).default('development'),
  PORT: port.default(3978),
  HOST: optionalString,
  PUBLIC_URL: url.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be a pino level such as info' }).default('info'),

  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], { message: 'must be MultiTenant, SingleTenant or UserAssignedMSI' }).optional(),
  MicrosoftAppTenantId: optionalString,

  COSMOS_ENDPOINT: url.optional(),
  COSMOS_KEY: optionalString,
  COSMOS_DATABASE: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-_]{1,255}$/, 'must be letters, digits, - or _')
    .default('send-assistant'),
  /** Create the database and containers at start-up. Default: on, except in production with existing containers. */
  COSMOS_CREATE_CONTAINERS: booleanFlag,

  DIRECT_LINE_SECRET: optionalString,
  DIRECT_LINE_DOMAIN: url.default('https://europe.directline.botframework.com/v3/directline'),
  WEBCHAT_ALLOWED_ORIGINS: optionalString,

  NOTIFY_API_KEY: optionalString,
  NOTIFY_EMAIL_TEMPLATE_ID: optionalString,
  NOTIFY_SMS_TEMPLATE_ID: optionalString,
  COUNCIL_TENANT_ID: optionalString,
  COUNCIL_NAME: z.string().trim().min(2).default('Exampleshire Council'),
  COUNCIL_SEND_EMAIL: z.string().trim().email('must be an email address').default('send.team@example.org'),
  COUNCIL_CONTACT_URL: url.default('https://www.example.org/contact-us'),
  COUNCIL_FRONT_DOOR_PHONE: z.string().trim().min(5).default('01632 960000'),
  SENDIAS_EMAIL: z.string().trim().email('must be an email address').default('sendias@example.org'),
  SENDIAS_PHONE: z.string().trim().min(5).default('01632 960001'),

  MAX_MESSAGE_CHARS: positiveInt.default(2000),
  MAX_BODY_BYTES: positiveInt.default(262144),
  /** Deepest nesting of objects and arrays a request body may have. */
  MAX_JSON_DEPTH: positiveInt.max(1000, 'must be 1000 or fewer').default(64),
  /** Most object members and array items, in all, a request body may have. */
  MAX_JSON_MEMBERS: positiveInt.default(10000),
  /** Messages from one conversation waiting for their turn; more are refused with 429 and a polite message. */
  MAX_QUEUED_TURNS: positiveInt.max(1000, 'must be 1000 or fewer').default(20),
  /** Web chat tokens one client address may get a minute, and one site (Origin) a minute; more get 429 with Retry-After. */
  LIMIT_TOKENS_PER_ADDRESS_PER_MINUTE: positiveInt.max(10000, 'must be 10000 or fewer').optional(),
  LIMIT_TOKENS_PER_ORIGIN_PER_MINUTE: positiveInt.max(100000, 'must be 100000 or fewer').optional(),
  /** Verification codes (each a GOV.UK Notify message): per web chat user an hour, per child a day, per contact an hour and a day. */
  LIMIT_CODES_PER_USER_PER_HOUR: positiveInt.max(100, 'must be 100 or fewer').optional(),
  LIMIT_CODES_PER_CHILD_PER_DAY: positiveInt.max(100, 'must be 100 or fewer').optional(),
  LIMIT_CODES_PER_CONTACT_PER_HOUR: positiveInt.max(100, 'must be 100 or fewer').optional(),
  LIMIT_CODES_PER_CONTACT_PER_DAY: positiveInt.max(100, 'must be 100 or fewer').optional(),
  /** Longest a single Cosmos DB request may take before it counts as failed (ms). */
  COSMOS_REQUEST_TIMEOUT_MS: positiveInt.max(120000, 'must be 120000 or fewer').default(4000),
  DEMO_DATA: booleanFlag,
  DUE_THIS_WEEK_AT: z
    .string()
    .trim()
    .regex(/^(off|([01]\d|2[0-3]):[0-5]\d)$/, 'must be a time like 08:00 (UK time), or off')
    .default('08:00'),
  /** When (UK time) each instance rebuilds the compliance report's facts from every record, or off. */
  REPORT_FACTS_REBUILD_AT: z
    .string()
    .trim()
    .regex(/^(off|([01]\d|2[0-3]):[0-5]\d)$/, 'must be a time like 02:30 (UK time), or off')
    .default('02:30'),
  /** Working days SENDIAS aims to acknowledge an enquiry in; later ones rise in the queue. */
  SENDIAS_ACK_WORKING_DAYS: positiveInt.max(30, 'must be 30 or fewer').default(2),
  /** The SENDIAS advisers' Teams channel for urgent-enquiry cards (both or neither). */
  SENDIAS_CHANNEL_SERVICE_URL: url.optional(),
  SENDIAS_CHANNEL_CONVERSATION_ID: optionalString,
  /** The app's id URI the report tab's Teams SSO tokens are issued for (production; the reports API is off without it). */
  REPORTS_SSO_AUDIENCE: z
    .string()
    .trim()
    .regex(/^api:\/\/\S+$/, 'must be the app id URI, like api://assistant.example.gov.uk/<app id>')
    .optional(),
  /** The Teams app's id (the manifest's `id`), for links that open the report tab inside Teams. */
  TEAMS_APP_ID: z
    .string()
    .trim()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be the Teams app id, a GUID')
    .optional(),
  /** Microsoft Entra ID's sign-in address (a stand-in's in tests). */
  ENTRA_AUTHORITY: url.default('https://login.microsoftonline.com'),
  /** Azure AI Content Safety, the optional second opinion beside the local safeguarding detector (production only). */
  CONTENT_SAFETY_ENDPOINT: url.refine((v) => v.startsWith('https://'), 'must be an https:// URL').optional(),
  /** Longest a Content Safety check may take before the assistant carries on without it (ms). */
  CONTENT_SAFETY_TIMEOUT_MS: positiveInt.max(10000, 'must be 10000 or fewer').default(1500),
  /** Lowest Content Safety severity that sends the safety contacts. */
  CONTENT_SAFETY_SEVERITY: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .refine((n) => n === 2 || n === 4 || n === 6, 'must be 2, 4 or 6 (the severities Content Safety reports)')
    .default(4),
});

export type Env = Readonly<Record<string, string | undefined>>;

export interface Config {
  readonly mode: 'local' | 'production';
  readonly nodeEnv: 'development' | 'test' | 'production';
  readonly port: number;
  readonly host: string;
  /** Base URL the service is reachable at; local mode uses it as the Bot Connector serviceUrl. */
  readonly publicUrl?: string;
  readonly logLevel: string;
  readonly bot: {
    readonly appId?: string;
    readonly appPassword?: string;
    readonly appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    readonly tenantId?: string;
  };
  readonly cosmos: {
    readonly endpoint?: string;
    readonly key?: string;
    readonly databaseId: string;
    readonly createIfMissing: boolean;
    readonly requestTimeoutMs: number;
  };
  readonly webchat: {
    readonly directLineSecret?: string;
    readonly directLineDomain: string;
    readonly allowedOrigins: readonly string[];
  };
  readonly notify: { readonly apiKey?: string; readonly emailTemplateId?: string; readonly smsTemplateId?: string };
  readonly council: CouncilContacts & { readonly tenantId?: string };
  readonly limits: {
    readonly maxMessageChars: number;
    readonly maxBodyBytes: number;
    readonly maxJsonDepth: number;
    readonly maxJsonMembers: number;
    readonly maxQueuedTurns: number;
    /** Counted in Cosmos across instances (bot/limits). */
    readonly tokensPerAddressPerMinute: number;
    readonly tokensPerOriginPerMinute: number;
    readonly codes: VerificationLimits;
  };
  /** Load the synthetic demo dataset at start-up (local mode only). */
  readonly demoData: boolean;
  /** UK time each day to send staff their "what's due this week" card, or undefined for never. */
  readonly dueThisWeekAt?: string;
  /** `HH:MM` UK time: the nightly rebuild of the report's facts. */
  readonly reportFactsRebuildAt?: string;
  readonly sendias: SendiasSettings;
  /** The Teams app id, for deep links to the report tab. */
  readonly teamsAppId?: string;
  /** Teams SSO for the report tab and its API (production only; absent means the reports API is not served). */
  readonly reportsSso?: { readonly authority: string; readonly audience: string };
  /** Azure AI Content Safety second opinion; absent means off (always off in local mode). */
  readonly contentSafety?: { readonly endpoint: string; readonly timeoutMs: number; readonly severityThreshold: number };
}

/** SENDIAS triage settings. */
export interface SendiasSettings {
  /** Working days to acknowledge an enquiry in (default 2). */
  readonly ackWorkingDays: number;
  /** The advisers' Teams channel for urgent-enquiry cards, when configured. */
  readonly channel?: { readonly serviceUrl: string; readonly conversationId: string };
}

/** The council's contact details, which replies point people to. */
export interface CouncilContacts {
  readonly name: string;
  readonly sendEmail: string;
  readonly contactUrl: string;
  readonly frontDoorPhone: string;
  readonly sendiasEmail: string;
  readonly sendiasPhone: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The SEND Assistant cannot start because of its settings:\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses and checks the environment once, at start-up. Every problem names the setting. */
export function loadConfig(env: Env = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`));
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const problems: string[] = [];
  const appType = e.MicrosoftAppType ?? (e.MicrosoftAppTenantId ? 'SingleTenant' : 'MultiTenant');

  if (production) {
    if (!e.MicrosoftAppId) problems.push('MicrosoftAppId: required in production (the Azure Bot app registration id)');
    if (!e.MicrosoftAppPassword && appType !== 'UserAssignedMSI') {
      problems.push('MicrosoftAppPassword: required in production unless MicrosoftAppType is UserAssignedMSI (managed identity)');
    }
    if (!e.COSMOS_ENDPOINT) problems.push('COSMOS_ENDPOINT: required in production (the Azure Cosmos DB account endpoint)');
    if (!e.DIRECT_LINE_SECRET) problems.push('DIRECT_LINE_SECRET: required in production to issue web chat tokens');
    if (!e.COUNCIL_TENANT_ID) problems.push('COUNCIL_TENANT_ID: required in production so only council staff are trusted');
    for (const name of ['NOTIFY_API_KEY', 'NOTIFY_EMAIL_TEMPLATE_ID', 'NOTIFY_SMS_TEMPLATE_ID'] as const) {
      if (!e[name]) problems.push(`${name}: required in production to send verification codes and invitations through GOV.UK Notify`);
    }
    if (e.DEMO_DATA) problems.push('DEMO_DATA: the synthetic demo dataset is never loaded in production');
  }
  if (appType === 'SingleTenant' && e.MicrosoftAppId && !e.MicrosoftAppTenantId) {
    problems.push('MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant');
  }
  if (e.COSMOS_KEY && !e.COSMOS_ENDPOINT) problems.push('COSMOS_KEY: set without COSMOS_ENDPOINT');
  if (!e.SENDIAS_CHANNEL_SERVICE_URL !== !e.SENDIAS_CHANNEL_CONVERSATION_ID) {
    problems.push('SENDIAS_CHANNEL_SERVICE_URL and SENDIAS_CHANNEL_CONVERSATION_ID: set both (the SENDIAS Teams channel) or neither');
  }
  if (production && e.REPORTS_SSO_AUDIENCE && !e.COUNCIL_TENANT_ID) problems.push('REPORTS_SSO_AUDIENCE: needs COUNCIL_TENANT_ID (the tenant whose tokens the reports accept)');
  if (!production && e.CONTENT_SAFETY_ENDPOINT) {
    problems.push('CONTENT_SAFETY_ENDPOINT: Content Safety is used in production only; local mode sends no message text anywhere');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const local = !production;
  return {
    mode: local ? 'local' : 'production',
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    ...(e.PUBLIC_URL ? { publicUrl: e.PUBLIC_URL.replace(/\/+$/, '') } : {}),
    logLevel: e.LOG_LEVEL,
    ...(production && e.CONTENT_SAFETY_ENDPOINT
      ? { contentSafety: { endpoint: e.CONTENT_SAFETY_ENDPOINT.replace(/\/+$/, ''), timeoutMs: e.CONTENT_SAFETY_TIMEOUT_MS, severityThreshold: e.CONTENT_SAFETY_SEVERITY } }
      : {}),
    bot: { appId: e.MicrosoftAppId, appPassword: e.MicrosoftAppPassword, appType, tenantId: e.MicrosoftAppTenantId },
    cosmos: {
      endpoint: e.COSMOS_ENDPOINT,
      key: e.COSMOS_KEY,
      databaseId: e.COSMOS_DATABASE,
      createIfMissing: e.COSMOS_CREATE_CONTAINERS ?? !production,
      requestTimeoutMs: e.COSMOS_REQUEST_TIMEOUT_MS,
    },
    webchat: {
      directLineSecret: e.DIRECT_LINE_SECRET,
      directLineDomain: e.DIRECT_LINE_DOMAIN.replace(/\/+$/, ''),
      allowedOrigins: (e.WEBCHAT_ALLOWED_ORIGINS ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    },
    notify: { apiKey: e.NOTIFY_API_KEY, emailTemplateId: e.NOTIFY_EMAIL_TEMPLATE_ID, smsTemplateId: e.NOTIFY_SMS_TEMPLATE_ID },
    council: {
      tenantId: e.COUNCIL_TENANT_ID ?? (local ? LOCAL_TENANT_ID : undefined),
      name: e.COUNCIL_NAME,
      sendEmail: e.COUNCIL_SEND_EMAIL,
      contactUrl: e.COUNCIL_CONTACT_URL,
      frontDoorPhone: e.COUNCIL_FRONT_DOOR_PHONE,
      sendiasEmail: e.SENDIAS_EMAIL,
      sendiasPhone: e.SENDIAS_PHONE,
    },
    limits: {
      maxMessageChars: e.MAX_MESSAGE_CHARS,
      maxBodyBytes: e.MAX_BODY_BYTES,
      maxJsonDepth: e.MAX_JSON_DEPTH,
      maxJsonMembers: e.MAX_JSON_MEMBERS,
      maxQueuedTurns: e.MAX_QUEUED_TURNS,
      // Production's defaults stop floods and cost; locally (one developer, demo personas, tests) they are generous unless set.
      tokensPerAddressPerMinute: e.LIMIT_TOKENS_PER_ADDRESS_PER_MINUTE ?? (local ? 10000 : 20),
      tokensPerOriginPerMinute: e.LIMIT_TOKENS_PER_ORIGIN_PER_MINUTE ?? (local ? 100000 : 1200),
      codes: {
        perUserPerHour: e.LIMIT_CODES_PER_USER_PER_HOUR ?? (local ? 100 : DEFAULT_VERIFICATION_LIMITS.perUserPerHour),
        perChildPerDay: e.LIMIT_CODES_PER_CHILD_PER_DAY ?? (local ? 100 : DEFAULT_VERIFICATION_LIMITS.perChildPerDay),
        perContactPerHour: e.LIMIT_CODES_PER_CONTACT_PER_HOUR ?? (local ? 100 : DEFAULT_VERIFICATION_LIMITS.perContactPerHour),
        perContactPerDay: e.LIMIT_CODES_PER_CONTACT_PER_DAY ?? (local ? 100 : DEFAULT_VERIFICATION_LIMITS.perContactPerDay),
      },
    },
    demoData: local && (e.DEMO_DATA ?? true),
    ...(e.TEAMS_APP_ID ? { teamsAppId: e.TEAMS_APP_ID } : {}),
    ...(production && e.REPORTS_SSO_AUDIENCE ? { reportsSso: { authority: e.ENTRA_AUTHORITY.replace(/\/+$/, ''), audience: e.REPORTS_SSO_AUDIENCE } } : {}),
    ...(e.DUE_THIS_WEEK_AT !== 'off' ? { dueThisWeekAt: e.DUE_THIS_WEEK_AT } : {}),
    ...(e.REPORT_FACTS_REBUILD_AT !== 'off' ? { reportFactsRebuildAt: e.REPORT_FACTS_REBUILD_AT } : {}),
    sendias: {
      ackWorkingDays: e.SENDIAS_ACK_WORKING_DAYS,
      ...(e.SENDIAS_CHANNEL_SERVICE_URL && e.SENDIAS_CHANNEL_CONVERSATION_ID
        ? { channel: { serviceUrl: e.SENDIAS_CHANNEL_SERVICE_URL, conversationId: e.SENDIAS_CHANNEL_CONVERSATION_ID } }
        : {}),
    },
  };
}

/** The tenant id local mode gives staff personas; never a real tenant. */
export const LOCAL_TENANT_ID = '00000000-0000-4000-8000-00000000c0de';
