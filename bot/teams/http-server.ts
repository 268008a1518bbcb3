import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Activity, TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import { z } from 'zod';
import type { Logger } from '../log.js';
import type { BotAdapter } from './adapter.js';
import { activityTenantId, tenantRejection } from './tenant-gate.js';

const maxBodyBytes = 1024 * 1024;

/** The fields the bot relies on before any handler runs; the rest of the activity passes through untouched. */
const inboundActivity = z
  .object({
    type: z.string().min(1),
    id: z.string().optional(),
    name: z.string().optional(),
    serviceUrl: z.string().optional(),
    conversation: z.object({ id: z.string().min(1), tenantId: z.string().optional() }).passthrough(),
    from: z.object({ id: z.string(), aadObjectId: z.string().optional() }).passthrough().optional(),
    channelData: z.object({ tenant: z.object({ id: z.string() }).passthrough().optional() }).passthrough().optional(),
  })
  .passthrough();

export interface HttpServerOptions {
  adapter: BotAdapter;
  tenantId: string;
  /** False in local mode; otherwise a request without a bearer token is refused before its body is read. */
  requireToken: boolean;
  log: Logger;
  /** Runs the bot for one authenticated activity from the right tenant. */
  runTurn: (context: TurnContext) => Promise<void>;
  health: () => Record<string, unknown>;
}

/** POST /api/messages for Bot Framework activities and GET /healthz. */
export function createHttpServer(options: HttpServerOptions): Server {
  return createServer((request, response) => {
    handleRequest(options, request, response).catch((error: unknown) => {
      options.log.error({ err: error }, 'request failed');
      if (!response.headersSent) {
        sendJson(response, 500, { error: 'internal error' });
      }
    });
  });
}

async function handleRequest(options: HttpServerOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (path === '/healthz') {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendJson(response, 405, { error: 'use GET' });
    }
    return sendJson(response, 200, { status: 'ok', ...options.health() });
  }
  if (path !== '/api/messages') {
    return sendJson(response, 404, { error: 'not found' });
  }
  if (request.method !== 'POST') {
    return sendJson(response, 405, { error: 'use POST' });
  }

  const authorization = request.headers.authorization ?? '';
  if (options.requireToken && !/^Bearer \S+/i.test(authorization)) {
    options.log.warn({ hasAuthorization: authorization !== '' }, 'rejected a request without a Bot Framework token');
    return sendJson(response, 401, { error: 'unauthorized' });
  }

  const body = await readJson(request);
  if (!body.ok) {
    return sendJson(response, body.status, { error: body.error });
  }
  const parsed = inboundActivity.safeParse(body.value);
  if (!parsed.success) {
    options.log.warn({ issues: parsed.error.issues.map((issue) => issue.path.join('.')) }, 'rejected a malformed activity');
    return sendJson(response, 400, { error: 'not a Bot Framework activity' });
  }
  const activity = parsed.data as unknown as Activity;

  let auth;
  try {
    auth = await options.adapter.authenticate(authorization, activity);
  } catch (error) {
    // Fail closed: a token that could not be checked (for example signing keys out of reach) is not valid.
    const expected = error instanceof AuthenticationError || isUnauthorized(error);
    options.log[expected ? 'warn' : 'error']({ err: expected ? undefined : error, activityType: activity.type, hasAuthorization: authorization !== '' }, 'rejected an activity without a valid Bot Framework token');
    return sendJson(response, 401, { error: 'unauthorized' });
  }

  const tenantId = activityTenantId(activity);
  if (tenantId !== options.tenantId) {
    const rejection = tenantRejection(activity, tenantId);
    options.log.warn({ activityId: activity.id, conversationId: activity.conversation.id, activityType: activity.type, name: activity.name, tenantId: tenantId ?? null }, 'rejected an activity from another tenant');
    return sendJson(response, rejection.status, rejection.body);
  }

  const invokeResponse = await options.adapter.processAuthenticated(auth, activity, options.runTurn);
  if (invokeResponse) {
    return sendJson(response, invokeResponse.status, invokeResponse.body);
  }
  response.writeHead(200).end();
}

function isUnauthorized(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { statusCode?: unknown }).statusCode === 401;
}

type JsonBody = { ok: true; value: unknown } | { ok: false; status: number; error: string };

async function readJson(request: IncomingMessage): Promise<JsonBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) {
      return { ok: false, status: 413, error: 'activity larger than 1 MB' };
    }
    chunks.push(chunk as Buffer);
  }

  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return { ok: false, status: 400, error: 'body is not JSON' };
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  if (body === undefined) {
    response.writeHead(status).end();
    return;
  }
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}
