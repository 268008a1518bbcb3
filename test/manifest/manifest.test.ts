import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

import { buildManifest, checkIcons, placeholderBotId } from '../../manifest/package.js';
import { encodePng, readPngSize } from '../../manifest/png.js';
import { loadManifestSchema, validateManifest } from '../../manifest/validate.js';
import { readZipEntries } from './zip-entries.js';

const run = promisify(execFile);

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const manifestDirectory = join(root, 'manifest');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const testBotId = '3f2c1b0a-9e8d-4c7b-a6f5-e4d3c2b1a098';
const testAppId = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const commands = ['help', 'notify device', 'notify groups'];
const scopes = ['personal', 'team', 'groupChat'];

const workDirectory = mkdtempSync(join(tmpdir(), 'intune-notify-package-'));
afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

interface CommandList {
  scopes: string[];
  commands: Array<{ title: string; description: string }>;
}

function bot(manifest: Record<string, unknown>): { botId: string; scopes: string[]; commandLists: CommandList[] } {
  return (manifest.bots as Array<{ botId: string; scopes: string[]; commandLists: CommandList[] }>)[0] ?? { botId: '', scopes: [], commandLists: [] };
}

/** Decodes an 8-bit RGBA PNG written without scanline filters, as manifest/png.ts writes it. */
function decodeRgba(file: Buffer): { width: number; pixels: Buffer; filters: number[] } {
  const { width, height } = readPngSize(file);
  const parts: Buffer[] = [];
  let offset = 8;
  while (offset < file.length) {
    const length = file.readUInt32BE(offset);
    if (file.toString('latin1', offset + 4, offset + 8) === 'IDAT') {
      parts.push(file.subarray(offset + 8, offset + 8 + length));
    }
    offset += length + 12;
  }

  const raw = inflateSync(Buffer.concat(parts));
  const rowLength = width * 4 + 1;
  const filters: number[] = [];
  const rows: Buffer[] = [];
  for (let row = 0; row < height; row++) {
    filters.push(raw[row * rowLength] ?? -1);
    rows.push(raw.subarray(row * rowLength + 1, (row + 1) * rowLength));
  }
  return { width, pixels: Buffer.concat(rows), filters };
}

function packageEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.BOT_ID;
  delete env.TEAMS_APP_ID;
  return { ...env, ...overrides };
}

