import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../bot/config.js';
import { migrations } from '../../bot/storage/migrations.js';
import { openStore } from '../../bot/storage/open-store.js';
import { openSqliteStore } from '../../bot/storage/sqlite-store.js';
import type { Store } from '../../bot/storage/store.js';
import { at, createDraft, minuteMs, reserveDevice, startTime, tenantId } from './fixtures.js';

const silentLogger = pino({ level: 'silent' });

let dir: string;
const openStores: Store[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'intune-notify-open-'));
});

afterEach(async () => {
  for (const store of openStores.splice(0)) {
    await store.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

function open(path = join(dir, 'store.db')) {
  const store = openSqliteStore(path);
  openStores.push(store);
  return store;
}

function readPragma(path: string, pragma: string): unknown {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma(pragma, { simple: true });
  } finally {
    db.close();
  }
}

describe('openSqliteStore', () => {
  it('creates missing parent folders', async () => {
    const path = join(dir, 'data', 'nested', 'store.db');

    const store = open(path);
    await createDraft(store, 'draft-1');

    expect(existsSync(path)).toBe(true);
  });

  it('uses WAL journal mode', () => {
    const path = join(dir, 'store.db');

    open(path);

    expect(readPragma(path, 'journal_mode')).toBe('wal');
  });

  it('records the schema version', () => {
    const path = join(dir, 'store.db');

    open(path);

    expect(readPragma(path, 'user_version')).toBe(migrations.at(-1)?.version);
  });

  it('rejects a newer schema', () => {
    const path = join(dir, 'store.db');
    const db = new Database(path);
    db.pragma('user_version = 999');
    db.close();

    expect(() => open(path)).toThrow(/schema is at version 999/);
  });

  it('names the path when the file cannot be opened', () => {
    expect(() => open(dir)).toThrow(`Could not open the SQLite database ${dir}`);
  });

  it('keeps data across a reopen', async () => {
    const path = join(dir, 'store.db');
    const first = open(path);
    await reserveDevice(first, 'draft-1', 'dev-1', startTime);
    await first.finishAttempt({ attemptId: 'attempt-draft-1', outcome: 'sent', draftState: 'sent', now: at(minuteMs), graphRequestId: 'request-1' });
    await reserveDevice(first, 'draft-2', 'dev-1', at(2 * minuteMs));
    await first.saveDeviceSearch({ id: 'search-1', ownerAadObjectId: 'owner-1', query: 'ipad', deviceIds: ['dev-1'], createdAt: startTime });
    const draftsBefore = [await first.getDraft('draft-1'), await first.getDraft('draft-2')];
    const historyBefore = await first.listAttempts({ tenantId, limit: 10 });
    await first.close();
    openStores.splice(0);

    const second = open(path);

    expect([await second.getDraft('draft-1'), await second.getDraft('draft-2')]).toEqual(draftsBefore);
    expect(await second.listAttempts({ tenantId, limit: 10 })).toEqual(historyBefore);
    expect(await second.getDeviceSearch('search-1')).toEqual({ id: 'search-1', ownerAadObjectId: 'owner-1', query: 'ipad', deviceIds: ['dev-1'], createdAt: startTime });
    expect((await second.deviceQuotaUsage(tenantId, 'dev-1', { limit: 10, windowMs: 60 * minuteMs }, at(3 * minuteMs))).used).toBe(2);
  });

  it('recovers an attempt left sending by a stopped process', async () => {
    const path = join(dir, 'store.db');
    const first = open(path);
    await reserveDevice(first, 'draft-1', 'dev-1', startTime);
    await first.close();
    openStores.splice(0);

    const second = open(path);
    const changed = await second.recoverInterruptedAttempts(at(minuteMs), at(minuteMs));

    expect(changed).toBe(1);
    expect((await second.getDraft('draft-1'))?.state).toBe('unknown');
  });
});

describe('migrations', () => {
  it('numbers versions from 1 without gaps', () => {
    expect(migrations.map((migration) => migration.version)).toEqual(migrations.map((_, index) => index + 1));
  });
});

describe('openStore', () => {
  it('opens a sqlite database', async () => {
    const store = await openStore({ kind: 'sqlite', path: join(dir, 'store.db') }, silentLogger);
    openStores.push(store);

    await createDraft(store, 'draft-1');

    expect((await store.getDraft('draft-1'))?.state).toBe('open');
  });
});

describe('openStore on a file that is not a database', () => {
  it('names DATABASE_URL and the fix', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'intune-notify-notdb-'));
    const path = join(folder, 'notes.txt');
    writeFileSync(path, 'these are not the pages of a SQLite database, just plain text that is long enough\n'.repeat(20));
    try {
      const opening = openStore({ kind: 'sqlite', path }, pino({ level: 'silent' }));

      await expect(opening).rejects.toBeInstanceOf(ConfigError);
      await expect(opening).rejects.toThrow(/DATABASE_URL points at .*notes\.txt, which could not be opened as the bot's SQLite database/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
