/**
 * De-identification as the stage after ingest: every original instance of a study is read from
 * the private zone, screened for burned-in text, de-identified by the workspace's profile,
 * written as a fresh Part 10 file, and only then stored in the public zone with its public
 * catalog rows. What must not be published goes to the quarantine with the reason.
 */
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../catalog/schema.js';
import type { DicomDataset, DicomFile } from '../dicom/dataset.js';
import { parseDicomFile } from '../dicom/parse-dataset.js';
import { TAGS } from '../dicom/tags.js';
import { writeDicomFile } from '../dicom/write-dataset.js';
import { CtbankError, hasCode } from '../errors.js';
import { studyInputHash } from '../pipeline/stage-records.js';
import type { Stage, StageContext } from '../pipeline/stage.js';
import { sha256Hex } from '../store/blob-store.js';
import { auditDicomFile } from './audit.js';
import { originalIdentifiers, originalsOfFile } from './audit-originals.js';
import { decodeUncompressedCtImage } from './burned-in-decode.js';
import { createTextReader, type TextReader } from './burned-in-ocr.js';
import { screenForBurnedInText } from './burned-in-text.js';
import { CatalogPseudonymRegistry } from './catalog-pseudonym-registry.js';
import { deidentify, type DeidentifiedInstance } from './deidentify-dataset.js';
import type { DeidProfile } from './profile.js';
import { quarantineReason } from './quarantine.js';
import { readText } from './text-values.js';
import { profileDigest, readWorkspaceProfile } from './workspace-profile.js';

export const DEID_STAGE_NAME = 'deid';
const DEID_STAGE_VERSION = 1;

/** The de-identification stage. */
export const deidStage: Stage = {
  name: DEID_STAGE_NAME,
  version: DEID_STAGE_VERSION,
  dependsOn: ['ingest'],
  inputHash: async (context, studyInstanceUid) => {
    const profile = readWorkspaceProfile(context.workspace.dir);
    const originals = await studyInputHash(context.workspace.catalog.db, studyInstanceUid);
    return createHash('sha256').update(originals).update(profileDigest(profile)).digest('hex');
  },
  run: deidentifyStudy,
};

/** Screens, de-identifies and publishes every original instance of one study. */
async function deidentifyStudy(context: StageContext, studyInstanceUid: string): Promise<void> {
  const { workspace } = context;
  const profile = readWorkspaceProfile(workspace.dir);
  const pseudonyms = new CatalogPseudonymRegistry(workspace.catalog.db);
  const originals = await workspace.catalog.db
    .selectFrom('original_instances as i')
    .innerJoin('original_series as s', 's.series_instance_uid', 'i.series_instance_uid')
    .select(['i.sop_instance_uid', 'i.sha256', 'i.source_path'])
    .where('s.study_instance_uid', '=', studyInstanceUid)
    .where('i.status', '=', 'stored')
    .orderBy('i.sop_instance_uid')
    .execute();
  const ocr = new LazyReader();

  try {
    for (const original of originals) {
      const bytes = await workspace.privateStore.read(original.sha256);
      const verdict = await processInstance(bytes, original.source_path, profile, ocr, {
        secret: workspace.secret,
        pseudonyms,
      });
      if (verdict.status === 'quarantined') {
        await quarantine(context, original.sop_instance_uid, verdict.reason, verdict.detail);
        continue;
      }
      await publish(context, studyInstanceUid, verdict.instance, verdict.output);
    }
  } finally {
    await ocr.terminate();
  }
}

type Verdict =
  | { status: 'quarantined'; reason: string; detail: string }
  | { status: 'published'; instance: DeidentifiedInstance; output: Uint8Array };

