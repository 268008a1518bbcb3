import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cardActions, cardText, findAction, inputs } from '../support/card-query.js';
import { cardOf } from '../support/fake-connector.js';
import { operators, startHarness, type Harness } from '../support/bot-harness.js';
import { broadcaster, click, reachReview, selectGroups, startWizard } from '../support/group-steps.js';

const groupSendPath = '/beta/deviceManagement/sendCustomNotificationToCompanyPortal';
const seattleOffice = 'b1000000-0000-4000-8000-000000000023';

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

function groupSends() {
  return harness.sim.requests.filter((request) => request.method === 'POST' && request.path === groupSendPath);
}

function errorOf(response: { body: any }) {
  expect(response.body.type).toBe('application/vnd.microsoft.error');
  return response.body.value as { code: string; message: string };
}

describe('group wizard', () => {
  it('walks Basics, Assignments and Review + Create', async () => {
    const title = 'Office closed 🏢 "Friday"';
    const body = 'The Seattle office is closed on Friday.\nWork from home; ${x} **not bold**';
    const { draftId, review } = await reachReview(harness, { title, body, queries: ['Seattle', 'All Staff'], count: 2 });

    const text = cardText(review);
    expect(text).toContain(title);
    expect(text).toContain(body);
    expect(text).toContain('Seattle Office');
    expect(text).toMatch(/\d+ users/);
    expect(text).toMatch(/other apps may be able to read/i);
    expect(text).toMatch(/0 of 25/);

    const sent = await click(harness, 'groups.create', { draftId });

    expect(cardText(sent)).toMatch(/Sent to 2 groups/);
    expect(harness.sim.sent).toHaveLength(1);
    const notification = harness.sim.sent[0]!;
    expect(notification.kind).toBe('groups');
    expect(notification.rawBody).toBe(JSON.stringify({ notificationTitle: title, notificationBody: body, groupsToNotify: notification.groupIds }));
    expect(notification.groupIds).toEqual([seattleOffice, 'b1000000-0000-4000-8000-000000000012']);
  });

  it('basics labels, limits and buttons', async () => {
    await harness.message('notify groups', { user: broadcaster });

    const card = harness.lastPostedCard();
    expect(inputs(card).map((input) => input.label)).toEqual(['Title', 'Body']);
    expect(findAction(card, 'Next').verb).toBe('groups.basics.next');
    expect(findAction(card, 'Cancel').verb).toBe('groups.cancel');
  });

  it('caller without Organization Update is told at once', async () => {
    await harness.message('notify groups', { user: operators.hana });

    const card = harness.lastPostedCard();
    expect(cardText(card)).toContain('Organization: Update');
    expect(cardActions(card).some((action) => action.verb === 'groups.basics.next')).toBe(false);
  });

  it('bad text stays on Basics with the values kept', async () => {
    const draftId = await startWizard(harness);

    const card = await click(harness, 'groups.basics.next', { draftId, title: 'x'.repeat(51), body: '   ' });

    expect(cardText(card)).toContain('Title is 51 characters long; Intune allows at most 50');
    expect(cardText(card)).toContain('Body is required');
    expect(inputs(card).find((input) => input.id === 'title')?.value).toBe('x'.repeat(51));
  });

  it('Back and Next keep the typed text and the selection', async () => {
    const draftId = await startWizard(harness);
    await click(harness, 'groups.basics.next', { draftId, title: 'Keep me', body: 'And me' });
    await selectGroups(harness, draftId, ['Seattle'], 1);

    const basics = await click(harness, 'groups.back', { draftId, step: 'basics' });
    expect(inputs(basics).find((input) => input.id === 'title')?.value).toBe('Keep me');
    expect(inputs(basics).find((input) => input.id === 'body')?.value).toBe('And me');

    const assignments = await click(harness, 'groups.basics.next', { draftId, title: 'Keep me', body: 'And me' });
    expect(cardText(assignments)).toContain('Seattle Office');
    expect(cardText(assignments)).toMatch(/1 of 25/);
  });

  it('zero groups at Next and at a forged Create', async () => {
    const draftId = await startWizard(harness);
    await click(harness, 'groups.basics.next', { draftId, title: 'Hello', body: 'World' });

    const next = await click(harness, 'groups.assignments.next', { draftId });
    const create = await click(harness, 'groups.create', { draftId });

    expect(cardText(next)).toContain('Select at least one group');
    expect(cardText(create)).toContain('Select at least one group');
    expect(groupSends()).toHaveLength(0);
  });

  it('the 26th group through the cards is refused', async () => {
    const draftId = await startWizard(harness);
    await click(harness, 'groups.basics.next', { draftId, title: 'Many', body: 'Groups' });
    await selectGroups(harness, draftId, ['Project', 'Project Harbor', 'Project Indigo'], 25);

    const card = await click(harness, 'groups.search', { draftId, query: 'Dept' });
    const add = cardActions(card).find((action) => action.verb === 'groups.add')!;
    const refused = await click(harness, 'groups.add', add.data);

    expect(cardText(refused)).toContain('Intune allows at most 25 groups per notification');
    expect(cardText(refused)).toMatch(/25 of 25/);
  });

  it('26 group ids forged into the card data are rejected', async () => {
    const { draftId } = await reachReview(harness, { title: 'Forged', body: 'Ids' });
    const forged = Array.from({ length: 26 }, (_, index) => `b1000000-0000-4000-8000-${String(101 + index).padStart(12, '0')}`);

    const response = await harness.invoke('groups.create', { draftId, groupsToNotify: forged }, { user: broadcaster });

    expect(errorOf(response).code).toBe('invalid_input');
    expect(groupSends()).toHaveLength(0);
  });

  it('a group id the search never returned is rejected', async () => {
    const draftId = await startWizard(harness);
    await click(harness, 'groups.basics.next', { draftId, title: 'Hello', body: 'World' });

    const unknown = await harness.invoke('groups.add', { draftId, groupId: seattleOffice }, { user: broadcaster });
    const missing = await harness.invoke('groups.add', { draftId, groupId: '00000000-0000-4000-8000-00000000dead' }, { user: broadcaster });

    expect(errorOf(unknown).message).toBe('That group was not in your search results, so it was not added. Search for it by name and press Add.');
    expect(errorOf(missing).code).toBe('invalid_input');
  });

  it('a group deleted after the search is not added', async () => {
    const draftId = await startWizard(harness);
    await click(harness, 'groups.basics.next', { draftId, title: 'Hello', body: 'World' });
    const results = await click(harness, 'groups.search', { draftId, query: 'Seattle' });
    harness.sim.seed.groups = harness.sim.seed.groups.filter((group) => group.id !== seattleOffice);

    const response = await harness.invoke('groups.add', findAction(results, 'Add').data, { user: broadcaster });

    expect(errorOf(response).code).toBe('not_found');
  });

  it('an over-long group search stays on the card', async () => {
    const draftId = await startWizard(harness);
    await click(harness, 'groups.basics.next', { draftId, title: 'Hello', body: 'World' });

    const card = await click(harness, 'groups.search', { draftId, query: 'a b c d e f g h i j k' });

    expect(cardText(card)).toMatch(/10 words/);
    expect(findAction(card, 'Search').verb).toBe('groups.search');
  });

  it('the same group added twice is selected once', async () => {
    const draftId = await startWizard(harness);
    await click(harness, 'groups.basics.next', { draftId, title: 'Hello', body: 'World' });
    const results = await click(harness, 'groups.search', { draftId, query: 'Seattle' });
    const add = findAction(results, 'Add').data;

    await click(harness, 'groups.add', add);
    const again = await click(harness, 'groups.add', add);

    expect(cardText(again)).toContain('Seattle Office is already selected');
    expect(cardText(again)).toMatch(/1 of 25/);
  });

  it('review warns about device-only and empty groups', async () => {
    const { review } = await reachReview(harness, { title: 'Hello', body: 'World', queries: ['Kiosk Devices', 'Retired Project'], count: 2 });

    expect(cardText(review)).toContain('Intune ignores devices in groups');
    expect(cardText(review)).toContain('This group has no users');
  });

  it('a draft clicked by another user is refused', async () => {
    const { draftId } = await reachReview(harness, { title: 'Mine', body: 'Not yours' });

    const response = await harness.invoke('groups.create', { draftId }, { user: operators.iris });

    expect(errorOf(response).code).toBe('forbidden');
    expect(groupSends()).toHaveLength(0);
  });

  it('two Create clicks at once make one Graph call', async () => {
    const { draftId } = await reachReview(harness, { title: 'Once', body: 'Only once' });
    harness.sim.fail({ method: 'POST', path: groupSendPath, delayMs: 300, times: 1 });

    await Promise.all([click(harness, 'groups.create', { draftId }), click(harness, 'groups.create', { draftId })]);
    await harness.bot.background.idle();

    expect(groupSends()).toHaveLength(1);
    expect(harness.sim.sent).toHaveLength(1);
  });

  it('Graph 403 on the send keeps the draft and names the permission', async () => {
    const { draftId } = await reachReview(harness, { title: 'Hello', body: 'World' });
    harness.sim.fail({ method: 'POST', path: groupSendPath, status: 403, times: 1 });

    const failed = await click(harness, 'groups.create', { draftId });
    expect(cardText(failed)).toContain('DeviceManagementManagedDevices.ReadWrite.All');
    expect(findAction(failed, 'Create').data.draftId).toBe(draftId);

    const retried = await click(harness, 'groups.create', { draftId });
    expect(cardText(retried)).toMatch(/Sent to 1 group/);
    expect(harness.sim.sent).toHaveLength(1);
  });

  it('Graph 429 on the send is retried', async () => {
    const { draftId } = await reachReview(harness, { title: 'Hello', body: 'World' });
    harness.sim.fail({ method: 'POST', path: groupSendPath, status: 429, retryAfter: '1', times: 1 });

    await click(harness, 'groups.create', { draftId });
    await harness.bot.background.idle();

    expect(groupSends()).toHaveLength(2);
    expect(harness.sim.sent).toHaveLength(1);
  });

  it('Create racing a Remove sends only what the draft shows', async () => {
    const { draftId } = await reachReview(harness, { title: 'Race', body: 'Remove vs Create', queries: ['Seattle', 'All Staff'], count: 2 });
    harness.sim.fail({ method: 'POST', path: groupSendPath, delayMs: 200, times: 1 });

    const [created, removed] = await Promise.all([
      harness.invoke('groups.create', { draftId }, { user: broadcaster }),
      harness.invoke('groups.remove', { draftId, groupId: seattleOffice }, { user: broadcaster }),
    ]);
    await harness.bot.background.idle();

    expect(created.status).toBe(200);
    expect(removed.status).toBe(200);
    const draft = await harness.bot.store.getDraft(draftId);
    const draftGroups = (draft?.payload as { groups: Array<{ id: string }> }).groups.map((group) => group.id);
    for (const sent of harness.sim.sent) {
      expect(sent.groupIds).toEqual(draftGroups);
    }
    expect(groupSends().length).toBeLessThanOrEqual(1);
  });

  it('Create before any review shows the review instead', async () => {
    const draftId = await startWizard(harness);
    await click(harness, 'groups.basics.next', { draftId, title: 'Unreviewed', body: 'Forged Create' });
    await selectGroups(harness, draftId, ['Seattle'], 1);

    const card = await click(harness, 'groups.create', { draftId });

    expect(cardText(card)).toContain('Step 3 of 3');
    expect(cardText(card)).toContain('Nothing was sent yet');
    expect(groupSends()).toHaveLength(0);
    const confirmed = await click(harness, 'groups.create', { draftId });
    expect(cardText(confirmed)).toMatch(/Sent to 1 group/);
  });

  it('a slow group search answers within 2 s and updates the card later', async () => {
    const draftId = await startWizard(harness);
    await click(harness, 'groups.basics.next', { draftId, title: 'Slow', body: 'Search' });
    harness.sim.fail({ method: 'GET', path: '/v1.0/groups', delayMs: 4_000, times: 1 });

    const started = Date.now();
    const response = await harness.invoke('groups.search', { draftId, query: 'Seattle' }, { user: broadcaster, replyToId: 'assignments-card' });
    const answeredInMs = Date.now() - started;

    expect(answeredInMs).toBeLessThan(2_000);
    expect(cardText(response.body.value)).toContain('Working on it');
    const update = await harness.connector.waitFor((call) => call.method === 'PUT' && call.activityId === 'assignments-card', 15_000);
    expect(cardText(cardOf(update.body))).toContain('Seattle Office');
  });

  it('cancel closes the draft', async () => {
    const { draftId } = await reachReview(harness, { title: 'Hello', body: 'World' });

    const cancelled = await click(harness, 'groups.cancel', { draftId });
    const late = await click(harness, 'groups.create', { draftId });

    expect(cardText(cancelled)).toMatch(/Cancelled/);
    expect(cardText(late)).toMatch(/Cancelled/);
    expect(groupSends()).toHaveLength(0);
  });
});

