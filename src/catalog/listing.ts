/**
 * Catalog listings for `ctbank ls`: patients, studies and series with their counts, in the
 * camelCase shape faces print. Until de-identification exists these are the originals.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface PatientListing {
  patientId: string;
  patientName: string | null;
  patientSex: string | null;
  studyCount: number;
  seriesCount: number;
  instanceCount: number;
}

export interface StudyListing {
  patientId: string;
  studyInstanceUid: string;
  studyDate: string | null;
  studyDescription: string | null;
  seriesCount: number;
  instanceCount: number;
}

export interface SeriesListing {
  patientId: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  modality: string | null;
  seriesNumber: number | null;
  seriesDescription: string | null;
  instanceCount: number;
}

/** Every patient with the number of studies, series and stored instances. */
export async function listPatients(db: Kysely<Database>): Promise<PatientListing[]> {
  const rows = await db
    .selectFrom('original_patients as p')
    .leftJoin('original_studies as st', 'st.patient_id', 'p.patient_id')
    .leftJoin('original_series as se', 'se.study_instance_uid', 'st.study_instance_uid')
    .leftJoin('original_instances as i', (join) =>
      join
        .onRef('i.series_instance_uid', '=', 'se.series_instance_uid')
        .on('i.status', '=', 'stored'),
    )
    .select((eb) => [
      'p.patient_id',
      'p.patient_name',
      'p.patient_sex',
      eb.fn.count<number>('st.study_instance_uid').distinct().as('studies'),
      eb.fn.count<number>('se.series_instance_uid').distinct().as('series'),
      eb.fn.count<number>('i.sop_instance_uid').as('instances'),
    ])
    .groupBy(['p.patient_id', 'p.patient_name', 'p.patient_sex'])
    .orderBy('p.patient_id')
    .execute();

  return rows.map(patientListingOf);
}

/** Every study with its number of series and stored instances. */
export async function listStudies(db: Kysely<Database>): Promise<StudyListing[]> {
  const rows = await db
    .selectFrom('original_studies as st')
    .leftJoin('original_series as se', 'se.study_instance_uid', 'st.study_instance_uid')
    .leftJoin('original_instances as i', (join) =>
      join
        .onRef('i.series_instance_uid', '=', 'se.series_instance_uid')
        .on('i.status', '=', 'stored'),
    )
    .select((eb) => [
      'st.patient_id',
      'st.study_instance_uid',
      'st.study_date',
      'st.study_description',
      eb.fn.count<number>('se.series_instance_uid').distinct().as('series'),
      eb.fn.count<number>('i.sop_instance_uid').as('instances'),
    ])
    .groupBy(['st.patient_id', 'st.study_instance_uid', 'st.study_date', 'st.study_description'])
    .orderBy('st.patient_id')
    .orderBy('st.study_instance_uid')
    .execute();

  return rows.map(studyListingOf);
}

/** Every series with its number of stored instances. */
export async function listSeries(db: Kysely<Database>): Promise<SeriesListing[]> {
  const rows = await db
    .selectFrom('original_series as se')
    .innerJoin('original_studies as st', 'st.study_instance_uid', 'se.study_instance_uid')
    .leftJoin('original_instances as i', (join) =>
      join
        .onRef('i.series_instance_uid', '=', 'se.series_instance_uid')
        .on('i.status', '=', 'stored'),
    )
    .select((eb) => [
      'st.patient_id',
      'se.study_instance_uid',
      'se.series_instance_uid',
      'se.modality',
      'se.series_number',
      'se.series_description',
      eb.fn.count<number>('i.sop_instance_uid').as('instances'),
    ])
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

  return rows.map(seriesListingOf);
}

// Counts arrive as numbers from SQLite and as strings (bigint) from PostgreSQL.
type Count = number | string | bigint;

/** A patient row with its counts as the listing prints it. */
export function patientListingOf(row: {
  patient_id: string;
  patient_name: string | null;
  patient_sex: string | null;
  studies: Count;
  series: Count;
  instances: Count;
}): PatientListing {
  return {
    patientId: row.patient_id,
    patientName: row.patient_name,
    patientSex: row.patient_sex,
    studyCount: Number(row.studies),
    seriesCount: Number(row.series),
    instanceCount: Number(row.instances),
  };
}

/** A study row with its counts as the listing prints it. */
export function studyListingOf(row: {
  patient_id: string;
  study_instance_uid: string;
  study_date: string | null;
  study_description: string | null;
  series: Count;
  instances: Count;
}): StudyListing {
  return {
    patientId: row.patient_id,
    studyInstanceUid: row.study_instance_uid,
    studyDate: row.study_date,
    studyDescription: row.study_description,
    seriesCount: Number(row.series),
    instanceCount: Number(row.instances),
  };
}

/** A series row with its count as the listing prints it. */
export function seriesListingOf(row: {
  patient_id: string;
  study_instance_uid: string;
  series_instance_uid: string;
  modality: string | null;
  series_number: number | null;
  series_description: string | null;
  instances: Count;
}): SeriesListing {
  return {
    patientId: row.patient_id,
    studyInstanceUid: row.study_instance_uid,
    seriesInstanceUid: row.series_instance_uid,
    modality: row.modality,
    seriesNumber: row.series_number,
    seriesDescription: row.series_description,
    instanceCount: Number(row.instances),
  };
}