async function processInstance(
  bytes: Uint8Array,
  sourcePath: string,
  profile: DeidProfile,
  ocr: LazyReader,
  identity: { secret: Buffer; pseudonyms: CatalogPseudonymRegistry },
): Promise<Verdict> {
  const file = parseDicomFile(bytes, sourcePath);
  const unwanted = quarantineReason(file.dataset, profile.expectedModalities);
  if (unwanted !== undefined) return { status: 'quarantined', ...unwanted };
  const text = await burnedInText(bytes, sourcePath, ocr);
  if (text !== undefined) return { status: 'quarantined', reason: 'burned-in-text', detail: text };

  const outcome = await deidentify(file, { profile, ...identity });
  if (outcome.status === 'quarantined') {
    return { status: 'quarantined', reason: outcome.reason, detail: outcome.detail };
  }

  const output = writeDicomFile(outcome.file);
  checkPixelDataUnchanged(file, outcome.file, sourcePath);
  const leaks = auditOutput(file, outcome, output, sourcePath, profile);
  if (leaks !== undefined) return { status: 'quarantined', reason: 'audit-failed', detail: leaks };
  return { status: 'published', instance: outcome, output };
}

// The written bytes are audited against the instance's own original values before they may
// reach the public zone: a finding holds the instance back, with the findings masked.
function auditOutput(
  original: DicomFile,
  outcome: DeidentifiedInstance,
  output: Uint8Array,
  sourcePath: string,
  profile: DeidProfile,
): string | undefined {
  const originals = originalIdentifiers([
    ...originalsOfFile(original, profile),
    { value: outcome.identity.originalPatientId, kind: 'id' },
  ]);
  const findings = auditDicomFile(output, sourcePath, {
    profile,
    originals,
    expectedPseudonyms: new Set([outcome.identity.pseudonym]),
  });
  if (findings.length === 0) return undefined;

  return findings
    .map((finding) => `${finding.keyword} ${finding.tag} ${finding.rule} ${finding.value}`)
    .join('; ');
}

// Only uncompressed single-frame CT can be screened until pixel decoding arrives (issue 4):
// compressed images pass unscreened, which the stage's tests and the README say.
async function burnedInText(
  bytes: Uint8Array,
  sourcePath: string,
  ocr: LazyReader,
): Promise<string | undefined> {
  let image;
  try {
    image = decodeUncompressedCtImage(bytes, sourcePath);
  } catch (thrown) {
    if (hasCode(thrown, 'PIXEL_DATA_UNSUPPORTED')) return undefined;
    throw thrown;
  }

  const screened = await screenForBurnedInText(image, { ocr: false });
  if (!screened.suspicious) return undefined;
  const confirmed = await screenForBurnedInText(image, { reader: await ocr.get() });
  return confirmed.suspicious ? confirmed.reason : undefined;
}

function checkPixelDataUnchanged(before: DicomFile, after: DicomFile, sourcePath: string): void {
  if (pixelDigest(before.dataset) === pixelDigest(after.dataset)) return;
  throw new CtbankError('INTERNAL', `${sourcePath}: de-identification changed Pixel Data`, {
    file: sourcePath,
    keyword: 'PixelData',
  });
}

function pixelDigest(dataset: DicomDataset): string {
  const pixelData = dataset.elements.find((element) => element.tag === TAGS.PixelData.tag);
  const hash = createHash('sha256');
  if (pixelData?.value !== undefined) hash.update(pixelData.value);
  for (const fragment of pixelData?.fragments ?? []) hash.update(fragment);
  return hash.digest('hex');
}

async function quarantine(
  context: StageContext,
  originalSopInstanceUid: string,
  reason: string,
  detail: string,
): Promise<void> {
  context.logger.warn({ sop: originalSopInstanceUid, reason, detail }, 'quarantined');
  await context.workspace.catalog.db
    .insertInto('deid_quarantine')
    .values({
      original_sop_instance_uid: originalSopInstanceUid,
      reason,
      detail,
      created_at: new Date().toISOString(),
    })
    .onConflict((conflict) =>
      conflict.column('original_sop_instance_uid').doUpdateSet({ reason, detail }),
    )
    .execute();
}

