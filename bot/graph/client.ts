import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  ResponseType,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import type { GraphCredentials } from '../config.js';
import type { Logger } from '../log.js';
import { createGraphAuthentication } from './auth.js';
import { GraphRequestError, graphRequestErrorFromResponse, toGraphRequestError, type GraphRequestTarget } from './graph-error.js';
import { toLogPath, toRelativeGraphRequest, type GraphVersion } from './next-link.js';
import { GraphCallState, RetryTimeoutHandler } from './retry-middleware.js';

export type { GraphVersion } from './next-link.js';

/** A zod schema producing T from any input, so transforming schemas (defaults, nullish → '') fit too. */
export type Schema<T> = z.ZodType<T, z.ZodTypeDef, unknown>;

export interface GraphGetOptions {
  /** Default 'v1.0'. */
  version?: GraphVersion;
  headers?: Record<string, string>;
}

export interface GraphPagesOptions extends GraphGetOptions {
  /**
   * Handling of an item that fails itemSchema. 'reject' (default) fails the call with code
   * 'invalid_response', and 'skip' leaves the item out and logs its id at warn.
   */
  invalidItems?: 'reject' | 'skip';
}

export interface GraphAllPagesOptions extends GraphPagesOptions {
  maxItems?: number;
}

export interface GraphPage<T> {
  items: T[];
  hasNextPage: boolean;
}

/**
 * Microsoft Graph calls with validated responses. Every method throws GraphRequestError for
 * failures, after retrying 429/503 (and 504 for reads) unless Retry-After requests a longer wait
 * than maxDelayMs.
 * Paths are relative to the version, e.g. `/deviceManagement/managedDevices?$select=id`, with
 * query values already URL-encoded by the caller.
 */
export interface GraphClient {
  get<T>(path: string, schema: Schema<T>, options?: GraphGetOptions): Promise<{ value: T; requestId?: string }>;
  /** Yields each page of a collection, following `@odata.nextLink`. Breaking out of the loop stops fetching. */
  pages<T>(path: string, itemSchema: Schema<T>, options?: GraphPagesOptions): AsyncGenerator<GraphPage<T>, void, undefined>;
  /** Reads a whole collection, or its first maxItems items with truncated=true when more exist. */
  getAllPages<T>(path: string, itemSchema: Schema<T>, options?: GraphAllPagesOptions): Promise<{ items: T[]; truncated: boolean }>;
  /** Sends `body` as JSON. Any 2xx, including 204 No Content, is success. */
  post(path: string, body: unknown, options?: { version?: GraphVersion }): Promise<{ status: number; requestId?: string }>;
}

export interface GraphClientOptions {
  /** Graph origin, e.g. https://graph.microsoft.com or the simulated tenant's http://127.0.0.1:PORT. */
  baseUrl: string;
  credentials: GraphCredentials;
  logger: Logger;
  /** Per HTTP attempt, including reading the body. Default 30000. */
  timeoutMs?: number;
  retry?: {
    /** Default 3. */
    maxRetries?: number;
    /** First backoff step when Graph sends no Retry-After. Default 1000. */
    baseDelayMs?: number;
    /**
     * Maximum wait before a retry. When Retry-After requests a longer wait, the call fails at once
     * with Graph's status and retryAfterSeconds instead of retrying early. Default 30000.
     */
    maxDelayMs?: number;
  };
  sleep?: (ms: number) => Promise<void>;
}

// A write that got 504 may have been carried out by Intune, so only reads retry it.
const readRetryStatuses: ReadonlySet<number> = new Set([429, 503, 504]);
const writeRetryStatuses: ReadonlySet<number> = new Set([429, 503]);

const collectionPageSchema = z.object({
  value: z.array(z.unknown()),
  '@odata.nextLink': z.string().optional(),
});

type CollectionPage = z.infer<typeof collectionPageSchema>;

