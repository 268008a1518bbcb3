import { afterEach, describe, expect, it } from 'vitest';

import { AppError } from '../../bot/errors.js';
import { loadSeed } from '../../bot/sim-tenant/seed.js';
import { assignments, callerFor, devices, groups, startRbacFixture, users, type RbacFixture } from './rbac-fixture.js';

const fixtures: RbacFixture[] = [];

async function start(options: Parameters<typeof startRbacFixture>[0] = {}): Promise<RbacFixture> {
  const fixture = await startRbacFixture(options);
  fixtures.push(fixture);
  return fixture;
}

afterEach(async () => {
  await Promise.all(fixtures.splice(0).map((fixture) => fixture.close()));
});

async function captureError(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (reason: unknown) => reason,
  );
  if (!(error instanceof AppError)) {
    throw error;
  }
  return error;
}

const fiveMinutes = 5 * 60 * 1000;

describe('role removed mid-wizard', () => {
  it('send check denies', async () => {
    const fixture = await start();
    const hana = callerFor(users.hanaHelpdesk);
    await fixture.authorizer.authorize(hana, { kind: 'notifyDevice' });

    const helpdesk = fixture.sim.seed.groups.find((group) => group.id === groups.intuneHelpdesk);
    helpdesk!.members = helpdesk!.members.filter((id) => id !== users.hanaHelpdesk);
    fixture.clock.advance(fiveMinutes);

    const error = await captureError(fixture.authorizer.authorize(hana, { kind: 'notifyDevice', device: fixture.device(devices.liamIphone) }));
    expect(error.code).toBe('forbidden');
    expect(error.userMessage).toContain('Remote tasks: Send custom notifications');
  });

  it('ttl zero rereads at once', async () => {
    const fixture = await start({ cacheTtlMs: 0 });
    const hana = callerFor(users.hanaHelpdesk);
    await fixture.authorizer.authorize(hana, { kind: 'notifyDevice' });

    const assignment = fixture.sim.seed.roleAssignments.find((candidate) => candidate.id === assignments.helpdeskAllDevices);
    assignment!.members = [];

    const error = await captureError(fixture.authorizer.authorize(hana, { kind: 'notifyDevice' }));
    expect(error.code).toBe('forbidden');
  });
});

describe('organization role plus remote task', () => {
  it('device send allowed', async () => {
    const seed = structuredClone(loadSeed());
    seed.roleAssignments.find((assignment) => assignment.id === assignments.helpdeskAllDevices)!.members.push(groups.commsBroadcasters);
    const fixture = await start({ seed });
    const ben = callerFor(users.benBroadcaster);

    await expect(fixture.authorizer.authorize(ben, { kind: 'notifyDevice', device: fixture.device(devices.liamIphone) })).resolves.toBeUndefined();
    await expect(fixture.authorizer.authorize(ben, { kind: 'notifyGroups' })).resolves.toBeUndefined();
  });
});

describe('assignment list without members', () => {
  it('reads each assignment by id', async () => {
    const fixture = await start({
      wrapGraph: (graph) => ({
        ...graph,
        async getAllPages(path, itemSchema, options) {
          const result = await graph.getAllPages(path, itemSchema, options);
          if (path !== '/deviceManagement/roleAssignments') {
            return result;
          }
          const items = result.items.map((item) => ({ ...(item as object), members: undefined }) as typeof item);
          return { ...result, items };
        },
      }),
    });

    await expect(fixture.authorizer.authorize(callerFor(users.hanaHelpdesk), { kind: 'notifyDevice' })).resolves.toBeUndefined();
    expect(fixture.requestsTo('/beta/deviceManagement/roleAssignments/')).toBe(fixture.sim.seed.roleAssignments.length);
  });
});

