import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config.js';
import type { Logger } from '../log.js';
import { startBotService, type BotService } from '../service.js';
import { startSimTenant, type SimTenant } from '../sim-tenant/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface DevStackOptions {
  log: Logger;
  /** Environment the bot's config is read from; TENANT_ID and GRAPH_BASE_URL are set to the simulated tenant's. */
  env: NodeJS.ProcessEnv;
  botPort: number;
  playgroundPort: number;
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
  const sim = await startSimTenant({ port: options.simPort ?? 0, logger: options.log.child({ component: 'sim-tenant' }) });

  // Local mode is the point of the dev stack, so Bot Framework credentials from the shell are dropped.
  const { BOT_ID: _botId, BOT_PASSWORD: _botPassword, ...env } = options.env;
  const config = loadConfig({ ...env, PORT: String(options.botPort), TENANT_ID: sim.tenantId, GRAPH_BASE_URL: sim.url });
  const bot = await startBotService({ config, log: options.log });

  const playground = startPlayground(options, `${bot.url}/api/messages`);
  const playgroundUrl = `http://127.0.0.1:${options.playgroundPort}`;
  try {
    await waitForHttp(`${playgroundUrl}/_debug/ping`, playground, 60_000);
  } catch (error) {
    playground.kill('SIGTERM');
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
  throw new Error(`the Agents Playground did not respond at ${url} within ${timeoutMs / 1000} s`);
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
