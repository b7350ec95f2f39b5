/**
 * `ctbank reads import`: reads made outside ctbank, one CSV row per study and reader (columns
 * `study`, `reader`, then one per finding key). Every row is checked against the form and the
 * reading rules on its own: bad rows are reported with their line and reason, good rows load.
 * Readers not known yet are registered as readers and take a free reading slot of the study.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../catalog/schema.js';
import type { CsvTable } from '../csv/csv-table.js';
import { CtbankError, messageOf, type ErrorCode } from '../errors.js';
import { parseAnswerCell, sameAnswer, type Answer } from './answers.js';
import { assignReader, studyAssignments } from './assignment.js';
import type { ReadingForm } from './form-schema.js';
import { addReader, findReader } from './readers.js';
import { requireStudy } from './reading-studies.js';
import { CONSENSUS_READER } from './reads-export.js';
import { correctRead, currentReads, submitRead } from './reads.js';

/** What happened to one row. */
export type ImportRowResult =
  | { readonly line: number; readonly status: 'loaded' | 'corrected'; readonly readId: number }
  | { readonly line: number; readonly status: 'unchanged'; readonly readId: number }
  | {
      readonly line: number;
      readonly status: 'rejected';
      readonly code: ErrorCode;
      readonly reason: string;
    };

/** The import's report: one result per data row, and the readers it registered. */
export interface ReadsImportReport {
  readonly rows: readonly ImportRowResult[];
  readonly readersAdded: readonly string[];
}

/** Options of an import. */
export interface ReadsImportOptions {
  /** Rows that differ from the reader's submitted read become corrections (else rejected). */
  readonly corrections?: boolean;
}

/** Loads every valid row of a reads CSV. */
export async function importReads(
  db: Kysely<Database>,
  form: ReadingForm,
  table: CsvTable,
  options: ReadsImportOptions = {},
): Promise<ReadsImportReport> {
  const missing = ['study', 'reader', ...form.findings.map((f) => f.key)].filter(
    (column) => !table.columns.includes(column),
  );
  if (missing.length > 0) {
    throw new CtbankError('USAGE', `the CSV lacks the columns ${missing.join(', ')}`);
  }

  const rows: ImportRowResult[] = [];
  const readersAdded: string[] = [];
  for (const row of table.rows) {
    try {
      rows.push(await importRow(db, form, row.line, row.cells, options, readersAdded));
    } catch (thrown) {
      if (!(thrown instanceof CtbankError)) throw thrown;
      rows.push({
        line: row.line,
        status: 'rejected',
        code: thrown.code,
        reason: messageOf(thrown),
      });
    }
  }
  return { rows, readersAdded };
}

async function importRow(
  db: Kysely<Database>,
  form: ReadingForm,
  line: number,
  cells: Readonly<Record<string, string>>,
  options: ReadsImportOptions,
  readersAdded: string[],
): Promise<ImportRowResult> {
  const answers = parseRow(form, cells);
  const study = await requireStudy(db, cells['study'] ?? '');
  const reader = await readerFor(db, cells['reader'] ?? '', readersAdded);
  await ensureSlot(db, study.studyInstanceUid, reader);

  const submission = { studyInstanceUid: study.studyInstanceUid, reader, answers };
  const previous = (await currentReads(db, study.studyInstanceUid)).find(
    (read) => read.reader === reader,
  );
  if (previous === undefined) {
    const read = await submitRead(db, form, { ...submission, source: 'import' });
    return { line, status: 'loaded', readId: read.id };
  }
  if (form.findings.every((f) => sameAnswer(previous.answers[f.key], answers[f.key]))) {
    return { line, status: 'unchanged', readId: previous.id };
  }
  if (options.corrections !== true) {
    throw new CtbankError(
      'READ_SUBMITTED',
      `${reader} already submitted a different read of ${study.studyInstanceUid} ` +
        '(import with --corrections to supersede it)',
    );
  }
  const reason = `imported correction (line ${line})`;
  const read = await correctRead(db, form, { ...submission, source: 'import', reason });
  return { line, status: 'corrected', readId: read.id };
}

// Every cell is checked before anything is written, so one row is all or nothing.
function parseRow(form: ReadingForm, cells: Readonly<Record<string, string>>): Answers {
  const reasons: string[] = [];
  const answers: Record<string, Answer> = {};
  for (const finding of form.findings) {
    try {
      answers[finding.key] = parseAnswerCell(finding, cells[finding.key] ?? '');
    } catch (thrown) {
      reasons.push(messageOf(thrown));
    }
  }
  if (reasons.length > 0) throw new CtbankError('READ_INVALID', reasons.join('; '));
  return answers;
}

type Answers = Record<string, Answer>;

async function readerFor(db: Kysely<Database>, name: string, added: string[]): Promise<string> {
  if (name.trim() === CONSENSUS_READER) {
    throw new CtbankError('READ_INVALID', 'consensus rows are derived from the reads, not loaded');
  }
  const known = await findReader(db, name);
  if (known !== undefined) return known.name;

  const reader = await addReader(db, { name, role: 'reader' });
  added.push(reader.name);
  return reader.name;
}

// A reader already assigned keeps their slot; otherwise they take a free one of the two.
async function ensureSlot(db: Kysely<Database>, studyInstanceUid: string, reader: string) {
  const duties = await studyAssignments(db, studyInstanceUid);
  if (duties.some((duty) => duty.reader === reader && duty.duty === 'reader')) return;

  const readers = duties.filter((duty) => duty.duty === 'reader');
  const isAdjudicator = duties.some((duty) => duty.reader === reader);
  if (readers.length >= 2 || isAdjudicator) {
    throw new CtbankError(
      'NOT_ASSIGNED',
      `${studyInstanceUid} is assigned to ${readers.map((d) => d.reader).join(' and ')}, ` +
        `not to ${reader}`,
    );
  }
  await assignReader(db, studyInstanceUid, reader);
}