describe('graph failure while reading role assignments', () => {
  it('500 denies with request-id', async () => {
    const fixture = await start();
    fixture.sim.fail({ path: '/beta/deviceManagement/roleAssignments', status: 500 });

    const error = await captureError(fixture.authorizer.authorize(callerFor(users.hanaHelpdesk), { kind: 'notifyDevice' }));
    expect(error.code).toBe('permission_check_failed');
    expect(error.userMessage).toContain('could not complete the check of your Intune permissions, so nothing was sent');
    expect(error.userMessage).toContain('Try again in a minute');

    const requestId = error.details.requestId;
    expect(requestId).toEqual(expect.stringMatching(/\S/));
    expect(error.userMessage).toContain(`request-id: ${String(requestId)}`);
    const logged = fixture.logs.find((line) => line.msg.startsWith('Intune permission check failed'));
    expect(logged?.requestId).toBe(requestId);
    expect(fixture.sim.sent).toEqual([]);
  });

  it('timeout denies with client-request-id', async () => {
    const fixture = await start({ timeoutMs: 300 });
    fixture.sim.fail({ path: '/beta/deviceManagement/roleAssignments', delayMs: 2_000 });

    const error = await captureError(fixture.authorizer.authorize(callerFor(users.hanaHelpdesk), { kind: 'notifyDevice' }));
    expect(error.code).toBe('permission_check_failed');
    expect(error.details.graphCode).toBe('timeout');
    expect(error.userMessage).toContain(`client-request-id: ${String(error.details.clientRequestId)}`);
    const logged = fixture.logs.find((line) => line.msg.startsWith('Intune permission check failed'));
    expect(logged?.clientRequestId).toBe(error.details.clientRequestId);
  });

  it('capabilities report failure', async () => {
    const fixture = await start();
    fixture.sim.fail({ path: '/beta/deviceManagement/roleAssignments', status: 500 });

    const capabilities = await fixture.authorizer.capabilities(callerFor(users.irisAdmin));
    expect(capabilities.notifyDevice.allowed).toBe(false);
    expect(capabilities.notifyGroups.allowed).toBe(false);
    expect(capabilities.notifyGroups).toEqual(capabilities.notifyDevice);
  });

  it('failure is not cached', async () => {
    const fixture = await start();
    fixture.sim.fail({ path: '/beta/deviceManagement/roleAssignments', status: 500, times: 1 });
    await captureError(fixture.authorizer.authorize(callerFor(users.hanaHelpdesk), { kind: 'notifyDevice' }));

    await expect(fixture.authorizer.authorize(callerFor(users.hanaHelpdesk), { kind: 'notifyDevice' })).resolves.toBeUndefined();
  });

  it('unexpected shape denies', async () => {
    const fixture = await start();
    const definition = fixture.sim.seed.roleDefinitions[0]!;
    (definition as unknown as { rolePermissions: unknown }).rolePermissions = [{ actions: [], resourceActions: [{ allowedResourceActions: 'all', notAllowedResourceActions: [] }] }];

    const error = await captureError(fixture.authorizer.authorize(callerFor(users.hanaHelpdesk), { kind: 'notifyGroups' }));
    expect(error.code).toBe('permission_check_failed');
  });
});

describe('user in many groups', () => {
  it('permission on last page counts', async () => {
    const seed = structuredClone(loadSeed());
    const mannysGroups = seed.groups.filter((group) => group.members.includes(users.mannyGroups));
    const lastGroup = mannysGroups[mannysGroups.length - 1]!;
    seed.roleAssignments.find((assignment) => assignment.id === assignments.helpdeskAllDevices)!.members.push(lastGroup.id);
    const fixture = await start({ seed });

    await expect(fixture.authorizer.authorize(callerFor(users.mannyGroups), { kind: 'notifyDevice' })).resolves.toBeUndefined();
    expect(mannysGroups.length).toBeGreaterThan(200);
    expect(fixture.requestsTo(`/users/${users.mannyGroups}/transitiveMemberOf`)).toBeGreaterThan(2);
  });
});

describe('cache', () => {
  it('warm check makes no Graph call', async () => {
    const fixture = await start();
    const sam = callerFor(users.samScoped);
    const liamIphone = fixture.device(devices.liamIphone);
    await fixture.authorizer.authorize(sam, { kind: 'notifyDevice', device: liamIphone });
    await fixture.authorizer.capabilities(sam);
    const coldRequests = fixture.sim.requests.length;

    fixture.clock.advance(fiveMinutes - 1);
    await fixture.authorizer.authorize(sam, { kind: 'notifyDevice', device: liamIphone });
    await fixture.authorizer.capabilities(sam);
    expect(coldRequests).toBeGreaterThan(0);
    expect(fixture.sim.requests.length).toBe(coldRequests);
  });

  it('expired entry is read again', async () => {
    const fixture = await start();
    const hana = callerFor(users.hanaHelpdesk);
    await fixture.authorizer.authorize(hana, { kind: 'notifyDevice' });
    const coldRequests = fixture.sim.requests.length;

    fixture.clock.advance(fiveMinutes);
    await fixture.authorizer.authorize(hana, { kind: 'notifyDevice' });
    expect(fixture.sim.requests.length).toBe(2 * coldRequests);
  });

  it('role catalog shared across users', async () => {
    const fixture = await start();
    await fixture.authorizer.authorize(callerFor(users.hanaHelpdesk), { kind: 'notifyDevice' });
    await fixture.authorizer.authorize(callerFor(users.willWildcard), { kind: 'notifyDevice' });
    expect(fixture.requestsTo('/deviceManagement/roleDefinitions')).toBe(fixture.sim.seed.roleDefinitions.length + 1);
  });

  it('concurrent cold checks share reads', async () => {
    const fixture = await start();
    const hana = callerFor(users.hanaHelpdesk);
    await Promise.all(Array.from({ length: 5 }, () => fixture.authorizer.authorize(hana, { kind: 'notifyDevice' })));
    expect(fixture.requestsTo(`/users/${users.hanaHelpdesk}/transitiveMemberOf`)).toBe(1);
    expect(fixture.requestsTo('/beta/deviceManagement/roleAssignments')).toBe(1);
  });
});
