/**
 * The catalogs every catalog test runs on: a SQLite file, and a fresh PostgreSQL database when
 * CTBANK_TEST_DATABASE_URL names a server (npm test starts one; see scripts/ensure-postgres.sh).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** One catalog back end for a test. */
export interface CatalogTarget {
  readonly dialect: 'sqlite' | 'postgres';
  /** Undefined for SQLite (the workspace's own file); a fresh database URL for PostgreSQL. */
  readonly databaseUrl?: string;
  /** Why the target is skipped, when it is. */
  readonly skip?: string;
}

/** The targets: SQLite always, PostgreSQL when a server is configured. */
export function catalogTargets(): CatalogTarget[] {
  const serverUrl = process.env['CTBANK_TEST_DATABASE_URL'];
  const postgres: CatalogTarget =
    serverUrl === undefined || serverUrl === ''
      ? { dialect: 'postgres', skip: 'CTBANK_TEST_DATABASE_URL is not set (npm test sets it)' }
      : { dialect: 'postgres', databaseUrl: serverUrl };
  return [{ dialect: 'sqlite' }, postgres];
}

/** Creates an empty PostgreSQL database on the target's server and returns its URL. */
export async function freshPostgresDatabase(serverUrl: string): Promise<string> {
  const name = `ctbank_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The database URL a test should use for the target (a new database for PostgreSQL). */
export async function databaseFor(target: CatalogTarget): Promise<string | undefined> {
  if (target.databaseUrl === undefined) return undefined;
  return freshPostgresDatabase(target.databaseUrl);
}
