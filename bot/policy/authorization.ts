import type { ManagedDevice } from '../intune/managed-device.js';

export interface Caller {
  /** Entra object id of the Teams user (activity.from.aadObjectId). */
  aadObjectId: string;
  name: string;
}

export type IntuneAction = { kind: 'notifyDevice'; device?: ManagedDevice } | { kind: 'notifyGroups' };

export type Capability = { allowed: true } | { allowed: false; reason: string };

export interface AuthorizeOptions {
  /** Reads the caller's roles and groups from Graph again instead of from the cache: used right before a send. */
  fresh?: boolean;
}

export interface Capabilities {
  notifyDevice: Capability;
  notifyGroups: Capability;
}

/**
 * The one gate in front of every send. The bot calls Graph with its own application permissions, so
 * Intune does not check the Teams user: this check is the only one. It runs when a flow starts and
 * again right before the Graph call. authorize throws AppError ('forbidden' when the caller may not
 * act, 'permission_check_failed' when the check itself could not complete); both methods fail closed.
 */
export interface Authorizer {
  authorize(caller: Caller, action: IntuneAction, options?: AuthorizeOptions): Promise<void>;
  /** Returns the caller's allowed actions, for help and for an immediate refusal when a flow starts. */
  capabilities(caller: Caller): Promise<Capabilities>;
}
