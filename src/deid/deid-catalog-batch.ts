/**
 * The catalog side of the de-identification stage: what a batch of instances produced (their
 * identity mapping, original values, public rows, quarantine verdicts) is written in one
 * transaction, after every public blob of the batch is stored, so a process killed at any
 * moment leaves rows only for blobs that exist, and a batch either wholly or not at all.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../catalog/schema.js';
import type { OriginalValue } from './audit-originals.js';
import { tagText } from '../dicom/dictionary.js';
import type { IdentityRecord } from './deidentify-dataset.js';
import type { UnknownAttribute } from './deid-report.js';
import type { IdentityValueRecorder } from './identity-values.js';
import { firstByKey, insertPublicRows, type PublicRows } from './public-rows.js';

/** A published instance, its blob stored. */
export interface PublishedInstance {
  readonly identity: IdentityRecord;
  readonly rows: PublicRows;
  readonly originals: readonly OriginalValue[];
  readonly unknownAttributes: readonly UnknownAttribute[];
}

/** A held-back instance, named by its original SOP Instance UID. */
export interface QuarantinedInstance {
  readonly originalSopInstanceUid: string;
  readonly reason: string;
  readonly detail: string;
}

// Instances per transaction: few enough that a killed run loses little work, many enough that
// statement overhead is small (a 600-slice series commits in 10 transactions).
const BATCH_SIZE = 64;

/** Collects the stage's results for one study and commits them in batches. */
export class DeidCatalogBatch {
  private published: PublishedInstance[] = [];
  private quarantined: QuarantinedInstance[] = [];

  constructor(
    private readonly db: Kysely<Database>,
    private readonly originalStudyUid: string,
    private readonly values: IdentityValueRecorder,
  ) {}

  /** True when the batch should be committed before more is added. */
  get isFull(): boolean {
    return this.published.length + this.quarantined.length >= BATCH_SIZE;
  }

  /** Adds a published instance (its blob must already be stored). */
  publish(instance: PublishedInstance): void {
    this.published.push(instance);
  }

  /** Adds an instance that must not be published. */
  quarantine(instance: QuarantinedInstance): void {
    this.quarantined.push(instance);
  }

  /** Writes what was added in one transaction and starts a new batch. */
  async commit(): Promise<void> {
    const published = this.published;
    const quarantined = this.quarantined;
    if (published.length === 0 && quarantined.length === 0) return;
    this.published = [];
    this.quarantined = [];

    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await recordIdentities(trx, this.originalStudyUid, published, now);
      for (const instance of published) {
        await this.values.record(trx, instance.identity.originalPatientId, instance.originals);
      }
      await insertPublicRows(
        trx,
        published.map((instance) => instance.rows),
        now,
      );
      await recordQuarantine(trx, quarantined, now);
      await recordUnknownAttributes(trx, this.originalStudyUid, published);
    });
  }
}

// Counted per path and outcome across the study; a batch adds its instances to the counts.
async function recordUnknownAttributes(
  trx: Transaction<Database>,
  originalStudyUid: string,
  published: readonly PublishedInstance[],
): Promise<void> {
  const counts = new Map<string, { attribute: UnknownAttribute; instances: number }>();
  for (const instance of published) {
    for (const attribute of instance.unknownAttributes) {
      const key = `${attribute.path}\u0000${attribute.outcome}`;
      const known = counts.get(key);
      counts.set(key, { attribute, instances: (known?.instances ?? 0) + 1 });
    }
  }

  for (const { attribute, instances } of counts.values()) {
    await trx
      .insertInto('deid_unknown_attributes')
      .values({
        original_study_instance_uid: originalStudyUid,
        path: attribute.path,
        tag: tagText(attribute.tag),
        vr: attribute.vr,
        outcome: attribute.outcome,
        instances,
      })
      .onConflict((conflict) =>
        conflict.columns(['original_study_instance_uid', 'path', 'outcome']).doUpdateSet((eb) => ({
          instances: eb('deid_unknown_attributes.instances', '+', instances),
        })),
      )
      .execute();
  }
}

async function recordIdentities(
  trx: Transaction<Database>,
  originalStudyUid: string,
  published: readonly PublishedInstance[],
  now: string,
): Promise<void> {
  const identities = published.map((instance) => instance.identity);
  if (identities.length === 0) return;

  const patients = firstByKey(identities, (identity) => identity.originalPatientId);
  for (const identity of patients) {
    await trx
      .updateTable('identity_patients')
      .set({ date_offset_days: identity.dateOffsetDays })
      .where('original_patient_id', '=', identity.originalPatientId)
      .execute();
  }

  const uids = firstByKey(
    identities.flatMap((identity) => identity.uids),
    (uid) => uid.original,
  );
  if (uids.length > 0) {
    await trx
      .insertInto('identity_uids')
      .values(
        uids.map((uid) => ({
          original_uid: uid.original,
          deidentified_uid: uid.replacement,
          created_at: now,
        })),
      )
      .onConflict((conflict) => conflict.column('original_uid').doNothing())
      .execute();
  }

  // The study's link is taken from its first instance, as every instance maps the UID alike.
  const first = identities[0] as IdentityRecord;
  const studyUid = first.uids.find((uid) => uid.original === originalStudyUid);
  await trx
    .insertInto('identity_studies')
    .values({
      original_study_instance_uid: originalStudyUid,
      study_instance_uid: studyUid?.replacement ?? originalStudyUid,
      true_age: first.trueAge,
      true_study_date: first.trueStudyDate,
    })
    .onConflict((conflict) => conflict.column('original_study_instance_uid').doNothing())
    .execute();
}

async function recordQuarantine(
  trx: Transaction<Database>,
  quarantined: readonly QuarantinedInstance[],
  now: string,
): Promise<void> {
  const rows = firstByKey(quarantined, (instance) => instance.originalSopInstanceUid);
  if (rows.length === 0) return;

  await trx
    .insertInto('deid_quarantine')
    .values(
      rows.map((instance) => ({
        original_sop_instance_uid: instance.originalSopInstanceUid,
        reason: instance.reason,
        detail: instance.detail,
        created_at: now,
      })),
    )
    .onConflict((conflict) =>
      conflict.column('original_sop_instance_uid').doUpdateSet((eb) => ({
        reason: eb.ref('excluded.reason'),
        detail: eb.ref('excluded.detail'),
      })),
    )
    .execute();
}
