import { createLogger } from '../log.js';
import { readDevPorts } from './ports.js';
import { startDevStack } from './stack.js';

/**
 * `npm run dev`: the bot on the simulated Intune tenant with the Agents Playground, offline.
 * Ports: DEV_PLAYGROUND_PORT (default 56150), DEV_SIM_PORT (default 4000) and the bot's PORT (default 3978),
 * all on 127.0.0.1. A taken or invalid port stops the launcher before anything starts.
 */
async function main(): Promise<void> {
  const ports = readDevPorts(process.env);
  const log = createLogger(process.env.LOG_LEVEL || 'info');
  const stack = await startDevStack({
    log,
    env: process.env,
    ...ports,
    playgroundLogFile: 'devTools/m365agentsplayground.log',
  });

  process.stdout.write(
    [
      '',
      `  Simulated Intune tenant: ${stack.sim.url}  (sent notifications: ${stack.sim.url}/_sim/notifications)`,
      `  Bot (local mode):        ${stack.bot.url}/api/messages`,
      `  Agents Playground:       ${stack.playgroundUrl}`,
      '',
      `  Open ${stack.playgroundUrl} in a browser and type "help". Press Ctrl-C to stop all three.`,
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = () => {
    if (stopping) {
      return;
    }
    stopping = true;
    stack.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`npm run dev failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
