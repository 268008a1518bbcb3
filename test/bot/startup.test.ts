import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const tenant = '4f1c2a7e-9b3d-4e5f-8a6b-1c2d3e4f5a6b';
const directory = mkdtempSync(join(tmpdir(), 'intune-notify-startup-'));

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

interface Exit {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bot's entry point with only the given variables, and kills it if it has not exited within 20 s. */
function runBot(variables: Record<string, string>): Promise<Exit> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...variables };
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/index.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) => {
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

function localEnv(overrides: Record<string, string>): Record<string, string> {
  return { TENANT_ID: tenant, GRAPH_BASE_URL: 'http://127.0.0.1:9', DATABASE_URL: `sqlite:${join(directory, 'x.db')}`, LOG_LEVEL: 'warn', ...overrides };
}

describe('bot process start', () => {
  it('exits with the variable name and fix when TENANT_ID is missing', () => {
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };

    const result = spawnSync(process.execPath, ['--import', 'tsx', 'bot/index.ts'], { env, encoding: 'utf8', timeout: 20_000 });

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('TENANT_ID is required: set it to the Entra tenant ID (a GUID) this bot serves');
    expect(result.stdout).toBe('');
  });

  it('exits naming PORT when the port is taken', async () => {
    const result = await runBot(localEnv({ PORT: String(takenPort) }));

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`PORT ${takenPort} is already in use: stop the other process or set PORT to a free port.`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits naming DATABASE_URL for PostgreSQL', async () => {
    const result = await runBot(localEnv({ DATABASE_URL: 'postgres://bot@db.example/notify' }));

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('DATABASE_URL points at PostgreSQL, which this version does not support yet: use sqlite:PATH or file:PATH');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
