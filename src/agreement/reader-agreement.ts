/**
 * Reader agreement of a workspace: the current reads of every study with two or more, in
 * assignment-slot order, through {@link findingAgreement}; and, where the quantification stage
 * has measured a study, the correlation of the consensus lobes affected with the automatic
 * involvement of its chosen series (undefined until that stage runs; the entry says why).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../catalog/schema.js';
import { studyAssignments } from '../reading/assignment.js';
import { consensusOfStudies } from '../reading/consensus.js';
import type { ReadingForm } from '../reading/form-schema.js';
import { currentReads, type Read } from '../reading/reads.js';
import { findingAgreement, type AgreementEntry } from './finding-agreement.js';
import { studyQuantification } from '../stats/study-quantification.js';
import { correlate, type CorrelationResult } from './correlation.js';

/** The ordinal finding compared with the automatic involvement. */
export const LOBES_FINDING = 'lobes-affected';

/** An agreement entry, the lobes finding carrying its correlation with quantification. */
export type WorkspaceAgreementEntry = AgreementEntry & {
  readonly involvementCorrelation?: CorrelationResult;
};

/** Agreement entries for the form over the catalog's current reads. */
export async function readerAgreement(
  db: Kysely<Database>,
  form: ReadingForm,
): Promise<WorkspaceAgreementEntry[]> {
  const slots = new Map(
    (await studyAssignments(db)).map((duty) => [
      `${duty.studyInstanceUid}\u0000${duty.reader}`,
      duty.slot,
    ]),
  );
  const byStudy = new Map<string, Read[]>();
  for (const read of await currentReads(db)) {
    byStudy.set(read.studyInstanceUid, [...(byStudy.get(read.studyInstanceUid) ?? []), read]);
  }
  // Reads without a slot (a third reader added by hand) come after the slotted ones.
  const slotOf = (read: Read): number =>
    slots.get(`${read.studyInstanceUid}\u0000${read.reader}`) ?? Number.MAX_SAFE_INTEGER;
  const studies = [...byStudy.values()]
    .filter((reads) => reads.length >= 2)
    .map((reads) =>
      [...reads].sort((a, b) => slotOf(a) - slotOf(b) || a.id - b.id).map((r) => r.answers),
    );

  const entries = findingAgreement(form, studies);
  const correlation = await involvementCorrelation(db, form);
  return entries.map((entry) =>
    entry.finding === LOBES_FINDING && correlation !== undefined
      ? { ...entry, involvementCorrelation: correlation }
      : entry,
  );
}

/**
 * Spearman's ρ and Pearson's r of the consensus lobes affected against the automatic
 * involvement (percent of lung volume), over the studies that have both; undefined when the
 * form has no such ordinal finding.
 */
export async function involvementCorrelation(
  db: Kysely<Database>,
  form: ReadingForm,
): Promise<CorrelationResult | undefined> {
  const finding = form.findings.find((f) => f.key === LOBES_FINDING && f.type === 'ordinal');
  if (finding === undefined) return undefined;

  const measured = await studyQuantification(db);
  const pairs: [number, number][] = [];
  for (const study of await consensusOfStudies(db, form)) {
    const label = study.labels.find((candidate) => candidate.finding === LOBES_FINDING);
    const percent = measured.get(study.studyInstanceUid)?.involvementPercent;
    if (typeof label?.value === 'number' && percent !== undefined) {
      pairs.push([label.value, percent]);
    }
  }
  return correlate(pairs);
}
