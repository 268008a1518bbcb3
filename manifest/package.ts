// Builds the Teams app package build/intune-notify.zip (manifest.json, color.png, outline.png).
// Usage: BOT_ID=<guid> [TEAMS_APP_ID=<guid>] npm run package -- [--allow-placeholder] [--out FILE]
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ZipFile } from 'yazl';

import { readPngSize } from './png.js';
import { validateManifest } from './validate.js';

/** The botId in manifest/manifest.json, replaced by BOT_ID when packaging. */
export const placeholderBotId = '00000000-0000-0000-0000-000000000000';

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const manifestDirectory = fileURLToPath(new URL('.', import.meta.url));
const defaultOutput = resolve(manifestDirectory, '..', 'build', 'intune-notify.zip');

/** Icon files and the sizes Teams requires for them. */
const iconSizes = { color: 192, outline: 32 } as const;

export interface PackageIds {
  botId: string;
  /** Replaces the manifest `id` when set; the template's fixed id is used otherwise. */
  teamsAppId?: string;
}

/** Reads manifest/manifest.json and puts the bot id (and the app id, when given) into it. */
export function buildManifest(ids: PackageIds): Record<string, unknown> {
  const template = JSON.parse(readFileSync(resolve(manifestDirectory, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const bots = template.bots as Array<Record<string, unknown>>;

  return {
    ...template,
    id: ids.teamsAppId ?? template.id,
    bots: bots.map((bot) => ({ ...bot, botId: ids.botId })),
  };
}

/** Checks that each icon the manifest names is a PNG of the size Teams requires; returns the problems. */
export function checkIcons(manifest: Record<string, unknown>): string[] {
  const icons = manifest.icons as Record<string, string>;
  const problems: string[] = [];

  for (const [kind, size] of Object.entries(iconSizes)) {
    const file = resolve(manifestDirectory, icons[kind] ?? '');
    try {
      const { width, height } = readPngSize(readFileSync(file));
      if (width !== size || height !== size) {
        problems.push(`${kind} icon ${file} is ${width}x${height}, expected ${size}x${size}`);
      }
    } catch (error) {
      problems.push(`${kind} icon ${file} can't be used: ${(error as Error).message}`);
    }
  }
  return problems;
}

/** Writes the zip with manifest.json and the two icons at its root. */
export async function writePackage(manifest: Record<string, unknown>, output: string): Promise<void> {
  const icons = manifest.icons as Record<string, string>;
  const zip = new ZipFile();
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'), 'manifest.json');
  for (const kind of Object.keys(iconSizes)) {
    const name = icons[kind] ?? '';
    zip.addFile(resolve(manifestDirectory, name), name);
  }
  zip.end();

  mkdirSync(dirname(output), { recursive: true });
  await pipeline(zip.outputStream, createWriteStream(output));
}

/** Resolves the ids from the environment; returns an error message instead when they are unusable. */
function resolveIds(env: NodeJS.ProcessEnv, allowPlaceholder: boolean): PackageIds | string {
  const botId = env.BOT_ID?.trim() ?? '';
  const teamsAppId = env.TEAMS_APP_ID?.trim() ?? '';

  if (botId === '' && !allowPlaceholder) {
    return 'BOT_ID is not set. Set BOT_ID to the Microsoft App ID (client id) of the bot registration, or pass --allow-placeholder to package with the placeholder id.';
  }
  if (botId !== '' && !guidPattern.test(botId)) {
    return `BOT_ID must be a GUID such as ${placeholderBotId}, got "${botId}".`;
  }
  if (teamsAppId !== '' && !guidPattern.test(teamsAppId)) {
    return `TEAMS_APP_ID must be a GUID, got "${teamsAppId}". Leave it unset to keep the id in manifest/manifest.json.`;
  }
  return { botId: botId === '' ? placeholderBotId : botId, ...(teamsAppId === '' ? {} : { teamsAppId }) };
}

/** Runs the packaging steps; returns the process exit code. */
export async function main(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { 'allow-placeholder': { type: 'boolean', default: false }, out: { type: 'string' } },
  });
  const ids = resolveIds(env, values['allow-placeholder'] ?? false);
  if (typeof ids === 'string') {
    console.error(ids);
    return 1;
  }

  const manifest = buildManifest(ids);
  const problems = [...(await validateManifest(manifest)).map((problem) => `manifest.json: ${problem}`), ...checkIcons(manifest)];
  if (problems.length > 0) {
    console.error(`The app package was not written because the manifest is invalid:\n  ${problems.join('\n  ')}`);
    return 1;
  }

  const output = resolve(values.out ?? defaultOutput);
  await writePackage(manifest, output);
  if (ids.botId === placeholderBotId) {
    console.warn(`Packaged with the placeholder bot id ${placeholderBotId}: Teams can't reach a bot with this package.`);
  }
  console.log(output);
  return 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2), process.env);
}
