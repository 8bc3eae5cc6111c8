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
