import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../bot/config.js';
import { createGraphClient } from '../../bot/graph/client.js';
import { createLogger } from '../../bot/log.js';
import { startBotService, type BotService } from '../../bot/service.js';
import { startSimTenant, type SimTenant } from '../../bot/sim-tenant/index.js';
import { cardOf, FakeConnector } from './fake-connector.js';

/** The Playground's five users, as seeded in the simulated tenant. */
export const operators = {
  hana: { id: 'user-hana', name: 'Hana Helpdesk', aadObjectId: 'a1000000-0000-4000-8000-000000000001' },
  ben: { id: 'user-ben', name: 'Ben Broadcaster', aadObjectId: 'a1000000-0000-4000-8000-000000000002' },
  ava: { id: 'user-ava', name: 'Ava Approver', aadObjectId: 'a1000000-0000-4000-8000-000000000003' },
  noah: { id: 'user-noah', name: 'Noah Norole', aadObjectId: 'a1000000-0000-4000-8000-000000000004' },
  iris: { id: 'user-iris', name: 'Iris Admin', aadObjectId: 'a1000000-0000-4000-8000-000000000005' },
} as const;

export type Operator = { id: string; name: string; aadObjectId: string };

export interface HarnessOptions {
  botId?: string;
  sendAnswerDeadlineMs?: number;
  graphTimeoutMs?: number;
  now?: () => Date;
  /** pino level of the captured log, default debug. */
  logLevel?: string;
  /** Extra environment variables for the bot's config. */
  env?: Record<string, string>;
}

export interface BotResponse {
  status: number;
  body: any;
}

export interface Harness {
  sim: SimTenant;
  connector: FakeConnector;
  bot: BotService;
  logs: Array<Record<string, unknown>>;
  tenantId: string;
  post(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<BotResponse>;
  message(text: string, options?: { user?: Operator; tenantId?: string | null }): Promise<BotResponse>;
  invoke(verb: string, data: Record<string, unknown>, options?: { user?: Operator; tenantId?: string | null; replyToId?: string }): Promise<BotResponse>;
  /** The card of the latest activity the bot posted to the connector. */
  lastPostedCard(): Record<string, unknown>;
  close(): Promise<void>;
}

let activityCounter = 0;

/** Starts the simulated tenant, a fake Bot Connector and the bot over HTTP, all on 127.0.0.1. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sim = await startSimTenant({ port: 0 });
  const connector = new FakeConnector();
  await connector.start();
  const dataDir = mkdtempSync(join(tmpdir(), 'intune-notify-test-'));
  const logs: Array<Record<string, unknown>> = [];
  const log = createLogger(options.logLevel ?? 'debug', { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });

  const config = loadConfig({
    PORT: '0',
    TENANT_ID: sim.tenantId,
    GRAPH_BASE_URL: sim.url,
    DATABASE_URL: `sqlite:${join(dataDir, 'bot.db')}`,
    LOG_LEVEL: 'debug',
    ...(options.botId ? { BOT_ID: options.botId, BOT_PASSWORD: 'test-secret', BOT_TYPE: 'MultiTenant' } : {}),
    ...options.env,
  });
  const graph = createGraphClient({
    baseUrl: sim.url,
    credentials: { kind: 'none' },
    logger: log,
    timeoutMs: options.graphTimeoutMs ?? 15_000,
    retry: { maxRetries: 3, baseDelayMs: 50, maxDelayMs: 2_000 },
  });
  const bot = await startBotService({
    config,
    log,
    overrides: { graph, now: options.now, sendAnswerDeadlineMs: options.sendAnswerDeadlineMs },
  });

  const post = async (activity: Record<string, unknown>, headers: Record<string, string> = {}): Promise<BotResponse> => {
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  const baseActivity = (user: Operator, tenantId: string | null) => {
    activityCounter += 1;
    return {
      id: `activity-in-${activityCounter}`,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: connector.url,
      from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
      recipient: { id: '28:intune-notify', name: 'Intune Notify' },
      conversation: { id: `personal-${user.id}`, conversationType: 'personal', ...(tenantId ? { tenantId } : {}) },
      channelData: tenantId ? { tenant: { id: tenantId } } : {},
      locale: 'en-US',
    };
  };

  return {
    sim,
    connector,
    bot,
    logs,
    tenantId: sim.tenantId,
    post,
    message: (text, { user = operators.hana, tenantId = sim.tenantId } = {}) =>
      post({ ...baseActivity(user, tenantId), type: 'message', text, textFormat: 'plain' }),
    invoke: (verb, data, { user = operators.hana, tenantId = sim.tenantId, replyToId = 'card-activity-1' } = {}) =>
      post({
        ...baseActivity(user, tenantId),
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId,
        value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' },
      }),
    lastPostedCard: () => {
      const posted = connector.calls.filter((call) => call.method === 'POST');
      const last = posted[posted.length - 1];
      if (!last) {
        throw new Error('the bot has posted nothing');
      }
      return cardOf(last.body);
    },
    close: async () => {
      await bot.close();
      await connector.close();
      await sim.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
