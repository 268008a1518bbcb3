import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/bot-harness.js';

const otherTenant = '0b0b0b0b-1111-4222-8333-444444444444';

describe('tenant gate', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness.close();
  });

  beforeEach(() => {
    harness.sim.reset();
    harness.connector.clear();
  });

  it('refuses a message from another tenant before any Graph call', async () => {
    const response = await harness.message('notify device LT-', { tenantId: otherTenant });

    expect(response.status).toBe(403);
    expect(harness.sim.requests).toHaveLength(0);
    expect(harness.connector.calls).toHaveLength(0);
    expect(harness.logs.some((line) => line.msg === 'rejected an activity from another tenant' && line.tenantId === otherTenant)).toBe(true);
  });

  it('refuses a message with no tenant', async () => {
    const response = await harness.message('help', { tenantId: null });

    expect(response.status).toBe(403);
    expect(harness.sim.requests).toHaveLength(0);
  });

  it('answers a card action from another tenant with an error', async () => {
    const response = await harness.invoke('device.send', { draftId: '00000000-0000-4000-8000-000000000001', title: 'x', body: 'y' }, { tenantId: otherTenant });

    expect(response.status).toBe(200);
    expect(response.body.type).toBe('application/vnd.microsoft.error');
    expect(response.body.value.code).toBe('TenantNotAllowed');
    expect(harness.sim.requests).toHaveLength(0);
    expect(harness.sim.sent).toHaveLength(0);
  });

  it('refuses a conversation update from another tenant', async () => {
    const response = await harness.post({
      type: 'conversationUpdate',
      id: 'update-1',
      channelId: 'msteams',
      serviceUrl: harness.connector.url,
      from: { id: 'user-x' },
      recipient: { id: '28:intune-notify' },
      conversation: { id: 'conversation-x', tenantId: otherTenant },
      channelData: { tenant: { id: otherTenant } },
      membersAdded: [{ id: '28:intune-notify' }],
    });

    expect(response.status).toBe(403);
    expect(harness.connector.calls).toHaveLength(0);
  });

  it('answers an invoke without a verb with an error', async () => {
    const response = await harness.post({
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: 'no-verb-1',
      channelId: 'msteams',
      serviceUrl: harness.connector.url,
      from: { id: 'user-hana', aadObjectId: 'a1000000-0000-4000-8000-000000000001' },
      recipient: { id: '28:intune-notify' },
      conversation: { id: 'personal-user-hana', tenantId: harness.tenantId },
      channelData: { tenant: { id: harness.tenantId } },
      value: { action: { type: 'Action.Execute', data: {} }, trigger: 'manual' },
    });

    expect(response.status).toBe(200);
    expect(response.body.type).toBe('application/vnd.microsoft.error');
    expect(response.body.value.code).toBe('invalid_input');
  });

  it('health check answers', async () => {
    const response = await fetch(`${harness.bot.url}/healthz`);

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', mode: 'local' });
  });

  it('local mode listens on 127.0.0.1', () => {
    expect(new URL(harness.bot.url).hostname).toBe('127.0.0.1');
  });
});

describe('Bot Framework authentication', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ botId: '5d6e7f80-1111-4222-8333-444455556666' });
  });

  afterAll(async () => {
    await harness.close();
  });

  it('rejects a request without a JWT with 401', async () => {
    const response = await harness.message('help');

    expect(response.status).toBe(401);
    expect(harness.sim.requests).toHaveLength(0);
    expect(harness.connector.calls).toHaveLength(0);
  });

  it('rejects a forged JWT with 401', async () => {
    // An issuer botbuilder does not trust is refused before it would fetch signing keys, so no request leaves the machine.
    const claims = { aud: '5d6e7f80-1111-4222-8333-444455556666', iss: 'https://issuer.example.invalid/' };
    const forged = [Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'k1' })).toString('base64url'), Buffer.from(JSON.stringify(claims)).toString('base64url'), 'c2lnbmF0dXJl'].join('.');

    const response = await harness.post(
      {
        type: 'message',
        id: 'forged-1',
        text: 'help',
        channelId: 'msteams',
        serviceUrl: harness.connector.url,
        from: { id: 'user-hana', aadObjectId: 'a1000000-0000-4000-8000-000000000001' },
        recipient: { id: '28:intune-notify' },
        conversation: { id: 'personal-x', tenantId: harness.tenantId },
        channelData: { tenant: { id: harness.tenantId } },
      },
      { authorization: `Bearer ${forged}` },
    );

    expect(response.status).toBe(401);
    expect(harness.sim.requests).toHaveLength(0);
  });
});
