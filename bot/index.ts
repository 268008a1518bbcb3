import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger } from './log.js';
import { startBotService } from './service.js';

/** Process entry point: `npm start` (compiled) and `npm run dev` (through the dev launcher). */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      exitWith(`Intune Notify cannot start. ${error.message}\nSee env.sample for every variable.`);
    }
    throw error;
  }

  const log = createLogger(config.logLevel);
  const service = await startBotService({ config, log }).catch((error: unknown) => {
    const message = describeStartError(error, config);
    if (message === undefined) {
      throw error;
    }
    return exitWith(`Intune Notify cannot start. ${message}`);
  });

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

/** Describes a start error an operator can fix, naming the setting to change. Returns undefined for other errors. */
function describeStartError(error: unknown, config: Config): string | undefined {
  if (error instanceof ConfigError) {
    return `${error.message}\nSee env.sample for every variable.`;
  }

  // Only errors of the HTTP server's listen call are about PORT. An EACCES from creating the database folder is not.
  const listenError = error as NodeJS.ErrnoException | undefined;
  if (listenError?.syscall !== 'listen') {
    return undefined;
  }
  if (listenError.code === 'EADDRINUSE') {
    return `PORT ${config.port} is already in use: stop the other process or set PORT to a free port.`;
  }
  if (listenError.code === 'EACCES') {
    return `PORT ${config.port} needs privileges this process does not have: set PORT to 1024 or higher.`;
  }
  return undefined;
}

function exitWith(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

main().catch((error: unknown) => {
  process.stderr.write(`Intune Notify failed to start: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
