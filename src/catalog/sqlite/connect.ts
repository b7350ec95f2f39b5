/**
 * SQLite connection: one better-sqlite3 handle in WAL mode, so a killed writer never corrupts
 * the file and readers see only committed transactions.
 */
import SqliteDatabase from 'better-sqlite3';
import { SqliteDialect, type Dialect } from 'kysely';

/** A Kysely dialect over the SQLite file at `file`. */
export function sqliteDialect(file: string): Dialect {
  const handle = new SqliteDatabase(file);
  handle.pragma('journal_mode = WAL');
  // NORMAL is durable against a killed process in WAL mode; only power loss can drop the tail.
  handle.pragma('synchronous = NORMAL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 10000');
  return new SqliteDialect({ database: handle });
}
