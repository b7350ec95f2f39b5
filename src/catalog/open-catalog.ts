/**
 * Opens the catalog: the workspace's SQLite file by default, or PostgreSQL by URL, migrated to
 * the current schema. Everything above this file speaks Kysely and does not know which it got.
 */
import { Kysely, Migrator } from 'kysely';
import { CtbankError, messageOf } from '../errors.js';
import { migrationProvider, type DialectName } from './migrations.js';
import { postgresDialect } from './postgres/connect.js';
import type { Database } from './schema.js';
import { sqliteDialect } from './sqlite/connect.js';

/** An open catalog. */
export interface Catalog {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** Where it lives, with any password masked. */
  readonly location: string;
  close(): Promise<void>;
}

/** Where the catalog lives: a PostgreSQL URL, or else a SQLite file. */
export type CatalogTarget = { readonly url: string } | { readonly sqliteFile: string };

/** Opens and migrates the catalog. */
export async function openCatalog(target: CatalogTarget): Promise<Catalog> {
  const isPostgres = 'url' in target;
  const dialect: DialectName = isPostgres ? 'postgres' : 'sqlite';
  const location = isPostgres ? maskPassword(target.url) : target.sqliteFile;

  const db = new Kysely<Database>({
    dialect: isPostgres ? postgresDialect(target.url) : sqliteDialect(target.sqliteFile),
  });
  await migrate(db, dialect, location);

  return { db, dialect, location, close: () => db.destroy() };
}

async function migrate(
  db: Kysely<Database>,
  dialect: DialectName,
  location: string,
): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
  const { error } = await migrator.migrateToLatest();
  if (error === undefined) return;

  await db.destroy();
  throw new CtbankError(
    'CATALOG',
    `cannot migrate the catalog at ${location}: ${messageOf(error)}`,
    {},
    error,
  );
}

function maskPassword(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
