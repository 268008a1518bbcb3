import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cardActions, cardText, findAction, inputs } from '../support/card-query.js';
import { operators, startHarness, type Harness } from '../support/bot-harness.js';
import { openCompose, searchFor, seedFacts } from '../support/device-steps.js';

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

describe('help', () => {
  it('lists notify device with a button', async () => {
    const response = await harness.message('help');

    expect(response.status).toBe(200);
    const card = harness.lastPostedCard();
    expect(card.version).toBe('1.5');
    expect(cardText(card)).toContain('notify device');
    expect(findAction(card, 'Notify a device').verb).toBe('device.search');
  });

  it('answers unknown text with the commands', async () => {
    await harness.message('what can you do?');

    const card = harness.lastPostedCard();
    expect(cardText(card)).toContain('did not recognise');
    expect(cardText(card)).toContain('notify device');
  });
});

describe('notify device', () => {
  it('without a query shows the search card', async () => {
    await harness.message('notify device');

    const card = harness.lastPostedCard();
    const query = inputs(card).find((input) => input.id === 'query');
    expect(String(query?.label)).toContain('Device');
    expect(findAction(card, 'Search').verb).toBe('device.search');
  });

  it('with a query lists matches with eligibility and reasons', async () => {
    const card = await searchFor(harness, seedFacts(harness).multiPlatformUser.userPrincipalName);

    const text = cardText(card);
    expect(text).toContain('Windows');
    expect(text).toMatch(/can't receive custom notifications/);
    const picks = cardActions(card).filter((action) => action.verb === 'device.pick');
    expect(picks.length).toBeGreaterThan(0);
    const windowsId = seedFacts(harness).windowsDevice.id;
    expect(picks.some((action) => action.data.deviceId === windowsId)).toBe(false);
  });

  it('follows paging and re-checks prefix matches', async () => {
    const card = await searchFor(harness, 'LT-');

    const text = cardText(card);
    expect(text).not.toContain('BACKUP-LT-');
    const pageRequests = harness.sim.requests.filter((request) => request.path === '/beta/deviceManagement/managedDevices');
    expect(pageRequests.length).toBeGreaterThan(1);
  });

  it('sends the typed text byte-exact and confirms it', async () => {
    const title = 'Restart 🔁 "today" \\ ${x}';
    const body = 'Please **restart** your phone.\nIT <helpdesk> 🛠️';
    const { compose, device } = await openCompose(harness);

    const response = await harness.invoke('device.send', { ...findAction(compose, 'Send').data, title, body });

    expect(response.status).toBe(200);
    expect(response.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const confirmation = cardText(response.body.value);
    expect(confirmation).toContain(title);
    expect(confirmation).toContain(body);
    expect(confirmation).toContain(device.deviceName);
    expect(harness.sim.sent).toHaveLength(1);
    expect(harness.sim.sent[0]!.deviceId).toBe(device.id);
    expect(harness.sim.sent[0]!.rawBody).toBe(JSON.stringify({ notificationTitle: title, notificationBody: body }));
  });

  it('compose card has Title, Body, Send and Cancel', async () => {
    const { compose } = await openCompose(harness);

    const labels = inputs(compose).map((input) => input.label);
    expect(labels).toContain('Title');
    expect(labels).toContain('Body');
    expect(findAction(compose, 'Send').verb).toBe('device.send');
    expect(findAction(compose, 'Cancel').verb).toBe('device.cancel');
    expect(cardText(compose)).toMatch(/50/);
    expect(cardText(compose)).toMatch(/500/);
  });

  it('cancel closes the draft so Send does nothing', async () => {
    const { compose } = await openCompose(harness);
    const draftId = findAction(compose, 'Send').data.draftId;

    await harness.invoke('device.cancel', { draftId });
    const response = await harness.invoke('device.send', { draftId, title: 'Hi', body: 'There' });

    expect(cardText(response.body.value)).toMatch(/Cancelled/i);
    expect(harness.sim.sent).toHaveLength(0);
  });

  it('logs at info and above never carry the notification text', async () => {
    harness.logs.length = 0;
    const { compose } = await openCompose(harness);

    await harness.invoke('device.send', { ...findAction(compose, 'Send').data, title: 'SecretTitle-4711', body: 'SecretBody-4711' });

    const infoAndAbove = harness.logs.filter((line) => Number(line.level) >= 30).map((line) => JSON.stringify(line));
    expect(infoAndAbove.length).toBeGreaterThan(0);
    expect(infoAndAbove.some((line) => line.includes('4711'))).toBe(false);
  });

  it('Graph call logs carry the turn ids', async () => {
    harness.logs.length = 0;
    await harness.message('notify device HANA-IPHONE', { user: operators.hana });

    const graphLines = harness.logs.filter((line) => line.msg === 'Graph call');
    expect(graphLines.length).toBeGreaterThan(0);
    for (const line of graphLines) {
      expect(line.activityId).toMatch(/^activity-in-/);
      expect(line.conversationId).toBe(`personal-${operators.hana.id}`);
      expect(line.tenantId).toBe(harness.tenantId);
      expect(line.verb).toBe('notify device');
    }
  });

  it('turn logs carry activity, conversation, tenant and verb', async () => {
    harness.logs.length = 0;
    await harness.message('help', { user: operators.hana });

    const turnLine = harness.logs.find((line) => line.msg === 'turn started');
    expect(turnLine?.activityId).toMatch(/^activity-in-/);
    expect(turnLine?.conversationId).toBe(`personal-${operators.hana.id}`);
    expect(turnLine?.tenantId).toBe(harness.tenantId);
    expect(turnLine?.verb).toBe('help');
  });
});
