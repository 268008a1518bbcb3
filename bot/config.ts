import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalText = z.preprocess(blankToUndefined, z.string().trim().optional());
const optionalGuid = (fix: string) => z.preprocess(blankToUndefined, z.string().trim().regex(guid, fix).optional());

/**
 * Builds the schema of a whole number written as plain decimal digits. Number() alone would also take " 1e3",
 * "0x10" and "-0", which are almost always typing mistakes in an environment variable.
 */
function wholeNumber(rule: string, min: number, max: number, fallback: number) {
  return z.preprocess(blankToUndefined, z.string({ invalid_type_error: rule }).optional()).transform((raw, context) => {
    if (raw === undefined) {
      return fallback;
    }

    const text = raw.trim();
    const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!(value >= min && value <= max)) {
      context.addIssue({ code: z.ZodIssueCode.custom, message: `${rule}, not ${JSON.stringify(raw)}` });
      return z.NEVER;
    }
    return value;
  });
}

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

const envSchema = z.object({
  PORT: wholeNumber('must be a TCP port number from 1 to 65535 (0 picks a free one)', 0, 65535, 3978),
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
    z.string()
      .trim()
      .refine(isHttpUrl, 'must be an absolute http or https URL such as https://graph.microsoft.com')
      .default('https://graph.microsoft.com'),
  ),
  AZURE_CLIENT_ID: optionalGuid('must be the application (client) ID (a GUID) of the Graph app registration'),
  AZURE_CLIENT_SECRET: optionalText,
  AZURE_CLIENT_CERTIFICATE_PATH: optionalText,
  DATABASE_URL: z.preprocess(blankToUndefined, z.string().trim().default('sqlite:./data/intune-notify.db')),
  APPROVER_GROUP_ID: optionalGuid('must be the object ID (a GUID) of the Entra group whose members approve broadcasts'),
  PERMISSION_CACHE_SECONDS: wholeNumber(
    'must be a whole number of seconds from 0 (no cache) to 3600 (a longer cache keeps removed roles working too long)',
    0,
    3600,
    300,
  ),
  DRAFT_IDLE_MINUTES: wholeNumber('must be a whole number of minutes from 1 to 10080 (a week)', 1, 7 * 24 * 60, 60),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(logLevels, { errorMap: () => ({ message: `must be one of ${logLevels.join(', ')}` }) }).default('info'),
  ),
});

/** Database location. loadConfig rejects postgres:// URLs until a PostgreSQL store exists. */
export type Database = { kind: 'sqlite'; path: string };

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
    const certificateProblem = checkCertificateFile(values.AZURE_CLIENT_CERTIFICATE_PATH);
    if (certificateProblem !== undefined) {
      problems.push(`AZURE_CLIENT_CERTIFICATE_PATH points at ${values.AZURE_CLIENT_CERTIFICATE_PATH}, which ${certificateProblem}: give the path of a PEM file holding the certificate and its private key, unencrypted`);
    }
    return { kind: 'certificate', tenantId, clientId, certificatePath: values.AZURE_CLIENT_CERTIFICATE_PATH };
  }
  return { kind: 'managedIdentity', clientId };
}

/** Size limit of the certificate file. A PEM certificate chain with its key takes a few kilobytes. */
const maxCertificateBytes = 1024 * 1024;

/**
 * Returns what is wrong with the certificate file, or undefined when it looks usable. Only the PEM
 * markers are checked here, because @azure/identity parses the file at the first Graph call. The
 * file's content never goes into a message because it contains a private key.
 */
function checkCertificateFile(path: string): string | undefined {
  let content: string;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) {
      return 'is not a regular file';
    }
    if (stats.size > maxCertificateBytes) {
      return `is larger than ${maxCertificateBytes / 1024 / 1024} MiB, far more than a certificate and key need`;
    }
    content = readFileSync(path, 'latin1');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'does not exist' : `cannot be read (${code ?? 'unknown error'})`;
  }

  const hasCertificate = content.includes('-----BEGIN CERTIFICATE-----');
  const hasKey = /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----/.test(content);
  if (!hasCertificate && !hasKey) {
    return 'is not a PEM file with -----BEGIN CERTIFICATE----- and -----BEGIN PRIVATE KEY----- sections';
  }
  if (!hasCertificate) {
    return 'has a private key but no -----BEGIN CERTIFICATE----- section';
  }
  if (!hasKey) {
    return 'has a certificate but no -----BEGIN PRIVATE KEY----- (or RSA/EC PRIVATE KEY) section';
  }
  // The bot passes no certificate password to @azure/identity, so an encrypted key fails at sign-in.
  if (content.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----') || content.includes('Proc-Type: 4,ENCRYPTED')) {
    return 'holds an encrypted private key, and the bot has no setting for its password';
  }
  return undefined;
}

function readDatabase(url: string, problems: string[]): Database | undefined {
  const sqlite = /^(?:sqlite|file):(.+)$/.exec(url);
  if (sqlite?.[1]) {
    return { kind: 'sqlite', path: sqlite[1].replace(/^\/\/(?=\/)/, '') };
  }
  if (/^postgres(?:ql)?:/i.test(url)) {
    problems.push('DATABASE_URL points at PostgreSQL, which this version does not support yet: use sqlite:PATH or file:PATH');
    return undefined;
  }
  problems.push(`DATABASE_URL ${JSON.stringify(redactUrl(url))} is not supported: use sqlite:PATH or file:PATH (a SQLite database file)`);
  return undefined;
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
