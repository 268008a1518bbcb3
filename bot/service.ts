import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import { BackgroundTasks } from './flows/background.js';
import type { FlowDeps } from './flows/turn.js';
import { createGraphClient, type GraphClient } from './graph/client.js';
import { createGraphIntuneGateway } from './intune/graph-gateway.js';
import { createGraphGroupDirectory } from './intune/group-directory.js';
import type { Logger } from './log.js';
import type { Authorizer } from './policy/authorization.js';
import { createAuthorizer } from './policy/create-authorizer.js';
import { openStore } from './storage/open-store.js';
import type { Store } from './storage/store.js';
import { createBotAdapter } from './teams/adapter.js';
import { createTeamsApp } from './teams/app.js';
import { createHttpServer } from './teams/http-server.js';
import { attachTurnLogger } from './teams/turn.js';

/** A send still marked in flight this long after it started was cut off by a stop of the bot. */
const interruptedAfterMs = 5 * 60 * 1000;

export interface BotServiceOptions {
  config: Config;
  log: Logger;
  /** Replaces parts for tests; production uses the defaults built from config. */
  overrides?: {
    store?: Store;
    graph?: GraphClient;
    authorizer?: Authorizer;
    now?: () => Date;
    sendAnswerDeadlineMs?: number;
  };
}

export interface BotService {
  /** http://HOST:PORT once listening. */
  url: string;
  store: Store;
  background: BackgroundTasks;
  close(): Promise<void>;
}

/** Wires config, storage, Graph, policy, flows and the Teams layer, and starts listening. */
export async function startBotService({ config, log, overrides = {} }: BotServiceOptions): Promise<BotService> {
  const store = overrides.store ?? (await openStore(config.database, log));
  const now = overrides.now ?? (() => new Date());
  const recovered = await store.recoverInterruptedAttempts(new Date(now().getTime() - interruptedAfterMs), now());
  if (recovered > 0) {
    log.warn({ recovered }, 'marked sends interrupted by a previous stop as outcome unknown');
  }

  const graph = overrides.graph ?? createGraphClient({ baseUrl: config.graphBaseUrl, credentials: config.graphCredentials, logger: log });
  const background = new BackgroundTasks(log);
  const deps: FlowDeps = {
    store,
    intune: createGraphIntuneGateway(graph),
    // Ten results keep a full Assignments card (25 selected groups) near 32 KB, well under Teams' message size limit.
    groups: createGraphGroupDirectory(graph, { maxResults: 10 }),
    authorizer: overrides.authorizer ?? createAuthorizer(graph, log, config.permissionCacheMs),
    now,
    newId: randomUUID,
    sendAnswerDeadlineMs: overrides.sendAnswerDeadlineMs ?? 1500,
    draftIdleMs: config.draftIdleMs,
    background,
  };

  const adapter = createBotAdapter(config);
  const botAppId = config.bot?.appId ?? '';
  const app = createTeamsApp({ adapter, botAppId, deps });
  adapter.onTurnError = async (context, error) => {
    log.error({ err: error, activityId: context.activity.id }, 'unhandled error in turn');
  };

  const server = createHttpServer({
    adapter,
    tenantId: config.tenantId,
    requireToken: !config.localMode,
    log,
    runTurn: async (context) => {
      const turnLog = attachTurnLogger(context, log);
      turnLog.debug('turn started');
      const handled = await app.run(context);
      if (!handled) {
        turnLog.debug('no route handled the activity');
      }
    },
    health: () => ({ mode: config.localMode ? 'local' : 'bot', tenantId: config.tenantId }),
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${address.port}`;
  log.info({ url, localMode: config.localMode, graphBaseUrl: config.graphBaseUrl }, 'Intune Notify listening');

  return {
    url,
    store,
    background,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await background.idle();
      if (!overrides.store) {
        await store.close();
      }
      log.info('Intune Notify stopped');
    },
  };
}
