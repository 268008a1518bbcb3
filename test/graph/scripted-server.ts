import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../bot/log.js';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Raw bytes of the body, to compare encodings exactly. */
  bodyBytes: Buffer;
}

export type Handler = (request: RecordedRequest, response: ServerResponse, index: number) => void;

/**
 * An HTTP server on 127.0.0.1:0 that records every request and responds through the handler the
 * test sets, so a test scripts Graph's responses call by call.
 */
export class ScriptedServer {
  readonly requests: RecordedRequest[] = [];
  url = '';
  handler: Handler = (_request, response) => json(response, 200, { value: [] });
  private server?: Server;

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const bodyBytes = Buffer.concat(chunks);
        const recorded = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: bodyBytes.toString('utf8'), bodyBytes };
        this.requests.push(recorded);
        this.handler(recorded, response, this.requests.length - 1);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  reset(handler?: Handler): void {
    this.requests.length = 0;
    if (handler) {
      this.handler = handler;
    }
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

export function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

export function graphError(response: ServerResponse, status: number, code: string, requestId: string, headers: Record<string, string> = {}): void {
  json(response, status, { error: { code, message: `simulated ${code}`, innerError: { 'request-id': requestId, date: '2026-01-01T00:00:00' } } }, { 'request-id': requestId, ...headers });
}

/** Creates a debug-level logger whose JSON lines the test can read. */
export function captureLogger(): { logger: Logger; lines: () => Array<Record<string, unknown>>; text: () => string } {
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      raw.push(chunk.toString('utf8'));
      callback();
    },
  });
  const logger = createLogger('debug', destination);
  const text = () => raw.join('');
  const lines = () =>
    text()
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, text };
}

/** A sleep that records the requested delays and returns at once. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return {
    delays,
    sleep: async (ms: number) => {
      delays.push(ms);
    },
  };
}
