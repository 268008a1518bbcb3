import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../bot/storage/sqlite-store.js';
import { createDraft, deviceQuota, startTime, tenantId } from './fixtures.js';
import type { WorkerMessage, WorkerReport } from './race-worker.js';

const workerPath = fileURLToPath(new URL('./race-worker.ts', import.meta.url));
const workerCount = 4;

let dir: string;
let path: string;
const workers: ChildProcess[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'intune-notify-race-'));
  path = join(dir, 'store.db');
});

afterEach(() => {
  for (const worker of workers.splice(0)) {
    if (worker.exitCode === null && worker.signalCode === null) {
      worker.kill();
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

function nextReport(worker: ChildProcess): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: WorkerReport) => {
      cleanUp();
      if (message.type === 'error') {
        reject(new Error(`race worker ${worker.pid} failed: ${message.message}`));
        return;
      }
      resolve(message);
    };
    const onExit = (code: number | null) => {
      cleanUp();
      reject(new Error(`race worker ${worker.pid} exited with code ${code} before reporting`));
    };
    const cleanUp = () => {
      worker.off('message', onMessage);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('exit', onExit);
  });
}

/** Starts the workers together, so they also race to create and migrate the new file. */
async function startWorkers(): Promise<ChildProcess[]> {
  const started = Array.from({ length: workerCount }, () => fork(workerPath, [path], { execArgv: ['--import', 'tsx'] }));
  workers.push(...started);

  const reports = await Promise.all(started.map(nextReport));
  expect(reports.every((report) => report.type === 'ready')).toBe(true);
  return started;
}

/** Sends each worker its draft list at once and collects every reservation result. */
async function race(started: ChildProcess[], deviceId: string, draftIdsFor: (index: number) => string[]) {
  const pending = started.map(nextReport);
  started.forEach((worker, index) => {
    const message: WorkerMessage = { type: 'reserve', draftIds: draftIdsFor(index), deviceId, now: startTime.toISOString() };
    worker.send(message);
  });

  const reports = await Promise.all(pending);
  return reports.flatMap((report) => (report.type === 'results' ? report.results : []));
}

async function stopWorkers(started: ChildProcess[]): Promise<void> {
  const exits = started.map((worker) => new Promise((resolve) => worker.once('exit', resolve)));
  const message: WorkerMessage = { type: 'close' };
  started.forEach((worker) => worker.send(message));
  await Promise.all(exits);
}

describe('store shared by processes', () => {
  it('allows ten sends across processes', async () => {
    const started = await startWorkers();
    const store = openSqliteStore(path);

    // Several rounds, one device each, give an unguarded check-then-write more chances to show.
    for (const deviceId of ['dev-1', 'dev-2', 'dev-3', 'dev-4', 'dev-5']) {
      const draftIds = Array.from({ length: 15 }, (_, i) => `${deviceId}-draft-${i}`);
      for (const draftId of draftIds) {
        await createDraft(store, draftId);
      }

      // Each worker walks the drafts from a different starting point, so they collide on drafts and on the quota.
      const results = await race(started, deviceId, (index) => [...draftIds.slice(index * 4), ...draftIds.slice(0, index * 4)]);

      const reserved = results.filter((result) => result.reservation.ok).map((result) => result.draftId);
      expect(results).toHaveLength(workerCount * 15);
      expect(reserved).toHaveLength(10);
      expect(new Set(reserved).size).toBe(10);
      expect(results.every((result) => result.reservation.ok || ['quota', 'draft_state'].includes(result.reservation.reason))).toBe(true);
      expect((await store.deviceQuotaUsage(tenantId, deviceId, deviceQuota, startTime)).used).toBe(10);
      const states = await Promise.all(draftIds.map(async (draftId) => (await store.getDraft(draftId))?.state));
      expect(states.filter((state) => state === 'sending')).toHaveLength(10);
      expect(states.filter((state) => state === 'open')).toHaveLength(5);
    }

    await stopWorkers(started);
    expect(await store.listAttempts({ tenantId, limit: 100 })).toHaveLength(50);
    await store.close();
  });

  it('reserves one draft once across processes', async () => {
    const started = await startWorkers();
    const store = openSqliteStore(path);
    await createDraft(store, 'shared');

    const results = await race(started, 'dev-1', () => ['shared']);
    await stopWorkers(started);

    expect(results.filter((result) => result.reservation.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.reservation.ok).map((result) => result.reservation)).toEqual(
      Array.from({ length: workerCount - 1 }, () => ({ ok: false, reason: 'draft_state', state: 'sending' })),
    );
    expect(await store.listAttempts({ tenantId, limit: 100 })).toHaveLength(1);
    await store.close();
  });
});
