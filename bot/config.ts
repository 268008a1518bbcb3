import { existsSync } from 'node:fs';
import { z } from 'zod';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalText = z.preprocess(blankToUndefined, z.string().trim().optional());
const optionalGuid = (fix: string) => z.preprocess(blankToUndefined, z.string().trim().regex(guid, fix).optional());

const envSchema = z.object({
  PORT: z.preprocess(
    blankToUndefined,
    z.coerce.number().int('must be a whole number').min(0).max(65535, 'must be a TCP port between 1 and 65535 (0 picks a free one)').default(3978),
  ),
  BOT_ID: optionalGuid('must be the bot\'s Microsoft App ID (a GUID), or unset for local mode'),
  BOT_PASSWORD: optionalText,
  BOT_TYPE: z.preprocess(
    blankToUndefined,
    z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMsi'], {
      errorMap: () => ({ message: 'must be MultiTenant, SingleTenant or UserAssignedMsi' }),
    }).default('SingleTenant'),
  ),
  BOT_TENANT_ID: optionalGuid('must be the Entra tenant ID (a GUID) of the bot registration'),
  TENANT_ID: z.preprocess(
    blankToUndefined,
    z.string({ required_error: 'is required: set it to the Entra tenant ID (a GUID) this bot serves' })
      .trim()
      .regex(guid, 'must be the Entra tenant ID (a GUID) this bot serves'),
  ),
  GRAPH_BASE_URL: z.preprocess(
    blankToUndefined,
    z.string().trim().url('must be an absolute URL such as https://graph.microsoft.com').default('https://graph.microsoft.com'),
  ),
  AZURE_CLIENT_ID: optionalGuid('must be the application (client) ID (a GUID) of the Graph app registration'),
  AZURE_CLIENT_SECRET: optionalText,
  AZURE_CLIENT_CERTIFICATE_PATH: optionalText,
  DATABASE_URL: z.preprocess(blankToUndefined, z.string().trim().default('sqlite:./data/intune-notify.db')),
  APPROVER_GROUP_ID: optionalGuid('must be the object ID (a GUID) of the Entra group whose members approve broadcasts'),
  PERMISSION_CACHE_SECONDS: z.preprocess(
    blankToUndefined,
    z.coerce.number().int('must be a whole number of seconds').min(0, 'must be 0 (no cache) or more seconds').max(3600, 'must be at most 3600 seconds: a longer cache keeps removed roles working too long').default(300),
  ),
  DRAFT_IDLE_MINUTES: z.preprocess(
    blankToUndefined,
    z.coerce.number().int('must be a whole number of minutes').min(1, 'must be at least 1 minute').max(7 * 24 * 60, 'must be at most 10080 minutes (a week)').default(60),
  ),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(logLevels, { errorMap: () => ({ message: `must be one of ${logLevels.join(', ')}` }) }).default('info'),
  ),
});

export type Database = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export type GraphCredentials =
  | { kind: 'none' }
  | { kind: 'secret'; tenantId: string; clientId: string; clientSecret: string }
  | { kind: 'certificate'; tenantId: string; clientId: string; certificatePath: string }
  | { kind: 'managedIdentity'; clientId?: string };

export interface BotCredentials {
  appId: string;
  appPassword?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMsi';
  appTenantId?: string;
}

