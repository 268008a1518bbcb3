import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from '../log.js';
import type { FaultList } from './faults.js';
import type { Seed } from './seed.js';
import type { RecordedRequest, SentNotification } from './types.js';

export type ApiVersion = 'v1.0' | 'beta';

export interface SimState {
  seed: Seed;
  sent: SentNotification[];
  requests: RecordedRequest[];
  faults: FaultList;
  pageSize: number;
  logger?: Logger;
}

export interface RouteContext {
  version: ApiVersion;
  params: Record<string, string>;
  url: URL;
  query: URLSearchParams;
  origin: string;
  headers: IncomingHttpHeaders;
  body: string;
  requestId: string;
  state: SimState;
}

export interface RouteResult {
  status: number;
  json?: unknown;
  text?: string;
}

export type RouteHandler = (context: RouteContext) => RouteResult;

export interface Route {
  /** Matched against the percent-decoded path after the version segment; named groups become params. */
  pattern: RegExp;
  handlers: Partial<Record<'GET' | 'POST', RouteHandler>>;
  /** Versions that serve the route; both when absent. */
  versions?: readonly ApiVersion[];
}

export type RouteMatch =
  | { kind: 'found'; handler: RouteHandler; params: Record<string, string> }
  | { kind: 'wrongMethod'; allowed: string[] }
  | { kind: 'wrongVersion'; segment: string }
  | { kind: 'none' };

export function matchRoute(routes: readonly Route[], method: string, version: ApiVersion, path: string): RouteMatch {
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) {
      continue;
    }

    if (route.versions !== undefined && !route.versions.includes(version)) {
      const segments = path.split('/').filter(Boolean);
      return { kind: 'wrongVersion', segment: segments[segments.length - 1] ?? '' };
    }
    const handler = route.handlers[method as 'GET' | 'POST'];
    if (handler === undefined) {
      return { kind: 'wrongMethod', allowed: Object.keys(route.handlers) };
    }

    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(match.groups ?? {})) {
      if (value !== undefined) {
        params[name] = value;
      }
    }
    return { kind: 'found', handler, params };
  }
  return { kind: 'none' };
}

/** Reads a header as one string (the first value when repeated). */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Returns true when the request selects Graph's advanced query mode with the ConsistencyLevel: eventual header. */
export function isEventual(headers: IncomingHttpHeaders): boolean {
  return headerValue(headers, 'consistencylevel')?.trim().toLowerCase() === 'eventual';
}
