/**
 * Withdrawal: a patient (by pseudonym) leaves the public zone and every later release, for a
 * reason that is recorded. The de-identified files are deleted first and the public rows after,
 * so a withdrawal killed half-way leaves rows pointing at missing files (never files nobody
 * can find) and running it again finishes it. The identity mapping stays: the pseudonym is
 * never given to anyone else, and the de-identification stage holds back any instance of the
 * same patient that arrives later.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../catalog/schema.js';
import { CtbankError } from '../errors.js';
import type { BlobStore } from '../store/blob-store.js';

/** What a withdrawal did. */
export interface Withdrawal {
  readonly pseudonym: string;
  readonly reason: string;
  readonly withdrawnAt: string;
  readonly studiesRemoved: number;
  readonly instancesRemoved: number;
}

/** Who withdraws, and why. */
export interface WithdrawalRequest {
  readonly pseudonym: string;
  readonly reason: string;
  readonly withdrawnBy: string;
}

/** Removes a patient's de-identified instances and rows, and records the withdrawal. */
export async function withdrawPatient(
  db: Kysely<Database>,
  publicStore: BlobStore,
  request: WithdrawalRequest,
): Promise<Withdrawal> {
  const { pseudonym, reason, withdrawnBy } = request;
  if (reason.trim() === '') {
    throw new CtbankError('USAGE', 'a withdrawal needs a reason (--reason)');
  }
  await requireKnown(db, pseudonym);

  const studies = await db
    .selectFrom('studies')
    .select('study_instance_uid')
    .where('patient_id', '=', pseudonym)
    .execute();
  const studyUids = studies.map((row) => row.study_instance_uid);
  const instances = await instancesOf(db, studyUids);
  for (const instance of instances) await publicStore.remove(instance.sha256);

  const withdrawnAt = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    if (studyUids.length > 0) {
      const series = trx
        .selectFrom('series')
        .select('series_instance_uid')
        .where('study_instance_uid', 'in', studyUids);
      await trx.deleteFrom('instances').where('series_instance_uid', 'in', series).execute();
      await trx.deleteFrom('series').where('study_instance_uid', 'in', studyUids).execute();
      await trx.deleteFrom('studies').where('study_instance_uid', 'in', studyUids).execute();
    }
    await markWithdrawn(trx, pseudonym, reason, withdrawnAt);
    await trx
      .insertInto('withdrawals')
      .values({
        pseudonym,
        reason,
        withdrawn_by: withdrawnBy,
        withdrawn_at: withdrawnAt,
        instances_removed: instances.length,
      })
      .execute();
  });

  return {
    pseudonym,
    reason,
    withdrawnAt,
    studiesRemoved: studyUids.length,
    instancesRemoved: instances.length,
  };
}

// Only a pseudonym the identity mapping gave out can be withdrawn: a typo must not pass
// silently as "withdrawn, nothing to remove".
async function requireKnown(db: Kysely<Database>, pseudonym: string): Promise<void> {
  const known = await db
    .selectFrom('identity_patients')
    .select('pseudonym')
    .where('pseudonym', '=', pseudonym)
    .executeTakeFirst();
  if (known !== undefined) return;

  throw new CtbankError('USAGE', `${pseudonym}: no patient has this pseudonym`);
}

async function instancesOf(
  db: Kysely<Database>,
  studyUids: readonly string[],
): Promise<{ sha256: string }[]> {
  if (studyUids.length === 0) return [];

  return db
    .selectFrom('instances as i')
    .innerJoin('series as s', 's.series_instance_uid', 'i.series_instance_uid')
    .select('i.sha256')
    .where('s.study_instance_uid', 'in', studyUids)
    .execute();
}

// A patient withdrawn before any instance was published still gets a row, so that the
// stage holds back whatever arrives for it later.
async function markWithdrawn(
  db: Kysely<Database>,
  pseudonym: string,
  reason: string,
  withdrawnAt: string,
): Promise<void> {
  await db
    .insertInto('patients')
    .values({
      patient_id: pseudonym,
      patient_sex: null,
      patient_age: null,
      withdrawn_at: withdrawnAt,
      withdrawal_reason: reason,
      created_at: withdrawnAt,
    })
    .onConflict((conflict) =>
      conflict
        .column('patient_id')
        .doUpdateSet({ withdrawn_at: withdrawnAt, withdrawal_reason: reason }),
    )
    .execute();
}
