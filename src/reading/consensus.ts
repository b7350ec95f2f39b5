/**
 * Consensus: once every assigned reader of a study has submitted, each finding the reads agree
 * on is labelled by agreement; each one they differ on (for a multi finding, any difference in
 * the chosen set) is an adjudication item until a senior decides it. Every label says how it
 * was reached, by whom and when. Computed from the reads, so it never goes stale.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../catalog/schema.js';
import { sameAnswer, type Answer } from './answers.js';
import { studyAssignments, type Assignment } from './assignment.js';
import type { ReadingForm } from './form-schema.js';
import { currentReads, type Read } from './reads.js';

/** The final label of one finding of one study. */
export interface FindingLabel {
  readonly finding: string;
  readonly value: Answer;
  readonly method: 'agreement' | 'adjudication';
  /** The readers who agreed, or the senior who decided. */
  readonly by: readonly string[];
  readonly at: string;
}

/** A finding the reads differ on, waiting for a senior. */
export interface AdjudicationItem {
  readonly studyInstanceUid: string;
  readonly finding: string;
  /** Reader → answer. */
  readonly answers: Readonly<Record<string, Answer>>;
  /** The reads compared, ascending: the item belongs to exactly these. */
  readonly readIds: readonly number[];
  /** The senior assigned to settle it, when one is. */
  readonly adjudicator: string | null;
}

/** The consensus of one study whose reads are all in. */
export interface StudyConsensus {
  readonly studyInstanceUid: string;
  readonly reads: readonly Read[];
  readonly labels: readonly FindingLabel[];
  readonly open: readonly AdjudicationItem[];
  /** True when every finding of the form has a label. */
  readonly complete: boolean;
}

/** The consensus of every study whose assigned reads are in (at least two), by study. */
export async function consensusOfStudies(
  db: Kysely<Database>,
  form: ReadingForm,
): Promise<StudyConsensus[]> {
  const reads = groupBy(await currentReads(db), (read) => read.studyInstanceUid);
  const duties = groupBy(await studyAssignments(db), (duty) => duty.studyInstanceUid);
  const decisions = await db.selectFrom('adjudications').selectAll().execute();

  const result: StudyConsensus[] = [];
  for (const [studyInstanceUid, studyReads] of reads) {
    const studyDuties = duties.get(studyInstanceUid) ?? [];
    if (!allIn(studyReads, studyDuties)) continue;

    const readIds = studyReads.map((read) => read.id).sort((a, b) => a - b);
    const decided = decisions.filter(
      (row) => row.study_instance_uid === studyInstanceUid && row.read_ids === readIds.join(','),
    );
    const adjudicator = studyDuties.find((duty) => duty.duty === 'adjudicator')?.reader ?? null;

    const labels: FindingLabel[] = [];
    const open: AdjudicationItem[] = [];
    for (const finding of form.findings) {
      const answers = studyReads.map((read) => read.answers[finding.key]);
      const first = answers[0];
      if (first !== undefined && answers.every((answer) => sameAnswer(answer, first))) {
        labels.push({
          finding: finding.key,
          value: first,
          method: 'agreement',
          by: studyReads.map((read) => read.reader),
          at: studyReads.map((read) => read.submittedAt).sort()[studyReads.length - 1] ?? '',
        });
        continue;
      }

      const decision = decided.find((row) => row.finding === finding.key);
      if (decision !== undefined) {
        labels.push({
          finding: finding.key,
          value: JSON.parse(decision.value) as Answer,
          method: 'adjudication',
          by: [decision.decided_by],
          at: decision.decided_at,
        });
        continue;
      }
      open.push({
        studyInstanceUid,
        finding: finding.key,
        answers: Object.fromEntries(
          studyReads.flatMap((read) => {
            const answer = read.answers[finding.key];
            return answer === undefined ? [] : [[read.reader, answer]];
          }),
        ),
        readIds,
        adjudicator,
      });
    }
    result.push({
      studyInstanceUid,
      reads: studyReads,
      labels,
      open,
      complete: open.length === 0,
    });
  }
  return result;
}

// Every reader assigned has a current read, and there are at least two reads to compare.
function allIn(reads: readonly Read[], duties: readonly Assignment[]): boolean {
  if (reads.length < 2) return false;
  const readers = new Set(reads.map((read) => read.reader));
  return duties.every((duty) => duty.duty !== 'reader' || readers.has(duty.reader));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item)) ?? [];
    group.push(item);
    groups.set(key(item), group);
  }
  return groups;
}
