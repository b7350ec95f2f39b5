/**
 * The public catalog rows of a de-identified instance (patient, study, series, instance), read
 * from its data set where it is made (possibly a worker thread) and written by the main thread
 * for many instances at once: one multi-row statement per table and batch.
 */
import type { Insertable, Transaction } from 'kysely';
import type {
  Database,
  InstanceTable,
  PatientTable,
  SeriesTable,
  StudyTable,
} from '../catalog/schema.js';
import type { DicomFile } from '../dicom/dataset.js';
import { TAGS } from '../dicom/tags.js';
import { readText } from './text-values.js';

type Row<T> = Omit<Insertable<T>, 'created_at'>;

/** The rows of one instance, without their creation time (stamped when written). */
export interface PublicRows {
  readonly patient: Row<PatientTable>;
  readonly study: Row<StudyTable>;
  readonly series: Row<SeriesTable>;
  readonly instance: Row<InstanceTable>;
}

/** The public rows of a de-identified file stored as the blob sha256 of size bytes. */
export function publicRowsOf(file: DicomFile, sha256: string, size: number): PublicRows {
  const element = (keyword: keyof typeof TAGS) =>
    file.dataset.elements.find((candidate) => candidate.tag === TAGS[keyword].tag);
  const value = (keyword: keyof typeof TAGS): string | null => {
    const found = element(keyword);
    const text = found === undefined ? '' : readText(found, 'latin1');
    return text === '' ? null : text;
  };
  const integer = (keyword: keyof typeof TAGS): number | null => {
    const parsed = Number.parseFloat(value(keyword) ?? '');
    return Number.isFinite(parsed) ? Math.round(parsed) : null;
  };
  // US values are binary little endian in the model (PS3.5 6.2).
  const uint16 = (keyword: 'Rows' | 'Columns'): number | null => {
    const bytes = element(keyword)?.value;
    return bytes === undefined || bytes.length < 2
      ? null
      : (bytes[0] ?? 0) | ((bytes[1] ?? 0) << 8);
  };
  const patientId = value('PatientID') ?? '';
  const studyUid = value('StudyInstanceUID') ?? '';
  const seriesUid = value('SeriesInstanceUID') ?? '';

  return {
    patient: {
      patient_id: patientId,
      patient_sex: value('PatientSex'),
      patient_age: value('PatientAge'),
      withdrawn_at: null,
      withdrawal_reason: null,
    },
    study: {
      study_instance_uid: studyUid,
      patient_id: patientId,
      study_date: value('StudyDate'),
      study_time: value('StudyTime'),
      study_description: value('StudyDescription'),
    },
    series: {
      series_instance_uid: seriesUid,
      study_instance_uid: studyUid,
      modality: value('Modality'),
      series_number: integer('SeriesNumber'),
      series_description: value('SeriesDescription'),
      body_part_examined: value('BodyPartExamined'),
      manufacturer: value('Manufacturer'),
      manufacturer_model_name: value('ManufacturerModelName'),
    },
    instance: {
      sop_instance_uid: value('SOPInstanceUID') ?? '',
      series_instance_uid: seriesUid,
      sop_class_uid: value('SOPClassUID') ?? '',
      transfer_syntax_uid: file.transferSyntaxUid,
      instance_number: integer('InstanceNumber'),
      rows: uint16('Rows'),
      columns: uint16('Columns'),
      slice_thickness: Number.parseFloat(value('SliceThickness') ?? '') || null,
      image_position_patient: value('ImagePositionPatient'),
      image_orientation_patient: value('ImageOrientationPatient'),
      pixel_spacing: value('PixelSpacing'),
      sha256,
      size_bytes: size,
    },
  };
}

/** Writes the rows of a batch of instances; rows already there stay (an instance's hash moves). */
export async function insertPublicRows(
  trx: Transaction<Database>,
  batch: readonly PublicRows[],
  now: string,
): Promise<void> {
  if (batch.length === 0) return;
  // One statement may not touch a row twice (PostgreSQL's ON CONFLICT): the first of a key wins,
  // as the first of several single-row inserts did; for instances the last hash wins.
  const patients = firstByKey(
    batch.map((rows) => rows.patient),
    (row) => row.patient_id,
  );
  const studies = firstByKey(
    batch.map((rows) => rows.study),
    (row) => row.study_instance_uid,
  );
  const series = firstByKey(
    batch.map((rows) => rows.series),
    (row) => row.series_instance_uid,
  );
  const instances = lastByKey(
    batch.map((rows) => rows.instance),
    (row) => row.sop_instance_uid,
  );
  const stamped = <T>(rows: readonly T[]) => rows.map((row) => ({ ...row, created_at: now }));

  await trx
    .insertInto('patients')
    .values(stamped(patients))
    .onConflict((conflict) => conflict.column('patient_id').doNothing())
    .execute();
  await trx
    .insertInto('studies')
    .values(stamped(studies))
    .onConflict((conflict) => conflict.column('study_instance_uid').doNothing())
    .execute();
  await trx
    .insertInto('series')
    .values(stamped(series))
    .onConflict((conflict) => conflict.column('series_instance_uid').doNothing())
    .execute();
  await trx
    .insertInto('instances')
    .values(stamped(instances))
    .onConflict((conflict) =>
      conflict
        .column('sop_instance_uid')
        .doUpdateSet((eb) => ({ sha256: eb.ref('excluded.sha256') })),
    )
    .execute();
}

/** The first item of each key, in the order first met. */
export function firstByKey<T>(items: readonly T[], key: (item: T) => string): T[] {
  const kept = new Map<string, T>();
  for (const item of items) if (!kept.has(key(item))) kept.set(key(item), item);
  return [...kept.values()];
}

function lastByKey<T>(items: readonly T[], key: (item: T) => string): T[] {
  const kept = new Map<string, T>();
  for (const item of items) kept.set(key(item), item);
  return [...kept.values()];
}
