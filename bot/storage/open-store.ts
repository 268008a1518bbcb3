import { ConfigError, type Database } from '../config.js';
import type { Logger } from '../log.js';
import { openSqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

/** Opens the store that DATABASE_URL names. Async so that a PostgreSQL store can connect here later. */
export async function openStore(database: Database, logger: Logger): Promise<Store> {
  if (database.kind === 'postgres') {
    throw new ConfigError(['DATABASE_URL points at PostgreSQL, which this version does not support yet: use sqlite:PATH']);
  }
  return openSqliteStore(database.path, { logger });
}
