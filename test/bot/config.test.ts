import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../bot/config.js';

const tenant = '4f1c2a7e-9b3d-4e5f-8a6b-1c2d3e4f5a6b';

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

  it('rejects a bad PORT', () => {
    expect(problemsOf({ TENANT_ID: tenant, PORT: 'eighty' })[0]).toMatch(/^PORT /);
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

  it('rejects plain http for a remote Graph', () => {
    expect(problemsOf({ TENANT_ID: tenant, GRAPH_BASE_URL: 'http://graph.example.com' })[0]).toMatch(/^GRAPH_BASE_URL must use https/);
  });

  it('rejects an unknown database URL and hides its password', () => {
    const problems = problemsOf({ TENANT_ID: tenant, GRAPH_BASE_URL: 'http://127.0.0.1:4000', DATABASE_URL: 'mysql://bot:hunter2@db/notify' });

    expect(problems[0]).toContain('DATABASE_URL');
    expect(problems[0]).not.toContain('hunter2');
  });

  it('accepts file: database URLs', () => {
    expect(loadConfig({ TENANT_ID: tenant, GRAPH_BASE_URL: 'http://127.0.0.1:4000', DATABASE_URL: 'file:/tmp/x.db' }).database).toEqual({ kind: 'sqlite', path: '/tmp/x.db' });
  });

  it('rejects an unknown LOG_LEVEL', () => {
    expect(problemsOf({ TENANT_ID: tenant, LOG_LEVEL: 'loud' })[0]).toMatch(/^LOG_LEVEL must be one of/);
  });
});
