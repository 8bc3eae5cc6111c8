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
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
