import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { graphErrorToAppError } from '../../bot/graph/describe-graph-error.js';
import { createGraphClient, type GraphClientOptions } from '../../bot/graph/client.js';
import { GraphRequestError } from '../../bot/graph/graph-error.js';
import { createGraphIntuneGateway } from '../../bot/intune/graph-gateway.js';
import type { IntuneGateway } from '../../bot/intune/gateway.js';
import { startSimTenant, type SimTenant } from '../../bot/sim-tenant/index.js';
import { captureLogger, recordingSleep } from './scripted-server.js';

let sim: SimTenant;
beforeAll(async () => {
  sim = await startSimTenant({ port: 0 });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const devicePath = (id: string) => `/beta/deviceManagement/managedDevices/${id}/sendCustomNotificationToCompanyPortal`;
const missingDeviceId = 'dead0000-0000-4000-8000-000000000000';

function gateway(overrides: Partial<GraphClientOptions> = {}, maxResults?: number) {
  const sleep = recordingSleep();
  const graph = createGraphClient({
    baseUrl: sim.url,
    credentials: { kind: 'none' },
    logger: captureLogger().logger,
    retry: { maxRetries: 3, baseDelayMs: 50, maxDelayMs: 5_000 },
    sleep: sleep.sleep,
    ...overrides,
  });
  const intune: IntuneGateway = createGraphIntuneGateway(graph, { maxResults });
  return { intune, delays: sleep.delays };
}

function iosDevice() {
  const device = sim.seed.managedDevices.find((candidate) => candidate.operatingSystem === 'iOS');
  if (device === undefined) {
    throw new Error('the seed has no iOS device');
  }
  return device;
}

async function failure(promise: Promise<unknown>): Promise<GraphRequestError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GraphRequestError);
  return error as GraphRequestError;
}

function postsTo(path: string): number {
  return sim.requests.filter((request) => request.method === 'POST' && request.path === path).length;
}

describe('searchDevices on the simulated tenant', () => {
  it('pages through every match', async () => {
    const { intune } = gateway({}, 1_000);
    const expected = sim.seed.managedDevices.filter(
      (device) => device.deviceName.toLowerCase().startsWith('lt-') || device.userPrincipalName.toLowerCase().startsWith('lt-') || device.serialNumber.toLowerCase().startsWith('lt-'),
    );

    const result = await intune.searchDevices('LT-');

    expect(expected.length).toBeGreaterThan(100);
    expect(result.devices.map((device) => device.id).sort()).toEqual(expected.map((device) => device.id).sort());
    expect(result.truncated).toBe(false);
    expect(sim.requests.filter((request) => request.search.includes('skiptoken') || request.search.includes('skip')).length).toBeGreaterThan(0);
  });

  it('excludes contains-only matches', async () => {
    const { intune } = gateway({}, 1_000);

    const result = await intune.searchDevices('LT-');

    const names = result.devices.map((device) => device.deviceName);
    expect(names).not.toContain('BACKUP-LT-01');
    expect(names).not.toContain('BACKUP-LT-02');
    expect(names).toContain('LT-0001');
  });

  it('cuts to maxResults sorted by name', async () => {
    const { intune } = gateway();

    const result = await intune.searchDevices('lt-');

    expect(result.devices).toHaveLength(50);
    expect(result.truncated).toBe(true);
    const names = result.devices.map((device) => device.deviceName);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true })));
  });

  it('finds a device by UPN prefix', async () => {
    const device = iosDevice();
    const { intune } = gateway();

    const result = await intune.searchDevices(device.userPrincipalName.slice(0, 6).toUpperCase());

    expect(result.devices.map((found) => found.id)).toContain(device.id);
  });
});

