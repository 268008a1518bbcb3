import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { faultAnswer, FaultList, isErrorFault } from './faults.js';
import { graphErrorBody, GraphHttpError } from './graph-error.js';
import { handleControl } from './routes-control.js';
import { deviceRoutes } from './routes-devices.js';
import { groupRoutes } from './routes-groups.js';
import { rbacRoutes } from './routes-rbac.js';
import { userRoutes } from './routes-users.js';
import { roleManagementRoutes } from './routes-role-management.js';
import { headerValue, matchRoute, type ApiVersion, type RouteResult, type SimState } from './router.js';
import { loadSeed } from './seed.js';
import type { SimTenant, SimTenantOptions } from './types.js';

const routes = [...deviceRoutes, ...userRoutes, ...groupRoutes, ...rbacRoutes, ...roleManagementRoutes];
const maxBodyBytes = 1024 * 1024;
const jsonContentType = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

interface RequestIds {
  requestId: string;
  clientRequestId: string;
}

interface ServerContext {
  state: SimState;
  origin: () => string;
  reset: () => void;
  /** Abort controllers of delayed requests, so close() does not wait for them. */
  pending: Set<AbortController>;
}

class BodyTooLargeError extends Error {}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBodyBytes) {
      throw new BodyTooLargeError();
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, ids: RequestIds, result: RouteResult, headers: Record<string, string> = {}): void {
  response.setHeader('request-id', ids.requestId);
  response.setHeader('client-request-id', ids.clientRequestId);
  for (const [name, value] of Object.entries(headers)) {
    response.setHeader(name, value);
  }
  if (result.json !== undefined) {
    response.writeHead(result.status, { 'Content-Type': jsonContentType });
    response.end(JSON.stringify(result.json));
    return;
  }
  if (result.text !== undefined) {
    response.writeHead(result.status, { 'Content-Type': 'text/plain;charset=utf-8' });
    response.end(result.text);
    return;
  }
  response.writeHead(result.status);
  response.end();
}

function sendError(response: ServerResponse, ids: RequestIds, error: GraphHttpError): void {
  send(response, ids, { status: error.status, json: graphErrorBody(error.code, error.message, ids) }, error.headers);
}

function redactedHeaders(request: IncomingMessage): Record<string, string | string[] | undefined> {
  const headers: Record<string, string | string[] | undefined> = { ...request.headers };
  const authorization = headerValue(request.headers, 'authorization');
  if (authorization !== undefined) {
    headers.authorization = `${authorization.split(' ')[0]} [redacted]`;
  }
  return headers;
}

/** Routes a Graph request (one under /v1.0 or /beta) to its handler. */
function dispatch(method: string, url: URL, body: string, ids: RequestIds, request: IncomingMessage, context: ServerContext): RouteResult {
  const versioned = /^\/(v1\.0|beta)(\/.*)$/.exec(url.pathname);
  if (!versioned) {
    throw new GraphHttpError(404, 'ResourceNotFound', `The simulated tenant has no route for ${method} ${url.pathname}: paths start with /v1.0/ or /beta/.`);
  }
  const version = versioned[1] as ApiVersion;
  let path: string;
  try {
    path = decodeURIComponent(versioned[2]!);
  } catch {
    throw new GraphHttpError(400, 'BadRequest', `The path ${url.pathname} has an invalid percent-encoding.`);
  }

  const match = matchRoute(routes, method, version, path);
  switch (match.kind) {
    case 'none':
      throw new GraphHttpError(404, 'ResourceNotFound', `The simulated tenant has no route for ${method} ${url.pathname}.`);
    case 'wrongVersion':
      throw new GraphHttpError(400, 'BadRequest', `Resource not found for the segment '${match.segment}'.`);
    case 'wrongMethod':
      throw new GraphHttpError(405, 'MethodNotAllowed', `The HTTP method '${method}' is not allowed on ${url.pathname}; use ${match.allowed.join(' or ')}.`, {
        Allow: match.allowed.join(', '),
      });
    case 'found':
      return match.handler({
        version,
        params: match.params,
        url,
        query: url.searchParams,
        origin: context.origin(),
        headers: request.headers,
        body,
        requestId: ids.requestId,
        state: context.state,
      });
  }
}

