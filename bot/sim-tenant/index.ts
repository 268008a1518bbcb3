/** The simulated Intune tenant: a Graph-compatible HTTP server on 127.0.0.1 for local mode and tests. */
export { startSimTenant } from './server.js';
export { loadSeed, type Seed } from './seed.js';
export type { FaultRule, RecordedRequest, SentNotification, SimTenant, SimTenantOptions } from './types.js';
