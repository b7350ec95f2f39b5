/**
 * Assignment: each study with no readers yet gets two distinct readers and, when seniors are
 * registered, a senior to settle their disagreements. Workload stays balanced (the least
 * loaded readers first), and studies are handed out in a seeded random order, so no reader
 * works through the cohort in acquisition order and a run can be reproduced from its seed.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../catalog/schema.js';
import { CtbankError } from '../errors.js';
import { SeededRandom } from '../phantom/seeded-random.js';
import { listReaders, type Reader } from './readers.js';
import { readableStudies } from './reading-studies.js';

/** One reader's duty on one study. */
export interface Assignment {
  readonly studyInstanceUid: string;
  readonly reader: string;
  readonly duty: 'reader' | 'adjudicator';
  /** 1 or 2 for readers, 0 for the adjudicator. */
  readonly slot: number;
  readonly worklistPosition: number;
}

/** What one assignment run did. */
export interface AssignmentReport {
  readonly seed: string;
  readonly assigned: readonly {
    studyInstanceUid: string;
    readers: readonly string[];
    adjudicator: string | null;
  }[];
  readonly alreadyAssigned: number;
}

/** Assigns every study that has no readers; the same seed and state give the same result. */
export async function assignStudies(db: Kysely<Database>, seed: string): Promise<AssignmentReport> {
  const everyone = await listReaders(db);
  const readers = everyone.filter((reader) => reader.role === 'reader');
  const seniors = everyone.filter((reader) => reader.role === 'senior');
  if (readers.length < 2) {
    throw new CtbankError('USAGE', 'two readers are needed first (ctbank readers add NAME)');
  }

  return db.transaction().execute(async (trx) => {
    const existing = await studyAssignments(trx);
    const random = new SeededRandom(`assign/${seed}`);
    const due = (await readableStudies(trx)).filter(
      (study) => !existing.some((row) => row.studyInstanceUid === study.studyInstanceUid),
    );
    const load = loadOf(existing);
    const now = new Date().toISOString();

    const assigned: AssignmentReport['assigned'][number][] = [];
    for (const study of random.shuffle(due)) {
      const pair = leastLoaded(readers, load, 'reader', random, 2);
      const adjudicator = leastLoaded(seniors, load, 'adjudicator', random, 1)[0];
      const rows = [
        ...pair.map((reader, i) => duty(study.studyInstanceUid, reader, 'reader', i + 1, load)),
        ...(adjudicator === undefined
          ? []
          : [duty(study.studyInstanceUid, adjudicator, 'adjudicator', 0, load)]),
      ];
      await trx
        .insertInto('reading_assignments')
        .values(rows.map((row) => ({ ...row, assigned_at: now })))
        .execute();
      assigned.push({
        studyInstanceUid: study.studyInstanceUid,
        readers: pair.map((reader) => reader.name),
        adjudicator: adjudicator?.name ?? null,
      });
    }

    const studiesBefore = new Set(existing.map((row) => row.studyInstanceUid));
    return { seed, assigned, alreadyAssigned: studiesBefore.size };
  });
}

/** Every assignment, or those of one study. */
export async function studyAssignments(
  db: Kysely<Database>,
  studyInstanceUid?: string,
): Promise<Assignment[]> {
  let query = db.selectFrom('reading_assignments').selectAll();
  if (studyInstanceUid !== undefined) {
    query = query.where('study_instance_uid', '=', studyInstanceUid);
  }
  const rows = await query.orderBy('study_instance_uid').orderBy('slot').execute();
  return rows.map((row) => ({
    studyInstanceUid: row.study_instance_uid,
    reader: row.reader,
    duty: row.duty === 'adjudicator' ? 'adjudicator' : 'reader',
    slot: row.slot,
    worklistPosition: row.worklist_position,
  }));
}

/** Gives a study a reader in the next free slot (reads imported from elsewhere). */
export async function assignReader(
  db: Kysely<Database>,
  studyInstanceUid: string,
  reader: string,
): Promise<Assignment> {
  const current = await studyAssignments(db, studyInstanceUid);
  const readers = current.filter((row) => row.duty === 'reader');
  const position = await db
    .selectFrom('reading_assignments')
    .select((eb) => eb.fn.max('worklist_position').as('last'))
    .where('reader', '=', reader)
    .executeTakeFirst();
  const row = {
    study_instance_uid: studyInstanceUid,
    reader,
    duty: 'reader',
    slot: Math.max(0, ...readers.map((r) => r.slot)) + 1,
    worklist_position: Number(position?.last ?? 0) + 1,
    assigned_at: new Date().toISOString(),
  };
  await db.insertInto('reading_assignments').values(row).execute();
  return {
    studyInstanceUid,
    reader,
    duty: 'reader',
    slot: row.slot,
    worklistPosition: row.worklist_position,
  };
}

type Load = Map<string, { reader: number; adjudicator: number; lastPosition: number }>;

function loadOf(assignments: readonly Assignment[]): Load {
  const load: Load = new Map();
  for (const row of assignments) {
    const entry = load.get(row.reader) ?? { reader: 0, adjudicator: 0, lastPosition: 0 };
    entry[row.duty] += 1;
    entry.lastPosition = Math.max(entry.lastPosition, row.worklistPosition);
    load.set(row.reader, entry);
  }
  return load;
}

// The least loaded first; a fresh random order breaks ties, so no name is always first.
function leastLoaded(
  pool: readonly Reader[],
  load: Load,
  kind: 'reader' | 'adjudicator',
  random: SeededRandom,
  count: number,
): Reader[] {
  const count0 = (reader: Reader): number => load.get(reader.name)?.[kind] ?? 0;
  return random
    .shuffle(pool)
    .sort((a, b) => count0(a) - count0(b))
    .slice(0, count);
}

function duty(
  studyInstanceUid: string,
  reader: Reader,
  kind: 'reader' | 'adjudicator',
  slot: number,
  load: Load,
): Omit<Database['reading_assignments'], 'assigned_at'> {
  const entry = load.get(reader.name) ?? { reader: 0, adjudicator: 0, lastPosition: 0 };
  entry[kind] += 1;
  entry.lastPosition += 1;
  load.set(reader.name, entry);
  return {
    study_instance_uid: studyInstanceUid,
    reader: reader.name,
    duty: kind,
    slot,
    worklist_position: entry.lastPosition,
  };
}
