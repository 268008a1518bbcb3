import type BetterSqlite3 from 'better-sqlite3';
import type { Logger } from '../log.js';

export interface Migration {
  /** The schema version after this migration; versions start at 1 and increase by 1. */
  version: number;
  description: string;
  sql: string;
}

/**
 * Ordered schema changes. A database records the last one applied in `PRAGMA user_version`.
 * Append new migrations here and never edit one that has shipped.
 * Dates are epoch milliseconds (INTEGER); payload and id lists are JSON text.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'create drafts, device_searches and attempts',
    sql: `
      CREATE TABLE drafts (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('device', 'group')),
        tenant_id TEXT NOT NULL,
        owner_aad_object_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('open', 'sending', 'sent', 'unknown', 'cancelled')),
        payload TEXT NOT NULL,
        version INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE device_searches (
        id TEXT PRIMARY KEY,
        owner_aad_object_id TEXT NOT NULL,
        query TEXT NOT NULL,
        device_ids TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );

      -- device_id repeats the single target of a device send so the per-device quota count can use an index.
      CREATE TABLE attempts (
        id TEXT PRIMARY KEY,
        draft_id TEXT REFERENCES drafts (id) ON DELETE SET NULL,
        kind TEXT NOT NULL CHECK (kind IN ('device', 'group')),
        tenant_id TEXT NOT NULL,
        device_id TEXT,
        requested_by TEXT NOT NULL,
        requested_by_name TEXT NOT NULL,
        approved_by TEXT,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        target_ids TEXT NOT NULL,
        target_names TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('sending', 'sent', 'failed', 'unknown')),
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        graph_status INTEGER,
        graph_request_id TEXT,
        error_code TEXT,
        CHECK ((kind = 'device') = (device_id IS NOT NULL))
      );

      CREATE INDEX attempts_device_quota ON attempts (tenant_id, device_id, started_at) WHERE device_id IS NOT NULL;
      CREATE INDEX attempts_group_quota ON attempts (tenant_id, kind, started_at);
      CREATE INDEX attempts_history ON attempts (tenant_id, started_at);
      CREATE INDEX attempts_history_requester ON attempts (tenant_id, requested_by, started_at);
      CREATE INDEX attempts_in_flight ON attempts (started_at) WHERE outcome = 'sending';
      CREATE INDEX attempts_draft ON attempts (draft_id);
    `,
  },
];

/**
 * Applies the migrations the database has not seen yet and returns the resulting schema version.
 * Runs in one immediate transaction, so when several processes open a new file at once only the
 * first one migrates and the others find the schema already current.
 */
export function migrate(db: BetterSqlite3.Database, logger?: Logger, list: readonly Migration[] = migrations): number {
  const latest = list.at(-1)?.version ?? 0;

  const apply = db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > latest) {
      throw new Error(`The database schema is at version ${current}, newer than this bot's version ${latest}: upgrade the bot or point DATABASE_URL at another file`);
    }

    for (const migration of list) {
      if (migration.version <= current) {
        continue;
      }
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
      logger?.info({ schemaVersion: migration.version, description: migration.description }, 'applied database migration');
    }
    return latest;
  });

  return apply.immediate();
}
