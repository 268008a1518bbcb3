import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential } from '@azure/identity';
import { afterAll, describe, expect, it } from 'vitest';
import { createGraphAuthentication } from '../../bot/graph/auth.js';
import { createGraphClient } from '../../bot/graph/client.js';
import { createLogger } from '../../bot/log.js';

// Only constructors run here: no test calls getToken, so nothing contacts Entra ID.
const tenantId = '11111111-2222-4333-8444-555555555555';
const clientId = '66666666-7777-4888-9999-000000000000';
const workDir = mkdtempSync(join(tmpdir(), 'graph-auth-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('createGraphAuthentication', () => {
  it('uses a client secret', () => {
    const auth = createGraphAuthentication('https://graph.microsoft.com', { kind: 'secret', tenantId, clientId, clientSecret: 'not-a-real-secret' });

    expect(auth?.credential).toBeInstanceOf(ClientSecretCredential);
    expect(auth?.scope).toBe('https://graph.microsoft.com/.default');
  });

  it('uses a certificate', () => {
    const certificatePath = join(workDir, 'cert.pem');
    writeFileSync(certificatePath, 'placeholder, never read because no token is requested');

    const auth = createGraphAuthentication('https://graph.microsoft.com', { kind: 'certificate', tenantId, clientId, certificatePath });

    expect(auth?.credential).toBeInstanceOf(ClientCertificateCredential);
  });

  it('uses a managed identity', () => {
    const auth = createGraphAuthentication('https://graph.microsoft.com', { kind: 'managedIdentity', clientId });

    expect(auth?.credential).toBeInstanceOf(ManagedIdentityCredential);
  });

  it('uses a system-assigned managed identity', () => {
    const auth = createGraphAuthentication('https://graph.microsoft.com', { kind: 'managedIdentity' });

    expect(auth?.credential).toBeInstanceOf(ManagedIdentityCredential);
  });

  it('derives a national cloud scope', () => {
    const auth = createGraphAuthentication('https://graph.microsoft.us', { kind: 'secret', tenantId, clientId, clientSecret: 'not-a-real-secret' });

    expect(auth?.scope).toBe('https://graph.microsoft.us/.default');
  });

  it('returns none for loopback', () => {
    expect(createGraphAuthentication('http://127.0.0.1:4100', { kind: 'none' })).toBeUndefined();
  });

  it('refuses no credentials for a remote host', () => {
    expect(() => createGraphAuthentication('https://graph.microsoft.com', { kind: 'none' })).toThrow(/only a loopback/);
  });

  it('refuses credentials over http', () => {
    expect(() => createGraphAuthentication('http://127.0.0.1:4100', { kind: 'secret', tenantId, clientId, clientSecret: 'x' })).toThrow(/must use https/);
  });
});

describe('createGraphClient credentials', () => {
  it('builds a client for a secret without a request', () => {
    const graph = createGraphClient({
      baseUrl: 'https://graph.microsoft.com',
      credentials: { kind: 'secret', tenantId, clientId, clientSecret: 'not-a-real-secret' },
      logger: createLogger('silent'),
    });

    expect(typeof graph.get).toBe('function');
  });
});
