import { buildApp, type AppOverrides, type SendAssistant } from '../../bot/app';
import { loadConfig, type Env } from '../../bot/config';
import { createLogger } from '../../bot/logging';

export interface RunningService {
  readonly url: string;
  readonly app: SendAssistant;
  close(): Promise<void>;
}

/** Starts the real service in local mode on a free loopback port (quiet logs unless LOG_LEVEL is set). */
export async function startService(env: Env = {}, overrides: AppOverrides = {}): Promise<RunningService> {
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', DEMO_DATA: 'false', ...env });
  const app = await buildApp(config, { logger: createLogger(config.logLevel), ...overrides });
  const url = await app.listen();
  return { url, app, close: () => app.close() };
}

/**
 * A local token for a persona, from the same endpoint Web Chat uses. In local mode a POST to
 * /api/messages carrying it is treated as authenticated for that persona (staff arrive as Teams
 * users), standing in for Bot Framework authentication.
 */
export async function localToken(baseUrl: string, persona: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/webchat/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ persona }) });
  if (!res.ok) throw new Error(`token request failed: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/**
 * A suite's service with the synthetic demo data, started before its tests and closed after them.
 * Call inside `describe`; read `.service` inside `it`. `overrides.now` fixes the clock.
 */
export function demoService(overrides: AppOverrides = {}): { readonly service: RunningService } {
  const suite = {} as { service: RunningService };
  before(async () => {
    suite.service = await startService({ DEMO_DATA: 'true' }, overrides);
  });
  after(async () => {
    await suite.service?.close();
  });
  return suite;
}
