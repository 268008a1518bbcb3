import { GraphError } from '@microsoft/microsoft-graph-client';
import { describe, expect, it } from 'vitest';
import { graphRequestErrorFromResponse, parseRetryAfter, toGraphRequestError } from '../../bot/graph/graph-error.js';

const get = { method: 'GET', path: '/deviceManagement/managedDevices' };
const post = { method: 'POST', path: '/deviceManagement/sendCustomNotificationToCompanyPortal' };

describe('parseRetryAfter', () => {
  it.each([
    ['2', 2],
    ['2.128', 2.128],
    [' 0 ', 0],
  ])('reads seconds %j', (value, expected) => {
    expect(parseRetryAfter(value)).toBe(expected);
  });

  it('reads an HTTP-date', () => {
    const now = Date.parse('2026-03-01T10:00:00Z');

    expect(parseRetryAfter('Sun, 01 Mar 2026 10:00:30 GMT', now)).toBe(30);
  });

  it('treats a past HTTP-date as no wait', () => {
    const now = Date.parse('2026-03-01T10:00:00Z');

    expect(parseRetryAfter('Sun, 01 Mar 2026 09:00:00 GMT', now)).toBe(0);
  });

  it.each([null, undefined, '', '-1', 'soon', '1e3'])('ignores %j', (value) => {
    expect(parseRetryAfter(value)).toBeUndefined();
  });
});

describe('graphRequestErrorFromResponse', () => {
  it('reads code, request-id and Retry-After', () => {
    const headers = new Headers({ 'retry-after': '5' });
    const body = JSON.stringify({ error: { code: 'TooManyRequests', message: 'Please retry again later.', innerError: { 'request-id': 'inner-id', date: '2026-01-01' } } });

    const error = graphRequestErrorFromResponse({ status: 429, headers }, body, get);

    expect(error.status).toBe(429);
    expect(error.code).toBe('TooManyRequests');
    expect(error.requestId).toBe('inner-id');
    expect(error.retryAfterSeconds).toBe(5);
    expect(error.graphMessage).toBe('Please retry again later.');
    expect(error.timedOut).toBe(false);
  });

  it('prefers the request-id header', () => {
    const headers = new Headers({ 'request-id': 'header-id' });
    const body = JSON.stringify({ error: { code: 'Forbidden', innerError: { 'request-id': 'inner-id' } } });

    const error = graphRequestErrorFromResponse({ status: 403, headers }, body, get);

    expect(error.requestId).toBe('header-id');
  });

  it('tolerates a body without innerError', () => {
    const error = graphRequestErrorFromResponse({ status: 400, headers: new Headers() }, '{"error":{"code":"BadRequest"}}', get);

    expect(error.code).toBe('BadRequest');
    expect(error.requestId).toBeUndefined();
  });

  it('tolerates wrong types inside error', () => {
    const error = graphRequestErrorFromResponse({ status: 400, headers: new Headers() }, '{"error":{"code":7,"message":null,"innerError":"x"}}', get);

    expect(error.code).toBe('http_400');
  });

  it('tolerates an HTML body', () => {
    const error = graphRequestErrorFromResponse({ status: 502, headers: new Headers() }, '<html>Bad gateway</html>', get);

    expect(error.code).toBe('http_502');
    expect(error.graphMessage).toBeUndefined();
  });

  it('marks a POST 504 as outcome unknown', () => {
    const error = graphRequestErrorFromResponse({ status: 504, headers: new Headers() }, '', post);

    expect(error.outcomeUnknown).toBe(true);
  });

  it('marks a POST 500 as not sent', () => {
    const error = graphRequestErrorFromResponse({ status: 500, headers: new Headers() }, '', post);

    expect(error.outcomeUnknown).toBe(false);
  });
});

describe('toGraphRequestError', () => {
  it('converts an SDK GraphError with a response', () => {
    const sdkError = new GraphError(403, 'Application is not authorized');
    sdkError.code = 'Forbidden';
    sdkError.requestId = 'sdk-id';

    const error = toGraphRequestError(sdkError, get);

    expect(error.status).toBe(403);
    expect(error.code).toBe('Forbidden');
    expect(error.requestId).toBe('sdk-id');
  });

  it('converts an SDK GraphError without a response', () => {
    const sdkError = new GraphError(-1, 'fetch failed');
    sdkError.code = 'TypeError';

    const error = toGraphRequestError(sdkError, get);

    expect(error.status).toBe(0);
    expect(error.code).toBe('network');
  });

  it('converts an AbortError into a timeout', () => {
    const error = toGraphRequestError(new DOMException('aborted', 'AbortError'), post);

    expect(error.timedOut).toBe(true);
    expect(error.code).toBe('timeout');
    expect(error.status).toBe(0);
    expect(error.outcomeUnknown).toBe(true);
  });

  it('treats a refused POST as not sent', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });

    const error = toGraphRequestError(new TypeError('fetch failed', { cause }), post);

    expect(error.code).toBe('network');
    expect(error.outcomeUnknown).toBe(false);
  });

  it('treats a reset POST as outcome unknown', () => {
    const cause = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });

    const error = toGraphRequestError(new TypeError('fetch failed', { cause }), post);

    expect(error.outcomeUnknown).toBe(true);
  });

  it('recognises a token failure', () => {
    const tokenError = new Error('AADSTS7000215: Invalid client secret provided.');
    tokenError.name = 'AuthenticationError';

    const error = toGraphRequestError(tokenError, get);

    expect(error.code).toBe('authentication_failed');
  });

  it('leaves the path without query values in the message', () => {
    const error = toGraphRequestError(new DOMException('aborted', 'AbortError'), { method: 'GET', path: '/deviceManagement/managedDevices?$filter' });

    expect(error.message).toBe('Microsoft Graph GET /deviceManagement/managedDevices?$filter timed out');
  });
});