interface HttpResult {
  status: number;
  bodyText: string;
  requestId?: string;
  target: GraphRequestTarget;
}

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const logger = options.logger.child({ component: 'graph' });
  const sdkClient = createSdkClient(baseUrl, options, logger);

  async function send(method: 'GET' | 'POST', path: string, version: GraphVersion, extra: { headers?: Record<string, string>; body?: string }): Promise<HttpResult> {
    assertRelativePath(path);
    const clientRequestId = randomUUID();
    const call = new GraphCallState(method, toLogPath(path), clientRequestId, method === 'GET' ? readRetryStatuses : writeRetryStatuses, method === 'GET');
    const target: GraphRequestTarget = { method, path: call.logPath, clientRequestId };

    const request = sdkClient
      .api(path)
      .version(version)
      .responseType(ResponseType.RAW)
      .middlewareOptions([call])
      .headers({ ...extra.headers, 'client-request-id': clientRequestId });
    let response: Response;
    try {
      response = method === 'GET' ? await request.get() : await request.post(extra.body);
    } catch (error) {
      throw call.failure ?? toGraphRequestError(error, target);
    }

    const bodyText = await response.text();
    if (!response.ok) {
      throw graphRequestErrorFromResponse(response, bodyText, target);
    }
    return { status: response.status, bodyText, requestId: response.headers.get('request-id') ?? undefined, target };
  }

  async function get<T>(path: string, schema: Schema<T>, getOptions: GraphGetOptions = {}): Promise<{ value: T; requestId?: string }> {
    const result = await send('GET', path, getOptions.version ?? 'v1.0', { headers: getOptions.headers });

    const json = parseJson(result);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw invalidResponse(result, `response did not match the expected shape: ${formatIssues(parsed.error)}`);
    }
    return { value: parsed.data, requestId: result.requestId };
  }

  async function* pages<T>(path: string, itemSchema: Schema<T>, pageOptions: GraphPagesOptions = {}): AsyncGenerator<GraphPage<T>, void, undefined> {
    const followed = new Set<string>();
    let next: { version: GraphVersion; path: string } | undefined = { version: pageOptions.version ?? 'v1.0', path };

    while (next !== undefined) {
      const current: { version: GraphVersion; path: string } = next;
      const { value: page }: { value: CollectionPage } = await get(current.path, collectionPageSchema, { version: current.version, headers: pageOptions.headers });
      const items = validateItems(page.value, itemSchema, pageOptions.invalidItems ?? 'reject', current.path);

      const nextLink = page['@odata.nextLink'];
      next = nextLink === undefined ? undefined : resolveNextLink(nextLink, current.path, followed);
      yield { items, hasNextPage: next !== undefined };
    }
  }

  function resolveNextLink(nextLink: string, currentPath: string, followed: Set<string>): { version: GraphVersion; path: string } {
    const target = { method: 'GET', path: toLogPath(currentPath) };
    const next = toRelativeGraphRequest(nextLink, baseUrl);
    if (next === undefined) {
      throw new GraphRequestError({ ...target, status: 200, code: 'invalid_response', graphMessage: `@odata.nextLink is not under ${baseUrl}` });
    }

    const key = `${next.version}${next.path}`;
    if (followed.has(key)) {
      throw new GraphRequestError({ ...target, status: 200, code: 'invalid_response', graphMessage: '@odata.nextLink repeats an earlier page' });
    }
    followed.add(key);
    return next;
  }

  function validateItems<T>(rawItems: unknown[], itemSchema: Schema<T>, invalidItems: 'reject' | 'skip', path: string): T[] {
    const items: T[] = [];
    for (const rawItem of rawItems) {
      const parsed = itemSchema.safeParse(rawItem);
      if (parsed.success) {
        items.push(parsed.data);
        continue;
      }

      const itemId = readItemId(rawItem);
      if (invalidItems === 'reject') {
        throw new GraphRequestError({
          method: 'GET',
          path: toLogPath(path),
          status: 200,
          code: 'invalid_response',
          graphMessage: `item ${itemId ?? '(no id)'} did not match the expected shape: ${formatIssues(parsed.error)}`,
        });
      }
      logger.warn({ path: toLogPath(path), itemId, issues: formatIssues(parsed.error) }, 'Skipped a Graph item that failed validation');
    }
    return items;
  }

  async function getAllPages<T>(path: string, itemSchema: Schema<T>, allOptions: GraphAllPagesOptions = {}): Promise<{ items: T[]; truncated: boolean }> {
    const maxItems = allOptions.maxItems ?? Number.POSITIVE_INFINITY;
    const items: T[] = [];

    for await (const page of pages(path, itemSchema, allOptions)) {
      for (const item of page.items) {
        if (items.length >= maxItems) {
          return { items, truncated: true };
        }
        items.push(item);
      }
      // NOTE: a full list with a nextLink counts as truncated although the next page could be empty.
      if (items.length >= maxItems && page.hasNextPage) {
        return { items, truncated: true };
      }
    }
    return { items, truncated: false };
  }

  async function post(path: string, body: unknown, postOptions: { version?: GraphVersion } = {}): Promise<{ status: number; requestId?: string }> {
    const result = await send('POST', path, postOptions.version ?? 'v1.0', { body: JSON.stringify(body) });
    return { status: result.status, requestId: result.requestId };
  }

  return { get, pages, getAllPages, post };
}

function createSdkClient(baseUrl: string, options: GraphClientOptions, logger: Logger): Client {
  const authentication = createGraphAuthentication(baseUrl, options.credentials);
  const retryHandler = new RetryTimeoutHandler(
    {
      timeoutMs: options.timeoutMs ?? 30_000,
      maxRetries: options.retry?.maxRetries ?? 3,
      baseDelayMs: options.retry?.baseDelayMs ?? 1_000,
      maxDelayMs: options.retry?.maxDelayMs ?? 30_000,
      sleep: options.sleep ?? ((ms) => delay(ms)),
      random: Math.random,
    },
    logger,
  );

  const middleware: Middleware[] = [retryHandler, new HTTPMessageHandler()];
  if (authentication !== undefined) {
    middleware.unshift(new AuthenticationHandler(authentication.provider));
  }

  // The SDK attaches the token only for its built-in Graph hosts and customHosts (hostnames, port ignored).
  const hostname = new URL(baseUrl).hostname;
  return Client.initWithMiddleware({
    baseUrl,
    middleware,
    customHosts: authentication === undefined ? undefined : new Set([hostname]),
  });
}

function assertRelativePath(path: string): void {
  // The SDK reads any path containing "https://" as an absolute URL and would send the request (and token) there.
  if (!path.startsWith('/') || path.startsWith('//') || path.includes('://')) {
    throw new Error(`Graph path must be relative to the API version, such as /deviceManagement/managedDevices: got ${toLogPath(path)}`);
  }
}

function parseJson(result: HttpResult): unknown {
  try {
    return JSON.parse(result.bodyText);
  } catch {
    throw invalidResponse(result, 'response body is not JSON');
  }
}

function invalidResponse(result: HttpResult, graphMessage: string): GraphRequestError {
  return new GraphRequestError({ ...result.target, status: result.status, code: 'invalid_response', requestId: result.requestId, graphMessage });
}

function formatIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

function readItemId(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) {
    return undefined;
  }
  const id = (item as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}
