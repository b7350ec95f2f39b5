/**
 * Reads: one reader's answers to the form for one study. The rules of a blinded reader study
 * live here, so every face obeys them: only an assigned reader reads a study; a submitted read
 * is never changed (a correction is a new read that supersedes it, and both are kept); a
 * reader sees nobody else's answers before submitting their own.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database, ReadTable } from '../catalog/schema.js';
import { CtbankError } from '../errors.js';
import { checkAnswers, type Answers } from './answers.js';
import { studyAssignments } from './assignment.js';
import type { ReadingForm } from './form-schema.js';
import { requireReader } from './readers.js';
import { requireStudy } from './reading-studies.js';

/** A submitted read. */
export interface Read {
  readonly id: number;
  readonly studyInstanceUid: string;
  readonly reader: string;
  readonly formVersion: string;
  readonly answers: Answers;
  readonly submittedAt: string;
  /** The read this one corrects, or null. */
  readonly supersedes: number | null;
  readonly correctionReason: string | null;
  readonly source: 'ctbank' | 'import';
}

/** What a reader submits. */
export interface ReadSubmission {
  readonly studyInstanceUid: string;
  readonly reader: string;
  /** Finding key → answer, checked against the form. */
  readonly answers: Readonly<Record<string, unknown>>;
  readonly source?: 'ctbank' | 'import';
}

/** What a reader sees of a study assigned to them before and after reading it. */
export interface ReaderStudyView {
  readonly studyInstanceUid: string;
  readonly patientId: string;
  readonly formVersion: string;
  /** This reader's current read, or null before submitting. */
  readonly own: Read | null;
}

/** Opens a study for reading; throws NOT_ASSIGNED unless it is on the reader's worklist. */
export async function openStudy(
  db: Kysely<Database>,
  form: ReadingForm,
  reader: string,
  studyInstanceUid: string,
): Promise<ReaderStudyView> {
  const study = await requireStudy(db, studyInstanceUid);
  await requireReadingDuty(db, reader, study.studyInstanceUid);

  const own = (await currentReads(db, study.studyInstanceUid)).find((r) => r.reader === reader);
  return { ...study, formVersion: form.version, own: own ?? null };
}

/** Records a first read; throws NOT_ASSIGNED, READ_SUBMITTED or READ_INVALID. */
export async function submitRead(
  db: Kysely<Database>,
  form: ReadingForm,
  submission: ReadSubmission,
): Promise<Read> {
  return db.transaction().execute(async (trx) => {
    const { studyInstanceUid, reader } = await checkedTarget(trx, submission);
    const previous = await currentRead(trx, studyInstanceUid, reader);
    if (previous !== undefined) {
      throw new CtbankError(
        'READ_SUBMITTED',
        `${reader} already submitted read ${previous.id} of ${studyInstanceUid}; ` +
          'a submitted read is never edited: submit a correction, which supersedes it',
      );
    }

    const answers = checkAnswers(form, submission.answers);
    return insertRead(trx, form, { ...submission, studyInstanceUid, reader }, answers, null);
  });
}

/** Records a correction: a new read superseding the reader's current one, which is kept. */
export async function correctRead(
  db: Kysely<Database>,
  form: ReadingForm,
  submission: ReadSubmission & { readonly reason: string },
): Promise<Read> {
  if (submission.reason.trim() === '') {
    throw new CtbankError('USAGE', 'a correction needs a reason');
  }

  return db.transaction().execute(async (trx) => {
    const { studyInstanceUid, reader } = await checkedTarget(trx, submission);
    const previous = await currentRead(trx, studyInstanceUid, reader);
    if (previous === undefined) {
      throw new CtbankError(
        'READ_INVALID',
        `${reader} has no submitted read of ${studyInstanceUid} to correct`,
      );
    }

    const answers = checkAnswers(form, submission.answers);
    const target = { ...submission, studyInstanceUid, reader };
    return insertRead(trx, form, target, answers, { id: previous.id, reason: submission.reason });
  });
}

/**
 * The other current reads of a study, for a viewer: a reader only after submitting their own
 * (READ_HIDDEN before), a senior who did not read it at any time; anyone else NOT_ASSIGNED.
 */
