import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import { BackgroundTasks } from './flows/background.js';
import type { FlowDeps } from './flows/turn.js';
import { createGraphClient, type GraphClient } from './graph/client.js';
import { createGraphIntuneGateway } from './intune/graph-gateway.js';
import { createGraphGroupDirectory } from './intune/group-directory.js';
import { withTurnFields, type Logger } from './log.js';
import type { Authorizer } from './policy/authorization.js';
import { createAuthorizer } from './policy/create-authorizer.js';
import { openStore } from './storage/open-store.js';
import type { Store } from './storage/store.js';
import { createBotAdapter } from './teams/adapter.js';
import { createTeamsApp } from './teams/app.js';
import { createHttpServer } from './teams/http-server.js';
import { answerUnhandled } from './teams/respond.js';
import { attachTurnLogger, turnLogFields } from './teams/turn.js';

/**
 * A send still marked in flight this long after it started was cut off by a stop of the bot: the Graph
 * timeout (30 s per attempt) and the bounded retries end every live send well before.
 */
const interruptedAfterMs = 5 * 60 * 1000;
const recoveryIntervalMs = 60 * 1000;

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
  const recoverInterrupted = async () => {
    const recovered = await store.recoverInterruptedAttempts(new Date(now().getTime() - interruptedAfterMs), now());
    if (recovered > 0) {
      log.warn({ recovered }, 'marked sends interrupted by a stop of the bot as outcome unknown');
    }
  };
  await recoverInterrupted();
  // A stop within interruptedAfterMs of a send leaves it in flight at the next start, so check again while running.
  const recoveryTimer = setInterval(() => {
    recoverInterrupted().catch((error: unknown) => log.error({ err: error }, 'recovery of interrupted sends failed'));
  }, recoveryIntervalMs);
  recoveryTimer.unref();

  if (config.approverGroupId !== undefined) {
    log.warn({ approverGroupId: config.approverGroupId }, 'APPROVER_GROUP_ID is set but approvals are not available in this version, so group notifications are refused');
  }

  const graph = overrides.graph ?? createGraphClient({ baseUrl: config.graphBaseUrl, credentials: config.graphCredentials, logger: log });
  const background = new BackgroundTasks(log);
  const deps: FlowDeps = {
    store,
    // 25 devices keep the results card near 23,000 characters, well under Teams' message size limit.
    intune: createGraphIntuneGateway(graph, { maxResults: 25 }),
    // Ten results keep a full Assignments card (25 selected groups) near 32 KB, well under Teams' message size limit.
    groups: createGraphGroupDirectory(graph, { maxResults: 10 }),
    authorizer: overrides.authorizer ?? createAuthorizer(graph, log, config.permissionCacheMs),
    now,
    newId: randomUUID,
    sendAnswerDeadlineMs: overrides.sendAnswerDeadlineMs ?? 1500,
    draftIdleMs: config.draftIdleMs,
    approvalsRequired: config.approverGroupId !== undefined,
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
    runTurn: (context) =>
      withTurnFields(turnLogFields(context), async () => {
        const turnLog = attachTurnLogger(context, log);
        turnLog.debug('turn started');
        const handled = await app.run(context);
        if (!handled) {
          await answerUnhandled(context);
        }
      }),
    // Unauthenticated, so it names no tenant or other detail of the deployment.
    health: () => ({ mode: config.localMode ? 'local' : 'bot' }),
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
  } catch (error) {
    clearInterval(recoveryTimer);
    if (!overrides.store) {
      await store.close();
    }
    throw error;
  }
  const address = server.address() as AddressInfo;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${address.port}`;
  log.info({ url, localMode: config.localMode, graphBaseUrl: config.graphBaseUrl }, 'Intune Notify listening');

  return {
    url,
    store,
    background,
    close: async () => {
      clearInterval(recoveryTimer);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await background.idle();
      if (!overrides.store) {
        await store.close();
      }
      log.info('Intune Notify stopped');
    },
  };
}
