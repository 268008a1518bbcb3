import { GraphError } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';

/** The request a GraphRequestError belongs to. `path` carries query keys only, never their values. */
export interface GraphRequestTarget {
  method: string;
  path: string;
  clientRequestId?: string;
}

export interface GraphRequestErrorInit extends GraphRequestTarget {
  status: number;
  code: string;
  requestId?: string;
  retryAfterSeconds?: number;
  timedOut?: boolean;
  outcomeUnknown?: boolean;
  graphMessage?: string;
  cause?: unknown;
}

/**
 * A failed Microsoft Graph request, after the client's retries.
 * `code` is Graph's `error.code` when Graph sent a response, else one of the client's own codes:
 * `timeout`, `network`, `authentication_failed`, `invalid_response` or `unknown`.
 */
export class GraphRequestError extends Error {
  /** HTTP status, or 0 when no response arrived. */
  readonly status: number;
  readonly code: string;
  /** Graph's `request-id`, which Microsoft support needs to find the call. */
  readonly requestId?: string;
  /** The `client-request-id` the bot sent. Graph logs it too, so it identifies requests that got no response. */
  readonly clientRequestId?: string;
  readonly retryAfterSeconds?: number;
  readonly timedOut: boolean;
  /**
   * True when a write may have been carried out although no success response arrived:
   * a timeout, a connection lost after sending, or a 504 from Graph's gateway.
   */
  readonly outcomeUnknown: boolean;
  readonly method: string;
  readonly path: string;
  /** Graph's `error.message`, for logs (may name Intune internals, so not for end users). */
  readonly graphMessage?: string;

