import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPortsFree, readDevPorts } from '../../bot/dev/ports.js';
import { freePort, startDevStack } from '../../bot/dev/stack.js';
import { createLogger } from '../../bot/log.js';

const directory = mkdtempSync(join(tmpdir(), 'intune-notify-dev-ports-'));
let occupier: Server;
let takenPort: number;

beforeAll(async () => {
  occupier = createServer();
  await new Promise<void>((resolve) => occupier.listen(0, '127.0.0.1', () => resolve()));
  takenPort = (occupier.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => occupier.close(() => resolve()));
  rmSync(directory, { recursive: true, force: true });
});

function problemOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('no error was thrown');
}

async function isFree(port: number): Promise<boolean> {
  const server = createServer();
  const free = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (free) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return free;
}

describe('readDevPorts', () => {
  it('uses the defaults', () => {
    expect(readDevPorts({})).toEqual({ botPort: 3978, simPort: 4000, playgroundPort: 56150 });
  });

  it('reads all three variables', () => {
    expect(readDevPorts({ PORT: '3000', DEV_SIM_PORT: ' 4100 ', DEV_PLAYGROUND_PORT: '56000' })).toEqual({ botPort: 3000, simPort: 4100, playgroundPort: 56000 });
  });

  it('accepts 0 for the bot and the sim', () => {
    expect(readDevPorts({ PORT: '0', DEV_SIM_PORT: '0' })).toMatchObject({ botPort: 0, simPort: 0 });
  });

  it.each(['abc', '-1', '1e3', '0x10', '70000'])('rejects PORT %j', (value) => {
    expect(problemOf(() => readDevPorts({ PORT: value }))).toBe(`PORT must be a TCP port number from 1 to 65535 (0 picks a free one), not ${JSON.stringify(value)}`);
  });

  it('rejects a bad DEV_SIM_PORT', () => {
    expect(problemOf(() => readDevPorts({ DEV_SIM_PORT: 'sim' }))).toBe('DEV_SIM_PORT must be a TCP port number from 1 to 65535 (0 picks a free one), not "sim"');
  });

  it('rejects DEV_PLAYGROUND_PORT 0', () => {
    expect(problemOf(() => readDevPorts({ DEV_PLAYGROUND_PORT: '0' }))).toBe('DEV_PLAYGROUND_PORT must be a TCP port number from 1 to 65535, not "0"');
  });

  it('lists every bad variable', () => {
    expect(problemOf(() => readDevPorts({ PORT: 'a', DEV_SIM_PORT: 'b', DEV_PLAYGROUND_PORT: 'c' })).split('\n')).toHaveLength(3);
  });
});

describe('checkPortsFree', () => {
  it('passes free ports', async () => {
    await expect(checkPortsFree([{ variable: 'PORT', port: await freePort() }, { variable: 'DEV_SIM_PORT', port: 0 }])).resolves.toBeUndefined();
  });

  it('names the variable of a taken port', async () => {
    const checking = checkPortsFree([{ variable: 'DEV_SIM_PORT', port: takenPort }]);

    await expect(checking).rejects.toThrow(`DEV_SIM_PORT ${takenPort} is already in use on 127.0.0.1: stop the other process or set DEV_SIM_PORT to a free port.`);
  });

  it('rejects one port for two variables', async () => {
    const port = await freePort();

    await expect(checkPortsFree([{ variable: 'PORT', port }, { variable: 'DEV_SIM_PORT', port }])).rejects.toThrow(`PORT and DEV_SIM_PORT are both ${port}: set DEV_SIM_PORT to a different port.`);
  });
});

describe('startDevStack', () => {
  it('rejects a taken Playground port', async () => {
    const starting = startDevStack({
      log: createLogger('silent'),
      env: { DATABASE_URL: `sqlite:${join(directory, 'bot.db')}` },
      botPort: await freePort(),
      simPort: await freePort(),
      playgroundPort: takenPort,
      playgroundLogFile: join(directory, 'playground.log'),
    });

    await expect(starting).rejects.toThrow(`DEV_PLAYGROUND_PORT ${takenPort} is already in use on 127.0.0.1: stop the other process or set DEV_PLAYGROUND_PORT to a free port.`);
  });

  it('starts nothing when a port is taken', async () => {
    const botPort = await freePort();
    const simPort = await freePort();

    const starting = startDevStack({
      log: createLogger('silent'),
      env: { DATABASE_URL: `sqlite:${join(directory, 'nothing.db')}` },
      botPort,
      simPort,
      playgroundPort: takenPort,
      playgroundLogFile: join(directory, 'playground.log'),
    });
    await starting.catch(() => undefined);

    expect(await isFree(botPort)).toBe(true);
    expect(await isFree(simPort)).toBe(true);
  });

  it('rejects a taken bot port naming PORT', async () => {
    const starting = startDevStack({
      log: createLogger('silent'),
      env: { DATABASE_URL: `sqlite:${join(directory, 'bot-port.db')}` },
      botPort: takenPort,
      playgroundPort: await freePort(),
      playgroundLogFile: join(directory, 'playground.log'),
    });

    await expect(starting).rejects.toThrow(`PORT ${takenPort} is already in use on 127.0.0.1: stop the other process or set PORT to a free port.`);
  });
});
