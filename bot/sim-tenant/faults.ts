import { graphErrorBody, type GraphErrorBody } from './graph-error.js';
import type { FaultRule } from './types.js';

interface ActiveRule {
  rule: FaultRule;
  remaining: number;
}

/** Validates a rule added from code or over HTTP; throws TypeError naming the bad field. */
function assertValidRule(rule: FaultRule): void {
  if (typeof rule.path !== 'string' && !(rule.path instanceof RegExp)) {
    throw new TypeError('FaultRule.path must be a string or a RegExp');
  }
  if (rule.status !== undefined && (!Number.isInteger(rule.status) || rule.status < 400 || rule.status > 599)) {
    throw new TypeError(`FaultRule.status must be an error status from 400 to 599, not ${rule.status}`);
  }
  if (rule.delayMs !== undefined && (!Number.isFinite(rule.delayMs) || rule.delayMs < 0)) {
    throw new TypeError(`FaultRule.delayMs must be zero or more milliseconds, not ${rule.delayMs}`);
  }
  if (rule.times !== undefined && (!Number.isInteger(rule.times) || rule.times < 1)) {
    throw new TypeError(`FaultRule.times must be a whole number of at least 1, not ${rule.times}`);
  }
}

function pathMatches(pattern: string | RegExp, pathname: string): boolean {
  if (pattern instanceof RegExp) {
    pattern.lastIndex = 0;
    return pattern.test(pathname);
  }
  const expected = pattern.toLowerCase();
  const actual = pathname.toLowerCase();
  if (expected.endsWith('*')) {
    return actual.startsWith(expected.slice(0, -1));
  }
  return actual === expected;
}

/** The fault rules of one simulated tenant, checked in insertion order. */
export class FaultList {
  private rules: ActiveRule[] = [];

  add(rule: FaultRule): void {
    assertValidRule(rule);
    this.rules.push({ rule: { ...rule }, remaining: rule.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.rules = [];
  }

  /** Returns the first rule matching the request and uses up one of its applications. */
  take(method: string, pathname: string): FaultRule | undefined {
    const index = this.rules.findIndex(({ rule }) =>
      (rule.method === undefined || rule.method.toUpperCase() === method.toUpperCase()) && pathMatches(rule.path, pathname));
    const active = this.rules[index];
    if (active === undefined) {
      return undefined;
    }

    active.remaining -= 1;
    if (active.remaining <= 0) {
      this.rules.splice(index, 1);
    }
    return active.rule;
  }
}

/** Returns true when the rule ends in an error response. A rule with only delayMs lets the request through after the delay. */
export function isErrorFault(rule: FaultRule): boolean {
  return rule.status !== undefined || rule.delayMs === undefined;
}

const codeByStatus: Record<number, string> = {
  400: 'BadRequest',
  401: 'InvalidAuthenticationToken',
  403: 'Forbidden',
  404: 'ResourceNotFound',
  409: 'Conflict',
  412: 'PreconditionFailed',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

function messageFor(status: number, activityId: string, url: string): string {
  switch (status) {
    case 403:
      // Intune's wording for a missing app permission; the operation id is a placeholder.
      return `Application is not authorized to perform this operation - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: ${activityId} - Url: ${url} - CustomApiErrorPhrase: `;
    case 429:
      return 'Please retry again later.';
    case 503:
      return 'The service is temporarily unavailable. Please retry later.';
    case 504:
      return 'The gateway did not receive a response from the service in time.';
    default:
      return `Simulated fault: the service answered ${status}.`;
  }
}

export interface FaultAnswer {
  status: number;
  headers: Record<string, string>;
  body: GraphErrorBody;
}

export function faultAnswer(rule: FaultRule, ids: { requestId: string; clientRequestId: string }, url: string): FaultAnswer {
  const status = rule.status ?? 500;
  const code = rule.code ?? codeByStatus[status] ?? 'UnknownError';
  const extraInner: Record<string, string> = status === 429 ? { code: '429', message: 'Please retry after', status: '429' } : {};
  const headers: Record<string, string> = rule.retryAfter === undefined ? {} : { 'Retry-After': rule.retryAfter };
  return { status, headers, body: graphErrorBody(code, messageFor(status, ids.requestId, url), ids, extraInner) };
}