async function runPackage(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(tsx, [join(manifestDirectory, 'package.ts'), ...args], { cwd: root, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('manifest.json', () => {
  const manifest = buildManifest({ botId: testBotId });

  it('passes the bundled schema', async () => {
    expect(await validateManifest(manifest)).toEqual([]);
  });

  it('schema catches errors', async () => {
    const broken = { ...manifest, name: { short: 'x'.repeat(31) }, bots: [{ ...bot(manifest), botId: 'not-a-guid' }] };
    const problems = await validateManifest(broken);
    expect(problems.some((problem) => problem.startsWith('/name/short'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('/bots/0/botId'))).toBe(true);
  });

  it('uses schema 1.19 or newer', () => {
    const [major, minor] = String(manifest.manifestVersion).split('.').map(Number);
    expect(major).toBe(1);
    expect(minor).toBeGreaterThanOrEqual(19);
  });

  it('names the matching schema', () => {
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${String(manifest.manifestVersion)}/MicrosoftTeams.schema.json`);
  });

  it('bundled schema pins the version', () => {
    const schema = loadManifestSchema(String(manifest.manifestVersion)) as { properties: { manifestVersion: { const: string } } };
    expect(schema.properties.manifestVersion.const).toBe(manifest.manifestVersion);
  });

  it('puts BOT_ID into the bot', () => {
    expect(bot(manifest).botId).toBe(testBotId);
  });

  it('keeps the template app id', () => {
    expect(manifest.id).toMatch(guid);
    expect(manifest.id).not.toBe(placeholderBotId);
  });

  it('takes TEAMS_APP_ID', () => {
    expect(buildManifest({ botId: testBotId, teamsAppId: testAppId }).id).toBe(testAppId);
  });

  it('template holds the placeholder', () => {
    const template = JSON.parse(readFileSync(join(manifestDirectory, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(bot(template).botId).toBe(placeholderBotId);
  });

  it('is named Intune Notify', () => {
    expect((manifest.name as { short: string }).short).toBe('Intune Notify');
  });

  it('bot covers all scopes', () => {
    expect([...bot(manifest).scopes].sort()).toEqual([...scopes].sort());
  });

  it.each(scopes)('%s scope lists every command', (scope) => {
    const list = bot(manifest).commandLists.find((candidate) => candidate.scopes.includes(scope));
    expect(list?.commands.map((command) => command.title)).toEqual(commands);
  });

  it('describes every command', () => {
    const descriptions = bot(manifest).commandLists.flatMap((list) => list.commands.map((command) => command.description));
    expect(descriptions.every((description) => description.length > 10)).toBe(true);
  });

  it('promises no approvals', () => {
    const texts = [JSON.stringify(manifest.description), ...bot(manifest).commandLists.flatMap((list) => list.commands.map((command) => command.description))];
    expect(texts.filter((text) => /approv/i.test(text))).toEqual([]);
  });

  it('has no valid domains', () => {
    expect(manifest.validDomains).toEqual([]);
  });

  it('icons have the required sizes', () => {
    expect(checkIcons(manifest)).toEqual([]);
  });
});

describe('icons', () => {
  it('color is 192x192', () => {
    expect(readPngSize(readFileSync(join(manifestDirectory, 'color.png')))).toEqual({ width: 192, height: 192 });
  });

  it('outline is 32x32', () => {
    expect(readPngSize(readFileSync(join(manifestDirectory, 'outline.png')))).toEqual({ width: 32, height: 32 });
  });

  it('outline is white on transparent', () => {
    const { pixels, filters } = decodeRgba(readFileSync(join(manifestDirectory, 'outline.png')));
    expect(filters.every((filter) => filter === 0)).toBe(true);
    let visible = 0;
    for (let offset = 0; offset < pixels.length; offset += 4) {
      if ((pixels[offset + 3] ?? 0) > 0) {
        visible++;
        expect([pixels[offset], pixels[offset + 1], pixels[offset + 2]]).toEqual([255, 255, 255]);
      }
    }
    expect(visible).toBeGreaterThan(100);
    expect(visible).toBeLessThan(32 * 32);
  });

  it('color is opaque', () => {
    const { pixels } = decodeRgba(readFileSync(join(manifestDirectory, 'color.png')));
    const alphas = new Set<number>();
    for (let offset = 3; offset < pixels.length; offset += 4) {
      alphas.add(pixels[offset] ?? 0);
    }
    expect([...alphas]).toEqual([255]);
  });
});

describe('png', () => {
  it('size survives a round trip', () => {
    expect(readPngSize(encodePng(3, 2, new Uint8Array(3 * 2 * 4)))).toEqual({ width: 3, height: 2 });
  });

  it('pixels survive a round trip', () => {
    const pixels = Uint8Array.from({ length: 2 * 2 * 4 }, (_, index) => index * 7);
    expect([...decodeRgba(encodePng(2, 2, pixels)).pixels]).toEqual([...pixels]);
  });

  it('rejects a non-PNG file', () => {
    expect(() => readPngSize(Buffer.from('GIF89a not a png at all, just bytes'))).toThrow('PNG signature');
  });

  it('rejects a wrong pixel count', () => {
    expect(() => encodePng(2, 2, new Uint8Array(3))).toThrow('Expected 16 bytes');
  });
});

describe('package script', () => {
  it('writes the app package', async () => {
    const output = join(workDirectory, 'ok', 'intune-notify.zip');
    const result = await runPackage(['--out', output], packageEnv({ BOT_ID: testBotId }));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(output);

    const entries = readZipEntries(readFileSync(output));
    expect(entries.map((entry) => entry.name).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);

    const packaged = JSON.parse(entries.find((entry) => entry.name === 'manifest.json')?.data.toString('utf8') ?? '{}') as Record<string, unknown>;
    expect(bot(packaged).botId).toBe(testBotId);
    expect(await validateManifest(packaged)).toEqual([]);

    const outline = entries.find((entry) => entry.name === 'outline.png')?.data ?? Buffer.alloc(0);
    expect(outline.equals(readFileSync(join(manifestDirectory, 'outline.png')))).toBe(true);
  });

  it('uses TEAMS_APP_ID', async () => {
    const output = join(workDirectory, 'app-id.zip');
    const result = await runPackage(['--out', output], packageEnv({ BOT_ID: testBotId, TEAMS_APP_ID: testAppId }));
    expect(result.code).toBe(0);
    const packaged = readZipEntries(readFileSync(output)).find((entry) => entry.name === 'manifest.json');
    expect((JSON.parse(packaged?.data.toString('utf8') ?? '{}') as { id: string }).id).toBe(testAppId);
  });

  it('fails without BOT_ID', async () => {
    const output = join(workDirectory, 'missing.zip');
    const result = await runPackage(['--out', output], packageEnv({}));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('BOT_ID is not set');
    expect(existsSync(output)).toBe(false);
  });

  it('rejects a malformed BOT_ID', async () => {
    const output = join(workDirectory, 'malformed.zip');
    const result = await runPackage(['--out', output], packageEnv({ BOT_ID: 'my-bot' }));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('BOT_ID must be a GUID');
    expect(existsSync(output)).toBe(false);
  });

  it('allows the placeholder on request', async () => {
    const output = join(workDirectory, 'placeholder.zip');
    const result = await runPackage(['--allow-placeholder', '--out', output], packageEnv({}));
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('placeholder bot id');
    const packaged = readZipEntries(readFileSync(output)).find((entry) => entry.name === 'manifest.json');
    expect(bot(JSON.parse(packaged?.data.toString('utf8') ?? '{}') as Record<string, unknown>).botId).toBe(placeholderBotId);
  });
});
