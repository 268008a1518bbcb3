import type { Logger } from '../log.js';
import type { Seed } from './seed.js';

/**
 * A fault to inject. Rules are checked in the order they were added against the method and URL
 * pathname. The first matching rule wins and uses up one of its `times`.
 */
export interface FaultRule {
  /** HTTP method, case-insensitive; any method when absent. */
  method?: string;
  /** Exact pathname, a prefix ending in '*', or a RegExp tested against the pathname. Strings compare case-insensitively. */
  path: string | RegExp;
  /** Status of the error response, 500 by default. With delayMs set and status absent, the request is delayed and then handled normally. */
  status?: number;
  /** Value of the Retry-After header on the error response. */
  retryAfter?: string;
  /** Milliseconds to wait before responding. */
  delayMs?: number;
  /** How many requests the rule applies to; unlimited when absent. */
  times?: number;
  /** Graph error code in the body; derived from the status when absent (429 TooManyRequests, 403 Forbidden, ...). */
  code?: string;
}

export interface SentNotification {
  kind: 'device' | 'groups';
  deviceId?: string;
  groupIds?: string[];
  notificationTitle: string;
  notificationBody: string;
  /** The request body exactly as received (UTF-8 decoded). */
  rawBody: string;
  at: string;
  /** The request-id response header of the send. */
  requestId: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  search: string;
  /** Request headers; an Authorization value is kept as its scheme followed by "[redacted]". */
  headers: Record<string, string | string[] | undefined>;
  at: string;
}

export interface SimTenant {
  /** http://127.0.0.1:PORT, without a trailing slash. */
  url: string;
  tenantId: string;
  /** The live data the server serves. Tests may edit it, and reset() restores it. */
  seed: Seed;
  sent: SentNotification[];
  requests: RecordedRequest[];
  fail(rule: FaultRule): void;
  clearFaults(): void;
  /** Clears sent, requests and faults, and restores the seed data. */
  reset(): void;
  close(): Promise<void>;
}

export interface SimTenantOptions {
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  seed?: Seed;
  /** Items per page of every collection when the request has no $top; 50 by default. */
  pageSize?: number;
  logger?: Logger;
}
