import type { GraphClient } from '../graph/client.js';
import type { Logger } from '../log.js';
import type { Authorizer } from './authorization.js';
import { createIntuneRbacAuthorizer } from './rbac/index.js';

/** Creates the authorizer the bot runs with: the caller's Intune RBAC permissions, read from Graph. */
export function createAuthorizer(graph: GraphClient, log: Logger, cacheTtlMs: number): Authorizer {
  return createIntuneRbacAuthorizer({ graph, logger: log, cacheTtlMs });
}
