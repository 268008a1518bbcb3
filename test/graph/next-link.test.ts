import { describe, expect, it } from 'vitest';
import { toLogPath, toRelativeGraphRequest } from '../../bot/graph/next-link.js';

describe('toRelativeGraphRequest', () => {
  it('strips an https origin and version', () => {
    const next = toRelativeGraphRequest('https://graph.microsoft.com/beta/deviceManagement/managedDevices?$skiptoken=abc%3D', 'https://graph.microsoft.com');

    expect(next).toEqual({ version: 'beta', path: '/deviceManagement/managedDevices?$skiptoken=abc%3D' });
  });

  it('strips an http loopback origin', () => {
    const next = toRelativeGraphRequest('http://127.0.0.1:4100/v1.0/users?$skiptoken=2', 'http://127.0.0.1:4100');

    expect(next).toEqual({ version: 'v1.0', path: '/users?$skiptoken=2' });
  });

  it('keeps a base path prefix out of the result', () => {
    const next = toRelativeGraphRequest('http://127.0.0.1:4100/graph/beta/users', 'http://127.0.0.1:4100/graph/');

    expect(next).toEqual({ version: 'beta', path: '/users' });
  });

  it('accepts a relative link', () => {
    const next = toRelativeGraphRequest('/beta/users?$skiptoken=3', 'http://127.0.0.1:4100');

    expect(next).toEqual({ version: 'beta', path: '/users?$skiptoken=3' });
  });

  it.each([
    ['another host', 'https://graph.example.com/beta/users'],
    ['another port', 'http://127.0.0.1:4101/beta/users'],
    ['an unknown version', 'http://127.0.0.1:4100/v2.0/users'],
    ['no resource', 'http://127.0.0.1:4100/beta/'],
    ['another scheme', 'ftp://127.0.0.1:4100/beta/users'],
  ])('refuses %s', (_case, link) => {
    expect(toRelativeGraphRequest(link, 'http://127.0.0.1:4100')).toBeUndefined();
  });
});

describe('toLogPath', () => {
  it('drops query values', () => {
    expect(toLogPath("/deviceManagement/managedDevices?$filter=startswith(userPrincipalName,'ana')&$select=id")).toBe('/deviceManagement/managedDevices?$filter&$select');
  });

  it('keeps a path without query', () => {
    expect(toLogPath('/users/abc')).toBe('/users/abc');
  });
});
