import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../bot/storage/sqlite-store.js';

export interface StoreContext {
  dir: string;
  path: string;
  store: SqliteStore;
}

/**
 * Gives each test a fresh temp folder with a store file opened in it, and closes and removes
 * both afterwards. Read the fields inside tests only, because beforeEach replaces them.
 */
export function useTempStore(): StoreContext {
  const context = {} as StoreContext;

  beforeEach(() => {
    context.dir = mkdtempSync(join(tmpdir(), 'intune-notify-store-'));
    context.path = join(context.dir, 'store.db');
    context.store = openSqliteStore(context.path);
  });

  afterEach(async () => {
    await context.store.close();
    rmSync(context.dir, { recursive: true, force: true });
  });

  return context;
}
