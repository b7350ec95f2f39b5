/**
 * The catalog's record of stage runs: one row per study and stage, with the version and input
 * hash it ran with, so that a change to either makes the stage due again.
 */
import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, StageRunTable } from '../catalog/schema.js';
import type { StageStatus } from './stage.js';

/** One stage run as recorded. */
export interface StageRecord {
  readonly studyInstanceUid: string;
  readonly stage: string;
  readonly status: StageStatus;
  readonly version: number;
  readonly inputHash: string;
  readonly error: string | null;
}

/** Writes the record of a stage run, counting attempts. */
export async function recordStageRun(db: Kysely<Database>, record: StageRecord): Promise<void> {
  const now = new Date().toISOString();
  const isStart = record.status === 'running';
  await db
    .insertInto('stage_runs')
    .values({
      study_instance_uid: record.studyInstanceUid,
      stage: record.stage,
      status: record.status,
      version: record.version,
      input_hash: record.inputHash,
      attempts: 1,
      error: record.error,
      started_at: now,
      finished_at: isStart ? null : now,
    })
    .onConflict((conflict) =>
      conflict.columns(['study_instance_uid', 'stage']).doUpdateSet((eb) => ({
        status: record.status,
        version: record.version,
        input_hash: record.inputHash,
        error: record.error,
        attempts: isStart ? eb('stage_runs.attempts', '+', 1) : eb.ref('stage_runs.attempts'),
        started_at: isStart ? now : eb.ref('stage_runs.started_at'),
        finished_at: isStart ? null : now,
      })),
    )
    .execute();
}

/** Every recorded stage run, by study. */
export async function stageRecords(
  db: Kysely<Database>,
): Promise<Map<string, Map<string, StageRow>>> {
  const rows = await db.selectFrom('stage_runs').selectAll().execute();
  const byStudy = new Map<string, Map<string, StageRow>>();
  for (const row of rows) {
    const stages = byStudy.get(row.study_instance_uid) ?? new Map<string, StageRow>();
    stages.set(row.stage, row);
    byStudy.set(row.study_instance_uid, stages);
  }
  return byStudy;
}

/** A stage run row as stored. */
export type StageRow = Selectable<StageRunTable>;

/** A digest of the study's stored instances: it changes when one is added or set aside. */
export async function studyInputHash(
  db: Kysely<Database>,
  studyInstanceUid: string,
): Promise<string> {
  const rows = await db
    .selectFrom('original_instances')
    .innerJoin(
      'original_series',
      'original_series.series_instance_uid',
      'original_instances.series_instance_uid',
    )
    .select(['original_instances.sha256'])
    .where('original_series.study_instance_uid', '=', studyInstanceUid)
    .where('original_instances.status', '=', 'stored')
    .orderBy('original_instances.sha256')
    .execute();

  const hash = createHash('sha256');
  for (const row of rows) hash.update(row.sha256);
  return hash.digest('hex');
}
