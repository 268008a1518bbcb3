import type { AssignmentScope, EffectivePermissions, Grant } from './effective-permissions.js';
import { grantsFor } from './effective-permissions.js';

/** The parts of a managed device that decide whether an assignment's scope covers it. */
export interface ScopedDevice {
  /** Entra object id of the device's primary user; empty when the device has none. */
  userId: string;
}

/**
 * Returns the scope groups (lower case), out of the ids given, that one principal (the device's primary
 * user or the device itself) belongs to, directly or through nested groups.
 */
export type ScopeMembershipLookup = (groupIds: string[]) => Promise<Set<string>>;

type Coverage = 'covered' | 'notCovered' | 'dependsOnGroups';

/**
 * Decides what can be decided without Graph. allDevices and allDevicesAndLicensedUsers cover every
 * device. allLicensedUsers covers every device that has a primary user.
 * NOTE: the bot reads no license data, so it treats every primary user as licensed.
 * A scopeType the bot does not know covers nothing, so a new Graph value denies instead of allowing.
 */
function assessWithoutLookup(scope: AssignmentScope, device: ScopedDevice): Coverage {
  switch (scope.kind) {
    case 'allDevices':
    case 'allDevicesAndLicensedUsers':
      return 'covered';
    case 'allLicensedUsers':
      return device.userId === '' ? 'notCovered' : 'covered';
    case 'groups':
      return scope.groupIds.length === 0 ? 'notCovered' : 'dependsOnGroups';
    case 'unsupported':
      return 'notCovered';
  }
}

/**
 * Returns the required actions that the caller holds, but not over this device: no grant of the action
 * has a scope that contains the device or its primary user (or, for allLicensedUsers, that has a
 * primary user at all). The membership lookups run in order, each once, for the scope groups of the
 * grants still undecided, and stop as soon as every action is covered.
 */
export async function findOutOfScopeActions(
  permissions: EffectivePermissions,
  required: readonly string[],
  device: ScopedDevice,
  lookups: ScopeMembershipLookup[],
): Promise<string[]> {
  if (permissions.kind === 'administrator') {
    return [];
  }

  const undecided = new Map<string, Grant[]>();
  for (const action of required) {
    const grants = grantsFor(permissions, action);
    const coverages = grants.map((grant) => assessWithoutLookup(grant.scope, device));
    if (coverages.includes('covered')) {
      continue;
    }
    undecided.set(action, grants.filter((_, index) => coverages[index] === 'dependsOnGroups'));
  }

  for (const lookup of lookups) {
    const groupIds = collectScopeGroupIds([...undecided.values()].flat());
    if (groupIds.length === 0) {
      break;
    }

    const memberOf = await lookup(groupIds);
    for (const [action, grants] of undecided) {
      if (grants.some((grant) => isInScopeGroups(grant.scope, memberOf))) {
        undecided.delete(action);
      }
    }
  }
  return [...undecided.keys()];
}

function isInScopeGroups(scope: AssignmentScope, memberOf: Set<string>): boolean {
  return scope.kind === 'groups' && scope.groupIds.some((id) => memberOf.has(id));
}

function collectScopeGroupIds(grants: Grant[]): string[] {
  const ids = new Set<string>();
  for (const grant of grants) {
    if (grant.scope.kind === 'groups') {
      grant.scope.groupIds.forEach((id) => ids.add(id));
    }
  }
  return [...ids].sort();
}
