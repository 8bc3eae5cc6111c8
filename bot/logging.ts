import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Paths pino removes from every log line. Logs never carry message text, names, dates of birth,
 * contact details, one-time codes or credentials, whatever the level.
 */
export const REDACT_PATHS: readonly string[] = [
  'text',
  '*.text',
  'activity.text',
  'activity.value',
  'activity.from.name',
  'value',
  '*.value',
  'name',
  '*.name',
  'email',
  '*.email',
  'phone',
  '*.phone',
  'dateOfBirth',
  '*.dateOfBirth',
  'code',
  '*.code',
  'to',
  '*.to',
  'body',
  '*.body',
  'givenName',
  '*.givenName',
  'familyName',
  '*.familyName',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'password',
  '*.password',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'send-assistant' },
      redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
      serializers: { err: safeError, error: safeError },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/**
 * What a log line keeps of an error: its name, message, code, the dialog it happened in and where
 * in the code (stack frames), and the same of its causes. Nothing else: botbuilder's
 * DialogContextError carries the dialog stack with every answer given so far (names, emails,
 * complaint text), and a zod error's message can quote the value it refused, so for those only the
 * paths and issue codes are kept.
 */
export function safeError(err: unknown, depth = 0): Record<string, unknown> | undefined {
  if (err === undefined || err === null) return undefined;
  if (typeof err !== 'object') return { type: typeof err };
  const e = err as { name?: unknown; message?: unknown; code?: unknown; statusCode?: unknown; stack?: unknown; cause?: unknown };
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const out: Record<string, unknown> = { type: name, message: safeMessage(err, name) };
  if (typeof e.code === 'number' || (typeof e.code === 'string' && e.code.length <= 40)) out.code = e.code;
  if (typeof e.statusCode === 'number') out.statusCode = e.statusCode;
  const dialogId = (err as { dialogContext?: { activeDialog?: unknown } }).dialogContext?.activeDialog;
  if (typeof dialogId === 'string') out.dialogId = dialogId;
  if (typeof e.stack === 'string')
    out.stack = e.stack
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .slice(0, 12)
      .join('\n');
  const inner = e.cause ?? (err as { error?: unknown }).error;
  if (inner !== undefined && depth < 3) out.cause = safeError(inner, depth + 1);
  return out;
}

function safeMessage(err: object, name: string): string {
  const issues = (err as { issues?: unknown }).issues;
  if (name === 'ZodError' && Array.isArray(issues)) {
    return `validation failed: ${issues
      .slice(0, 10)
      .map((i: { path?: unknown[]; code?: unknown }) => `${(i.path ?? []).join('.') || '(value)'} ${String(i.code)}`)
      .join('; ')}`;
  }
  const message = (err as { message?: unknown }).message;
  return typeof message === 'string' ? message.slice(0, 500) : '';
}

/**
 * The logger restify writes its own warnings with (a failed formatter, a client error): the request
 * reduced to its method and path, never its headers (a Direct Line token) or body.
 */
export function httpLogger(logger: Logger): Logger {
  return logger.child(
    { component: 'http' },
    {
      serializers: {
        req: (req: { method?: unknown; url?: unknown }) => ({ method: req.method, path: typeof req.url === 'string' ? req.url.split('?')[0] : undefined }),
        res: (res: { statusCode?: unknown }) => ({ statusCode: res.statusCode }),
        err: safeError,
      },
    },
  );
}
