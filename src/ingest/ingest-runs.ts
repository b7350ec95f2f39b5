/**
 * Bookkeeping of ingest runs: the run row, the rejection log and the catalog totals.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../catalog/schema.js';
import type { ExaminedRejection } from './examine-file.js';

/** Records the start of a run and returns its id. */
export async function startRun(db: Kysely<Database>, paths: readonly string[]): Promise<number> {
  // A run still marked running belongs to a process that was killed: say so.
  await db
    .updateTable('ingest_runs')
    .set({ status: 'interrupted' })
    .where('status', '=', 'running')
    .execute();

  const row = await db
    .insertInto('ingest_runs')
    .values({
      started_at: new Date().toISOString(),
      finished_at: null,
      status: 'running',
      inputs: JSON.stringify(paths),
      new_instances: 0,
      rejected: 0,
      bytes: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Records the end of a run. */
export async function finishRun(
  db: Kysely<Database>,
  runId: number,
  totals: { newInstances: number; rejected: number; bytes: number },
): Promise<void> {
  await db
    .updateTable('ingest_runs')
    .set({
      finished_at: new Date().toISOString(),
      status: 'done',
      new_instances: totals.newInstances,
      rejected: totals.rejected,
      bytes: totals.bytes,
    })
    .where('id', '=', runId)
    .execute();
}

/** Adds rejections to the log; a file rejected again for the same reason keeps one row. */
export async function recordRejections(
  db: Kysely<Database>,
  runId: number,
  rejections: readonly ExaminedRejection[],
): Promise<void> {
  if (rejections.length === 0) return;

  await db.transaction().execute(async (trx) => {
    for (const rejection of rejections) {
      await trx
        .insertInto('ingest_rejections')
        .values({
          path: rejection.path,
          code: rejection.code,
          reason: rejection.reason,
          sha256: rejection.sha256 ?? null,
          sop_instance_uid: rejection.sopInstanceUid ?? null,
          first_run_id: runId,
          last_run_id: runId,
        })
        .onConflict((conflict) =>
          conflict
            .columns(['path', 'code'])
            .doUpdateSet({ reason: rejection.reason, last_run_id: runId }),
        )
        .execute();
    }
  });
}

/** Patients, studies, series and instances in the catalog (instances set aside not counted). */
export async function catalogCounts(
  db: Kysely<Database>,
): Promise<{ patients: number; studies: number; series: number; instances: number }> {
  const count = async (
    table: 'original_patients' | 'original_studies' | 'original_series',
  ): Promise<number> => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const instances = await db
    .selectFrom('original_instances')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'stored')
    .executeTakeFirstOrThrow();

  return {
    patients: await count('original_patients'),
    studies: await count('original_studies'),
    series: await count('original_series'),
    instances: Number(instances.n),
  };
}
