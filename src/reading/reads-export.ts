/**
 * `ctbank reads export`: the current reads in the import format, plus the consensus of every
 * study whose labels are all settled, as reader `consensus`.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../catalog/schema.js';
import { formatCsv } from '../csv/csv-table.js';
import { formatAnswerCell } from './answers.js';
import { consensusOfStudies } from './consensus.js';
import type { ReadingForm } from './form-schema.js';
import { currentReads } from './reads.js';

/** The reader name the consensus rows carry. */
export const CONSENSUS_READER = 'consensus';

/** The reads and the consensus as CSV text. */
export async function exportReads(db: Kysely<Database>, form: ReadingForm): Promise<string> {
  const keys = form.findings.map((finding) => finding.key);
  const rows: Record<string, string>[] = [];

  for (const read of await currentReads(db)) {
    const cells = keys.map((key): [string, string] => {
      const answer = read.answers[key];
      return [key, answer === undefined ? '' : formatAnswerCell(answer)];
    });
    rows.push({ study: read.studyInstanceUid, reader: read.reader, ...Object.fromEntries(cells) });
  }
  for (const study of await consensusOfStudies(db, form)) {
    if (!study.complete) continue;
    const cells = study.labels.map((label): [string, string] => [
      label.finding,
      formatAnswerCell(label.value),
    ]);
    rows.push({
      study: study.studyInstanceUid,
      reader: CONSENSUS_READER,
      ...Object.fromEntries(cells),
    });
  }

  return formatCsv(['study', 'reader', ...keys], rows);
}
