import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cardOf } from '../support/fake-connector.js';
import { cardText, findAction } from '../support/card-query.js';
import { startHarness, type Harness } from '../support/bot-harness.js';
import { openCompose, seedFacts } from '../support/device-steps.js';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ graphTimeoutMs: 15_000 });
});

afterAll(async () => {
  await harness.close();
});

beforeEach(() => {
  harness.sim.reset();
  harness.connector.clear();
});

const sendPath = /^\/beta\/deviceManagement\/managedDevices\/[^/]+\/sendCustomNotificationToCompanyPortal$/;

async function composeDraft() {
  const { compose, device } = await openCompose(harness);
  return { draftId: findAction(compose, 'Send').data.draftId as string, device };
}

function sendRequests() {
  return harness.sim.requests.filter((request) => request.method === 'POST' && sendPath.test(request.path));
}

describe('device send faults', () => {
  it('Graph 403 names the missing application permission and keeps the draft', async () => {
    const { draftId } = await composeDraft();
    harness.sim.fail({ method: 'POST', path: sendPath, status: 403, times: 1 });

    const response = await harness.invoke('device.send', { draftId, title: 'Update', body: 'Please restart.' });

    const text = cardText(response.body.value);
    expect(text).toContain('DeviceManagementManagedDevices.ReadWrite.All');
    expect(findAction(response.body.value, 'Send').data.draftId).toBe(draftId);
    expect(harness.sim.sent).toHaveLength(0);
    const attempts = await harness.bot.store.listAttempts({ tenantId: harness.tenantId, limit: 5 });
    expect(attempts[0]?.outcome).toBe('failed');
    expect(attempts[0]?.graphStatus).toBe(403);
    expect(attempts[0]?.graphRequestId).toBeTruthy();
  });

  it('Graph 403 then a retry by the user sends once', async () => {
    const { draftId } = await composeDraft();
    harness.sim.fail({ method: 'POST', path: sendPath, status: 403, times: 1 });
    await harness.invoke('device.send', { draftId, title: 'Update', body: 'Please restart.' });

    const retry = await harness.invoke('device.send', { draftId, title: 'Update', body: 'Please restart.' });

    expect(cardText(retry.body.value)).toContain('Sent to');
    expect(harness.sim.sent).toHaveLength(1);
  });

  it('Graph 429 with Retry-After is retried and sent', async () => {
    const { draftId } = await composeDraft();
    harness.sim.fail({ method: 'POST', path: sendPath, status: 429, retryAfter: '1', times: 1 });

    const response = await harness.invoke('device.send', { draftId, title: 'Update', body: 'Please restart.' });
    await harness.bot.background.idle();

    expect(sendRequests()).toHaveLength(2);
    expect(harness.sim.sent).toHaveLength(1);
    expect(response.status).toBe(200);
  });

  it('Graph 429 without Retry-After backs off, then gives up with a message', async () => {
    const { draftId } = await composeDraft();
    harness.sim.fail({ method: 'POST', path: sendPath, status: 429 });

    const response = await harness.invoke('device.send', { draftId, title: 'Update', body: 'Please restart.' });

    expect(sendRequests()).toHaveLength(4);
    expect(harness.sim.sent).toHaveLength(0);
    expect(cardText(response.body.value)).toMatch(/throttl/i);
    expect(findAction(response.body.value, 'Send').data.draftId).toBe(draftId);
    const warnings = harness.logs.filter((line) => line.level === 40 && String(line.msg).includes('retry'));
    expect(warnings.length).toBeGreaterThanOrEqual(3);
  });

  for (const status of [502, 504]) {
    it(`Graph ${status} on a send is outcome unknown and not repeated`, async () => {
      const { draftId } = await composeDraft();
      harness.sim.fail({ method: 'POST', path: sendPath, status, times: 1 });

      const response = await harness.invoke('device.send', { draftId, title: 'Update', body: 'Please restart.' });

      expect(cardText(response.body.value)).toMatch(/outcome is unknown|can't tell whether/i);
      expect(sendRequests()).toHaveLength(1);
      const again = await harness.invoke('device.send', { draftId, title: 'Update', body: 'Please restart.' });
      expect(sendRequests()).toHaveLength(1);
      expect(cardText(again.body.value)).toMatch(/not sent again/);
    });
  }

  it('a device deleted before Send gets a device-gone message', async () => {
    const { draftId, device } = await composeDraft();
    harness.sim.fail({ method: 'GET', path: `/beta/deviceManagement/managedDevices/${device.id}`, status: 404, code: 'ResourceNotFound' });

    const response = await harness.invoke('device.send', { draftId, title: 'Update', body: 'Please restart.' });

    expect(cardText(response.body.value)).toMatch(/no longer exists in Intune/);
    expect(sendRequests()).toHaveLength(0);
  });

  it('a 10 s send answers within 2 s and reports the outcome later', async () => {
    const { draftId, device } = await composeDraft();
    harness.sim.fail({ method: 'POST', path: sendPath, delayMs: 10_000, times: 1 });

    const started = Date.now();
    const response = await harness.invoke('device.send', { draftId, title: 'Slow', body: 'Graph is slow today.' }, { replyToId: 'compose-card-7' });
    const answeredInMs = Date.now() - started;

    expect(answeredInMs).toBeLessThan(2_000);
    expect(cardText(response.body.value)).toMatch(/Sending/);
    const update = await harness.connector.waitFor((call) => call.method === 'PUT' && call.activityId === 'compose-card-7', 20_000);
    expect(cardText(cardOf(update.body))).toContain(`Sent to ${device.deviceName}`);
    const message = await harness.connector.waitFor((call) => call.method === 'POST' && String(call.body.text ?? '').startsWith('Sent to'));
    expect(message.body.text).toContain(device.deviceName);
    expect(harness.sim.sent).toHaveLength(1);
  }, 30_000);

  it('a slow device pick answers within 2 s and updates the card later', async () => {
    const device = seedFacts(harness).eligibleDevice;
    await harness.message(`notify device ${device.deviceName}`);
    const pick = findAction(harness.lastPostedCard(), 'Notify', (data) => data.deviceId === device.id);
    harness.sim.fail({ method: 'GET', path: `/beta/deviceManagement/managedDevices/${device.id}`, delayMs: 4_000, times: 1 });

    const started = Date.now();
    const response = await harness.invoke('device.pick', pick.data, { replyToId: 'results-card' });
    const answeredInMs = Date.now() - started;

    expect(answeredInMs).toBeLessThan(2_000);
    expect(cardText(response.body.value)).toContain('Working on it');
    const update = await harness.connector.waitFor((call) => call.method === 'PUT' && call.activityId === 'results-card', 15_000);
    expect(cardText(cardOf(update.body))).toContain('Send a custom notification');
  });

  it('two concurrent Send clicks make one Graph call', async () => {
    const { draftId } = await composeDraft();
    harness.sim.fail({ method: 'POST', path: sendPath, delayMs: 300, times: 1 });

    const [first, second] = await Promise.all([
      harness.invoke('device.send', { draftId, title: 'Once', body: 'Only once.' }),
      harness.invoke('device.send', { draftId, title: 'Once', body: 'Only once.' }),
    ]);
    await harness.bot.background.idle();

    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(sendRequests()).toHaveLength(1);
    expect(harness.sim.sent).toHaveLength(1);
  });

  it('concurrent Sends with different text agree on what was sent', async () => {
    const { draftId } = await composeDraft();
    harness.sim.fail({ method: 'POST', path: sendPath, delayMs: 300, times: 1 });

    const responses = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((index) => harness.invoke('device.send', { draftId, title: `T${index}`, body: `B${index}` }, { replyToId: `card-${index}` })),
    );
    await harness.bot.background.idle();

    expect(sendRequests()).toHaveLength(1);
    const sent = harness.sim.sent[0]!;
    const draft = await harness.bot.store.getDraft(draftId);
    expect((draft?.payload as { title: string }).title).toBe(sent.notificationTitle);
    responses.forEach((response, index) => {
      const updates = harness.connector.calls.filter((call) => call.method === 'PUT' && call.activityId === `card-${index}`);
      const finalCard = updates.length > 0 ? cardOf(updates[updates.length - 1]!.body) : response.body.value;
      const text = cardText(finalCard);
      expect(text, `card ${index}`).not.toMatch(/Sending/);
      if (/Sent to|already sent/.test(text)) {
        expect(text, `card ${index}`).toContain(sent.notificationTitle);
      }
    });
  });

  it('a retried invoke after success does not send again', async () => {
    const { draftId } = await composeDraft();
    await harness.invoke('device.send', { draftId, title: 'Once', body: 'Only once.' });

    const again = await harness.invoke('device.send', { draftId, title: 'Once', body: 'Only once.' });

    expect(cardText(again.body.value)).toMatch(/already sent/);
    expect(harness.sim.sent).toHaveLength(1);
  });

  it('11th send in an hour refused', async () => {
    // Earlier tests in this file sent to the same device; a fresh bot database starts the hour at zero.
    await harness.close();
    harness = await startHarness();
    const device = seedFacts(harness).eligibleDevice;
    for (let index = 0; index < 10; index += 1) {
      const { draftId } = await composeDraft();
      const response = await harness.invoke('device.send', { draftId, title: `Message ${index + 1}`, body: 'Quota test.' });
      expect(cardText(response.body.value)).toContain('Sent to');
    }
    const firstSend = (await harness.bot.store.listAttempts({ tenantId: harness.tenantId, limit: 20 })).at(-1)!;

    const { draftId } = await composeDraft();
    const eleventh = await harness.invoke('device.send', { draftId, title: 'Message 11', body: 'Quota test.' });

    const expectedSlot = new Date(firstSend.startedAt.getTime() + 60 * 60 * 1000).toISOString().slice(0, 16).replace('T', ' ');
    expect(cardText(eleventh.body.value)).toContain(`has received 10 custom notifications in the last hour`);
    expect(cardText(eleventh.body.value)).toContain(`The next one can be sent at ${expectedSlot} UTC`);
    expect(harness.sim.sent.filter((sent) => sent.deviceId === device.id)).toHaveLength(10);
  });

  it('a send that times out is recorded as unknown and not retried', async () => {
    await harness.close();
    harness = await startHarness({ graphTimeoutMs: 500 });
    const { draftId } = await composeDraft();
    harness.sim.fail({ method: 'POST', path: sendPath, delayMs: 1_500, times: 1 });

    const response = await harness.invoke('device.send', { draftId, title: 'Maybe', body: 'Unknown outcome.' });
    await harness.bot.background.idle();

    const final = harness.connector.calls.find((call) => call.method === 'PUT');
    const card = final ? cardOf(final.body) : response.body.value;
    expect(cardText(card)).toMatch(/unknown/i);
    expect(sendRequests()).toHaveLength(1);
    const attempts = await harness.bot.store.listAttempts({ tenantId: harness.tenantId, limit: 1 });
    expect(attempts[0]?.outcome).toBe('unknown');
  });
});
