/**
 * De-identification as the stage after ingest: every original instance of a study is read from
 * the private zone, screened for burned-in text, de-identified by the workspace's profile,
 * written as a fresh Part 10 file, audited, and only then stored in the public zone with its
 * public catalog rows. What must not be published goes to the quarantine with the reason.
 * The per-instance work runs on worker threads (deid-instance.ts); this thread resolves what
 * needs the catalog, runs OCR on the slices the pixel screen flags, and commits the rows.
 */
import { createHash } from 'node:crypto';
import { parseDicomFile } from '../dicom/parse-dataset.js';
import { CtbankError } from '../errors.js';
import { studyInputHash } from '../pipeline/stage-records.js';
import type { Stage, StageContext } from '../pipeline/stage.js';
import { blankBurnedInText, type BlankResult } from './burned-in-blank.js';
import { confirmBurnedInText, LazyReader } from './burned-in-confirm.js';
import { DeidCatalogBatch } from './deid-catalog-batch.js';
import type { InstanceResult, InstanceTask } from './deid-instance.js';
import { DeidWorkers, WORKER_THRESHOLD, warmDeidWorkers } from './deid-workers.js';
import { IdentityValueRecorder } from './identity-values.js';
import type { DeidProfile } from './profile.js';
import { StudyPatients } from './study-patients.js';
import { profileDigest, readWorkspaceProfile } from './workspace-profile.js';

export const DEID_STAGE_NAME = 'deid';
const DEID_STAGE_VERSION = 1;

/** The de-identification stage. */
export const deidStage: Stage = {
  name: DEID_STAGE_NAME,
  version: DEID_STAGE_VERSION,
  dependsOn: ['ingest'],
  inputHash: async (context, studyInstanceUid) => {
    // The stage may well be due: threads asked for now load their modules while this thread
    // checks and records the stage and reads the study's originals.
    if ((await countOriginals(context, studyInstanceUid)) >= WORKER_THRESHOLD) warmDeidWorkers();
    const profile = readWorkspaceProfile(context.workspace.dir);
    const originals = await studyInputHash(context.workspace.catalog.db, studyInstanceUid);
    return createHash('sha256').update(originals).update(profileDigest(profile)).digest('hex');
  },
  run: deidentifyStudy,
};

