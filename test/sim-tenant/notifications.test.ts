import { describe, expect, it } from 'vitest';
import type { SentNotification } from '../../bot/sim-tenant/index.js';
import { getJson, ids, postJson, useSimTenant, type GraphErrorBody } from './sim-client.js';

const context = useSimTenant();
const deviceSendUrl = (deviceId: string, version = 'beta') =>
  `${context.sim.url}/${version}/deviceManagement/managedDevices/${deviceId}/sendCustomNotificationToCompanyPortal`;
const groupSendUrl = () => `${context.sim.url}/beta/deviceManagement/sendCustomNotificationToCompanyPortal`;

describe('device notification', () => {
  it('answers 204 with no body', async () => {
    const { status, text, response } = await postJson(deviceSendUrl(ids.hanaIphone), JSON.stringify({ notificationTitle: 'Hi', notificationBody: 'Restart please' }));

    expect(status).toBe(204);
    expect(text).toBe('');
    expect(response.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('records the raw body byte-exact', async () => {
    const raw = '{ "notificationTitle" : "Restart 🔁 \\"now\\"",\n  "notificationBody": "Line 1\\nLine 2 \'quoted\' 𝄞 \\u00e9" }';

    const { response } = await postJson(deviceSendUrl(ids.hanaIphone), raw);

    const sent = context.sim.sent[0];
    expect(sent?.rawBody).toBe(raw);
    expect(sent?.notificationTitle).toBe('Restart 🔁 "now"');
    expect(sent?.notificationBody).toBe("Line 1\nLine 2 'quoted' 𝄞 é");
    expect(sent?.kind).toBe('device');
    expect(sent?.deviceId).toBe(ids.hanaIphone);
    expect(sent?.requestId).toBe(response.headers.get('request-id'));
  });

  it('accepts the namespaced action', async () => {
    const url = `${context.sim.url}/beta/deviceManagement/managedDevices/${ids.hanaIphone}/microsoft.graph.sendCustomNotificationToCompanyPortal`;

    const { status } = await postJson(url, JSON.stringify({ notificationTitle: 'a', notificationBody: 'b' }));

    expect(status).toBe(204);
  });

  it('answers 404 for a missing device', async () => {
    const { status, text } = await postJson(deviceSendUrl('dead0000-0000-4000-8000-000000000000'), JSON.stringify({ notificationTitle: 'a', notificationBody: 'b' }));

    expect(status).toBe(404);
    expect((JSON.parse(text) as GraphErrorBody).error.code).toBe('ResourceNotFound');
    expect(context.sim.sent).toHaveLength(0);
  });

  it.each([
    ['not JSON', 'title=hello'],
    ['missing body', JSON.stringify({ notificationTitle: 'a' })],
    ['number title', JSON.stringify({ notificationTitle: 5, notificationBody: 'b' })],
    ['unknown property', JSON.stringify({ notificationTitle: 'a', notificationBody: 'b', priority: 'high' })],
    ['array payload', JSON.stringify([])],
  ])('rejects %s with 400', async (_case, body) => {
    const { status, text } = await postJson(deviceSendUrl(ids.hanaIphone), body);

    expect(status).toBe(400);
    expect((JSON.parse(text) as GraphErrorBody).error.code).toBe('BadRequest');
    expect(context.sim.sent).toHaveLength(0);
  });

  it('rejects a non-JSON content type', async () => {
    const { status } = await postJson(deviceSendUrl(ids.hanaIphone), JSON.stringify({ notificationTitle: 'a', notificationBody: 'b' }), { 'Content-Type': 'text/plain' });

    expect(status).toBe(400);
  });

  it('rejects v1.0 like Graph', async () => {
    const { status, text } = await postJson(deviceSendUrl(ids.hanaIphone, 'v1.0'), JSON.stringify({ notificationTitle: 'a', notificationBody: 'b' }));

    const error = (JSON.parse(text) as GraphErrorBody).error;
    expect(status).toBe(400);
    expect(error.code).toBe('BadRequest');
    expect(error.message).toBe("Resource not found for the segment 'sendCustomNotificationToCompanyPortal'.");
    expect(context.sim.sent).toHaveLength(0);
  });

  it('answers 405 for GET', async () => {
    const response = await fetch(deviceSendUrl(ids.hanaIphone));

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});

describe('group notification', () => {
  it('records groups and text', async () => {
    const raw = JSON.stringify({ notificationTitle: 'Office closed', notificationBody: 'Work from home 🏠', groupsToNotify: [ids.allStaff, ids.londonUsers] });

    const { status } = await postJson(groupSendUrl(), raw);

    expect(status).toBe(204);
    expect(context.sim.sent).toEqual([expect.objectContaining({
      kind: 'groups',
      groupIds: [ids.allStaff, ids.londonUsers],
      notificationTitle: 'Office closed',
      notificationBody: 'Work from home 🏠',
      rawBody: raw,
    })]);
  });

  it('rejects a missing group list', async () => {
    const { status } = await postJson(groupSendUrl(), JSON.stringify({ notificationTitle: 'a', notificationBody: 'b' }));

    expect(status).toBe(400);
    expect(context.sim.sent).toHaveLength(0);
  });

  it('rejects non-string group ids', async () => {
    const { status } = await postJson(groupSendUrl(), JSON.stringify({ notificationTitle: 'a', notificationBody: 'b', groupsToNotify: [1] }));

    expect(status).toBe(400);
  });
});

describe('notifications control endpoint', () => {
  it('lists what was sent', async () => {
    await postJson(deviceSendUrl(ids.hanaIphone), JSON.stringify({ notificationTitle: 'a', notificationBody: 'b' }));

    const { status, body } = await getJson<SentNotification[]>(`${context.sim.url}/_sim/notifications`);

    expect(status).toBe(200);
    expect(body).toHaveLength(1);
    expect(body[0]?.deviceId).toBe(ids.hanaIphone);
  });
});
