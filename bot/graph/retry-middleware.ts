import type { Context, Middleware, MiddlewareOptions } from '@microsoft/microsoft-graph-client';
import type { Logger } from '../log.js';
import { networkError, parseRetryAfter, timeoutError, type GraphRequestError } from './graph-error.js';

export interface RetryPolicy {
  /** Per HTTP attempt, including reading the response body. */
  timeoutMs: number;
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

/**
 * Per-call settings and results, passed through the SDK's middleware options. The handler stores
 * its own failure here because the SDK rewraps errors thrown inside the chain as GraphError and
 * drops the original's fields.
 */
export class GraphCallState implements MiddlewareOptions {
  attempts = 0;
  failure?: GraphRequestError;

  constructor(
    readonly method: string,
    /** The request path with query values removed, safe to log. */
    readonly logPath: string,
    readonly clientRequestId: string,
    readonly retryStatuses: ReadonlySet<number>,
    readonly retryNetworkErrors: boolean,
  ) {}
}

type AttemptResult =
  | { kind: 'response'; response: Response }
  | { kind: 'timeout' }
  | { kind: 'network'; error: unknown };

// Statuses whose responses carry no body. The Response constructor throws if given one.
const nullBodyStatuses = new Set([101, 204, 205, 304]);

/**
 * Middleware that gives each HTTP attempt its own timeout and retries throttling and unavailability
 * responses. The wait is the Retry-After value when the response has one. Without it the delay grows
 * exponentially from baseDelayMs, with equal jitter, up to maxDelayMs. When Retry-After requests
 * more than maxDelayMs, the response is passed on without a retry, so the caller can tell the
 * user when to try again instead of retrying before Graph allows it. A timed-out attempt is never
 * retried, because a write may have been carried out. Network errors are retried only when the
 * call allows it (reads).
 */
export class RetryTimeoutHandler implements Middleware {
  private next?: Middleware;

  constructor(
    private readonly policy: RetryPolicy,
    private readonly logger: Logger,
  ) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const call = context.middlewareControl?.getMiddlewareOptions(GraphCallState) as GraphCallState | undefined;
    if (call === undefined) {
      throw new Error('RetryTimeoutHandler needs a GraphCallState in the middleware options of every request');
    }

    for (;;) {
      call.attempts += 1;
      const startedAt = performance.now();
      const result = await this.attempt(context);
      const durationMs = Math.round(performance.now() - startedAt);
      const target = { method: call.method, path: call.logPath, clientRequestId: call.clientRequestId };

      if (result.kind === 'timeout') {
        this.logAttempt(call, durationMs, { outcome: 'timeout' });
        call.failure = timeoutError(target);
        throw call.failure;
      }

      if (result.kind === 'network') {
        this.logAttempt(call, durationMs, { outcome: 'network error' });
        if (!call.retryNetworkErrors || call.attempts > this.policy.maxRetries) {
          call.failure = networkError(target, result.error);
          throw call.failure;
        }
        await this.waitBeforeRetry(call, { reason: 'network error' }, undefined);
        continue;
      }

      const { response } = result;
      const requestId = response.headers.get('request-id') ?? undefined;
      this.logAttempt(call, durationMs, { status: response.status, requestId });
      if (!call.retryStatuses.has(response.status) || call.attempts > this.policy.maxRetries) {
        context.response = response;
        return;
      }
      const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
      if (retryAfterSeconds !== undefined && retryAfterMs(retryAfterSeconds) > this.policy.maxDelayMs) {
        this.logger.warn(
          { ...target, attempt: call.attempts, status: response.status, requestId, retryAfterSeconds, maxDelayMs: this.policy.maxDelayMs },
          'Graph asked to wait longer than maxDelayMs, not retrying',
        );
        context.response = response;
        return;
      }
      await this.waitBeforeRetry(call, { status: response.status, requestId }, retryAfterSeconds);
    }
  }

  private async attempt(context: Context): Promise<AttemptResult> {
    if (this.next === undefined) {
      throw new Error('RetryTimeoutHandler must be followed by HTTPMessageHandler');
    }

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.policy.timeoutMs);
    // Graph does not redirect the calls the bot makes, so refusing redirects keeps the bearer token on the configured host.
    context.options = { ...context.options, signal: controller.signal, redirect: 'error' };
    try {
      await this.next.execute(context);
      const response = context.response;
      if (response === undefined) {
        return { kind: 'network', error: new Error('the HTTP handler returned no response') };
      }
      // Reading the body inside the attempt puts it under the same timeout, and lets a retried
      // response be discarded without leaving its stream open.
      const body = await response.arrayBuffer();
      return { kind: 'response', response: copyResponse(response, body) };
    } catch (error) {
      if (controller.signal.aborted) {
        return { kind: 'timeout' };
      }
      return { kind: 'network', error };
    } finally {
      clearTimeout(timer);
    }
  }

  private async waitBeforeRetry(call: GraphCallState, cause: Record<string, unknown>, retryAfterSeconds: number | undefined): Promise<void> {
    const delayMs = this.retryDelayMs(call.attempts, retryAfterSeconds);
    this.logger.warn(
      { method: call.method, path: call.logPath, clientRequestId: call.clientRequestId, attempt: call.attempts, retryAfterSeconds, delayMs, ...cause },
      'Graph request failed, retrying',
    );
    await this.policy.sleep(delayMs);
  }

  private retryDelayMs(attempt: number, retryAfterSeconds: number | undefined): number {
    const { baseDelayMs, maxDelayMs, random } = this.policy;
    if (retryAfterSeconds !== undefined) {
      // execute() never retries when Retry-After exceeds maxDelayMs, so this wait is the full value.
      return retryAfterMs(retryAfterSeconds);
    }

    // Equal jitter keeps at least half the exponential step, so clients throttled together spread out but still back off.
    const step = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    return Math.round(step / 2 + random() * (step / 2));
  }

  private logAttempt(call: GraphCallState, durationMs: number, outcome: Record<string, unknown>): void {
    this.logger.debug(
      { method: call.method, path: call.logPath, clientRequestId: call.clientRequestId, attempt: call.attempts, durationMs, ...outcome },
      'Graph call',
    );
  }
}

function retryAfterMs(retryAfterSeconds: number): number {
  return Math.ceil(retryAfterSeconds * 1000);
}

function copyResponse(response: Response, body: ArrayBuffer): Response {
  return new Response(nullBodyStatuses.has(response.status) ? null : body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
