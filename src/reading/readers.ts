/**
 * The people who read: radiologists registered by name with a role. `reader`s make the two
 * independent reads of a study; `senior`s settle the disagreements between them.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../catalog/schema.js';
import { CtbankError } from '../errors.js';

/** A reader's role. */
export type ReaderRole = 'reader' | 'senior';

/** A registered reader. */
export interface Reader {
  readonly name: string;
  readonly role: ReaderRole;
}

/** Registers a reader; registering the same name with the same role again changes nothing. */
export async function addReader(db: Kysely<Database>, reader: Reader): Promise<Reader> {
  const name = reader.name.trim();
  if (!/^[\p{L}\p{N}][\p{L}\p{N} .'_-]*$/u.test(name) || name.toLowerCase() === 'consensus') {
    throw new CtbankError('USAGE', `not a usable reader name: ${JSON.stringify(reader.name)}`);
  }

  const known = await findReader(db, name);
  if (known !== undefined) {
    if (known.role === reader.role) return known;
    throw new CtbankError('USAGE', `${name} is already registered as a ${known.role}`);
  }
  await db
    .insertInto('readers')
    .values({ name, role: reader.role, created_at: new Date().toISOString() })
    .execute();
  return { name, role: reader.role };
}

/** The reader of that name, or undefined. */
export async function findReader(db: Kysely<Database>, name: string): Promise<Reader | undefined> {
  const row = await db
    .selectFrom('readers')
    .selectAll()
    .where('name', '=', name.trim())
    .executeTakeFirst();
  return row === undefined ? undefined : { name: row.name, role: roleOf(row.role) };
}

/** The reader of that name; throws READER_UNKNOWN when none is registered. */
export async function requireReader(db: Kysely<Database>, name: string): Promise<Reader> {
  const reader = await findReader(db, name);
  if (reader === undefined) {
    throw new CtbankError('READER_UNKNOWN', `no reader named ${name} (ctbank readers add)`);
  }
  return reader;
}

/** Every registered reader, by name. */
export async function listReaders(db: Kysely<Database>): Promise<Reader[]> {
  const rows = await db.selectFrom('readers').selectAll().orderBy('name').execute();
  return rows.map((row) => ({ name: row.name, role: roleOf(row.role) }));
}

function roleOf(value: string): ReaderRole {
  return value === 'senior' ? 'senior' : 'reader';
}