export interface Config {
  port: number;
  /** Local mode: no Bot Framework credentials, no JWT check, loopback only. */
  localMode: boolean;
  host: string;
  bot?: BotCredentials;
  tenantId: string;
  graphBaseUrl: string;
  graphCredentials: GraphCredentials;
  database: Database;
  approverGroupId?: string;
  /** How long the caller's Intune roles and groups read from Graph are reused; sends always re-read them. */
  permissionCacheMs: number;
  /** An open draft untouched for longer than this has expired. */
  draftIdleMs: number;
  logLevel: (typeof logLevels)[number];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function isLoopbackUrl(url: string): boolean {
  const { hostname } = new URL(url);
  return hostname === 'localhost' || hostname === '[::1]' || hostname.startsWith('127.');
}

/**
 * Reads and validates the bot's configuration. Nothing else in the bot reads process.env.
 * Throws ConfigError listing every wrong variable with its fix.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`));
  }
  const values = parsed.data;
  const problems: string[] = [];

  const bot = readBotCredentials(values, problems);
  const graphCredentials = readGraphCredentials(values, problems);
  const database = readDatabase(values.DATABASE_URL, problems);
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }

  return {
    port: values.PORT,
    localMode: bot === undefined,
    host: bot === undefined ? '127.0.0.1' : '0.0.0.0',
    bot,
    tenantId: values.TENANT_ID.toLowerCase(),
    graphBaseUrl: values.GRAPH_BASE_URL.replace(/\/+$/, ''),
    graphCredentials,
    database: database!,
    approverGroupId: values.APPROVER_GROUP_ID?.toLowerCase(),
    permissionCacheMs: values.PERMISSION_CACHE_SECONDS * 1000,
    draftIdleMs: values.DRAFT_IDLE_MINUTES * 60_000,
    logLevel: values.LOG_LEVEL,
  };
}

type EnvValues = z.infer<typeof envSchema>;

function readBotCredentials(values: EnvValues, problems: string[]): BotCredentials | undefined {
  if (values.BOT_ID === undefined) {
    if (values.BOT_PASSWORD !== undefined) {
      problems.push('BOT_PASSWORD is set but BOT_ID is not: set BOT_ID to the bot\'s Microsoft App ID, or unset BOT_PASSWORD for local mode');
    }
    return undefined;
  }
  if (values.BOT_TYPE !== 'UserAssignedMsi' && values.BOT_PASSWORD === undefined) {
    problems.push('BOT_PASSWORD is required when BOT_ID is set: set it to the bot registration\'s client secret');
  }
  if (values.BOT_TYPE !== 'MultiTenant' && values.BOT_TENANT_ID === undefined) {
    problems.push(`BOT_TENANT_ID is required when BOT_TYPE is ${values.BOT_TYPE}: set it to the tenant ID of the bot registration`);
  }
  return {
    appId: values.BOT_ID,
    appPassword: values.BOT_PASSWORD,
    appType: values.BOT_TYPE,
    appTenantId: values.BOT_TENANT_ID,
  };
}

function readGraphCredentials(values: EnvValues, problems: string[]): GraphCredentials {
  if (isLoopbackUrl(values.GRAPH_BASE_URL)) {
    return { kind: 'none' };
  }
  if (!values.GRAPH_BASE_URL.startsWith('https://')) {
    problems.push('GRAPH_BASE_URL must use https unless it points at a loopback address (127.0.0.1 or localhost)');
  }

  const clientId = values.AZURE_CLIENT_ID;
  const tenantId = values.TENANT_ID;
  if (values.AZURE_CLIENT_SECRET !== undefined && values.AZURE_CLIENT_CERTIFICATE_PATH !== undefined) {
    problems.push('AZURE_CLIENT_SECRET and AZURE_CLIENT_CERTIFICATE_PATH are both set: keep one of them');
  }
  if (values.AZURE_CLIENT_SECRET !== undefined) {
    if (clientId === undefined) {
      problems.push('AZURE_CLIENT_ID is required with AZURE_CLIENT_SECRET: set it to the Graph app registration\'s client ID');
      return { kind: 'none' };
    }
    return { kind: 'secret', tenantId, clientId, clientSecret: values.AZURE_CLIENT_SECRET };
  }
  if (values.AZURE_CLIENT_CERTIFICATE_PATH !== undefined) {
    if (clientId === undefined) {
      problems.push('AZURE_CLIENT_ID is required with AZURE_CLIENT_CERTIFICATE_PATH: set it to the Graph app registration\'s client ID');
      return { kind: 'none' };
    }
    if (!existsSync(values.AZURE_CLIENT_CERTIFICATE_PATH)) {
      problems.push(`AZURE_CLIENT_CERTIFICATE_PATH points at ${values.AZURE_CLIENT_CERTIFICATE_PATH}, which does not exist: give the path of a PEM file holding the certificate and its private key`);
    }
    return { kind: 'certificate', tenantId, clientId, certificatePath: values.AZURE_CLIENT_CERTIFICATE_PATH };
  }
  return { kind: 'managedIdentity', clientId };
}

function readDatabase(url: string, problems: string[]): Database | undefined {
  const sqlite = /^(?:sqlite|file):(.+)$/.exec(url);
  if (sqlite?.[1]) {
    return { kind: 'sqlite', path: sqlite[1].replace(/^\/\/(?=\/)/, '') };
  }
  if (/^postgres(?:ql)?:\/\//.test(url)) {
    return { kind: 'postgres', url };
  }
  problems.push(`DATABASE_URL ${JSON.stringify(redactUrl(url))} is not supported: use sqlite:PATH, file:PATH or postgres://USER@HOST/DB`);
  return undefined;
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