export async function otherReads(
  db: Kysely<Database>,
  viewer: string,
  studyInstanceUid: string,
): Promise<Read[]> {
  const person = await requireReader(db, viewer);
  const reads = await currentReads(db, studyInstanceUid);
  const duties = await studyAssignments(db, studyInstanceUid);
  const isReader =
    duties.some((d) => d.reader === person.name && d.duty === 'reader') ||
    reads.some((read) => read.reader === person.name);

  if (isReader && !reads.some((read) => read.reader === person.name)) {
    throw new CtbankError(
      'READ_HIDDEN',
      `${person.name} has not submitted a read of ${studyInstanceUid}: the other answers stay ` +
        'hidden until then',
    );
  }
  if (!isReader && person.role !== 'senior') {
    throw new CtbankError('NOT_ASSIGNED', `${studyInstanceUid} is not assigned to ${viewer}`);
  }
  return reads.filter((read) => read.reader !== person.name);
}

/** The current read of each reader (those no correction superseded), by study then id. */
export async function currentReads(
  db: Kysely<Database>,
  studyInstanceUid?: string,
): Promise<Read[]> {
  let query = db
    .selectFrom('reads as r')
    .selectAll('r')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('reads as later')
            .select('later.id')
            .whereRef('later.supersedes', '=', 'r.id'),
        ),
      ),
    );
  if (studyInstanceUid !== undefined) {
    query = query.where('r.study_instance_uid', '=', studyInstanceUid);
  }
  const rows = await query.orderBy('r.study_instance_uid').orderBy('r.id').execute();
  return rows.map(readOf);
}

/** A read in a study's history, with whether it may have been made unblinded. */
export type HistoryRead = Read & {
  /**
   * True for a correction recorded after another reader's read of the study: its author could
   * have seen that read by then, so in a blinded study the correction may have been influenced.
   */
  readonly unblindedCorrection: boolean;
};

/** Every read of a study, superseded ones included, oldest first: its reading history. */
export async function readHistory(
  db: Kysely<Database>,
  studyInstanceUid: string,
): Promise<HistoryRead[]> {
  const rows = await db
    .selectFrom('reads')
    .selectAll()
    .where('study_instance_uid', '=', studyInstanceUid)
    .orderBy('id')
    .execute();

  // Ids follow the order reads were recorded in, unlike timestamps that can tie.
  const reads = rows.map(readOf);
  return reads.map((read) => ({
    ...read,
    unblindedCorrection:
      read.supersedes !== null &&
      reads.some((other) => other.reader !== read.reader && other.id < read.id),
  }));
}

/** Throws NOT_ASSIGNED unless the reader has a reading duty on the study. */
export async function requireReadingDuty(
  db: Kysely<Database>,
  reader: string,
  studyInstanceUid: string,
): Promise<void> {
  const duties = await studyAssignments(db, studyInstanceUid);
  if (!duties.some((duty) => duty.reader === reader && duty.duty === 'reader')) {
    throw new CtbankError('NOT_ASSIGNED', `${studyInstanceUid} is not assigned to ${reader}`);
  }
}

async function checkedTarget(
  db: Kysely<Database>,
  submission: ReadSubmission,
): Promise<{ studyInstanceUid: string; reader: string }> {
  const reader = await requireReader(db, submission.reader);
  const study = await requireStudy(db, submission.studyInstanceUid);
  await requireReadingDuty(db, reader.name, study.studyInstanceUid);
  return { studyInstanceUid: study.studyInstanceUid, reader: reader.name };
}

async function currentRead(
  db: Kysely<Database>,
  studyInstanceUid: string,
  reader: string,
): Promise<Read | undefined> {
  return (await currentReads(db, studyInstanceUid)).find((read) => read.reader === reader);
}

async function insertRead(
  db: Kysely<Database>,
  form: ReadingForm,
  submission: ReadSubmission,
  answers: Answers,
  correction: { id: number; reason: string } | null,
): Promise<Read> {
  const row = await db
    .insertInto('reads')
    .values({
      study_instance_uid: submission.studyInstanceUid,
      reader: submission.reader,
      form_version: form.version,
      answers: JSON.stringify(answers),
      submitted_at: new Date().toISOString(),
      supersedes: correction?.id ?? null,
      correction_reason: correction?.reason ?? null,
      source: submission.source ?? 'ctbank',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return readOf(row);
}

function readOf(row: Selectable<ReadTable>): Read {
  return {
    id: Number(row.id),
    studyInstanceUid: row.study_instance_uid,
    reader: row.reader,
    formVersion: row.form_version,
    answers: JSON.parse(row.answers) as Answers,
    submittedAt: row.submitted_at,
    supersedes: row.supersedes === null ? null : Number(row.supersedes),
    correctionReason: row.correction_reason,
    source: row.source === 'import' ? 'import' : 'ctbank',
  };
}
