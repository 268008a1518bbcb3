import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cardActions, cardText, findAction } from '../support/card-query.js';
import { operators, startHarness, type Harness, type Operator } from '../support/bot-harness.js';
import { openCompose, searchFor } from '../support/device-steps.js';

const sam: Operator = { id: 'user-sam', name: 'Sam Scoped', aadObjectId: 'a1000000-0000-4000-8000-000000000011' };
const rbacPath = /roleAssignments|roleDefinitions|transitiveMemberOf|directoryRoles|\/devices/;

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

describe('device flow RBAC', () => {
  it('no role: told at once which permission is missing', async () => {
    await harness.message('notify device LIAM', { user: operators.noah });

    const card = harness.lastPostedCard();
    expect(cardText(card)).toContain('Remote tasks: Send custom notifications');
    expect(cardActions(card).some((action) => action.verb === 'device.pick')).toBe(false);
    expect(harness.sim.sent).toHaveLength(0);
  });

  it('broadcaster without the remote task is refused', async () => {
    await harness.message('notify device LIAM', { user: operators.ben });

    expect(cardText(harness.lastPostedCard())).toContain('Remote tasks: Send custom notifications');
  });

  it('help shows only what the caller may do', async () => {
    await harness.message('help', { user: operators.noah });
    const noahHelp = harness.lastPostedCard();
    await harness.message('help', { user: operators.hana });
    const hanaHelp = harness.lastPostedCard();

    expect(cardActions(noahHelp).some((action) => action.verb === 'device.search')).toBe(false);
    expect(cardText(noahHelp)).toContain('Remote tasks: Send custom notifications');
    expect(findAction(hanaHelp, 'Notify a device').verb).toBe('device.search');
  });

  it('role removed before Send stops the send', async () => {
    // Its own bot: the fresh check at Send caches the removal, which later tests must not see.
    const own = await startHarness();
    try {
      const { compose } = await openCompose(own);
      const helpdesk = own.sim.seed.groups.find((group) => group.displayName === 'Intune Helpdesk')!;
      helpdesk.members = helpdesk.members.filter((member) => member !== operators.hana.aadObjectId);

      const response = await own.invoke('device.send', { draftId: findAction(compose, 'Send').data.draftId, title: 'Hello', body: 'World' });

      expect(cardText(response.body.value)).toContain('Remote tasks: Send custom notifications');
      expect(own.sim.sent).toHaveLength(0);
    } finally {
      await own.close();
    }
  });

  it('scope group without the device marks it in the results', async () => {
    const card = await searchFor(harness, 'JOHANNA-IPHONE-01');

    expect(cardText(card)).toContain('JOHANNA-IPHONE-01');
    expect(cardActions(card).some((action) => action.verb === 'device.pick')).toBe(true);

    await harness.message('notify device JOHANNA-IPHONE-01', { user: sam });
    const scoped = harness.lastPostedCard();
    expect(cardText(scoped)).toMatch(/limited to scope groups/);
    expect(cardActions(scoped).some((action) => action.verb === 'device.pick')).toBe(false);
  });

  it('scope group with the device lets the scoped user send', async () => {
    await harness.message('notify device LIAM-IPHONE-01', { user: sam });
    const pick = findAction(harness.lastPostedCard(), 'Notify');

    const compose = await harness.invoke('device.pick', pick.data, { user: sam });
    const sent = await harness.invoke('device.send', { draftId: findAction(compose.body.value, 'Send').data.draftId, title: 'Hi', body: 'Scoped send' }, { user: sam });

    expect(cardText(sent.body.value)).toContain('Sent to LIAM-IPHONE-01');
    expect(harness.sim.sent).toHaveLength(1);
  });

  it('a warm check makes no Graph call for permissions', async () => {
    await harness.message('notify device HANA-IPHONE', { user: operators.hana });
    harness.sim.requests.length = 0;

    await harness.message('notify device HANA-IPHONE', { user: operators.hana });

    expect(harness.sim.requests.filter((request) => rbacPath.test(request.path))).toHaveLength(0);
  });

  it('Graph 500 while reading role assignments denies', async () => {
    const cold = await startHarness();
    try {
      cold.sim.fail({ method: 'GET', path: /roleAssignments/, status: 500 });

      await cold.message('notify device LIAM', { user: operators.hana });

      const text = cardText(cold.lastPostedCard());
      expect(text).toContain('could not complete the check of your Intune permissions');
      expect(text).toMatch(/request-id: [0-9a-f-]{36}/);
      expect(cold.sim.requests.some((request) => request.path.endsWith('/managedDevices'))).toBe(false);
      expect(cold.sim.sent).toHaveLength(0);
    } finally {
      await cold.close();
    }
  });
});
