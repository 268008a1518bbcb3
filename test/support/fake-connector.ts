import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string;
  activityId?: string;
  body: Record<string, unknown>;
}

/**
 * A Bot Connector stand-in on 127.0.0.1 that records what the bot posts (replies, proactive
 * messages) and puts (card updates), and responds like the real service.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  private server?: Server;
  private nextId = 1;
  private waiters: Array<{ predicate: (call: ConnectorCall) => boolean; resolve: (call: ConnectorCall) => void }> = [];
  url = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(request.url ?? '');
        if (!match) {
          response.writeHead(404).end();
          return;
        }
        const text = Buffer.concat(chunks).toString('utf8');
        const call: ConnectorCall = {
          method: request.method ?? '',
          path: request.url ?? '',
          conversationId: decodeURIComponent(match[1]!),
          activityId: match[2] ? decodeURIComponent(match[2]) : undefined,
          body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
        };
        this.record(call);
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: call.activityId && call.method === 'PUT' ? call.activityId : `activity-${this.nextId++}` }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /** Resolves with the first call, past or future, that matches. */
  waitFor(predicate: (call: ConnectorCall) => boolean, timeoutMs = 15_000): Promise<ConnectorCall> {
    const existing = this.calls.find(predicate);
    if (existing) {
      return Promise.resolve(existing);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('connector call not received in time')), timeoutMs);
      this.waiters.push({
        predicate,
        resolve: (call) => {
          clearTimeout(timer);
          resolve(call);
        },
      });
    });
  }

  clear(): void {
    this.calls.length = 0;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private record(call: ConnectorCall): void {
    this.calls.push(call);
    for (const waiter of [...this.waiters]) {
      if (waiter.predicate(call)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
    }
  }
}

/** Returns the first Adaptive Card attached to an activity the bot sent. */
export function cardOf(body: Record<string, unknown>): Record<string, unknown> {
  const attachments = body.attachments as Array<{ contentType: string; content: Record<string, unknown> }> | undefined;
  const card = attachments?.find((attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!card) {
    throw new Error(`activity has no adaptive card: ${JSON.stringify(body).slice(0, 300)}`);
  }
  return card.content;
}
