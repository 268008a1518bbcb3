import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createGraphClient, type GraphClient, type GraphClientOptions } from '../../bot/graph/client.js';
import { GraphRequestError } from '../../bot/graph/graph-error.js';
import { captureLogger, graphError, json, recordingSleep, ScriptedServer } from './scripted-server.js';

const item = z.object({ id: z.string(), name: z.string() });

const server = new ScriptedServer();
beforeAll(() => server.start());
afterAll(() => server.close());
beforeEach(() => server.reset());

function client(overrides: Partial<GraphClientOptions> = {}) {
  const log = captureLogger();
  const sleep = recordingSleep();
  const graph: GraphClient = createGraphClient({
    baseUrl: server.url,
    credentials: { kind: 'none' },
    logger: log.logger,
    retry: { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 2_000 },
    sleep: sleep.sleep,
    ...overrides,
  });
  return { graph, log, delays: sleep.delays };
}

async function failure(promise: Promise<unknown>): Promise<GraphRequestError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GraphRequestError);
  return error as GraphRequestError;
}

describe('get', () => {
  it('returns the parsed value and request-id', async () => {
    server.handler = (_request, response) => json(response, 200, { id: '1', name: 'one' }, { 'request-id': 'req-1' });
    const { graph } = client();

    const result = await graph.get('/things/1', item, { version: 'beta' });

    expect(result.value).toEqual({ id: '1', name: 'one' });
    expect(result.requestId).toBe('req-1');
    expect(server.requests[0]?.url).toBe('/beta/things/1');
  });

  it('defaults to v1.0', async () => {
    server.handler = (_request, response) => json(response, 200, { id: '1', name: 'one' });
    const { graph } = client();

    await graph.get('/things/1', item);

    expect(server.requests[0]?.url).toBe('/v1.0/things/1');
  });

  it('sends no Authorization header to loopback', async () => {
    server.handler = (_request, response) => json(response, 200, { id: '1', name: 'one' });
    const { graph } = client();

    await graph.get('/things/1', item, { headers: { ConsistencyLevel: 'eventual' } });

    expect(server.requests[0]?.headers.authorization).toBeUndefined();
    expect(server.requests[0]?.headers.consistencylevel).toBe('eventual');
    expect(server.requests[0]?.headers['client-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps encoded query values', async () => {
    server.handler = (_request, response) => json(response, 200, { id: '1', name: 'one' });
    const { graph } = client();
    const filter = encodeURIComponent("startswith(deviceName,'a&b=c''d #%')");

    await graph.get(`/things?$filter=${filter}&$select=id,name`, item);

    const url = new URL(server.requests[0]!.url, server.url);
    expect(url.searchParams.get('$filter')).toBe("startswith(deviceName,'a&b=c''d #%')");
    expect(url.searchParams.get('$select')).toBe('id,name');
  });

  it('rejects a body that fails the schema', async () => {
    server.handler = (_request, response) => json(response, 200, { id: 1 }, { 'request-id': 'req-bad' });
    const { graph } = client();

    const error = await failure(graph.get('/things/1', item));

    expect(error.code).toBe('invalid_response');
    expect(error.status).toBe(200);
    expect(error.requestId).toBe('req-bad');
  });

  it('rejects a body that is not JSON', async () => {
    server.handler = (_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<html>proxy</html>');
    const { graph } = client();

    const error = await failure(graph.get('/things/1', item));

    expect(error.code).toBe('invalid_response');
  });

  it('rejects an absolute path', async () => {
    const { graph } = client();

    await expect(graph.get('https://example.invalid/v1.0/me', item)).rejects.toThrow(/must be relative/);
    expect(server.requests).toHaveLength(0);
  });
});

describe('getAllPages', () => {
  function pagedHandler(pageCount: number, perPage: number, linkBase: string) {
    return (request: { url: string }, response: Parameters<typeof json>[0]) => {
      const url = new URL(request.url, server.url);
      const page = Number(url.searchParams.get('$skiptoken') ?? '0');
      const value = Array.from({ length: perPage }, (_, index) => ({ id: `${page}-${index}`, name: `item ${page}-${index}` }));
      const nextLink = page + 1 < pageCount ? `${linkBase}/beta/things?$select=id,name&$skiptoken=${page + 1}` : undefined;
      json(response, 200, { value, ...(nextLink ? { '@odata.nextLink': nextLink } : {}) });
    };
  }

  it('follows absolute http nextLinks', async () => {
    server.handler = pagedHandler(3, 4, server.url);
    const { graph } = client();

    const result = await graph.getAllPages('/things?$select=id,name', item, { version: 'beta' });

    expect(result.items).toHaveLength(12);
    expect(result.truncated).toBe(false);
    expect(server.requests.map((request) => request.url)).toEqual([
      '/beta/things?$select=id,name',
      '/beta/things?$select=id,name&$skiptoken=1',
      '/beta/things?$select=id,name&$skiptoken=2',
    ]);
  });

  it('stops at maxItems', async () => {
    server.handler = pagedHandler(5, 4, server.url);
    const { graph } = client();

    const result = await graph.getAllPages('/things', item, { version: 'beta', maxItems: 6 });

    expect(result.items).toHaveLength(6);
    expect(result.truncated).toBe(true);
    expect(server.requests).toHaveLength(2);
  });

  it('marks a full last page untruncated', async () => {
    server.handler = pagedHandler(2, 4, server.url);
    const { graph } = client();

    const result = await graph.getAllPages('/things', item, { version: 'beta', maxItems: 8 });

    expect(result.items).toHaveLength(8);
    expect(result.truncated).toBe(false);
  });

  it('refuses a nextLink to another host', async () => {
    server.handler = pagedHandler(2, 1, 'http://198.51.100.7');
    const { graph } = client();

    const error = await failure(graph.getAllPages('/things', item, { version: 'beta' }));

    expect(error.code).toBe('invalid_response');
    expect(server.requests).toHaveLength(1);
  });

  it('refuses a repeating nextLink', async () => {
    server.handler = (_request, response) => json(response, 200, { value: [], '@odata.nextLink': `${server.url}/beta/things?$skiptoken=same` });
    const { graph } = client();

    const error = await failure(graph.getAllPages('/things', item, { version: 'beta' }));

    expect(error.code).toBe('invalid_response');
    expect(server.requests).toHaveLength(2);
  });

  it('rejects an invalid item by default', async () => {
    server.handler = (_request, response) => json(response, 200, { value: [{ id: 'a', name: 'ok' }, { id: 'b' }] });
    const { graph } = client();

    const error = await failure(graph.getAllPages('/things', item));

    expect(error.code).toBe('invalid_response');
  });

  it('skips an invalid item when asked', async () => {
    server.handler = (_request, response) => json(response, 200, { value: [{ id: 'a', name: 'ok' }, { id: 'b' }] });
    const { graph, log } = client();

    const result = await graph.getAllPages('/things', item, { invalidItems: 'skip' });

    expect(result.items.map((entry) => entry.id)).toEqual(['a']);
    expect(log.lines().find((line) => line.msg === 'Skipped a Graph item that failed validation')?.itemId).toBe('b');
  });
});

describe('post', () => {
  it('sends the body as JSON once', async () => {
    server.handler = (_request, response) => response.writeHead(204, { 'request-id': 'req-post' }).end();
    const { graph } = client();
    const body = { notificationTitle: 'Restart 🙂 "now"', notificationBody: 'line\\one\nline two ${x} **md**' };

    const result = await graph.post('/things/send', body, { version: 'beta' });

    expect(result).toEqual({ status: 204, requestId: 'req-post' });
    expect(server.requests[0]?.bodyBytes.equals(Buffer.from(JSON.stringify(body), 'utf8'))).toBe(true);
    expect(server.requests[0]?.headers['content-type']).toMatch(/^application\/json/);
    expect(server.requests[0]?.method).toBe('POST');
  });

  it('accepts 200 with a body', async () => {
    server.handler = (_request, response) => json(response, 200, { value: ['x'] });
    const { graph } = client();

    const result = await graph.post('/things/check', { ids: ['x'] });

    expect(result.status).toBe(200);
  });
});

describe('retry', () => {
  it('waits a real Retry-After of 1 second', async () => {
    server.handler = (_request, response, index) =>
      index === 0 ? graphError(response, 429, 'TooManyRequests', 'req-429', { 'retry-after': '1' }) : json(response, 200, { id: '1', name: 'one' });
    const { graph } = client({ sleep: undefined });

    const startedAt = performance.now();
    const result = await graph.get('/things/1', item);
    const elapsedMs = performance.now() - startedAt;

    expect(result.value.id).toBe('1');
    expect(server.requests).toHaveLength(2);
    expect(elapsedMs).toBeGreaterThanOrEqual(950);
  });

  it('honours decimal Retry-After', async () => {
    server.handler = (_request, response, index) =>
      index === 0 ? graphError(response, 429, 'TooManyRequests', 'req-429', { 'retry-after': '0.25' }) : json(response, 200, { id: '1', name: 'one' });
    const { graph, delays } = client();

    await graph.get('/things/1', item);

    expect(delays).toEqual([250]);
  });

  it('honours an HTTP-date Retry-After', async () => {
    const at = new Date(Date.now() + 1_500).toUTCString();
    server.handler = (_request, response, index) =>
      index === 0 ? graphError(response, 503, 'ServiceUnavailable', 'req-503', { 'retry-after': at }) : json(response, 200, { id: '1', name: 'one' });
    const { graph, delays } = client();

    await graph.get('/things/1', item);

    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThan(0);
    expect(delays[0]).toBeLessThanOrEqual(1_500);
  });

  it('waits a Retry-After equal to maxDelayMs', async () => {
    server.handler = (_request, response, index) =>
      index === 0 ? graphError(response, 429, 'TooManyRequests', 'req-429', { 'retry-after': '2' }) : json(response, 200, { id: '1', name: 'one' });
    const { graph, delays } = client();

    await graph.get('/things/1', item);

    expect(delays).toEqual([2_000]);
    expect(server.requests).toHaveLength(2);
  });

  it('fails at once when Retry-After exceeds maxDelayMs', async () => {
    server.handler = (_request, response, index) =>
      index === 0 ? graphError(response, 429, 'TooManyRequests', 'req-429', { 'retry-after': '120' }) : json(response, 200, { id: '1', name: 'one' });
    const { graph, delays } = client();

    const error = await failure(graph.get('/things/1', item));

    expect(server.requests).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(error.status).toBe(429);
    expect(error.code).toBe('TooManyRequests');
    expect(error.requestId).toBe('req-429');
    expect(error.retryAfterSeconds).toBe(120);
  });

  it('fails a POST at once on 503 with a long Retry-After', async () => {
    server.handler = (_request, response, index) =>
      index === 0 ? graphError(response, 503, 'ServiceUnavailable', 'req-503', { 'retry-after': '2.5' }) : response.writeHead(204).end();
    const { graph, delays } = client();

    const error = await failure(graph.post('/things/send', { a: 1 }));

    expect(server.requests).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(error.status).toBe(503);
    expect(error.retryAfterSeconds).toBe(2.5);
  });

  it('fails at once on a distant HTTP-date Retry-After', async () => {
    const at = new Date(Date.now() + 600_000).toUTCString();
    server.handler = (_request, response, index) =>
      index === 0 ? graphError(response, 503, 'ServiceUnavailable', 'req-503', { 'retry-after': at }) : json(response, 200, { id: '1', name: 'one' });
    const { graph } = client();

    const error = await failure(graph.get('/things/1', item));

    expect(server.requests).toHaveLength(1);
    expect(error.retryAfterSeconds).toBeGreaterThan(590);
  });

  it('stops retrying when a later Retry-After is too long', async () => {
    server.handler = (_request, response, index) =>
      graphError(response, 429, 'TooManyRequests', `req-${index}`, { 'retry-after': index === 0 ? '1' : '60' });
    const { graph, delays } = client();

    const error = await failure(graph.get('/things/1', item));

    expect(server.requests).toHaveLength(2);
    expect(delays).toEqual([1_000]);
    expect(error.requestId).toBe('req-1');
    expect(error.retryAfterSeconds).toBe(60);
  });

  it('logs a Retry-After too long to wait', async () => {
    server.handler = (_request, response) => graphError(response, 429, 'TooManyRequests', 'req-long', { 'retry-after': '120' });
    const { graph, log } = client();

    await graph.get('/things/1', item).catch(() => undefined);

    const warning = log.lines().find((line) => line.msg === 'Graph asked to wait longer than maxDelayMs, not retrying');
    expect(warning?.level).toBe(40);
    expect(warning?.requestId).toBe('req-long');
    expect(warning?.retryAfterSeconds).toBe(120);
  });

  it('backs off with jitter without Retry-After', async () => {
    server.handler = (_request, response, index) => (index < 3 ? graphError(response, 429, 'TooManyRequests', `req-${index}`) : json(response, 200, { id: '1', name: 'one' }));
    const { graph, delays } = client();

    await graph.get('/things/1', item);

    expect(delays).toHaveLength(3);
    for (const [index, delayMs] of delays.entries()) {
      const step = 100 * 2 ** index;
      expect(delayMs).toBeGreaterThanOrEqual(step / 2);
      expect(delayMs).toBeLessThanOrEqual(step);
    }
  });

  it('gives up after maxRetries', async () => {
    server.handler = (_request, response, index) => graphError(response, 429, 'TooManyRequests', `req-${index}`, { 'retry-after': '1.5' });
    const { graph, delays } = client();

    const error = await failure(graph.get('/things/1', item));

    expect(server.requests).toHaveLength(4);
    expect(delays).toHaveLength(3);
    expect(error.status).toBe(429);
    expect(error.code).toBe('TooManyRequests');
    expect(error.requestId).toBe('req-3');
    expect(error.retryAfterSeconds).toBe(1.5);
  });

  it.each([503, 504])('retries GET on %i', async (status) => {
    server.handler = (_request, response, index) => (index === 0 ? graphError(response, status, 'ServiceUnavailable', 'req-5xx') : json(response, 200, { id: '1', name: 'one' }));
    const { graph } = client();

    const result = await graph.get('/things/1', item);

    expect(result.value.id).toBe('1');
    expect(server.requests).toHaveLength(2);
  });

  it('retries POST on 503', async () => {
    server.handler = (_request, response, index) => (index === 0 ? graphError(response, 503, 'ServiceUnavailable', 'req-503') : response.writeHead(204).end());
    const { graph } = client();

    const result = await graph.post('/things/send', { a: 1 });

    expect(result.status).toBe(204);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.body).toBe('{"a":1}');
  });

  it('does not retry POST on 504', async () => {
    server.handler = (_request, response) => graphError(response, 504, 'GatewayTimeout', 'req-504');
    const { graph } = client();

    const error = await failure(graph.post('/things/send', { a: 1 }));

    expect(server.requests).toHaveLength(1);
    expect(error.status).toBe(504);
    expect(error.outcomeUnknown).toBe(true);
  });

  it('does not retry 400', async () => {
    server.handler = (_request, response) => graphError(response, 400, 'BadRequest', 'req-400');
    const { graph } = client();

    const error = await failure(graph.post('/things/send', { a: 1 }));

    expect(server.requests).toHaveLength(1);
    expect(error.status).toBe(400);
    expect(error.code).toBe('BadRequest');
  });

  it('logs each retry at warn with request-id and delay', async () => {
    server.handler = (_request, response, index) =>
      index === 0 ? graphError(response, 429, 'TooManyRequests', 'req-warn', { 'retry-after': '2' }) : json(response, 200, { id: '1', name: 'one' });
    const { graph, log } = client();

    await graph.get('/things/1', item);

    const warning = log.lines().find((line) => line.level === 40);
    expect(warning?.requestId).toBe('req-warn');
    expect(warning?.delayMs).toBe(2_000);
    expect(warning?.status).toBe(429);
  });

  it('logs calls without query values or bodies', async () => {
    server.handler = (_request, response) => response.writeHead(204).end();
    const { graph, log } = client();

    await graph.get(`/things?$filter=${encodeURIComponent("startswith(userPrincipalName,'secret.person')")}`, z.unknown()).catch(() => undefined);
    await graph.post('/things/send', { notificationBody: 'private words' });

    const calls = log.lines().filter((line) => line.msg === 'Graph call');
    expect(calls.map((line) => line.path)).toEqual(['/things?$filter', '/things/send']);
    expect(log.text()).not.toContain('secret.person');
    expect(log.text()).not.toContain('private words');
  });
});

describe('timeouts and network errors', () => {
  it('does not retry a timed-out POST', async () => {
    server.handler = (_request, response) => {
      setTimeout(() => response.writeHead(204).end(), 600).unref();
    };
    const { graph } = client({ timeoutMs: 150 });

    const error = await failure(graph.post('/things/send', { a: 1 }));

    expect(error.timedOut).toBe(true);
    expect(error.status).toBe(0);
    expect(error.code).toBe('timeout');
    expect(error.outcomeUnknown).toBe(true);
    expect(error.clientRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry a timed-out GET', async () => {
    server.handler = (_request, response) => {
      setTimeout(() => json(response, 200, { id: '1', name: 'one' }), 600).unref();
    };
    const { graph } = client({ timeoutMs: 150 });

    const error = await failure(graph.get('/things/1', item));

    expect(error.timedOut).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('times out a body that stalls', async () => {
    server.handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"id":');
    };
    const { graph } = client({ timeoutMs: 200 });

    const error = await failure(graph.get('/things/1', item));

    expect(error.timedOut).toBe(true);
  });

  it('retries GET after a dropped connection', async () => {
    server.handler = (request, response, index) => {
      if (index === 0) {
        response.socket?.destroy();
        return;
      }
      json(response, 200, { id: '1', name: 'one' });
    };
    const { graph, delays } = client();

    const result = await graph.get('/things/1', item);

    expect(result.value.id).toBe('1');
    expect(delays).toHaveLength(1);
  });

  it('does not retry POST after a dropped connection', async () => {
    server.handler = (_request, response) => response.socket?.destroy();
    const { graph } = client();

    const error = await failure(graph.post('/things/send', { a: 1 }));

    expect(server.requests).toHaveLength(1);
    expect(error.code).toBe('network');
    expect(error.outcomeUnknown).toBe(true);
  });

  it('reports a refused connection as not sent', async () => {
    const closed = new ScriptedServer();
    await closed.start();
    const url = closed.url;
    await closed.close();
    const { graph } = client({ baseUrl: url });

    const error = await failure(graph.post('/things/send', { a: 1 }));

    expect(error.code).toBe('network');
    expect(error.outcomeUnknown).toBe(false);
  });

  it('bounds GET retries on a refused connection', async () => {
    const closed = new ScriptedServer();
    await closed.start();
    const url = closed.url;
    await closed.close();
    const { graph, delays } = client({ baseUrl: url });

    const error = await failure(graph.get('/things/1', item));

    expect(error.code).toBe('network');
    expect(delays).toHaveLength(3);
  });
});