async function countOriginals(context: StageContext, studyInstanceUid: string): Promise<number> {
  const row = await context.workspace.catalog.db
    .selectFrom('original_instances as i')
    .innerJoin('original_series as s', 's.series_instance_uid', 'i.series_instance_uid')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('s.study_instance_uid', '=', studyInstanceUid)
    .where('i.status', '=', 'stored')
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

interface Original {
  readonly sop_instance_uid: string;
  readonly sha256: string;
  readonly source_path: string;
}

/** Screens, de-identifies and publishes every original instance of one study. */
async function deidentifyStudy(context: StageContext, studyInstanceUid: string): Promise<void> {
  const { workspace } = context;
  const db = workspace.catalog.db;
  // The study's report of unknown attributes is counted afresh on every run.
  await db
    .deleteFrom('deid_unknown_attributes')
    .where('original_study_instance_uid', '=', studyInstanceUid)
    .execute();
  const originals = await db
    .selectFrom('original_instances as i')
    .innerJoin('original_series as s', 's.series_instance_uid', 'i.series_instance_uid')
    .select(['i.sop_instance_uid', 'i.sha256', 'i.source_path'])
    .where('s.study_instance_uid', '=', studyInstanceUid)
    .where('i.status', '=', 'stored')
    .orderBy('i.sop_instance_uid')
    .execute();
  const study = new StudyRun(context, originals.length);
  const batch = new DeidCatalogBatch(db, studyInstanceUid, new IdentityValueRecorder());

  // Results are taken in submission order. Until the study's first patient has a pseudonym,
  // one instance at a time: the pseudonym is allocated when an instance first needs it, as
  // it would be one after another, so numbering and its gaps do not depend on threads.
  const window: { original: Original; result: Promise<InstanceResult> }[] = [];
  let next = 0;
  try {
    while (next < originals.length || window.length > 0) {
      // The serial instances run on this thread, while the worker threads are still starting.
      const serial = !study.patients.any;
      const limit = serial ? 1 : study.workers.maxInFlight;
      while (next < originals.length && window.length < limit) {
        const original = originals[next++] as Original;
        window.push({ original, result: study.settle(original, serial) });
      }

      const oldest = window.shift();
      if (oldest === undefined) break;
      record(context, batch, oldest.original, await oldest.result);
      if (batch.isFull) await batch.commit();
    }
    await batch.commit();
  } finally {
    // A failed instance fails the stage: let the others finish, so none runs on unseen.
    await Promise.allSettled(window.map((pending) => pending.result));
    await study.close();
  }
}

function record(
  context: StageContext,
  batch: DeidCatalogBatch,
  original: Original,
  result: InstanceResult,
): void {
  if (result.status === 'published') {
    batch.publish(result);
    return;
  }
  if (result.status !== 'quarantined') {
    const message = `${original.source_path}: de-identification left unsettled (${result.status})`;
    throw new CtbankError('INTERNAL', message, { file: original.source_path });
  }

  const { reason, detail } = result;
  context.logger.warn({ sop: original.sop_instance_uid, reason, detail }, 'quarantined');
  batch.quarantine({ originalSopInstanceUid: original.sop_instance_uid, reason, detail });
}

/** The threads, patients and OCR engine of one study's run. */
class StudyRun {
  readonly workers: DeidWorkers;
  readonly patients: StudyPatients;
  private readonly profile: DeidProfile;
  private readonly ocr = new LazyReader();
  // OCR confirmations run one at a time on the study's one engine.
  private ocrQueue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly context: StageContext,
    instances: number,
  ) {
    this.workers = new DeidWorkers(instances);
    this.patients = new StudyPatients(context.workspace.catalog.db);
    this.profile = readWorkspaceProfile(context.workspace.dir);
  }

  /** De-identifies one original, resolving pseudonyms and OCR on this thread as it asks. */
  async settle(original: Original, here: boolean): Promise<InstanceResult> {
    let ocrCleared = false;
    let cleanedPixelData: Uint8Array | undefined;
    for (;;) {
      const task = this.taskOf(original, ocrCleared, cleanedPixelData);
      const result = await (here ? this.workers.runHere(task) : this.workers.run(task));
      if (result.status === 'needs-pseudonym') {
        await this.patients.resolve([result.patientId]);
        continue;
      }
      if (result.status !== 'needs-ocr') return result;

      const text = await this.confirm(original);
      ocrCleared = true;
      if (text === undefined) continue;
      if (!this.profile.cleanPixelData) {
        return { status: 'quarantined', reason: 'burned-in-text', detail: text };
      }

      const blanked = await this.blank(original);
      if (blanked.status === 'not-blankable') {
        return {
          status: 'quarantined',
          reason: 'burned-in-text',
          detail: `${text}; ${blanked.detail}`,
        };
      }
      cleanedPixelData = blanked.pixelData;
    }
  }

  /** Stops the OCR engine; the worker threads stay for the process's next study. */
  async close(): Promise<void> {
    await this.ocr.terminate();
  }

  private confirm(original: Original): Promise<string | undefined> {
    const confirmed = this.ocrQueue.then(async () => {
      const bytes = await this.context.workspace.privateStore.read(original.sha256);
      const file = parseDicomFile(bytes, original.source_path);
      return confirmBurnedInText(bytes, file, original.source_path, this.ocr);
    });
    this.ocrQueue = confirmed.catch(() => undefined);
    return confirmed;
  }

  private blank(original: Original): Promise<BlankResult> {
    const blanked = this.ocrQueue.then(async () => {
      const bytes = await this.context.workspace.privateStore.read(original.sha256);
      const file = parseDicomFile(bytes, original.source_path);
      return blankBurnedInText(bytes, file, original.source_path, this.ocr);
    });
    this.ocrQueue = blanked.catch(() => undefined);
    return blanked;
  }

  private taskOf(
    original: Original,
    ocrCleared: boolean,
    cleanedPixelData: Uint8Array | undefined,
  ): InstanceTask {
    const { workspace } = this.context;
    return {
      sha256: original.sha256,
      sourcePath: original.source_path,
      privateRoot: workspace.privateStore.root,
      publicRoot: workspace.publicStore.root,
      profile: this.profile,
      secret: workspace.secret,
      pseudonyms: this.patients.pseudonyms,
      withdrawn: this.patients.withdrawn,
      ocrCleared,
      ...(cleanedPixelData === undefined ? {} : { cleanedPixelData }),
    };
  }
}
