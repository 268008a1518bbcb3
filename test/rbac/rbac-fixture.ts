import { Writable } from 'node:stream';
import { createGraphClient, type GraphClient } from '../../bot/graph/client.js';
import type { ManagedDevice } from '../../bot/intune/managed-device.js';
import { managedDeviceSchema } from '../../bot/intune/managed-device.js';
import { createLogger } from '../../bot/log.js';
import type { Authorizer, Caller } from '../../bot/policy/authorization.js';
import { createIntuneRbacAuthorizer } from '../../bot/policy/rbac/index.js';
import { startSimTenant } from '../../bot/sim-tenant/index.js';
import type { Seed } from '../../bot/sim-tenant/seed.js';
import type { SimTenant } from '../../bot/sim-tenant/types.js';

/** Seeded users of the simulated tenant, by the case each one stands for. */
export const users = {
  hanaHelpdesk: 'a1000000-0000-4000-8000-000000000001',
  benBroadcaster: 'a1000000-0000-4000-8000-000000000002',
  noahNorole: 'a1000000-0000-4000-8000-000000000004',
  irisAdmin: 'a1000000-0000-4000-8000-000000000005',
  graceGlobal: 'a1000000-0000-4000-8000-000000000006',
  noraNotifier: 'a1000000-0000-4000-8000-000000000007',
  nickNested: 'a1000000-0000-4000-8000-000000000008',
  willWildcard: 'a1000000-0000-4000-8000-000000000009',
  danaDenied: 'a1000000-0000-4000-8000-000000000010',
  samScoped: 'a1000000-0000-4000-8000-000000000011',
  mannyGroups: 'a1000000-0000-4000-8000-000000000012',
  ginaReader: 'a1000000-0000-4000-8000-000000000013',
} as const;

export const groups = {
  intuneHelpdesk: 'b1000000-0000-4000-8000-000000000001',
  commsBroadcasters: 'b1000000-0000-4000-8000-000000000003',
  londonUsers: 'b1000000-0000-4000-8000-000000000011',
} as const;

export const assignments = {
  helpdeskAllDevices: 'c2000000-0000-4000-8000-000000000001',
} as const;

/** Managed devices: Liam is in London Users, Johanna is not, and the kiosk has no user but its Entra device is in London Users. */
export const devices = {
  liamIphone: 'e1000000-0000-4000-8000-000000000002',
  johannaIphone: 'e1000000-0000-4000-8000-000000000014',
  londonKiosk: 'e1000000-0000-4000-8000-000000000008',
} as const;

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface RbacFixture {
  sim: SimTenant;
  authorizer: Authorizer;
  logs: LogLine[];
  clock: { now: () => number; advance: (ms: number) => void };
  /** The seeded managed device, parsed as the bot's device search returns it. */
  device(id: string): ManagedDevice;
  /** Graph requests the sim received whose path contains the text. */
  requestsTo(pathPart: string): number;
  close(): Promise<void>;
}

export interface RbacFixtureOptions {
  seed?: Seed;
  cacheTtlMs?: number;
  timeoutMs?: number;
  /** Wraps the real Graph client, to change what the authorizer receives. */
  wrapGraph?: (graph: GraphClient) => GraphClient;
}

export function callerFor(aadObjectId: string): Caller {
  return { aadObjectId, name: 'Test caller' };
}

export async function startRbacFixture(options: RbacFixtureOptions = {}): Promise<RbacFixture> {
  const sim = await startSimTenant({ port: 0, seed: options.seed });

  const logs: LogLine[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunk.toString('utf8').split('\n').filter((line) => line !== '').forEach((line) => logs.push(JSON.parse(line) as LogLine));
      done();
    },
  });
  const logger = createLogger('debug', destination);

  let time = Date.UTC(2025, 0, 6, 9, 0, 0);
  const clock = { now: () => time, advance: (ms: number) => { time += ms; } };

  const graph = createGraphClient({
    baseUrl: sim.url,
    credentials: { kind: 'none' },
    logger,
    timeoutMs: options.timeoutMs ?? 5_000,
    retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 5 },
  });
  const authorizer = createIntuneRbacAuthorizer({ graph: options.wrapGraph?.(graph) ?? graph, logger, cacheTtlMs: options.cacheTtlMs, now: clock.now });

  return {
    sim,
    authorizer,
    logs,
    clock,
    device(id) {
      const seeded = sim.seed.managedDevices.find((device) => device.id === id);
      if (!seeded) {
        throw new Error(`No managed device ${id} in the seed`);
      }
      return managedDeviceSchema.parse(seeded);
    },
    requestsTo(pathPart) {
      return sim.requests.filter((request) => request.path.toLowerCase().includes(pathPart.toLowerCase())).length;
    },
    close: () => sim.close(),
  };
}
