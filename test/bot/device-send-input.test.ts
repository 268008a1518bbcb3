import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cardText, findAction, inputs } from '../support/card-query.js';
import { startHarness, type Harness } from '../support/bot-harness.js';
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

async function sendTyped(title: unknown, body: unknown) {
  const { compose } = await openCompose(harness);
  const draftId = findAction(compose, 'Send').data.draftId;
  const response = await harness.invoke('device.send', { draftId, title, body });
  return { response, card: response.body.value as Record<string, unknown> };
}

function inputValue(card: Record<string, unknown>, id: string): unknown {
  return inputs(card).find((input) => input.id === id)?.value;
}

describe('device send refuses bad text', () => {
  const cases: Array<{ name: string; title: string; body: string; message: RegExp }> = [
    { name: 'title of 51 characters', title: 'T'.repeat(51), body: 'Body', message: /Title is 51 characters long; Intune allows at most 50/ },
    { name: 'body of 501 characters', title: 'Title', body: 'B'.repeat(501), message: /Body is 501 characters long; Intune allows at most 500/ },
    { name: 'empty title', title: '', body: 'Body', message: /Title is required/ },
    { name: 'whitespace-only title', title: ' \t  ', body: 'Body', message: /Title is required/ },
    { name: 'whitespace-only body', title: 'Title', body: '\n  \n', message: /Body is required/ },
    { name: 'control character in title', title: 'Alert\u0007now', body: 'Body', message: /Title contains an invisible control character \(U\+0007\)/ },
    { name: 'emoji counted as two', title: '😀'.repeat(26), body: 'Body', message: /Title is 52 characters long/ },
  ];

  for (const testCase of cases) {
    it(`${testCase.name}: inline error, values kept, nothing sent`, async () => {
      const { response, card } = await sendTyped(testCase.title, testCase.body);

      expect(response.status).toBe(200);
      expect(cardText(card)).toMatch(testCase.message);
      expect(inputValue(card, 'title')).toBe(testCase.title);
      expect(inputValue(card, 'body')).toBe(testCase.body);
      expect(findAction(card, 'Send').verb).toBe('device.send');
      expect(harness.sim.sent).toHaveLength(0);
    });
  }

  it('emoji title of exactly 50 code units is sent', async () => {
    const title = '😀'.repeat(25);

    const { card } = await sendTyped(title, 'Body');

    expect(cardText(card)).toContain(title);
    expect(harness.sim.sent.map((sent) => sent.notificationTitle)).toEqual([title]);
  });

  it('non-string title is refused like an empty one', async () => {
    const { card } = await sendTyped({ $gt: '' }, 'Body');

    expect(cardText(card)).toMatch(/Title is required/);
    expect(harness.sim.sent).toHaveLength(0);
  });

  it('a forged draft id is refused', async () => {
    const response = await harness.invoke('device.send', { draftId: '00000000-0000-4000-8000-000000000000', title: 'Hi', body: 'There' });

    expect(response.body.type).toBe('application/vnd.microsoft.error');
    expect(response.body.value.code).toBe('draft_expired');
    expect(harness.sim.sent).toHaveLength(0);
  });
});

describe('device pick refuses forged card data', () => {
  it('a device id the search did not return', async () => {
    const results = await searchFor(harness, seedFacts(harness).eligibleDevice.deviceName);
    const pick = findAction(results, 'Notify');
    const otherDevice = seedFacts(harness).otherEligibleDevice;

    const response = await harness.invoke('device.pick', { searchId: pick.data.searchId, deviceId: otherDevice.id });

    expect(response.body.type).toBe('application/vnd.microsoft.error');
    expect(response.body.value.message).toBe('That device was not in your search results, so it can\'t be notified from this card. Search again with "notify device".');
    expect(harness.sim.sent).toHaveLength(0);
  });

  it('a Windows device from the results', async () => {
    const facts = seedFacts(harness);
    const results = await searchFor(harness, facts.multiPlatformUser.userPrincipalName);
    const searchId = findAction(results, 'Notify').data.searchId;

    const response = await harness.invoke('device.pick', { searchId, deviceId: facts.windowsDevice.id });

    expect(response.body.type).toBe('application/vnd.microsoft.error');
    expect(response.body.value.code).toBe('device_not_eligible');
    expect(response.body.value.message).toMatch(/Windows devices can't receive custom notifications/);
    expect(harness.sim.sent).toHaveLength(0);
  });

  it('a search id of another user', async () => {
    const results = await searchFor(harness, seedFacts(harness).eligibleDevice.deviceName);
    const pick = findAction(results, 'Notify');

    const response = await harness.invoke('device.pick', pick.data, { user: { id: 'user-iris', name: 'Iris Admin', aadObjectId: 'a1000000-0000-4000-8000-000000000005' } });

    expect(response.body.type).toBe('application/vnd.microsoft.error');
    expect(response.body.value.code).toBe('invalid_input');
  });

  it('search results older than the draft idle time', async () => {
    let now = new Date('2026-12-04T09:00:00Z');
    const own = await startHarness({ now: () => now });
    try {
      const results = await searchFor(own, seedFacts(own).eligibleDevice.deviceName);
      now = new Date(now.getTime() + 61 * 60_000);

      const response = await own.invoke('device.pick', findAction(results, 'Notify').data);

      expect(response.body.value.code).toBe('draft_expired');
      expect(response.body.value.message).toContain('search results are out of date');
    } finally {
      await own.close();
    }
  });

  it('malformed card data', async () => {
    const response = await harness.invoke('device.pick', { searchId: 'not-a-uuid', deviceId: 42 });

    expect(response.body.type).toBe('application/vnd.microsoft.error');
    expect(response.body.value.code).toBe('invalid_input');
  });
});
