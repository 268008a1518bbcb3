import { z } from 'zod';
import { AppError } from '../errors.js';
import type { GraphClient } from '../graph/client.js';
import { GraphRequestError } from '../graph/graph-error.js';
import type { Logger } from '../log.js';
import type { Authorizer, Capabilities, Caller } from './authorization.js';

const directoryUser = z.object({ id: z.string(), accountEnabled: z.boolean().nullish() });

/** The authorizer the bot runs with. */
export function createAuthorizer(graph: GraphClient, log: Logger): Authorizer {
  return new DirectoryUserAuthorizer(graph, log);
}

/** Allows enabled users of the tenant; denies everyone else, and denies when Graph can't tell. */
class DirectoryUserAuthorizer implements Authorizer {
  constructor(private readonly graph: GraphClient, private readonly log: Logger) {}

  async authorize(caller: Caller): Promise<void> {
    const capabilities = await this.capabilities(caller);
    if (!capabilities.notifyDevice.allowed) {
      const code = capabilities.notifyDevice.reason.includes('could not check') ? 'permission_check_failed' : 'forbidden';
      throw new AppError(code, capabilities.notifyDevice.reason);
    }
  }

  async capabilities(caller: Caller): Promise<Capabilities> {
    try {
      const { value } = await this.graph.get(`/users/${encodeURIComponent(caller.aadObjectId)}?$select=id,accountEnabled`, directoryUser, { version: 'v1.0' });
      if (value.accountEnabled === false) {
        const denied = { allowed: false as const, reason: 'Your account is disabled in Entra ID, so you can\'t send notifications.' };
        return { notifyDevice: denied, notifyGroups: denied };
      }
      return { notifyDevice: { allowed: true }, notifyGroups: { allowed: true } };
    } catch (error) {
      const requestId = error instanceof GraphRequestError ? error.requestId : undefined;
      this.log.error({ err: error, requestId }, 'permission check failed');
      const denied = { allowed: false as const, reason: `The bot could not check your permissions${requestId ? ` (Graph request-id ${requestId})` : ''}, so nothing can be sent. Try again in a minute.` };
      return { notifyDevice: denied, notifyGroups: denied };
    }
  }
}