async function publish(
  context: StageContext,
  originalStudyUid: string,
  instance: DeidentifiedInstance,
  output: Uint8Array,
): Promise<void> {
  const { workspace } = context;
  const sha256 = sha256Hex(output);
  // The blob first, the rows after: a row never points at a missing file.
  await workspace.publicStore.put(sha256, output);

  await workspace.catalog.db.transaction().execute(async (trx) => {
    await recordIdentity(trx, originalStudyUid, instance);
    await insertPublicRows(trx, instance.file, sha256, output.length);
  });
}

async function recordIdentity(
  trx: Transaction<Database>,
  originalStudyUid: string,
  instance: DeidentifiedInstance,
): Promise<void> {
  const { identity } = instance;
  const now = new Date().toISOString();
  await trx
    .updateTable('identity_patients')
    .set({ date_offset_days: identity.dateOffsetDays })
    .where('original_patient_id', '=', identity.originalPatientId)
    .execute();

  for (const uid of identity.uids) {
    await trx
      .insertInto('identity_uids')
      .values({ original_uid: uid.original, deidentified_uid: uid.replacement, created_at: now })
      .onConflict((conflict) => conflict.column('original_uid').doNothing())
      .execute();
  }
  const studyUid = identity.uids.find((uid) => uid.original === originalStudyUid);
  await trx
    .insertInto('identity_studies')
    .values({
      original_study_instance_uid: originalStudyUid,
      study_instance_uid: studyUid?.replacement ?? originalStudyUid,
      true_age: identity.trueAge,
      true_study_date: identity.trueStudyDate,
    })
    .onConflict((conflict) => conflict.column('original_study_instance_uid').doNothing())
    .execute();
}

async function insertPublicRows(
  trx: Transaction<Database>,
  file: DicomFile,
  sha256: string,
  size: number,
): Promise<void> {
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
  const now = new Date().toISOString();
  const patientId = value('PatientID') ?? '';
  const studyUid = value('StudyInstanceUID') ?? '';
  const seriesUid = value('SeriesInstanceUID') ?? '';

  await trx
    .insertInto('patients')
    .values({
      patient_id: patientId,
      patient_sex: value('PatientSex'),
      patient_age: value('PatientAge'),
      withdrawn_at: null,
      withdrawal_reason: null,
      created_at: now,
    })
    .onConflict((conflict) => conflict.column('patient_id').doNothing())
    .execute();
  await trx
    .insertInto('studies')
    .values({
      study_instance_uid: studyUid,
      patient_id: patientId,
      study_date: value('StudyDate'),
      study_time: value('StudyTime'),
      study_description: value('StudyDescription'),
      created_at: now,
    })
    .onConflict((conflict) => conflict.column('study_instance_uid').doNothing())
    .execute();
  await trx
    .insertInto('series')
    .values({
      series_instance_uid: seriesUid,
      study_instance_uid: studyUid,
      modality: value('Modality'),
      series_number: integer('SeriesNumber'),
      series_description: value('SeriesDescription'),
      body_part_examined: value('BodyPartExamined'),
      manufacturer: value('Manufacturer'),
      manufacturer_model_name: value('ManufacturerModelName'),
      created_at: now,
    })
    .onConflict((conflict) => conflict.column('series_instance_uid').doNothing())
    .execute();
  await trx
    .insertInto('instances')
    .values({
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
      created_at: now,
    })
    .onConflict((conflict) => conflict.column('sop_instance_uid').doUpdateSet({ sha256 }))
    .execute();
}

/** One OCR engine for a study, started only when a slice needs it. */
class LazyReader {
  private reader: Promise<TextReader> | undefined;

  get(): Promise<TextReader> {
    this.reader ??= createTextReader();
    return this.reader;
  }

  async terminate(): Promise<void> {
    if (this.reader !== undefined) await (await this.reader).terminate();
  }
}
