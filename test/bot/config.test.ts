import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../bot/config.js';

const tenant = '4f1c2a7e-9b3d-4e5f-8a6b-1c2d3e4f5a6b';
const clientId = '5d6e7f80-1111-4222-8333-444455556666';
const local = { TENANT_ID: tenant, GRAPH_BASE_URL: 'http://127.0.0.1:4000' };

const certificate = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const privateKey = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n';
const rsaKey = '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n';
const encryptedKey = '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIE\n-----END ENCRYPTED PRIVATE KEY-----\n';

const directory = mkdtempSync(join(tmpdir(), 'intune-notify-config-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function writePem(name: string, content: string): string {
  const path = join(directory, name);
  writeFileSync(path, content);
  return path;
}

function certificateEnv(path: string): NodeJS.ProcessEnv {
  return { TENANT_ID: tenant, AZURE_CLIENT_ID: clientId, AZURE_CLIENT_CERTIFICATE_PATH: path };
}

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.problems;
    }
    throw error;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('loadConfig', () => {
  it('defaults to local mode on loopback', () => {
    const config = loadConfig({ TENANT_ID: tenant, GRAPH_BASE_URL: 'http://127.0.0.1:4000' });

    expect(config.localMode).toBe(true);
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(3978);
    expect(config.graphCredentials).toEqual({ kind: 'none' });
    expect(config.database).toEqual({ kind: 'sqlite', path: './data/intune-notify.db' });
    expect(config.logLevel).toBe('info');
  });

  it('requires TENANT_ID', () => {
    expect(problemsOf({})).toEqual(['TENANT_ID is required: set it to the Entra tenant ID (a GUID) this bot serves']);
  });

  it('rejects a TENANT_ID that is not a GUID', () => {
    expect(problemsOf({ TENANT_ID: 'contoso' })).toEqual(['TENANT_ID must be the Entra tenant ID (a GUID) this bot serves']);
  });

  it.each(['eighty', 'abc', '-1', ' 1e3', '0x10', '70000', '80.5', '+80', '65536'])('rejects PORT %j', (value) => {
    expect(problemsOf({ ...local, PORT: value })).toEqual([`PORT must be a TCP port number from 1 to 65535 (0 picks a free one), not ${JSON.stringify(value)}`]);
  });

  it.each([['8080', 8080], [' 8080 ', 8080], ['0', 0], ['65535', 65535], ['', 3978]])('accepts PORT %j', (value, port) => {
    expect(loadConfig({ ...local, PORT: value }).port).toBe(port);
  });

  it.each(['abc', '-1', '1e3', '0x10', '3601', '1.5'])('rejects PERMISSION_CACHE_SECONDS %j', (value) => {
    const problems = problemsOf({ ...local, PERMISSION_CACHE_SECONDS: value });

    expect(problems).toEqual([`PERMISSION_CACHE_SECONDS must be a whole number of seconds from 0 (no cache) to 3600 (a longer cache keeps removed roles working too long), not ${JSON.stringify(value)}`]);
  });

  it('accepts PERMISSION_CACHE_SECONDS 0', () => {
    expect(loadConfig({ ...local, PERMISSION_CACHE_SECONDS: '0' }).permissionCacheMs).toBe(0);
  });

  it.each(['abc', '0', '-5', '1e2', '0x10', '10081'])('rejects DRAFT_IDLE_MINUTES %j', (value) => {
    expect(problemsOf({ ...local, DRAFT_IDLE_MINUTES: value })).toEqual([`DRAFT_IDLE_MINUTES must be a whole number of minutes from 1 to 10080 (a week), not ${JSON.stringify(value)}`]);
  });

  it('accepts DRAFT_IDLE_MINUTES 10080', () => {
    expect(loadConfig({ ...local, DRAFT_IDLE_MINUTES: '10080' }).draftIdleMs).toBe(10080 * 60_000);
  });

  it('names every bad number at once', () => {
    const problems = problemsOf({ ...local, PORT: 'x', PERMISSION_CACHE_SECONDS: 'y', DRAFT_IDLE_MINUTES: 'z' });

    expect(problems.map((problem) => problem.split(' ')[0])).toEqual(['PORT', 'PERMISSION_CACHE_SECONDS', 'DRAFT_IDLE_MINUTES']);
  });

  it.each(['ftp://127.0.0.1:4000', 'file:///tmp/graph', 'graph.microsoft.com', 'not a url'])('rejects GRAPH_BASE_URL %j', (value) => {
    expect(problemsOf({ TENANT_ID: tenant, GRAPH_BASE_URL: value })).toEqual(['GRAPH_BASE_URL must be an absolute http or https URL such as https://graph.microsoft.com']);
  });

  it('needs BOT_PASSWORD with BOT_ID', () => {
    const problems = problemsOf({ TENANT_ID: tenant, BOT_ID: '5d6e7f80-1111-4222-8333-444455556666', BOT_TYPE: 'MultiTenant' });

    expect(problems).toEqual(['BOT_PASSWORD is required when BOT_ID is set: set it to the bot registration\'s client secret']);
  });

  it('needs BOT_TENANT_ID for a single-tenant bot', () => {
    const problems = problemsOf({ TENANT_ID: tenant, BOT_ID: '5d6e7f80-1111-4222-8333-444455556666', BOT_PASSWORD: 'secret' });

    expect(problems[0]).toMatch(/^BOT_TENANT_ID is required when BOT_TYPE is SingleTenant/);
  });

  it('with BOT_ID listens on all interfaces', () => {
    const config = loadConfig({ TENANT_ID: tenant, BOT_ID: '5d6e7f80-1111-4222-8333-444455556666', BOT_PASSWORD: 'secret', BOT_TYPE: 'MultiTenant', GRAPH_BASE_URL: 'http://127.0.0.1:4000' });

    expect(config.localMode).toBe(false);
    expect(config.host).toBe('0.0.0.0');
  });

  it('needs AZURE_CLIENT_ID with a secret for real Graph', () => {
    expect(problemsOf({ TENANT_ID: tenant, AZURE_CLIENT_SECRET: 's' })[0]).toMatch(/^AZURE_CLIENT_ID is required with AZURE_CLIENT_SECRET/);
  });

  it('uses a managed identity without credentials for real Graph', () => {
    expect(loadConfig({ TENANT_ID: tenant }).graphCredentials).toEqual({ kind: 'managedIdentity', clientId: undefined });
  });

  it('reports a missing certificate file', () => {
    const problems = problemsOf({ TENANT_ID: tenant, AZURE_CLIENT_ID: '5d6e7f80-1111-4222-8333-444455556666', AZURE_CLIENT_CERTIFICATE_PATH: '/nonexistent/cert.pem' });

    expect(problems[0]).toMatch(/^AZURE_CLIENT_CERTIFICATE_PATH points at \/nonexistent\/cert.pem, which does not exist/);
  });

  it('accepts a certificate with its key', () => {
    const path = writePem('good.pem', certificate + privateKey);

    expect(loadConfig(certificateEnv(path)).graphCredentials).toEqual({ kind: 'certificate', tenantId: tenant, clientId, certificatePath: path });
  });

  it('accepts an RSA private key', () => {
    expect(loadConfig(certificateEnv(writePem('rsa.pem', rsaKey + certificate))).graphCredentials.kind).toBe('certificate');
  });

  it('rejects a certificate without a key', () => {
    const problems = problemsOf(certificateEnv(writePem('no-key.pem', certificate)));

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^AZURE_CLIENT_CERTIFICATE_PATH points at .*no-key\.pem, which has a certificate but no -----BEGIN PRIVATE KEY-----/);
    expect(problems[0]).toContain('give the path of a PEM file holding the certificate and its private key');
  });

  it('rejects a key without a certificate', () => {
    const problems = problemsOf(certificateEnv(writePem('no-cert.pem', privateKey)));

    expect(problems[0]).toMatch(/^AZURE_CLIENT_CERTIFICATE_PATH points at .*no-cert\.pem, which has a private key but no -----BEGIN CERTIFICATE-----/);
  });

  it('rejects a file that is not PEM', () => {
    const problems = problemsOf(certificateEnv(writePem('secret.txt', 'client-secret-value-7Q~xyz')));

    expect(problems[0]).toMatch(/^AZURE_CLIENT_CERTIFICATE_PATH points at .*secret\.txt, which is not a PEM file/);
  });

  it('keeps the file content out of the message', () => {
    const problems = problemsOf(certificateEnv(writePem('leak.txt', 'client-secret-value-7Q~xyz')));

    expect(problems[0]).not.toContain('client-secret-value');
  });

  it('rejects an encrypted key', () => {
    const problems = problemsOf(certificateEnv(writePem('encrypted.pem', certificate + encryptedKey)));

    expect(problems[0]).toMatch(/which holds an encrypted private key/);
  });

  it('rejects a certificate directory', () => {
    expect(problemsOf(certificateEnv(directory))[0]).toMatch(/which is not a regular file/);
  });

  it('rejects plain http for a remote Graph', () => {
    expect(problemsOf({ TENANT_ID: tenant, GRAPH_BASE_URL: 'http://graph.example.com' })[0]).toMatch(/^GRAPH_BASE_URL must use https/);
  });

  it('rejects an unknown database URL and hides its password', () => {
    const problems = problemsOf({ TENANT_ID: tenant, GRAPH_BASE_URL: 'http://127.0.0.1:4000', DATABASE_URL: 'mysql://bot:hunter2@db/notify' });

    expect(problems[0]).toContain('DATABASE_URL');
    expect(problems[0]).not.toContain('hunter2');
  });

  it('unknown database URL names sqlite only', () => {
    const problems = problemsOf({ ...local, DATABASE_URL: 'mysql://db/notify' });

    expect(problems).toEqual(['DATABASE_URL "mysql://db/notify" is not supported: use sqlite:PATH or file:PATH (a SQLite database file)']);
  });

  it.each(['postgres://bot:hunter2@db/notify', 'postgresql://db/notify'])('rejects PostgreSQL %j', (value) => {
    expect(problemsOf({ ...local, DATABASE_URL: value })).toEqual(['DATABASE_URL points at PostgreSQL, which this version does not support yet: use sqlite:PATH or file:PATH']);
  });

  it('accepts file: database URLs', () => {
    expect(loadConfig({ TENANT_ID: tenant, GRAPH_BASE_URL: 'http://127.0.0.1:4000', DATABASE_URL: 'file:/tmp/x.db' }).database).toEqual({ kind: 'sqlite', path: '/tmp/x.db' });
  });

  it('rejects an unknown LOG_LEVEL', () => {
    expect(problemsOf({ TENANT_ID: tenant, LOG_LEVEL: 'loud' })[0]).toMatch(/^LOG_LEVEL must be one of/);
  });
});
