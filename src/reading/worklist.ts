/**
 * A reader's worklist: the studies assigned to them to read, in their randomised order, each
 * marked read or not. It shows nothing of other readers' duties or answers.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../catalog/schema.js';
import { requireReader } from './readers.js';
import { currentReads } from './reads.js';

/** One study on a worklist. */
export interface WorklistEntry {
  readonly position: number;
  readonly studyInstanceUid: string;
  readonly duty: 'reader' | 'adjudicator';
  readonly status: 'to read' | 'submitted' | 'to adjudicate';
}

/** The reader's worklist, in order. */
export async function worklist(db: Kysely<Database>, reader: string): Promise<WorklistEntry[]> {
  const person = await requireReader(db, reader);
  const duties = await db
    .selectFrom('reading_assignments')
    .selectAll()
    .where('reader', '=', person.name)
    .orderBy('worklist_position')
    .execute();
  const submitted = new Set(
    (await currentReads(db)).filter((r) => r.reader === person.name).map((r) => r.studyInstanceUid),
  );

  return duties.map((duty) => {
    const isReader = duty.duty === 'reader';
    return {
      position: duty.worklist_position,
      studyInstanceUid: duty.study_instance_uid,
      duty: isReader ? 'reader' : 'adjudicator',
      status: !isReader
        ? 'to adjudicate'
        : submitted.has(duty.study_instance_uid)
          ? 'submitted'
          : 'to read',
    };
  });
}