describe('group wizard with approvals configured', () => {
  it('refuses group sends until approvals exist', async () => {
    const own = await startHarness({ env: { APPROVER_GROUP_ID: 'b1000000-0000-4000-8000-000000000004' } });
    try {
      await own.message('notify groups', { user: broadcaster });
      const text = cardText(own.lastPostedCard());
      await own.message('help', { user: broadcaster });

      expect(text).toContain('APPROVER_GROUP_ID is set');
      expect(cardActions(own.lastPostedCard()).some((action) => action.verb === 'groups.start')).toBe(false);
      expect(own.sim.sent).toHaveLength(0);
    } finally {
      await own.close();
    }
  });
});

describe('group wizard limits over time', () => {
  it('an idle draft expires', async () => {
    let now = new Date('2026-12-04T10:00:00Z');
    const own = await startHarness({ now: () => now });
    try {
      const draftId = await startWizard(own);
      now = new Date(now.getTime() + 61 * 60_000);

      const response = await own.invoke('groups.basics.next', { draftId, title: 'Late', body: 'Too late' }, { user: broadcaster });

      expect(errorOf(response).code).toBe('draft_expired');
      expect(errorOf(response).message).toContain('expired after 60 minutes');
    } finally {
      await own.close();
    }
  });

  it('the 26th group notification in an hour is refused', async () => {
    const own = await startHarness();
    try {
      for (let index = 0; index < 25; index += 1) {
        const { draftId } = await reachReview(own, { title: `Broadcast ${index + 1}`, body: 'Quota test' });
        expect(cardText(await click(own, 'groups.create', { draftId }))).toMatch(/Sent to 1 group/);
      }
      const first = (await own.bot.store.listAttempts({ tenantId: own.tenantId, limit: 30 })).at(-1)!;

      const { draftId, review } = await reachReview(own, { title: 'Broadcast 26', body: 'Quota test' });
      expect(cardText(review)).toMatch(/25 of 25/);
      const refused = await click(own, 'groups.create', { draftId });

      const slot = new Date(first.startedAt.getTime() + 60 * 60_000).toISOString().slice(0, 16).replace('T', ' ');
      expect(cardText(refused)).toContain('This tenant has sent 25 group notifications in the last hour');
      expect(cardText(refused)).toContain(`The next one can be sent at ${slot} UTC`);
      expect(own.sim.sent).toHaveLength(25);
    } finally {
      await own.close();
    }
  }, 60_000);
});
