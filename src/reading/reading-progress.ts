/**
 * Where each study stands in the reader study, for curators (`ctbank status`): readers
 * assigned, reads in, adjudication items open and whether the consensus is complete. Keyed by
 * the original Study Instance UID, as the stage records are, through the private identity
 * mapping to the de-identified study the reading tables use.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../catalog/schema.js';
import { studyAssignments } from './assignment.js';
import { consensusOfStudies } from './consensus.js';
import type { ReadingForm } from './form-schema.js';
import { currentReads } from './reads.js';

/** One de-identified study's reading state. */
export interface StudyReadingProgress {
  /** The de-identified Study Instance UID (as reads and `ctbank ls studies` name it). */
  readonly studyInstanceUid: string;
  /** Readers with a reading duty (the adjudicator not counted). */
  readonly assignedReaders: number;
  /** Current reads: one per reader, corrections replacing what they supersede. */
  readonly readsSubmitted: number;
  readonly openAdjudications: number;
  /** Every finding of the form has a label (by agreement or adjudication). */
  readonly consensusComplete: boolean;
}

/** The reading state of every de-identified study, by its original Study Instance UID. */
export async function readingProgressByOriginalStudy(
  db: Kysely<Database>,
  form: ReadingForm,
): Promise<Map<string, StudyReadingProgress>> {
  const links = await db
    .selectFrom('identity_studies')
    .select(['original_study_instance_uid', 'study_instance_uid'])
    .execute();
  const readers = countBy(
    (await studyAssignments(db)).filter((duty) => duty.duty === 'reader'),
    (duty) => duty.studyInstanceUid,
  );
  const reads = countBy(await currentReads(db), (read) => read.studyInstanceUid);
  const consensus = new Map(
    (await consensusOfStudies(db, form)).map((study) => [study.studyInstanceUid, study]),
  );

  const progress = new Map<string, StudyReadingProgress>();
  for (const link of links) {
    const uid = link.study_instance_uid;
    const settled = consensus.get(uid);
    progress.set(link.original_study_instance_uid, {
      studyInstanceUid: uid,
      assignedReaders: readers.get(uid) ?? 0,
      readsSubmitted: reads.get(uid) ?? 0,
      openAdjudications: settled?.open.length ?? 0,
      consensusComplete: settled?.complete ?? false,
    });
  }
  return progress;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
