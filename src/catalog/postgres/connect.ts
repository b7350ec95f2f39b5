/**
 * PostgreSQL connection: a small pg pool. BIGINT columns (byte counts) come back as numbers,
 * which is exact below 2^53 bytes.
 */
import pg from 'pg';
import { PostgresDialect, type Dialect } from 'kysely';

const INT8_OID = 20;
pg.types.setTypeParser(INT8_OID, (value) => Number(value));

/** A Kysely dialect over the PostgreSQL database at `url`. */
export function postgresDialect(url: string): Dialect {
  return new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 4 }) });
}
