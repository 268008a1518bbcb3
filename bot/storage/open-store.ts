import { ConfigError, type Database } from '../config.js';
import type { Logger } from '../log.js';
import { openSqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

/** Opens the store that DATABASE_URL names. Async so that a PostgreSQL store can connect here later. */
export async function openStore(database: Database, logger: Logger): Promise<Store> {
  try {
    return openSqliteStore(database.path, { logger });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError([`DATABASE_URL points at ${database.path}, which could not be opened as the bot's SQLite database (${reason}): give the path of a new file, or of a database this bot created`]);
  }
}
