import { AppError } from '../../errors.js';
import type { GraphClient } from '../../graph/client.js';
import { GraphRequestError } from '../../graph/graph-error.js';
import type { ManagedDevice } from '../../intune/managed-device.js';
import type { Logger } from '../../log.js';
import type { Authorizer, AuthorizeOptions, Caller, Capabilities, Capability, IntuneAction } from '../authorization.js';
import { readManagedDeviceGroupIds, readUserDirectory } from './directory.js';
import { computeEffectivePermissions, findMissingActions, type CallerDirectory, type EffectivePermissions, type RoleCatalog } from './effective-permissions.js';
import { describeCheckFailure, describeMissingPermissions, describeOutOfScope } from './messages.js';
import { requiredActions, type IntuneActionKind } from './permission-names.js';
import { readRoleCatalog } from './role-catalog.js';
import { findOutOfScopeActions, type ScopeMembershipLookup } from './scope.js';
import { TtlCache } from './ttl-cache.js';

export interface IntuneRbacAuthorizerOptions {
  graph: GraphClient;
  logger: Logger;
  /** How long Graph responses are reused, in milliseconds: role catalog, user memberships, device groups. Default 5 minutes. */
  cacheTtlMs?: number;
  /** Clock in epoch milliseconds, for tests. */
  now?: () => number;
}

const defaultCacheTtlMs = 5 * 60 * 1000;

const objectIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const unknownCallerMessage =
  "Teams did not send your Microsoft Entra object id, so the bot can't check your Intune permissions and sent nothing. " +
  "Use the bot with your work account in your organization's Teams.";

/**
 * Creates the Authorizer that computes the caller's Intune permissions from Graph (see
 * computeEffectivePermissions) and fails closed: any Graph failure or unexpected response denies
 * with 'permission_check_failed'.
 *
 * Graph responses are cached for cacheTtlMs, so a change of roles or groups takes effect within that
 * time, and a warm check makes no Graph call. A check with `fresh` reads Graph again, so the check
 * right before a send detects a role removed a moment ago. The tenant's role catalog is shared by all callers; the
 * memberships of each user (caller or primary user) and the groups of each device are cached apart.
 * Concurrent misses for the same entry share one Graph read.
 */
export function createIntuneRbacAuthorizer(options: IntuneRbacAuthorizerOptions): Authorizer {
  const { graph } = options;
  const logger = options.logger.child({ component: 'rbac' });
  const ttlMs = options.cacheTtlMs ?? defaultCacheTtlMs;
  const now = options.now ?? Date.now;

  const catalogCache = new TtlCache<RoleCatalog>(ttlMs, now);
  const userCache = new TtlCache<CallerDirectory>(ttlMs, now);
  const deviceGroupsCache = new TtlCache<Set<string>>(ttlMs, now);

  // maxAgeMs 0 forces a Graph read (and refreshes the cache) for checks right before a send.
  async function loadPermissions(callerId: string, maxAgeMs: number): Promise<EffectivePermissions> {
    const [catalog, directory] = await Promise.all([
      catalogCache.get('tenant', () => readRoleCatalog(graph, logger), maxAgeMs),
      loadUser(callerId, maxAgeMs),
    ]);
    return computeEffectivePermissions(catalog, directory);
  }

  function loadUser(userId: string, maxAgeMs: number): Promise<CallerDirectory> {
    const key = userId.toLowerCase();
    return userCache.get(key, () => readUserDirectory(graph, key), maxAgeMs);
  }

  function membershipLookups(device: ManagedDevice, maxAgeMs: number): ScopeMembershipLookup[] {
    const lookups: ScopeMembershipLookup[] = [];
    if (objectIdPattern.test(device.userId)) {
      lookups.push(async (groupIds) => keepMembers(groupIds, (await loadUser(device.userId, maxAgeMs)).groupIds));
    }
    lookups.push(async (groupIds) => {
      const deviceGroupIds = await deviceGroupsCache.get(device.id, () => readManagedDeviceGroupIds(graph, device.id), maxAgeMs);
      return keepMembers(groupIds, deviceGroupIds);
    });
    return lookups;
  }

  function checkFailed(error: unknown, callerId: string, kind: IntuneActionKind | 'capabilities'): AppError {
    const graphError = error instanceof GraphRequestError ? error : undefined;
    const details = {
      graphStatus: graphError?.status,
      graphCode: graphError?.code,
      requestId: graphError?.requestId,
      clientRequestId: graphError?.clientRequestId,
    };
    logger.error({ err: error, callerId, action: kind, graphPath: graphError?.path, ...details }, 'Intune permission check failed, so the action is denied');
    return new AppError('permission_check_failed', describeCheckFailure(details), { cause: error, details });
  }

  function deny(callerId: string, kind: IntuneActionKind, message: string, details: Record<string, unknown>): AppError {
    logger.info({ callerId, action: kind, ...details }, 'Intune permission check denied the action');
    return new AppError('forbidden', message, { details });
  }

  async function authorize(caller: Caller, action: IntuneAction, authorizeOptions: AuthorizeOptions = {}): Promise<void> {
    const callerId = caller.aadObjectId;
    const maxAgeMs = authorizeOptions.fresh ? 0 : ttlMs;
    if (!objectIdPattern.test(callerId)) {
      throw deny(callerId, action.kind, unknownCallerMessage, { reason: 'missing_object_id' });
    }

    let permissions: EffectivePermissions;
    try {
      permissions = await loadPermissions(callerId, maxAgeMs);
    } catch (error) {
      throw checkFailed(error, callerId, action.kind);
    }

    const required = requiredActions[action.kind];
    const missing = findMissingActions(permissions, required);
    if (missing.length > 0) {
      throw deny(callerId, action.kind, describeMissingPermissions(action.kind, missing), { missingActions: missing });
    }
    if (action.kind !== 'notifyDevice' || action.device === undefined) {
      return;
    }

    const device = action.device;
    let outOfScope: string[];
    try {
      outOfScope = await findOutOfScopeActions(permissions, required, { userId: device.userId }, membershipLookups(device, maxAgeMs));
    } catch (error) {
      throw checkFailed(error, callerId, action.kind);
    }
    if (outOfScope.length > 0) {
      throw deny(callerId, action.kind, describeOutOfScope(device.deviceName, outOfScope), { outOfScopeActions: outOfScope, deviceId: device.id });
    }
  }

  async function capabilities(caller: Caller): Promise<Capabilities> {
    const callerId = caller.aadObjectId;
    if (!objectIdPattern.test(callerId)) {
      return both({ allowed: false, reason: unknownCallerMessage });
    }

    let permissions: EffectivePermissions;
    try {
      permissions = await loadPermissions(callerId, ttlMs);
    } catch (error) {
      return both({ allowed: false, reason: checkFailed(error, callerId, 'capabilities').userMessage });
    }

    return {
      notifyDevice: describeCapability(permissions, 'notifyDevice'),
      notifyGroups: describeCapability(permissions, 'notifyGroups'),
    };
  }

  return { authorize, capabilities };
}

function describeCapability(permissions: EffectivePermissions, kind: IntuneActionKind): Capability {
  const missing = findMissingActions(permissions, requiredActions[kind]);
  if (missing.length === 0) {
    return { allowed: true };
  }
  return { allowed: false, reason: describeMissingPermissions(kind, missing) };
}

function both(capability: Capability): Capabilities {
  return { notifyDevice: capability, notifyGroups: capability };
}

function keepMembers(groupIds: string[], memberOf: Set<string>): Set<string> {
  return new Set(groupIds.filter((id) => memberOf.has(id)));
}
