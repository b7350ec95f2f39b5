/**
 * Ingest as a stage of the runner: for one study, check that every catalogued original is in
 * the private zone with the hash the catalog holds. The ingest command records this stage as
 * done for the studies it wrote; `ctbank run` re-checks a study whenever its instances change.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../catalog/schema.js';
import { CtbankError } from '../errors.js';
import { recordStageRun, studyInputHash } from '../pipeline/stage-records.js';
import type { Stage, StageContext } from '../pipeline/stage.js';
import { sha256Hex } from '../store/blob-store.js';

export const INGEST_STAGE_NAME = 'ingest';
const INGEST_STAGE_VERSION = 1;

/** The ingest stage: verifies a study's stored originals. */
export const ingestStage: Stage = {
  name: INGEST_STAGE_NAME,
  version: INGEST_STAGE_VERSION,
  dependsOn: [],
  inputHash: (context, studyInstanceUid) =>
    studyInputHash(context.workspace.catalog.db, studyInstanceUid),
  run: verifyStudyOriginals,
};

async function verifyStudyOriginals(
  context: StageContext,
  studyInstanceUid: string,
): Promise<void> {
  const { catalog, privateStore } = context.workspace;
  const instances = await catalog.db
    .selectFrom('original_instances')
    .innerJoin(
      'original_series',
      'original_series.series_instance_uid',
      'original_instances.series_instance_uid',
    )
    .select(['original_instances.sop_instance_uid', 'original_instances.sha256'])
    .where('original_series.study_instance_uid', '=', studyInstanceUid)
    .where('original_instances.status', '=', 'stored')
    .execute();

  for (const instance of instances) {
    const bytes = await privateStore.read(instance.sha256).catch(() => undefined);
    if (bytes === undefined || sha256Hex(bytes) !== instance.sha256) {
      throw new CtbankError(
        'STAGE_FAILED',
        `original of ${instance.sop_instance_uid} is ` +
          `${bytes === undefined ? 'missing' : 'damaged'} in the private zone`,
        { sopInstanceUid: instance.sop_instance_uid },
      );
    }
  }
}

/** Marks the ingest stage done for studies the ingest command has just written. */
export async function recordIngestedStudies(
  db: Kysely<Database>,
  studyInstanceUids: readonly string[],
): Promise<void> {
  for (const studyInstanceUid of studyInstanceUids) {
    const inputHash = await studyInputHash(db, studyInstanceUid);
    await recordStageRun(db, {
      studyInstanceUid,
      stage: INGEST_STAGE_NAME,
      version: INGEST_STAGE_VERSION,
      inputHash,
      status: 'done',
      error: null,
    });
  }
}
