/**
 * The catalog's tables as Kysely types. Columns are snake_case in SQL and camelCase in the JSON
 * that faces print. The `original_*` tables are the private part of the catalog: identifiers and
 * attributes exactly as received. De-identified tables join them in later stages.
 */
import type { Generated } from 'kysely';

export interface OriginalPatientTable {
  patient_id: string;
  patient_name: string | null;
  issuer_of_patient_id: string | null;
  patient_birth_date: string | null;
  patient_sex: string | null;
  created_at: string;
}

export interface OriginalStudyTable {
  study_instance_uid: string;
  patient_id: string;
  study_date: string | null;
  study_time: string | null;
  accession_number: string | null;
  referring_physician_name: string | null;
  institution_name: string | null;
  study_description: string | null;
  study_id: string | null;
  patient_age: string | null;
  created_at: string;
}

export interface OriginalSeriesTable {
  series_instance_uid: string;
  study_instance_uid: string;
  modality: string | null;
  series_number: number | null;
  series_description: string | null;
  series_date: string | null;
  body_part_examined: string | null;
  manufacturer: string | null;
  manufacturer_model_name: string | null;
  frame_of_reference_uid: string | null;
  created_at: string;
}

export interface OriginalInstanceTable {
  sop_instance_uid: string;
  series_instance_uid: string;
  sop_class_uid: string;
  transfer_syntax_uid: string;
  instance_number: number | null;
  acquisition_number: number | null;
  image_type: string | null;
  rows: number | null;
  columns: number | null;
  bits_allocated: number | null;
  number_of_frames: number | null;
  slice_thickness: number | null;
  slice_location: number | null;
  image_position_patient: string | null;
  image_orientation_patient: string | null;
  pixel_spacing: string | null;
  /** `stored`, or `conflict` once another file claimed the same SOP Instance UID. */
  status: string;
  sha256: string;
  size_bytes: number;
  source_path: string;
  has_preamble: number;
  uids_repaired: number;
  ingest_run_id: number;
  created_at: string;
}

export interface IngestRunTable {
  id: Generated<number>;
  started_at: string;
  finished_at: string | null;
  status: string;
  inputs: string;
  new_instances: number;
  rejected: number;
  bytes: number;
}

export interface IngestRejectionTable {
  path: string;
  code: string;
  reason: string;
  sha256: string | null;
  sop_instance_uid: string | null;
  first_run_id: number;
  last_run_id: number;
}

export interface QuarantinedInstanceTable {
  sha256: string;
  sop_instance_uid: string;
  source_path: string;
  code: string;
  reason: string;
  ingest_run_id: number;
  created_at: string;
}

export interface UidRepairTable {
  level: string;
  original_value: string;
  scope: string;
  repaired_uid: string;
  created_at: string;
}

export interface StageRunTable {
  study_instance_uid: string;
  stage: string;
  status: string;
  version: number;
  input_hash: string;
  attempts: number;
  error: string | null;
  started_at: string | null;
  finished_at: string | null;
}

export interface IdentityPatientTable {
  original_patient_id: string;
  pseudonym: string;
  number: number;
  date_offset_days: number | null;
  created_at: string;
}

export interface IdentityUidTable {
  original_uid: string;
  deidentified_uid: string;
  created_at: string;
}

export interface IdentityStudyTable {
  original_study_instance_uid: string;
  study_instance_uid: string;
  true_age: string | null;
  true_study_date: string | null;
}

export interface DeidQuarantineTable {
  original_sop_instance_uid: string;
  reason: string;
  detail: string;
  created_at: string;
}

export interface ReidentificationLogTable {
  id: Generated<number>;
  pseudonym: string;
  requested_by: string;
  requested_at: string;
  found: number;
}

export interface IdentityValueTable {
  original_patient_id: string;
  /** An OriginalKind of src/deid/audit-originals.ts: name, id, date, uid, text. */
  kind: string;
  value: string;
}

export interface WithdrawalTable {
  id: Generated<number>;
  pseudonym: string;
  reason: string;
  withdrawn_by: string;
  withdrawn_at: string;
  instances_removed: number;
}

export interface PatientTable {
  patient_id: string;
  patient_sex: string | null;
  patient_age: string | null;
  withdrawn_at: string | null;
  withdrawal_reason: string | null;
  created_at: string;
}

export interface StudyTable {
  study_instance_uid: string;
  patient_id: string;
  study_date: string | null;
  study_time: string | null;
  study_description: string | null;
  created_at: string;
}

export interface SeriesTable {
  series_instance_uid: string;
  study_instance_uid: string;
  modality: string | null;
  series_number: number | null;
  series_description: string | null;
  body_part_examined: string | null;
  manufacturer: string | null;
  manufacturer_model_name: string | null;
  created_at: string;
}

export interface InstanceTable {
  sop_instance_uid: string;
  series_instance_uid: string;
  sop_class_uid: string;
  transfer_syntax_uid: string;
  instance_number: number | null;
  rows: number | null;
  columns: number | null;
  slice_thickness: number | null;
  image_position_patient: string | null;
  image_orientation_patient: string | null;
  pixel_spacing: string | null;
  sha256: string;
  size_bytes: number;
  created_at: string;
}

