/**
 * Runs the simulated tenant on its own: `npm run sim -- --port 4000 [--log-level debug]`.
 * Prints one line with the URL on stdout; pino logs go to stderr.
 */
import { pino } from 'pino';
import { createLogger } from '../log.js';
import { startSimTenant } from './server.js';

interface Arguments {
  port: number;
  logLevel: string;
}

const usage = 'Usage: tsx bot/sim-tenant/main.ts [--port N] [--log-level info|debug|warn]';

function readArguments(argv: string[]): Arguments {
  const values = new Map<string, string>();
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    const [name, inline] = argument.split('=', 2) as [string, string | undefined];
    if (name !== '--port' && name !== '--log-level') {
      throw new Error(`Unknown argument ${argument}. ${usage}`);
    }
    const value = inline ?? argv[index + 1];
    if (value === undefined) {
      throw new Error(`${name} needs a value. ${usage}`);
    }
    values.set(name, value);
    index += inline === undefined ? 1 : 0;
  }

  const port = Number(values.get('--port') ?? '4000');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a TCP port from 0 to 65535, not ${values.get('--port')}. ${usage}`);
  }
  return { port, logLevel: values.get('--log-level') ?? 'info' };
}

async function main(): Promise<void> {
  const args = readArguments(process.argv.slice(2));
  const logger = createLogger(args.logLevel, pino.destination(2)).child({ component: 'sim-tenant' });
  const tenant = await startSimTenant({ port: args.port, logger });
  process.stdout.write(`Simulated tenant listening on ${tenant.url}\n`);

  const stop = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'sim tenant stopping');
    tenant.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'sim tenant failed to stop cleanly');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`Simulated tenant failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
