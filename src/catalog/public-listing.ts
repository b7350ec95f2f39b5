/**
 * The listings the workflow uses (`ctbank ls` without `--original`): a study that has been
 * de-identified appears under its pseudonym and new UIDs, from the public tables; one that has
 * not (yet) appears as received, marked `deidentified: false`. Withdrawn patients are left out.
 * Patient names are never shown here: they belong to the `--original` listing.
 */
import type { Kysely } from 'kysely';
import {
  listPatients,
  listSeries,
  listStudies,
  patientListingOf,
  seriesListingOf,
  studyListingOf,
  type PatientListing,
  type SeriesListing,
  type StudyListing,
} from './listing.js';
import type { Database } from './schema.js';

/** A listing row, and whether its identifiers are the de-identified ones. */
export type Marked<T> = T & { deidentified: boolean };

/** Patients: pseudonyms, then patients with nothing de-identified yet. */
export async function listWorkflowPatients(
  db: Kysely<Database>,
): Promise<Marked<PatientListing>[]> {
  const rows = await db
    .selectFrom('patients as p')
    .leftJoin('studies as st', 'st.patient_id', 'p.patient_id')
    .leftJoin('series as se', 'se.study_instance_uid', 'st.study_instance_uid')
    .leftJoin('instances as i', 'i.series_instance_uid', 'se.series_instance_uid')
    .select((eb) => [
      'p.patient_id',
      'p.patient_sex',
      eb.fn.count<number>('st.study_instance_uid').distinct().as('studies'),
      eb.fn.count<number>('se.series_instance_uid').distinct().as('series'),
      eb.fn.count<number>('i.sop_instance_uid').as('instances'),
    ])
    .where('p.withdrawn_at', 'is', null)
    .groupBy(['p.patient_id', 'p.patient_sex'])
    .orderBy('p.patient_id')
    .execute();
  const known = await db.selectFrom('identity_patients').select('original_patient_id').execute();
  const mapped = new Set(known.map((row) => row.original_patient_id));

  const pending = (await listPatients(db)).filter((row) => !mapped.has(row.patientId.trim()));
  return [
    ...rows.map((row) => ({
      ...patientListingOf({ ...row, patient_name: null }),
      deidentified: true,
    })),
    ...pending.map((row) => ({ ...row, patientName: null, deidentified: false })),
  ];
}

/** Studies: de-identified ones by their new UIDs, then those not de-identified yet. */
export async function listWorkflowStudies(db: Kysely<Database>): Promise<Marked<StudyListing>[]> {
  const rows = await db
    .selectFrom('studies as st')
    .innerJoin('patients as p', 'p.patient_id', 'st.patient_id')
    .leftJoin('series as se', 'se.study_instance_uid', 'st.study_instance_uid')
    .leftJoin('instances as i', 'i.series_instance_uid', 'se.series_instance_uid')
    .select((eb) => [
      'st.patient_id',
      'st.study_instance_uid',
      'st.study_date',
      'st.study_description',
      eb.fn.count<number>('se.series_instance_uid').distinct().as('series'),
      eb.fn.count<number>('i.sop_instance_uid').as('instances'),
    ])
    .where('p.withdrawn_at', 'is', null)
    .groupBy(['st.patient_id', 'st.study_instance_uid', 'st.study_date', 'st.study_description'])
    .orderBy('st.patient_id')
    .orderBy('st.study_instance_uid')
    .execute();
  const linked = await deidentifiedStudies(db);

  const pending = (await listStudies(db)).filter((row) => !linked.has(row.studyInstanceUid));
  return [
    ...rows.map((row) => ({ ...studyListingOf(row), deidentified: true })),
    ...pending.map((row) => ({ ...row, deidentified: false })),
  ];
}

/** Series: de-identified ones by their new UIDs, then those not de-identified yet. */
export async function listWorkflowSeries(db: Kysely<Database>): Promise<Marked<SeriesListing>[]> {
  const rows = await db
    .selectFrom('series as se')
    .innerJoin('studies as st', 'st.study_instance_uid', 'se.study_instance_uid')
    .innerJoin('patients as p', 'p.patient_id', 'st.patient_id')
    .leftJoin('instances as i', 'i.series_instance_uid', 'se.series_instance_uid')
    .select((eb) => [
      'st.patient_id',
      'se.study_instance_uid',
      'se.series_instance_uid',
      'se.modality',
      'se.series_number',
      'se.series_description',
      eb.fn.count<number>('i.sop_instance_uid').as('instances'),
    ])
    .where('p.withdrawn_at', 'is', null)
    .groupBy([
      'st.patient_id',
      'se.study_instance_uid',
      'se.series_instance_uid',
      'se.modality',
      'se.series_number',
      'se.series_description',
    ])
    .orderBy('st.patient_id')
    .orderBy('se.study_instance_uid')
    .orderBy('se.series_number')
    .execute();
  const linked = await deidentifiedStudies(db);

  const pending = (await listSeries(db)).filter((row) => !linked.has(row.studyInstanceUid));
  return [
    ...rows.map((row) => ({ ...seriesListingOf(row), deidentified: true })),
    ...pending.map((row) => ({ ...row, deidentified: false })),
  ];
}

// The original Study Instance UIDs that have a de-identified counterpart.
async function deidentifiedStudies(db: Kysely<Database>): Promise<Set<string>> {
  const rows = await db
    .selectFrom('identity_studies')
    .select('original_study_instance_uid')
    .execute();
  return new Set(rows.map((row) => row.original_study_instance_uid));
}
