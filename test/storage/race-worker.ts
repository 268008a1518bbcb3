/**
 * Child process for the cross-process tests in concurrency.test.ts. It opens the store file given
 * as its first argument, reports `ready`, and on `reserve` tries each draft in order for one device,
 * then reports every result. Run it with `node --import tsx`.
 */
import { z } from 'zod';
import { openSqliteStore } from '../../bot/storage/sqlite-store.js';
import type { Reservation } from '../../bot/storage/store.js';
import { deviceAttempt, deviceQuota } from './fixtures.js';

const messageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('reserve'), draftIds: z.array(z.string()), deviceId: z.string(), now: z.string().datetime() }),
  z.object({ type: z.literal('close') }),
]);

export type WorkerMessage = z.infer<typeof messageSchema>;

export type WorkerReport =
  | { type: 'ready' }
  | { type: 'results'; results: Array<{ draftId: string; reservation: Reservation }> }
  | { type: 'error'; message: string };

function report(message: WorkerReport): void {
  process.send?.(message);
}

const path = process.argv[2];
if (path === undefined || process.send === undefined) {
  throw new Error('race-worker needs the store path as its argument and an IPC channel: start it with child_process.fork');
}

const store = openSqliteStore(path);
report({ type: 'ready' });

process.on('message', (raw) => {
  handle(raw).catch((error: unknown) => {
    report({ type: 'error', message: error instanceof Error ? error.stack ?? error.message : String(error) });
    process.exitCode = 1;
    process.disconnect();
  });
});

async function handle(raw: unknown): Promise<void> {
  const message = messageSchema.parse(raw);
  if (message.type === 'close') {
    await store.close();
    process.disconnect();
    return;
  }

  const results = [];
  for (const draftId of message.draftIds) {
    const reservation = await store.reserveDeviceSend({
      draftId,
      deviceId: message.deviceId,
      attempt: deviceAttempt(`attempt-${process.pid}-${draftId}`, message.deviceId),
      quota: deviceQuota,
      now: new Date(message.now),
    });
    results.push({ draftId, reservation });
  }
  report({ type: 'results', results });
}
