import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../bot/errors.js';
import { createGraphClient } from '../../bot/graph/client.js';
import { createGraphIntuneGateway } from '../../bot/intune/graph-gateway.js';
import { managedDeviceSelect } from '../../bot/intune/managed-device.js';
import { captureLogger, json, recordingSleep, ScriptedServer } from './scripted-server.js';

// These tests script Graph's responses to check the queries the gateway builds. The tests against
// the simulated tenant check the same behaviour end to end.

const server = new ScriptedServer();
beforeAll(() => server.start());
afterAll(() => server.close());
beforeEach(() => server.reset());

const deviceId = 'd0000000-0000-4000-8000-000000000001';

function device(id: string, deviceName: string, extra: Record<string, unknown> = {}) {
  return { id, deviceName, userPrincipalName: 'someone@contoso.example', serialNumber: 'SN0', operatingSystem: 'iOS', ...extra };
}

function gateway(maxResults?: number) {
  const log = captureLogger();
  const graph = createGraphClient({ baseUrl: server.url, credentials: { kind: 'none' }, logger: log.logger, sleep: recordingSleep().sleep });
  return { intune: createGraphIntuneGateway(graph, { maxResults }), log };
}

function filterOf(url: string): string | null {
  return new URL(url, server.url).searchParams.get('$filter');
}

describe('searchDevices', () => {
  it('runs one beta query per field', async () => {
    const { intune } = gateway();

    await intune.searchDevices('  LT-  ');

    const filters = server.requests.map((request) => filterOf(request.url)).sort();
    expect(filters).toEqual(["startswith(deviceName,'LT-')", "startswith(serialNumber,'LT-')", "startswith(userPrincipalName,'LT-')"]);
    for (const request of server.requests) {
      expect(new URL(request.url, server.url).pathname).toBe('/beta/deviceManagement/managedDevices');
      expect(new URL(request.url, server.url).searchParams.get('$select')).toBe(managedDeviceSelect);
    }
  });

  it('doubles single quotes', async () => {
    const { intune } = gateway();

    await intune.searchDevices("O'Brien & #1");

    expect(server.requests.map((request) => filterOf(request.url))).toContain("startswith(userPrincipalName,'O''Brien & #1')");
  });

  it('skips Graph for a blank query', async () => {
    const { intune } = gateway();

    const result = await intune.searchDevices('   ');

    expect(result).toEqual({ devices: [], truncated: false });
    expect(server.requests).toHaveLength(0);
  });

  it('re-checks rows as prefixes', async () => {
    server.handler = (request, response) => {
      const onNameQuery = filterOf(request.url)?.startsWith('startswith(deviceName') ?? false;
      json(response, 200, { value: onNameQuery ? [device('b', 'lt-02'), device('a', 'BACKUP-LT-01'), device('c', 'LT-01')] : [] });
    };
    const { intune } = gateway();

    const result = await intune.searchDevices('LT-');

    expect(result.devices.map((entry) => entry.deviceName)).toEqual(['LT-01', 'lt-02']);
  });

  it('merges rows found by several fields', async () => {
    server.handler = (_request, response) => json(response, 200, { value: [device('x', 'LT-9', { userPrincipalName: 'lt-user@contoso.example', serialNumber: 'LT-SERIAL' })] });
    const { intune } = gateway();

    const result = await intune.searchDevices('lt');

    expect(result.devices).toHaveLength(1);
  });

  it('cuts to maxResults', async () => {
    server.handler = (request, response) => {
      const onNameQuery = filterOf(request.url)?.startsWith('startswith(deviceName') ?? false;
      json(response, 200, { value: onNameQuery ? [device('1', 'PC-3'), device('2', 'PC-1'), device('3', 'PC-2')] : [] });
    };
    const { intune } = gateway(2);

    const result = await intune.searchDevices('PC-');

    expect(result.devices.map((entry) => entry.deviceName)).toEqual(['PC-1', 'PC-2']);
    expect(result.truncated).toBe(true);
  });

  it('skips an invalid row', async () => {
    server.handler = (request, response) => {
      const onNameQuery = filterOf(request.url)?.startsWith('startswith(deviceName') ?? false;
      json(response, 200, { value: onNameQuery ? [device('good', 'PC-1'), { id: '', deviceName: 'PC-2' }, { id: 'bad-row', deviceName: 42 }] : [] });
    };
    const { intune, log } = gateway();

    const result = await intune.searchDevices('PC-');

    expect(result.devices.map((entry) => entry.id)).toEqual(['good']);
    const skipped = log.lines().filter((line) => line.msg === 'Skipped a Graph item that failed validation');
    expect(skipped.map((line) => line.itemId)).toContain('bad-row');
    expect(skipped[0]?.level).toBe(40);
  });
});

describe('getDevice', () => {
  it('reads the device from beta', async () => {
    server.handler = (_request, response) => json(response, 200, device(deviceId, 'PC-1'));
    const { intune } = gateway();

    const result = await intune.getDevice(deviceId);

    expect(result.deviceName).toBe('PC-1');
    expect(new URL(server.requests[0]!.url, server.url).pathname).toBe(`/beta/deviceManagement/managedDevices/${deviceId}`);
  });

  it.each(['../users', 'not-a-guid', `${deviceId}?$x=1`, ''])('refuses id %j', async (badId) => {
    const { intune } = gateway();

    await expect(intune.getDevice(badId)).rejects.toBeInstanceOf(AppError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('sendGroupNotification', () => {
  it('posts groups with the text', async () => {
    server.handler = (_request, response) => response.writeHead(204, { 'request-id': 'rid-group' }).end();
    const { intune } = gateway();
    const groupIds = ['a0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000002'];

    const receipt = await intune.sendGroupNotification(groupIds, { title: ' Title ', body: 'Body\n' });

    expect(receipt.requestId).toBe('rid-group');
    expect(server.requests[0]?.url).toBe('/beta/deviceManagement/sendCustomNotificationToCompanyPortal');
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ notificationTitle: ' Title ', notificationBody: 'Body\n', groupsToNotify: groupIds });
  });

  it('refuses an empty group list', async () => {
    const { intune } = gateway();

    await expect(intune.sendGroupNotification([], { title: 't', body: 'b' })).rejects.toBeInstanceOf(AppError);
    expect(server.requests).toHaveLength(0);
  });
});
