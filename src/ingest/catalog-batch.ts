/**
 * Writes a batch of examined instances to the catalog in one transaction: patient, study and
 * series rows are created on first sight, instance rows once per SOP Instance UID. A UID that
 * comes back with different content is a conflict: both versions are set aside, none is lost.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../catalog/schema.js';
import type { ExaminedInstance, ExaminedRejection } from './examine-file.js';
import type { InstanceUids, UidRepair } from './uid-repair.js';

/** One instance ready for the catalog. */
export interface CatalogEntry {
  readonly instance: ExaminedInstance;
  readonly uids: InstanceUids;
  readonly repairs: readonly UidRepair[];
}

/** What a batch did. */
export interface BatchOutcome {
  /** Instances that got a new catalog row. */
  readonly added: CatalogEntry[];
  /** Instances already catalogued with the same content. */
  readonly unchanged: number;
  /** Both sides of every conflict found. */
  readonly conflicts: ExaminedRejection[];
}

/** Writes the entries in one transaction. */
export async function writeBatch(
  db: Kysely<Database>,
  runId: number,
  entries: readonly CatalogEntry[],
): Promise<BatchOutcome> {
  return db.transaction().execute(async (trx) => {
    const known = await knownInstances(trx, entries);
    const added: CatalogEntry[] = [];
    const conflicts: ExaminedRejection[] = [];
    let unchanged = 0;

    for (const entry of entries) {
      const sop = entry.uids.sopInstanceUid;
      const existing = known.get(sop);
      if (existing === undefined) {
        await insertInstance(trx, runId, entry);
        known.set(sop, {
          sha256: entry.instance.sha256,
          status: 'stored',
          path: entry.instance.path,
        });
        added.push(entry);
      } else if (
        existing.sha256 === entry.instance.sha256 ||
        existing.aside?.has(entry.instance.sha256)
      ) {
        unchanged += 1;
      } else {
        conflicts.push(...(await setAside(trx, runId, entry, existing)));
        existing.status = 'conflict';
        (existing.aside ??= new Set()).add(entry.instance.sha256);
      }
    }
    return { added, unchanged, conflicts };
  });
}

interface KnownInstance {
  sha256: string;
  status: string;
  path: string;
  /** Hashes of other versions already set aside for this UID. */
  aside?: Set<string>;
}

async function knownInstances(
  trx: Transaction<Database>,
  entries: readonly CatalogEntry[],
): Promise<Map<string, KnownInstance>> {
  const uids = [...new Set(entries.map((entry) => entry.uids.sopInstanceUid))];
  const known = new Map<string, KnownInstance>();
  if (uids.length === 0) return known;

  const rows = await trx
    .selectFrom('original_instances')
    .select(['sop_instance_uid', 'sha256', 'status', 'source_path'])
    .where('sop_instance_uid', 'in', uids)
    .execute();
  const quarantined = await trx
    .selectFrom('quarantined_instances')
    .select(['sop_instance_uid', 'sha256'])
    .where('sop_instance_uid', 'in', uids)
    .execute();

  for (const row of rows) {
    known.set(row.sop_instance_uid, {
      sha256: row.sha256,
      status: row.status,
      path: row.source_path,
    });
  }
  for (const row of quarantined) {
    const entry = known.get(row.sop_instance_uid);
    if (entry !== undefined) (entry.aside ??= new Set()).add(row.sha256);
  }
  return known;
}

