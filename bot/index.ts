import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';

/** Process entry: read config, build the app, listen, shut down cleanly. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const app = await buildApp(config);
  const url = await app.listen();
  app.logger.info({ url, mode: config.mode }, 'SEND Assistant is listening');
  if (config.mode === 'local') {
    console.log(`\nSEND Assistant is running in local mode.\n  Open ${url}/ to chat.\n  Health: ${url}/healthz\n  Press Ctrl+C to stop.\n`);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error('The SEND Assistant could not start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
