import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cardText, findAction, inputs } from '../support/card-query.js';
import { cardOf } from '../support/fake-connector.js';
import { operators, startHarness, type Harness } from '../support/bot-harness.js';
import { openCompose, seedFacts } from '../support/device-steps.js';
import { broadcaster, click, selectGroups, startWizard } from '../support/group-steps.js';

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

function updateOf(activityId: string) {
  return harness.connector.waitFor((call) => call.method === 'PUT' && call.activityId === activityId, 15_000);
}

describe('slow Graph', () => {
  it('a slow failing search keeps the draft on its card', async () => {
    const draftId = await startWizard(harness);
    await click(harness, 'groups.basics.next', { draftId, title: 'Kept', body: 'Draft' });
    await selectGroups(harness, draftId, ['Seattle'], 1);
    harness.sim.fail({ method: 'GET', path: '/v1.0/groups', status: 500, delayMs: 2_500, times: 1 });

    const response = await harness.invoke('groups.search', { draftId, query: 'All Staff' }, { user: broadcaster, replyToId: 'assignments-7' });
    const update = await updateOf('assignments-7');

    expect(cardText(response.body.value)).toContain('Working on it');
    const card = cardOf(update.body);
    expect(cardText(card)).toContain('Step 2 of 3');
    expect(cardText(card)).toContain('Seattle Office');
    expect(cardText(card)).toMatch(/Microsoft Graph/);
    expect(findAction(card, 'Next').data.draftId).toBe(draftId);
  });

  it('a slow failing device pick offers the search again', async () => {
    const device = seedFacts(harness).eligibleDevice;
    await harness.message(`notify device ${device.deviceName}`);
    const pick = findAction(harness.lastPostedCard(), 'Notify', (data) => data.deviceId === device.id);
    harness.sim.fail({ method: 'GET', path: `/beta/deviceManagement/managedDevices/${device.id}`, status: 503, delayMs: 2_500 });

    await harness.invoke('device.pick', pick.data, { replyToId: 'results-9' });
    const update = await updateOf('results-9');

    const card = cardOf(update.body);
    expect(inputs(card).find((input) => input.id === 'query')?.value).toBe(device.deviceName);
    expect(findAction(card, 'Search').verb).toBe('device.search');
  });

  it('a slow typed command posts a working card, then the reply', async () => {
    harness.sim.fail({ method: 'GET', path: '/beta/deviceManagement/managedDevices', delayMs: 5_000, times: 3 });

    const started = Date.now();
    const response = await harness.message('notify device HANA-IPHONE', { user: operators.hana });
    const answeredInMs = Date.now() - started;

    expect(response.status).toBe(200);
    expect(answeredInMs).toBeLessThan(6_000);
    const cards = harness.connector.calls.filter((call) => call.method === 'POST' && Array.isArray(call.body.attachments));
    const working = cards.find((call) => cardText(cardOf(call.body)).includes('Working on it'));
    expect(working).toBeDefined();
    const update = await harness.connector.waitFor((call) => call.method === 'PUT', 15_000);
    expect(cardText(cardOf(update.body))).toContain('HANA-IPHONE-01');
  });

  it('a slow Send through Action.Submit updates the clicked card in place', async () => {
    const { compose } = await openCompose(harness);
    const draftId = findAction(compose, 'Send').data.draftId;
    harness.sim.fail({ method: 'POST', path: /sendCustomNotificationToCompanyPortal$/, delayMs: 3_000, times: 1 });
    harness.connector.clear();

    await harness.post({
      type: 'message',
      id: 'submit-1',
      replyToId: 'compose-3',
      channelId: 'msteams',
      serviceUrl: harness.connector.url,
      from: { id: operators.hana.id, name: operators.hana.name, aadObjectId: operators.hana.aadObjectId },
      recipient: { id: '28:intune-notify' },
      conversation: { id: `personal-${operators.hana.id}`, tenantId: harness.tenantId },
      channelData: { tenant: { id: harness.tenantId } },
      value: { verb: 'device.send', draftId, title: 'Submit path', body: 'Old clients' },
    });
    await harness.bot.background.idle();

    const updates = harness.connector.calls.filter((call) => call.method === 'PUT' && call.activityId === 'compose-3');
    expect(cardText(cardOf(updates[updates.length - 1]!.body))).toContain('Sent to');
    const postedCards = harness.connector.calls.filter((call) => call.method === 'POST' && Array.isArray(call.body.attachments));
    expect(postedCards).toHaveLength(0);
    expect(harness.sim.sent).toHaveLength(1);
  });
});
