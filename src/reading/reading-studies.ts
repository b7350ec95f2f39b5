/**
 * The studies there are to read: de-identified studies of patients not withdrawn, by their
 * de-identified Study Instance UID (what `ctbank ls studies` prints once deid has run).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../catalog/schema.js';
import { CtbankError } from '../errors.js';

/** A study to read, by its public identifiers. */
export interface ReadableStudy {
  readonly studyInstanceUid: string;
  readonly patientId: string;
}

/** Every readable study, by pseudonym then UID. */
export async function readableStudies(db: Kysely<Database>): Promise<ReadableStudy[]> {
  const rows = await db
    .selectFrom('studies as st')
    .innerJoin('patients as p', 'p.patient_id', 'st.patient_id')
    .select(['st.study_instance_uid', 'st.patient_id'])
    .where('p.withdrawn_at', 'is', null)
    .orderBy('st.patient_id')
    .orderBy('st.study_instance_uid')
    .execute();
  return rows.map((row) => ({
    studyInstanceUid: row.study_instance_uid,
    patientId: row.patient_id,
  }));
}

/** The readable study with that UID; throws STUDY_UNKNOWN. */
export async function requireStudy(
  db: Kysely<Database>,
  studyInstanceUid: string,
): Promise<ReadableStudy> {
  const row = await db
    .selectFrom('studies as st')
    .innerJoin('patients as p', 'p.patient_id', 'st.patient_id')
    .select(['st.study_instance_uid', 'st.patient_id'])
    .where('st.study_instance_uid', '=', studyInstanceUid.trim())
    .where('p.withdrawn_at', 'is', null)
    .executeTakeFirst();
  if (row === undefined) {
    throw new CtbankError(
      'STUDY_UNKNOWN',
      `no de-identified study ${studyInstanceUid} (use the UID ctbank ls studies prints)`,
    );
  }
  return { studyInstanceUid: row.study_instance_uid, patientId: row.patient_id };
}
