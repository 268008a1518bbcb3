import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config.js';
import type { Logger } from '../log.js';
import { startBotService, type BotService } from '../service.js';
import { startSimTenant, type SimTenant } from '../sim-tenant/index.js';
import { checkPortsFree, describePortProblem, type DevPort } from './ports.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface DevStackOptions {
  log: Logger;
  /** Environment the bot's config is read from; TENANT_ID and GRAPH_BASE_URL are set to the simulated tenant's. */
  env: NodeJS.ProcessEnv;
  /** Port of the bot (PORT); 0 picks a free one. */
  botPort: number;
  /** Port of the Agents Playground (DEV_PLAYGROUND_PORT), from 1 to 65535. */
  playgroundPort: number;
  /** Port of the simulated tenant (DEV_SIM_PORT); 0, the default, picks a free one. */
  simPort?: number;
  /** Path of the Playground's own log file. */
  playgroundLogFile: string;
}

export interface DevStack {
  sim: SimTenant;
  bot: BotService;
  playgroundUrl: string;
  close(): Promise<void>;
}

/**
 * Starts the simulated Intune tenant, the bot in local mode pointed at it, and the Microsoft 365 Agents
 * Playground (telemetry off, bound to 127.0.0.1, no browser) configured with the tenant's users.
 */
export async function startDevStack(options: DevStackOptions): Promise<DevStack> {
  // A taken port is found before anything starts: the Playground would otherwise move to a random
  // port without saying so, and the printed URL would be wrong.
  if (!Number.isInteger(options.playgroundPort) || options.playgroundPort < 1 || options.playgroundPort > 65535) {
    throw new Error(`DEV_PLAYGROUND_PORT must be a TCP port number from 1 to 65535, not ${options.playgroundPort}`);
  }
  const simPort = options.simPort ?? 0;
  await checkPortsFree([
    { variable: 'PORT', port: options.botPort },
    { variable: 'DEV_SIM_PORT', port: simPort },
    { variable: 'DEV_PLAYGROUND_PORT', port: options.playgroundPort },
  ]);

  const sim = await startSimTenant({ port: simPort, logger: options.log.child({ component: 'sim-tenant' }) }).catch((error: unknown) => {
    throw explainListenError(error, { variable: 'DEV_SIM_PORT', port: simPort });
  });

  let bot: BotService;
  try {
    // Local mode is the point of the dev stack, so Bot Framework credentials from the shell are dropped.
    const { BOT_ID: _botId, BOT_PASSWORD: _botPassword, ...env } = options.env;
    const config = loadConfig({ ...env, PORT: String(options.botPort), TENANT_ID: sim.tenantId, GRAPH_BASE_URL: sim.url });
    bot = await startBotService({ config, log: options.log });
  } catch (error) {
    await sim.close();
    throw explainListenError(error, { variable: 'PORT', port: options.botPort });
  }

  const playground = startPlayground(options, `${bot.url}/api/messages`);
  const playgroundUrl = `http://127.0.0.1:${options.playgroundPort}`;
  try {
    await waitForHttp(`${playgroundUrl}/_debug/ping`, playground, 60_000);
  } catch (error) {
    await stopChild(playground);
    await bot.close();
    await sim.close();
    throw error;
  }

  return {
    sim,
    bot,
    playgroundUrl,
    close: async () => {
      await stopChild(playground);
      await bot.close();
      await sim.close();
    },
  };
}

function startPlayground(options: DevStackOptions, botEndpoint: string): ChildProcess {
  const cli = fileURLToPath(new URL('../../node_modules/@microsoft/m365agentsplayground/cli.js', import.meta.url));
  const preload = fileURLToPath(new URL('./loopback-only.cjs', import.meta.url));
  const child = spawn(process.execPath, ['--require', preload, cli, 'start', '--port', String(options.playgroundPort), '--app-endpoint', botEndpoint, '--disable-telemetry'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: `${root}.m365agentsplayground.yml`,
      M365_AGENTS_PLAYGROUND_LOGFILE: options.playgroundLogFile,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = options.log.child({ component: 'agents-playground' });
  child.stdout?.on('data', (chunk: Buffer) => log.debug({ output: chunk.toString('utf8').trim() }, 'playground output'));
  child.stderr?.on('data', (chunk: Buffer) => log.warn({ output: chunk.toString('utf8').trim() }, 'playground error output'));
  return child;
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the Agents Playground exited with code ${child.exitCode} before it was ready`);
    }
    const ready = await fetch(url).then((response) => response.ok, () => false);
    if (ready) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // NOTE: when another process takes DEV_PLAYGROUND_PORT after checkPortsFree, the Playground moves
  // to a random port and this wait times out, because the launcher does not read the port it picked.
  throw new Error(`the Agents Playground did not respond at ${url} within ${timeoutMs / 1000} s. If another process now uses that port, set DEV_PLAYGROUND_PORT to a free port.`);
}

/** Replaces a listen error that a port check missed (another process was faster) with the variable to change. */
function explainListenError(error: unknown, { variable, port }: DevPort): unknown {
  const listenError = error as NodeJS.ErrnoException | undefined;
  if (listenError?.syscall !== 'listen' || listenError.code === undefined) {
    return error;
  }
  return new Error(describePortProblem(variable, port, listenError.code), { cause: error });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Finds a TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