describe('getDevice on the simulated tenant', () => {
  it('reads a device', async () => {
    const device = iosDevice();
    const { intune } = gateway();

    const result = await intune.getDevice(device.id);

    expect(result.deviceName).toBe(device.deviceName);
    expect(sim.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('maps a missing device to not_found', async () => {
    const { intune } = gateway();

    const error = await failure(intune.getDevice(missingDeviceId));

    expect(error.status).toBe(404);
    expect(graphErrorToAppError(error, 'getDevice').code).toBe('not_found');
  });
});

describe('sendDeviceNotification on the simulated tenant', () => {
  it('records the text byte-exact', async () => {
    const device = iosDevice();
    const { intune } = gateway();
    const text = { title: 'Restart 🛠️ "now" \\ ${x}', body: 'Line one\nLine two **md** <b>html</b> 𝄞 \'quote\'' };

    const receipt = await intune.sendDeviceNotification(device.id, text);

    expect(sim.sent).toHaveLength(1);
    expect(sim.sent[0]?.notificationTitle).toBe(text.title);
    expect(sim.sent[0]?.notificationBody).toBe(text.body);
    expect(sim.sent[0]?.rawBody).toBe(JSON.stringify({ notificationTitle: text.title, notificationBody: text.body }));
    expect(receipt.requestId).toBe(sim.sent[0]?.requestId);
  });

  it('retries 429 with Retry-After 1', async () => {
    const device = iosDevice();
    sim.fail({ method: 'POST', path: devicePath(device.id), status: 429, retryAfter: '1', times: 1 });
    const { intune } = gateway({ sleep: undefined });

    const startedAt = performance.now();
    await intune.sendDeviceNotification(device.id, { title: 't', body: 'b' });

    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(950);
    expect(postsTo(devicePath(device.id))).toBe(2);
    expect(sim.sent).toHaveLength(1);
  });

  it('backs off on 429 without Retry-After', async () => {
    const device = iosDevice();
    sim.fail({ method: 'POST', path: devicePath(device.id), status: 429, times: 2 });
    const { intune, delays } = gateway();

    await intune.sendDeviceNotification(device.id, { title: 't', body: 'b' });

    expect(delays).toHaveLength(2);
    expect(delays[0]).toBeGreaterThanOrEqual(25);
    expect(delays[0]).toBeLessThanOrEqual(50);
    expect(delays[1]).toBeGreaterThanOrEqual(50);
    expect(delays[1]).toBeLessThanOrEqual(100);
    expect(sim.sent).toHaveLength(1);
  });

  it('gives up on endless 429', async () => {
    const device = iosDevice();
    sim.fail({ method: 'POST', path: devicePath(device.id), status: 429, retryAfter: '2' });
    const { intune } = gateway();

    const error = await failure(intune.sendDeviceNotification(device.id, { title: 't', body: 'b' }));

    expect(postsTo(devicePath(device.id))).toBe(4);
    expect(error.status).toBe(429);
    expect(sim.sent).toHaveLength(0);
    expect(graphErrorToAppError(error, 'sendDeviceNotification').code).toBe('graph_throttled');
  });

  it('surfaces a 429 whose Retry-After is too long', async () => {
    const device = iosDevice();
    sim.fail({ method: 'POST', path: devicePath(device.id), status: 429, retryAfter: '120', times: 1 });
    const { intune, delays } = gateway();

    const error = await failure(intune.sendDeviceNotification(device.id, { title: 't', body: 'b' }));
    const appError = graphErrorToAppError(error, 'sendDeviceNotification');

    expect(postsTo(devicePath(device.id))).toBe(1);
    expect(delays).toEqual([]);
    expect(sim.sent).toHaveLength(0);
    expect(error.retryAfterSeconds).toBe(120);
    expect(appError.code).toBe('graph_throttled');
    expect(appError.userMessage).toContain('Try again in 2 minutes');
  });

  it('retries 503 on a send', async () => {
    const device = iosDevice();
    sim.fail({ method: 'POST', path: devicePath(device.id), status: 503, times: 1 });
    const { intune } = gateway();

    await intune.sendDeviceNotification(device.id, { title: 't', body: 'b' });

    expect(postsTo(devicePath(device.id))).toBe(2);
    expect(sim.sent).toHaveLength(1);
  });

  it('retries 504 on a read', async () => {
    const device = iosDevice();
    sim.fail({ method: 'GET', path: `/beta/deviceManagement/managedDevices/${device.id}`, status: 504, times: 2 });
    const { intune } = gateway();

    const result = await intune.getDevice(device.id);

    expect(result.id).toBe(device.id);
    expect(sim.requests.filter((request) => request.method === 'GET').length).toBe(3);
  });

  it('maps 403 to the missing permission', async () => {
    const device = iosDevice();
    sim.fail({ method: 'POST', path: devicePath(device.id), status: 403 });
    const { intune } = gateway();

    const error = await failure(intune.sendDeviceNotification(device.id, { title: 't', body: 'b' }));
    const appError = graphErrorToAppError(error, 'sendDeviceNotification');

    expect(error.status).toBe(403);
    expect(error.requestId).toMatch(/\S/);
    expect(appError.code).toBe('graph_permission_missing');
    expect(appError.userMessage).toContain('DeviceManagementManagedDevices.ReadWrite.All');
    expect(appError.userMessage).toContain(`Graph request-id: ${error.requestId}`);
    expect(postsTo(devicePath(device.id))).toBe(1);
  });

  it('does not retry 400', async () => {
    const device = iosDevice();
    sim.fail({ method: 'POST', path: devicePath(device.id), status: 400, code: 'BadRequest' });
    const { intune } = gateway();

    const error = await failure(intune.sendDeviceNotification(device.id, { title: 't', body: 'b' }));

    expect(error.code).toBe('BadRequest');
    expect(postsTo(devicePath(device.id))).toBe(1);
  });

  it('does not retry a slow send', async () => {
    const device = iosDevice();
    sim.fail({ method: 'POST', path: devicePath(device.id), delayMs: 800, times: 1 });
    const { intune } = gateway({ timeoutMs: 200 });

    const error = await failure(intune.sendDeviceNotification(device.id, { title: 't', body: 'b' }));

    expect(error.timedOut).toBe(true);
    expect(error.status).toBe(0);
    expect(postsTo(devicePath(device.id))).toBe(1);
    expect(graphErrorToAppError(error, 'sendDeviceNotification').userMessage).toContain('unknown whether the notification was sent');
    // The sim carries out the delayed send after the bot gave up: the outcome really was unknown.
    await vi.waitFor(() => expect(sim.sent).toHaveLength(1), { timeout: 3_000 });
  });

  it('maps a missing device send to not_found', async () => {
    const { intune } = gateway();

    const error = await failure(intune.sendDeviceNotification(missingDeviceId, { title: 't', body: 'b' }));

    expect(graphErrorToAppError(error, 'sendDeviceNotification').code).toBe('not_found');
    expect(sim.sent).toHaveLength(0);
  });
});

describe('sendGroupNotification on the simulated tenant', () => {
  it('records groups and text', async () => {
    const groupIds = sim.seed.groups.slice(0, 2).map((group) => group.id);
    const { intune } = gateway();

    await intune.sendGroupNotification(groupIds, { title: 'Office closed', body: 'Work from home 🏠' });

    expect(sim.sent[0]?.kind).toBe('groups');
    expect(sim.sent[0]?.groupIds).toEqual(groupIds);
    expect(sim.sent[0]?.notificationBody).toBe('Work from home 🏠');
  });
});