/** Every table of the catalog. */
export interface Database {
  original_patients: OriginalPatientTable;
  original_studies: OriginalStudyTable;
  original_series: OriginalSeriesTable;
  original_instances: OriginalInstanceTable;
  ingest_runs: IngestRunTable;
  ingest_rejections: IngestRejectionTable;
  quarantined_instances: QuarantinedInstanceTable;
  uid_repairs: UidRepairTable;
  stage_runs: StageRunTable;
  identity_patients: IdentityPatientTable;
  identity_uids: IdentityUidTable;
  identity_studies: IdentityStudyTable;
  deid_quarantine: DeidQuarantineTable;
  reidentification_log: ReidentificationLogTable;
  identity_values: IdentityValueTable;
  withdrawals: WithdrawalTable;
  patients: PatientTable;
  studies: StudyTable;
  series: SeriesTable;
  instances: InstanceTable;
}

// Reading, adjudication, agreement inputs and clinical data (migration 0004). Declared as a
// second part of Database (interfaces merge) so that this block stays in one place.

export interface ReadingFormTable {
  version: string;
  /** The form definition as JSON (src/reading/form-schema.ts). */
  definition: string;
  created_at: string;
}

export interface ReaderTable {
  name: string;
  /** `reader` or `senior` (seniors adjudicate). */
  role: string;
  created_at: string;
}

export interface ReadingAssignmentTable {
  study_instance_uid: string;
  reader: string;
  /** `reader` (one of the two independent reads) or `adjudicator`. */
  duty: string;
  /** 1 or 2 for readers (the rater order of Cohen's κ), 0 for the adjudicator. */
  slot: number;
  /** The study's place in this reader's worklist (randomised). */
  worklist_position: number;
  assigned_at: string;
}

export interface ReadTable {
  id: Generated<number>;
  study_instance_uid: string;
  reader: string;
  form_version: string;
  /** Answers as JSON: finding key → `present`/`absent`, sorted choice keys, or an integer. */
  answers: string;
  submitted_at: string;
  /** The read this one corrects; the old row is never changed. */
  supersedes: number | null;
  correction_reason: string | null;
  /** `ctbank` (submitted here) or `import` (a CSV of reads made elsewhere). */
  source: string;
}

export interface AdjudicationTable {
  id: Generated<number>;
  study_instance_uid: string;
  finding: string;
  /** The decided value as JSON, in the answers' form. */
  value: string;
  decided_by: string;
  decided_at: string;
  /** The ids of the reads it settled, ascending, comma-separated: a new read reopens it. */
  read_ids: string;
}

export interface ClinicalPatientTable {
  /** The pseudonym (public). */
  patient_id: string;
  /** Whole years, 90 for everyone older than 89 (as the headers). */
  age: number | null;
  sex: string | null;
  /** JSON array of controlled comorbidity keys. */
  comorbidities: string;
  rt_pcr: string | null;
  /** YYYYMMDD shifted by the patient's date offset, like every public date. */
  rt_pcr_date: string | null;
  /** JSON array of controlled symptom keys. */
  symptoms: string;
  imported_at: string;
}

export interface ClinicalOriginalTable {
  original_patient_id: string;
  pseudonym: string;
  /** The true age, for the overview table. */
  age: number | null;
  /** The true RT-PCR date, YYYYMMDD. */
  rt_pcr_date: string | null;
  /** The CSV row as received, as JSON. */
  received_row: string;
  imported_at: string;
}

/** The reading and clinical tables of the catalog. */
export interface Database {
  reading_forms: ReadingFormTable;
  readers: ReaderTable;
  reading_assignments: ReadingAssignmentTable;
  reads: ReadTable;
  adjudications: AdjudicationTable;
  clinical_patients: ClinicalPatientTable;
  clinical_originals: ClinicalOriginalTable;
}

// Quality and quantification (migration 0005), public: derived from de-identified data only.

export interface SeriesQualityTable {
  series_instance_uid: string;
  study_instance_uid: string;
  /** The worst flag's severity, or null without flags. */
  worst_severity: string | null;
  /** The flags as JSON: each `code`, `severity`, `message`. */
  flags_json: string;
  /** 1 for the series chosen for analysis in its study. */
  chosen: number;
  choice_reason: string | null;
  created_at: string;
}

export interface SeriesQuantificationTable {
  series_instance_uid: string;
  study_instance_uid: string;
  slice_count: number;
  lung_ml: number;
  left_lung_ml: number;
  right_lung_ml: number;
  ggo_percent: number;
  consolidation_percent: number;
  involvement_percent: number;
  /** `CT-0` … `CT-4`. */
  severity: string;
  /** The whole result as `ctbank quantify --json` prints it for the series. */
  result_json: string;
  lung_seg_sha256: string | null;
  infection_seg_sha256: string | null;
  created_at: string;
}

export interface StudyReportTable {
  study_instance_uid: string;
  png_sha256: string;
  created_at: string;
}

/** The quality and quantification tables of the catalog. */
export interface Database {
  series_quality: SeriesQualityTable;
  series_quantification: SeriesQuantificationTable;
  study_reports: StudyReportTable;
}

// Unknown attributes met by de-identification (migration 0006), private: by original study.

export interface DeidUnknownAttributeTable {
  original_study_instance_uid: string;
  /** Keyword path, e.g. `RequestAttributesSequence[0].(0040,A123)`. */
  path: string;
  /** `(GGGG,EEEE)`. */
  tag: string;
  vr: string;
  /** kept, removed, date-shifted, uid-replaced or text-cleaned. */
  outcome: string;
  instances: number;
}

/** The de-identification report tables of the catalog. */
export interface Database {
  deid_unknown_attributes: DeidUnknownAttributeTable;
}
