/**
 * Adjudication: a senior reader settles each finding the two reads of a study differ on,
 * seeing both answers side by side. Nobody adjudicates a study they read; when the study was
 * given to a particular senior, only that senior decides it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../catalog/schema.js';
import { CtbankError } from '../errors.js';
import { checkAnswer, type Answer } from './answers.js';
import { consensusOfStudies, type AdjudicationItem } from './consensus.js';
import type { ReadingForm } from './form-schema.js';
import { requireReader } from './readers.js';

/** One senior's decision on one item. */
export interface AdjudicationDecision {
  readonly studyInstanceUid: string;
  readonly finding: string;
  readonly value: unknown;
  readonly by: string;
}

/** The open items, all of them or those a senior may decide (not their own reads). */
export async function openAdjudications(
  db: Kysely<Database>,
  form: ReadingForm,
  adjudicator?: string,
): Promise<AdjudicationItem[]> {
  const items = (await consensusOfStudies(db, form)).flatMap((study) => study.open);
  if (adjudicator === undefined) return items;

  await requireSenior(db, adjudicator);
  const own = await studiesReadBy(db, adjudicator);
  return items.filter(
    (item) =>
      !own.has(item.studyInstanceUid) &&
      (item.adjudicator === null || item.adjudicator === adjudicator),
  );
}

/** Settles one open item; throws ADJUDICATION_OWN_READ, NOT_ASSIGNED or ADJUDICATION_NOT_OPEN. */
export async function decideAdjudication(
  db: Kysely<Database>,
  form: ReadingForm,
  decision: AdjudicationDecision,
): Promise<{ item: AdjudicationItem; value: Answer; decidedAt: string }> {
  const senior = await requireSenior(db, decision.by);
  if ((await studiesReadBy(db, senior)).has(decision.studyInstanceUid)) {
    throw new CtbankError(
      'ADJUDICATION_OWN_READ',
      `${senior} read ${decision.studyInstanceUid} and cannot adjudicate it`,
    );
  }

  const item = (await openAdjudications(db, form)).find(
    (open) =>
      open.studyInstanceUid === decision.studyInstanceUid && open.finding === decision.finding,
  );
  if (item === undefined) {
    throw new CtbankError(
      'ADJUDICATION_NOT_OPEN',
      `no open adjudication for ${decision.finding} of ${decision.studyInstanceUid}`,
    );
  }
  if (item.adjudicator !== null && item.adjudicator !== senior) {
    throw new CtbankError(
      'NOT_ASSIGNED',
      `${decision.studyInstanceUid} is assigned to ${item.adjudicator} for adjudication`,
    );
  }

  const finding = form.findings.find((candidate) => candidate.key === decision.finding);
  if (finding === undefined) {
    throw new CtbankError('READ_INVALID', `${decision.finding} is not a finding of the form`);
  }
  const value = checkAnswer(finding, decision.value);
  const decidedAt = new Date().toISOString();
  await db
    .insertInto('adjudications')
    .values({
      study_instance_uid: item.studyInstanceUid,
      finding: item.finding,
      value: JSON.stringify(value),
      decided_by: senior,
      decided_at: decidedAt,
      read_ids: item.readIds.join(','),
    })
    .execute();
  return { item, value, decidedAt };
}

async function requireSenior(db: Kysely<Database>, name: string): Promise<string> {
  const reader = await requireReader(db, name);
  if (reader.role !== 'senior') {
    throw new CtbankError('READER_UNKNOWN', `${name} is a reader, not a senior: cannot adjudicate`);
  }
  return reader.name;
}

// Any read, superseded ones too: a senior who once read the study is not independent of it.
async function studiesReadBy(db: Kysely<Database>, reader: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('reads')
    .select('study_instance_uid')
    .where('reader', '=', reader)
    .execute();
  return new Set(rows.map((row) => row.study_instance_uid));
}
