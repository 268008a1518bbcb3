import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './log.js';
import { startBotService } from './service.js';

/** Process entry point: `npm start` (compiled) and `npm run dev` (through the dev launcher). */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Intune Notify cannot start. ${error.message}\nSee env.sample for every variable.\n`);
      process.exit(1);
    }
    throw error;
  }

  const log = createLogger(config.logLevel);
  const service = await startBotService({ config, log });

  const stop = (signal: string) => {
    log.info({ signal }, 'stopping');
    service.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Intune Notify failed to start: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
