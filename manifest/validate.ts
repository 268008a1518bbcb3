import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';

type ManifestSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

/**
 * Loads the Teams manifest JSON schema of `version` (for example "1.22") bundled in
 * @microsoft/app-manifest. Loading it from disk keeps validation offline: given no schema, the
 * package downloads the one named by `$schema` when it has no copy of it.
 */
export function loadManifestSchema(version: string): ManifestSchema {
  const require = createRequire(import.meta.url);
  const packageEntry = require.resolve('@microsoft/app-manifest');
  const schemaPath = join(dirname(packageEntry), 'json-schemas', 'teams', `v${version}`, 'MicrosoftTeams.schema.json');

  let text: string;
  try {
    text = readFileSync(schemaPath, 'utf8');
  } catch (error) {
    throw new Error(`No bundled Teams manifest schema for manifestVersion ${version}: ${schemaPath} can't be read`, { cause: error });
  }
  // @microsoft/app-manifest rewrites the escapes \a and \v, which JSON doesn't allow, before it
  // parses a schema. This does the same, so both read the files alike.
  return JSON.parse(text.replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as ManifestSchema;
}

/**
 * Validates a Teams app manifest against the bundled schema of its `manifestVersion`;
 * returns one message per problem, or an empty list.
 */
export async function validateManifest(manifest: Record<string, unknown>): Promise<string[]> {
  const version = manifest.manifestVersion;
  if (typeof version !== 'string') {
    return ['/manifestVersion is missing'];
  }
  return AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest, loadManifestSchema(version));
}