  constructor(init: GraphRequestErrorInit) {
    super(describeFailure(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'GraphRequestError';
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.clientRequestId = init.clientRequestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.timedOut = init.timedOut ?? false;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
    this.method = init.method;
    this.path = init.path;
    this.graphMessage = init.graphMessage;
  }
}

function describeFailure(init: GraphRequestErrorInit): string {
  const request = `Microsoft Graph ${init.method} ${init.path}`;
  if (init.timedOut) {
    return `${request} timed out`;
  }
  if (init.status === 0) {
    return `${request} failed before a response arrived (${init.code})`;
  }
  return `${request} failed with HTTP ${init.status} (${init.code})`;
}

// Graph's documented error body. Every part is optional because proxies and gateways in front of
// Graph return HTML or empty bodies, and Intune sometimes omits innerError.
const optionalText = z.string().optional().catch(undefined);
const graphErrorBodySchema = z.object({
  error: z.object({
    code: optionalText,
    message: optionalText,
    innerError: z.object({ 'request-id': optionalText }).passthrough().optional().catch(undefined),
    innererror: z.object({ 'request-id': optionalText }).passthrough().optional().catch(undefined),
  }),
});

type GraphErrorBody = z.infer<typeof graphErrorBodySchema>['error'];

const maxGraphMessageLength = 1000;

// A gateway that returns 502 or 504 may already have passed the request on, so a POST that got one may have been carried out.
const gatewayStatuses = new Set([502, 504]);

/** Builds the error for a non-2xx response whose body was read as text. */
export function graphRequestErrorFromResponse(
  response: { status: number; headers: Headers },
  bodyText: string,
  target: GraphRequestTarget,
): GraphRequestError {
  const body = parseGraphErrorBody(bodyText);
  const innerError = body?.innerError ?? body?.innererror;
  const status = response.status;

  return new GraphRequestError({
    ...target,
    status,
    code: body?.code ?? `http_${status}`,
    requestId: response.headers.get('request-id') ?? innerError?.['request-id'],
    retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')),
    outcomeUnknown: target.method !== 'GET' && gatewayStatuses.has(status),
    graphMessage: body?.message?.slice(0, maxGraphMessageLength),
  });
}

function parseGraphErrorBody(bodyText: string): GraphErrorBody | undefined {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    return undefined;
  }

  const parsed = graphErrorBodySchema.safeParse(json);
  return parsed.success ? parsed.data.error : undefined;
}

/**
 * Returns the wait in seconds that a Retry-After header requests. Accepts whole or decimal seconds
 * (Graph sends values such as "2.128") and HTTP-dates. Returns undefined when the header is
 * missing or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) {
    return undefined;
  }

  if (/^\d+(?:\.\d+)?$/.test(text)) {
    return Number(text);
  }

  // Date.parse also accepts bare numbers such as "-1", but an HTTP-date always names the day and month.
  const date = /[a-z]{3}/i.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(date)) {
    return undefined;
  }
  return Math.max(0, (date - now) / 1000);
}

// Error names of @azure/identity 4.x credentials when no token can be obtained.
const tokenErrorNames = new Set(['CredentialUnavailableError', 'AuthenticationError', 'AuthenticationRequiredError', 'AggregateAuthenticationError']);

// Socket error codes that mean the connection was never made, so a POST cannot have reached Graph.
const connectErrorCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * Converts any failure of a Graph call into a GraphRequestError: an SDK GraphError, a fetch
 * TypeError, an AbortError or TimeoutError, or an @azure/identity token error.
 */
export function toGraphRequestError(error: unknown, target: GraphRequestTarget): GraphRequestError {
  if (error instanceof GraphRequestError) {
    return error;
  }

  if (error instanceof GraphError) {
    return fromSdkGraphError(error, target);
  }

  const name = error instanceof Error ? error.name : '';
  if (name === 'AbortError' || name === 'TimeoutError') {
    return timeoutError(target, error);
  }
  if (tokenErrorNames.has(name)) {
    return new GraphRequestError({ ...target, status: 0, code: 'authentication_failed', cause: error });
  }
  if (error instanceof TypeError) {
    return networkError(target, error);
  }
  return new GraphRequestError({ ...target, status: 0, code: 'unknown', cause: error });
}

function fromSdkGraphError(error: GraphError, target: GraphRequestTarget): GraphRequestError {
  // The SDK reports failures without a response with statusCode -1 and the original error's name as code.
  if (error.statusCode <= 0) {
    const code = error.code ?? '';
    if (code === 'AbortError' || code === 'TimeoutError') {
      return timeoutError(target, error);
    }
    if (tokenErrorNames.has(code)) {
      return new GraphRequestError({ ...target, status: 0, code: 'authentication_failed', cause: error });
    }
    return networkError(target, error);
  }

  return new GraphRequestError({
    ...target,
    status: error.statusCode,
    code: error.code ?? `http_${error.statusCode}`,
    requestId: error.requestId ?? error.headers?.get('request-id') ?? undefined,
    retryAfterSeconds: parseRetryAfter(error.headers?.get('retry-after')),
    outcomeUnknown: target.method !== 'GET' && gatewayStatuses.has(error.statusCode),
    graphMessage: error.message.slice(0, maxGraphMessageLength),
    cause: error,
  });
}

export function timeoutError(target: GraphRequestTarget, cause?: unknown): GraphRequestError {
  return new GraphRequestError({
    ...target,
    status: 0,
    code: 'timeout',
    timedOut: true,
    outcomeUnknown: target.method !== 'GET',
    cause,
  });
}

/** Creates the error for a failure without a response. A write counts as maybe-done unless the connection was never made. */
export function networkError(target: GraphRequestTarget, cause: unknown): GraphRequestError {
  const neverConnected = connectErrorCodes.has(socketErrorCode(cause) ?? '');
  return new GraphRequestError({
    ...target,
    status: 0,
    code: 'network',
    outcomeUnknown: target.method !== 'GET' && !neverConnected,
    cause,
  });
}

// Node's fetch (undici) wraps the socket error: TypeError('fetch failed') with cause.code, sometimes one level deeper.
function socketErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      return code;
    }
    current = current.cause;
  }
  return undefined;
}
