/**
 * Pseudonyms kept in the private part of the catalog (`identity_patients`), so that every run,
 * process and machine gives one original Patient ID the same pseudonym, and `reidentify` can
 * answer a curator and leave a record that it was asked.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../catalog/schema.js';
import { formatPseudonym, type PseudonymRegistry } from './pseudonym-registry.js';

const PREFIX = 'CT-';
const ATTEMPTS = 5;

/** A pseudonym registry over the catalog. */
export class CatalogPseudonymRegistry implements PseudonymRegistry {
  private readonly cache = new Map<string, string>();

  constructor(private readonly db: Kysely<Database>) {}

  /** The pseudonym of a trimmed original Patient ID, numbering new IDs in arrival order. */
  async pseudonymFor(originalPatientId: string): Promise<string> {
    const key = originalPatientId.trim();
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;

    // Two writers may pick the same next number: the unique constraint refuses one, which
    // then reads the winner's row or takes the following number.
    for (let attempt = 1; ; attempt++) {
      const known = await this.lookup(key);
      if (known !== undefined) return this.remember(key, known);
      try {
        return this.remember(key, await this.assign(key));
      } catch (thrown) {
        if (attempt >= ATTEMPTS) throw thrown;
      }
    }
  }

  private async lookup(key: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('identity_patients')
      .select('pseudonym')
      .where('original_patient_id', '=', key)
      .executeTakeFirst();
    return row?.pseudonym;
  }

  private async assign(key: string): Promise<string> {
    const last = await this.db
      .selectFrom('identity_patients')
      .select((eb) => eb.fn.max('number').as('number'))
      .executeTakeFirst();
    const number = Number(last?.number ?? 0) + 1;
    const pseudonym = formatPseudonym(PREFIX, number);

    await this.db
      .insertInto('identity_patients')
      .values({
        original_patient_id: key,
        pseudonym,
        number,
        date_offset_days: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    return pseudonym;
  }

  private remember(key: string, pseudonym: string): string {
    this.cache.set(key, pseudonym);
    return pseudonym;
  }
}

/** The original Patient ID behind a pseudonym, recording who asked; undefined when unknown. */
export async function reidentify(
  db: Kysely<Database>,
  pseudonym: string,
  requestedBy: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('identity_patients')
    .select('original_patient_id')
    .where('pseudonym', '=', pseudonym)
    .executeTakeFirst();

  await db
    .insertInto('reidentification_log')
    .values({
      pseudonym,
      requested_by: requestedBy,
      requested_at: new Date().toISOString(),
      found: row === undefined ? 0 : 1,
    })
    .execute();
  return row?.original_patient_id;
}