async function insertInstance(
  trx: Transaction<Database>,
  runId: number,
  entry: CatalogEntry,
): Promise<void> {
  const now = new Date().toISOString();
  const { values } = entry.instance;
  const { studyInstanceUid, seriesInstanceUid, sopInstanceUid } = entry.uids;
  const patientId = values.PatientID ?? '';

  await trx
    .insertInto('original_patients')
    .values({
      patient_id: patientId,
      patient_name: values.PatientName ?? null,
      issuer_of_patient_id: values.IssuerOfPatientID ?? null,
      patient_birth_date: values.PatientBirthDate ?? null,
      patient_sex: values.PatientSex ?? null,
      created_at: now,
    })
    .onConflict((conflict) => conflict.column('patient_id').doNothing())
    .execute();

  await trx
    .insertInto('original_studies')
    .values({
      study_instance_uid: studyInstanceUid,
      patient_id: patientId,
      study_date: values.StudyDate ?? null,
      study_time: values.StudyTime ?? null,
      accession_number: values.AccessionNumber ?? null,
      referring_physician_name: values.ReferringPhysicianName ?? null,
      institution_name: values.InstitutionName ?? null,
      study_description: values.StudyDescription ?? null,
      study_id: values.StudyID ?? null,
      patient_age: values.PatientAge ?? null,
      created_at: now,
    })
    .onConflict((conflict) => conflict.column('study_instance_uid').doNothing())
    .execute();

  await trx
    .insertInto('original_series')
    .values({
      series_instance_uid: seriesInstanceUid,
      study_instance_uid: studyInstanceUid,
      modality: values.Modality ?? null,
      series_number: integer(values.SeriesNumber),
      series_description: values.SeriesDescription ?? null,
      series_date: values.SeriesDate ?? null,
      body_part_examined: values.BodyPartExamined ?? null,
      manufacturer: values.Manufacturer ?? null,
      manufacturer_model_name: values.ManufacturerModelName ?? null,
      frame_of_reference_uid: values.FrameOfReferenceUID ?? null,
      created_at: now,
    })
    .onConflict((conflict) => conflict.column('series_instance_uid').doNothing())
    .execute();

  await trx
    .insertInto('original_instances')
    .values({
      sop_instance_uid: sopInstanceUid,
      series_instance_uid: seriesInstanceUid,
      sop_class_uid: values.SOPClassUID ?? '',
      transfer_syntax_uid: entry.instance.transferSyntaxUid,
      instance_number: integer(values.InstanceNumber),
      acquisition_number: integer(values.AcquisitionNumber),
      image_type: values.ImageType ?? null,
      rows: integer(values.Rows),
      columns: integer(values.Columns),
      bits_allocated: integer(values.BitsAllocated),
      number_of_frames: integer(values.NumberOfFrames),
      slice_thickness: decimal(values.SliceThickness),
      slice_location: decimal(values.SliceLocation),
      image_position_patient: values.ImagePositionPatient ?? null,
      image_orientation_patient: values.ImageOrientationPatient ?? null,
      pixel_spacing: values.PixelSpacing ?? null,
      status: 'stored',
      sha256: entry.instance.sha256,
      size_bytes: entry.instance.size,
      source_path: entry.instance.path,
      has_preamble: entry.instance.hasPreamble ? 1 : 0,
      uids_repaired: entry.repairs.length > 0 ? 1 : 0,
      ingest_run_id: runId,
      created_at: now,
    })
    .execute();

  for (const repair of entry.repairs) {
    await trx
      .insertInto('uid_repairs')
      .values({
        level: repair.keyword,
        original_value: repair.originalValue,
        scope: repair.scope,
        repaired_uid: repair.repairedUid,
        created_at: now,
      })
      .onConflict((conflict) => conflict.columns(['level', 'original_value', 'scope']).doNothing())
      .execute();
  }
}

async function setAside(
  trx: Transaction<Database>,
  runId: number,
  entry: CatalogEntry,
  existing: KnownInstance,
): Promise<ExaminedRejection[]> {
  const sop = entry.uids.sopInstanceUid;
  const reason =
    `SOP Instance UID ${sop} also arrived with different content; ` +
    'both versions are kept aside for review';

  await trx
    .updateTable('original_instances')
    .set({ status: 'conflict' })
    .where('sop_instance_uid', '=', sop)
    .execute();
  await trx
    .insertInto('quarantined_instances')
    .values({
      sha256: entry.instance.sha256,
      sop_instance_uid: sop,
      source_path: entry.instance.path,
      code: 'UID_CONFLICT',
      reason,
      ingest_run_id: runId,
      created_at: new Date().toISOString(),
    })
    .onConflict((conflict) => conflict.column('sha256').doNothing())
    .execute();

  const side = (path: string, sha256: string): ExaminedRejection => ({
    kind: 'rejected',
    path,
    code: 'UID_CONFLICT',
    reason,
    sha256,
    sopInstanceUid: sop,
  });
  const firstReport = existing.status === 'stored' ? [side(existing.path, existing.sha256)] : [];
  return [...firstReport, side(entry.instance.path, entry.instance.sha256)];
}

function integer(value: string | undefined): number | null {
  if (value === undefined) return null;
  const parsed = Number.parseInt(value.split('\\')[0] ?? '', 10);
  return Number.isFinite(parsed) ? parsed : null;
}

function decimal(value: string | undefined): number | null {
  if (value === undefined) return null;
  const parsed = Number.parseFloat(value.split('\\')[0] ?? '');
  return Number.isFinite(parsed) ? parsed : null;
}
