/**
 * The original identifying values of each patient, kept in the private part of the catalog
 * (`identity_values`): recorded as the patient's instances are de-identified, read back by
 * `ctbank audit` so that any output can be searched for them later without the originals.
 * Patient IDs, replaced UIDs and true study dates come from the identity mapping itself.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../catalog/schema.js';
import type { AuditOptions } from './audit-context.js';
import { originalIdentifiers, type OriginalKind, type OriginalValue } from './audit-originals.js';
import type { DeidProfile } from './profile.js';

const KINDS: ReadonlySet<string> = new Set(['name', 'id', 'date', 'uid', 'text']);

/** Records original values once per patient, remembering what this run already wrote. */
export class IdentityValueRecorder {
  private readonly recorded = new Set<string>();

  /** Inserts the values of one instance that are new for its patient. */
  async record(
    trx: Transaction<Database>,
    originalPatientId: string,
    values: readonly OriginalValue[],
  ): Promise<void> {
    // UIDs are in identity_uids already, with their replacements.
    const fresh = values.filter((value) => {
      const key = `${originalPatientId}\u0000${value.kind}\u0000${value.value}`;
      if (value.kind === 'uid' || value.value.trim() === '' || this.recorded.has(key)) {
        return false;
      }
      this.recorded.add(key);
      return true;
    });
    if (fresh.length === 0) return;

    const rows = fresh.map((value) => ({
      original_patient_id: originalPatientId,
      kind: value.kind,
      value: value.value,
    }));
    await trx
      .insertInto('identity_values')
      .values(rows)
      .onConflict((conflict) =>
        conflict.columns(['original_patient_id', 'kind', 'value']).doNothing(),
      )
      .execute();
  }
}

/** Every original value the private mapping holds, for the audit of any output. */
export async function loadIdentityValues(db: Kysely<Database>): Promise<OriginalValue[]> {
  const values: OriginalValue[] = [];

  const recorded = await db.selectFrom('identity_values').select(['kind', 'value']).execute();
  for (const row of recorded) {
    if (KINDS.has(row.kind)) values.push({ kind: row.kind as OriginalKind, value: row.value });
  }
  const patients = await db.selectFrom('identity_patients').select('original_patient_id').execute();
  values.push(...patients.map((row) => ({ kind: 'id' as const, value: row.original_patient_id })));
  const uids = await db.selectFrom('identity_uids').select('original_uid').execute();
  values.push(...uids.map((row) => ({ kind: 'uid' as const, value: row.original_uid })));
  const studies = await db.selectFrom('identity_studies').select('true_study_date').execute();
  for (const row of studies) {
    if (row.true_study_date !== null) values.push({ kind: 'date', value: row.true_study_date });
  }
  return values;
}

/** The pseudonyms of the workspace: expected in Patient ID and Patient's Name. */
export async function loadPseudonyms(db: Kysely<Database>): Promise<Set<string>> {
  const rows = await db.selectFrom('identity_patients').select('pseudonym').execute();
  return new Set(rows.map((row) => row.pseudonym));
}

/** What auditing a workspace's output checks against: its profile, originals and pseudonyms. */
export async function workspaceAuditOptions(
  db: Kysely<Database>,
  profile: DeidProfile,
): Promise<AuditOptions> {
  return {
    profile,
    originals: originalIdentifiers(await loadIdentityValues(db)),
    expectedPseudonyms: await loadPseudonyms(db),
  };
}
