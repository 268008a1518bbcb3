import { describe, expect, it } from 'vitest';
import { getJson, ids, postJson, useSimTenant, type GraphErrorBody } from './sim-client.js';

const context = useSimTenant();
const devicePath = `/beta/deviceManagement/managedDevices/${ids.hanaIphone}`;
const sendPath = `${devicePath}/sendCustomNotificationToCompanyPortal`;
const sendBody = JSON.stringify({ notificationTitle: 'a', notificationBody: 'b' });
const get = (path: string) => getJson<GraphErrorBody>(`${context.sim.url}${path}`);
const send = () => postJson(`${context.sim.url}${sendPath}`, sendBody);

describe('fault rules', () => {
  it('answers 429 with Retry-After', async () => {
    context.sim.fail({ path: sendPath, status: 429, retryAfter: '3' });

    const { status, text, response } = await send();

    const error = (JSON.parse(text) as GraphErrorBody).error;
    expect(status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(error.code).toBe('TooManyRequests');
    expect(error.innerError.status).toBe('429');
    expect(error.innerError['request-id']).toBe(response.headers.get('request-id'));
    expect(context.sim.sent).toHaveLength(0);
  });

  it('applies only `times` requests', async () => {
    context.sim.fail({ method: 'POST', path: sendPath, status: 503, times: 2 });

    const statuses = [(await send()).status, (await send()).status, (await send()).status];

    expect(statuses).toEqual([503, 503, 204]);
    expect(context.sim.sent).toHaveLength(1);
  });

  it('uses Intune’s 403 message', async () => {
    context.sim.fail({ path: sendPath, status: 403 });

    const { text } = await send();

    const error = (JSON.parse(text) as GraphErrorBody).error;
    expect(error.code).toBe('Forbidden');
    expect(error.message).toMatch(/^Application is not authorized to perform this operation/);
  });

  it('defaults to 500', async () => {
    context.sim.fail({ path: devicePath });

    const { status, body } = await get(devicePath);

    expect(status).toBe(500);
    expect(body.error.code).toBe('InternalServerError');
  });

  it('takes a custom code', async () => {
    context.sim.fail({ path: devicePath, status: 400, code: 'InvalidRequest' });

    const { body } = await get(devicePath);

    expect(body.error.code).toBe('InvalidRequest');
  });

  it('filters by method', async () => {
    context.sim.fail({ method: 'POST', path: devicePath, status: 500 });

    const { status } = await get(devicePath);

    expect(status).toBe(200);
  });

  it('matches a prefix ending in *', async () => {
    context.sim.fail({ path: '/beta/deviceManagement/*', status: 502 });

    const { status } = await get(devicePath);
    const directory = await get(`/v1.0/users/${ids.hana}`);

    expect(status).toBe(502);
    expect(directory.status).toBe(200);
  });

  it('matches a RegExp', async () => {
    context.sim.fail({ path: /\/users\/[^/]+\/transitiveMemberOf$/, status: 504 });

    const { status } = await get(`/v1.0/users/${ids.hana}/transitiveMemberOf`);

    expect(status).toBe(504);
  });

  it('delays then answers normally', async () => {
    context.sim.fail({ path: sendPath, delayMs: 300, times: 1 });

    const started = performance.now();
    const { status } = await send();

    expect(performance.now() - started).toBeGreaterThanOrEqual(280);
    expect(status).toBe(204);
    expect(context.sim.sent).toHaveLength(1);
  });

  it('delays then fails', async () => {
    context.sim.fail({ path: sendPath, delayMs: 200, status: 504, times: 1 });

    const started = performance.now();
    const { status } = await send();

    expect(performance.now() - started).toBeGreaterThanOrEqual(180);
    expect(status).toBe(504);
    expect(context.sim.sent).toHaveLength(0);
  });

  it('checks rules in insertion order', async () => {
    context.sim.fail({ path: sendPath, status: 429, times: 1 });
    context.sim.fail({ path: sendPath, status: 503, times: 1 });

    const statuses = [(await send()).status, (await send()).status];

    expect(statuses).toEqual([429, 503]);
  });

  it('stops after clearFaults', async () => {
    context.sim.fail({ path: sendPath, status: 503 });
    context.sim.clearFaults();

    const { status } = await send();

    expect(status).toBe(204);
  });

  it('rejects an invalid rule', () => {
    expect(() => context.sim.fail({ path: sendPath, times: 0 })).toThrow(/times/);
  });
});

describe('faults control endpoint', () => {
  const controlUrl = () => `${context.sim.url}/_sim/faults`;

  it('adds a rule over HTTP', async () => {
    const added = await postJson(controlUrl(), JSON.stringify({ method: 'POST', path: sendPath, status: 429, retryAfter: '1', times: 1 }));

    const first = await send();
    const second = await send();

    expect(added.status).toBe(204);
    expect(first.status).toBe(429);
    expect(first.response.headers.get('retry-after')).toBe('1');
    expect(second.status).toBe(204);
  });

  it('reads ^ paths as RegExp', async () => {
    await postJson(controlUrl(), JSON.stringify({ path: '^/beta/deviceManagement/managedDevices/[^/]+$', status: 503 }));

    const { status } = await get(devicePath);

    expect(status).toBe(503);
  });

  it('clears rules with DELETE', async () => {
    await postJson(controlUrl(), JSON.stringify({ path: devicePath, status: 503 }));

    const cleared = await fetch(controlUrl(), { method: 'DELETE' });
    const { status } = await get(devicePath);

    expect(cleared.status).toBe(204);
    expect(status).toBe(200);
  });

  it('rejects an invalid rule', async () => {
    const { status, text } = await postJson(controlUrl(), JSON.stringify({ path: devicePath, status: 'often' }));

    expect(status).toBe(400);
    expect(text).toContain('status');
  });

  it('ignores faults on control paths', async () => {
    context.sim.fail({ path: '*', status: 500 });

    const { status } = await getJson(`${context.sim.url}/_sim/notifications`);

    expect(status).toBe(200);
  });
});
