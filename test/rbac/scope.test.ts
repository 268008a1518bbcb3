import { describe, expect, it } from 'vitest';

import type { AssignmentScope, EffectivePermissions, Grant } from '../../bot/policy/rbac/effective-permissions.js';
import { intuneActions, requiredActions } from '../../bot/policy/rbac/permission-names.js';
import { findOutOfScopeActions } from '../../bot/policy/rbac/scope.js';

function grantBoth(scope: AssignmentScope): Grant {
  return { assignmentId: 'a', roleName: 'Help Desk Operator', allows: () => true, scope };
}

function roles(...grants: Grant[]): EffectivePermissions {
  return { kind: 'roles', grants };
}

function lookupReturning(memberOf: string[]) {
  const calls: string[][] = [];
  const lookup = async (groupIds: string[]) => {
    calls.push(groupIds);
    return new Set(memberOf);
  };
  return { lookup, calls };
}

const device = { userId: 'user-1' };

describe('findOutOfScopeActions', () => {
  it('allDevices covers without lookup', async () => {
    const { lookup, calls } = lookupReturning([]);
    expect(await findOutOfScopeActions(roles(grantBoth({ kind: 'allDevices' })), requiredActions.notifyDevice, device, [lookup])).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('allLicensedUsers needs primary user', async () => {
    const { lookup } = lookupReturning([]);
    const outOfScope = await findOutOfScopeActions(roles(grantBoth({ kind: 'allLicensedUsers' })), requiredActions.notifyDevice, { userId: '' }, [lookup]);
    expect(outOfScope).toEqual(requiredActions.notifyDevice);
  });

  it('scope group containing user covers', async () => {
    const { lookup } = lookupReturning(['g-scope']);
    const permissions = roles(grantBoth({ kind: 'groups', groupIds: ['g-scope', 'g-other'] }));
    expect(await findOutOfScopeActions(permissions, requiredActions.notifyDevice, device, [lookup])).toEqual([]);
  });

  it('scope group without user denies', async () => {
    const { lookup } = lookupReturning([]);
    const permissions = roles(grantBoth({ kind: 'groups', groupIds: ['g-scope'] }));
    expect(await findOutOfScopeActions(permissions, requiredActions.notifyDevice, device, [lookup])).toEqual(requiredActions.notifyDevice);
  });

  it('looks up scope groups once', async () => {
    const { lookup, calls } = lookupReturning([]);
    const permissions = roles(grantBoth({ kind: 'groups', groupIds: ['g-2'] }), grantBoth({ kind: 'groups', groupIds: ['g-1', 'g-2'] }));
    await findOutOfScopeActions(permissions, requiredActions.notifyDevice, device, [lookup]);
    expect(calls).toEqual([['g-1', 'g-2']]);
  });

  it('empty scope covers nothing', async () => {
    const { lookup } = lookupReturning([]);
    const permissions = roles(grantBoth({ kind: 'groups', groupIds: [] }));
    expect(await findOutOfScopeActions(permissions, requiredActions.notifyDevice, device, [lookup])).toEqual(requiredActions.notifyDevice);
  });

  it('unknown scope type covers nothing', async () => {
    const { lookup } = lookupReturning([]);
    const permissions = roles(grantBoth({ kind: 'unsupported', scopeType: 'unknownFutureValue' }));
    expect(await findOutOfScopeActions(permissions, requiredActions.notifyDevice, device, [lookup])).toEqual(requiredActions.notifyDevice);
  });

  it('each action needs its own covering grant', async () => {
    const { lookup } = lookupReturning([]);
    const remoteEverywhere: Grant = { assignmentId: 'a1', roleName: 'Remote', allows: (action) => action === intuneActions.sendCustomNotification, scope: { kind: 'allDevices' } };
    const readInGroup: Grant = { assignmentId: 'a2', roleName: 'Read', allows: (action) => action === intuneActions.readManagedDevices, scope: { kind: 'groups', groupIds: ['g-1'] } };
    const outOfScope = await findOutOfScopeActions(roles(remoteEverywhere, readInGroup), requiredActions.notifyDevice, device, [lookup]);
    expect(outOfScope).toEqual([intuneActions.readManagedDevices]);
  });

  it('administrator needs no scope', async () => {
    const { lookup, calls } = lookupReturning([]);
    await findOutOfScopeActions({ kind: 'administrator', roleName: 'Intune Administrator' }, requiredActions.notifyDevice, device, [lookup]);
    expect(calls).toEqual([]);
  });
});

describe('findOutOfScopeActions lookups', () => {
  it('device lookup runs when user misses', async () => {
    const user = lookupReturning([]);
    const deviceObject = lookupReturning(['g-devices']);
    const permissions = roles(grantBoth({ kind: 'groups', groupIds: ['g-devices'] }));
    expect(await findOutOfScopeActions(permissions, requiredActions.notifyDevice, device, [user.lookup, deviceObject.lookup])).toEqual([]);
  });

  it('device lookup skipped when user covers', async () => {
    const user = lookupReturning(['g-users']);
    const deviceObject = lookupReturning([]);
    const permissions = roles(grantBoth({ kind: 'groups', groupIds: ['g-users'] }));
    await findOutOfScopeActions(permissions, requiredActions.notifyDevice, device, [user.lookup, deviceObject.lookup]);
    expect(deviceObject.calls).toEqual([]);
  });
});