async function handleRequest(request: IncomingMessage, response: ServerResponse, context: ServerContext, ids: RequestIds): Promise<void> {
  const started = Date.now();
  const method = (request.method ?? 'GET').toUpperCase();
  const url = new URL(request.url ?? '/', context.origin());
  const { state } = context;

  if (url.pathname.startsWith('/_sim/')) {
    const result = handleControl(method, url.pathname, await readBody(request), state, context.reset);
    send(response, ids, result);
    return;
  }

  state.requests.push({ method, path: url.pathname, search: url.search, headers: redactedHeaders(request), at: new Date().toISOString() });
  const body = await readBody(request);

  const fault = state.faults.take(method, url.pathname);
  if (fault?.delayMs !== undefined) {
    const abort = new AbortController();
    context.pending.add(abort);
    try {
      await sleep(fault.delayMs, undefined, { signal: abort.signal });
    } finally {
      context.pending.delete(abort);
    }
  }
  if (fault !== undefined && isErrorFault(fault)) {
    const answer = faultAnswer(fault, ids, `${context.origin()}${url.pathname}`);
    send(response, ids, { status: answer.status, json: answer.body }, answer.headers);
    state.logger?.info({ method, path: url.pathname, status: answer.status, requestId: ids.requestId }, 'sim tenant injected a fault');
    return;
  }

  try {
    send(response, ids, dispatch(method, url, body, ids, request, context));
  } catch (error) {
    if (!(error instanceof GraphHttpError)) {
      throw error;
    }
    sendError(response, ids, error);
  }
  state.logger?.debug({ method, path: url.pathname, status: response.statusCode, requestId: ids.requestId, durationMs: Date.now() - started }, 'sim tenant request');
}

/** Sends the response for what handleRequest raised: an oversized body, a delay cut short by close(), or a bug in a handler. */
function handleFailure(error: unknown, request: IncomingMessage, response: ServerResponse, ids: RequestIds, state: SimState): void {
  if (error instanceof BodyTooLargeError) {
    sendError(response, ids, new GraphHttpError(413, 'RequestEntityTooLarge', `The request body exceeds ${maxBodyBytes} bytes.`));
    return;
  }
  if ((error as Error).name === 'AbortError') {
    response.destroy();
    return;
  }
  state.logger?.error({ err: error, path: request.url, requestId: ids.requestId }, 'sim tenant request failed');
  if (!response.headersSent) {
    sendError(response, ids, new GraphHttpError(500, 'InternalServerError', `The simulated tenant failed: ${(error as Error).message}`));
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Starts the simulated tenant on 127.0.0.1 and resolves once it accepts connections. */
export async function startSimTenant(options: SimTenantOptions = {}): Promise<SimTenant> {
  const pageSize = options.pageSize ?? 50;
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new TypeError(`pageSize must be a whole number of at least 1, not ${pageSize}`);
  }
  const initialSeed = structuredClone(options.seed ?? loadSeed());
  const state: SimState = {
    seed: structuredClone(initialSeed),
    sent: [],
    requests: [],
    faults: new FaultList(),
    pageSize,
    logger: options.logger,
  };
  // Arrays are emptied in place and the seed object is refilled, so references a test holds stay live.
  const reset = () => {
    state.sent.length = 0;
    state.requests.length = 0;
    state.faults.clear();
    Object.assign(state.seed, structuredClone(initialSeed));
  };

  let origin = '';
  const context: ServerContext = { state, origin: () => origin, reset, pending: new Set() };
  const server = createServer((request, response) => {
    const requestId = randomUUID();
    const ids = { requestId, clientRequestId: headerValue(request.headers, 'client-request-id') ?? requestId };
    handleRequest(request, response, context, ids).catch((error: unknown) => handleFailure(error, request, response, ids, state));
  });

  const port = await listen(server, options.port ?? 0);
  origin = `http://127.0.0.1:${port}`;
  state.logger?.info({ url: origin }, 'sim tenant started');

  return {
    url: origin,
    tenantId: state.seed.tenantId,
    seed: state.seed,
    sent: state.sent,
    requests: state.requests,
    fail: (rule) => state.faults.add(rule),
    clearFaults: () => state.faults.clear(),
    reset,
    close: () => new Promise<void>((resolve) => {
      for (const abort of context.pending) {
        abort.abort();
      }
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
