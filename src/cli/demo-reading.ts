/**
 * Step 7 of `ctbank demo`: the reading workflow in brief. Two demo readers and a senior are
 * registered, the studies assigned, demo reads submitted (agreeing except on one planted
 * finding per study), the disputes adjudicated, then agreement and the overview table shown.
 */
import { readerAgreement } from '../agreement/reader-agreement.js';
import { assignStudies } from '../reading/assignment.js';
import { decideAdjudication, openAdjudications } from '../reading/adjudication.js';
import { addReader } from '../reading/readers.js';
import { currentReads, submitRead } from '../reading/reads.js';
import { activeForm } from '../reading/workspace-form.js';
import { overviewTable } from '../stats/overview-table.js';
import { overviewMarkdown } from '../stats/overview-text.js';
import type { Workspace } from '../workspace/workspace.js';
import { printLines, printTable } from './context.js';

const DEMO_READERS = ['reader-a', 'reader-b'] as const;

/** Runs the reading step on the demo workspace and prints what it did. */
export async function demoReading(workspace: Workspace): Promise<void> {
  const db = workspace.catalog.db;
  const form = await activeForm(db, workspace.dir);
  for (const name of DEMO_READERS) await addReader(db, { name, role: 'reader' });
  await addReader(db, { name: 'senior-c', role: 'senior' });
  const assigned = await assignStudies(db, 'demo');

  // A rerun of the demo finds the reads already in: submitted reads are never replaced.
  const done = new Set((await currentReads(db)).map((r) => `${r.studyInstanceUid}/${r.reader}`));
  let submitted = 0;
  for (const [i, study] of assigned.assigned.entries()) {
    for (const [slot, reader] of study.readers.entries()) {
      if (done.has(`${study.studyInstanceUid}/${reader}`)) continue;
      await submitRead(db, form, {
        studyInstanceUid: study.studyInstanceUid,
        reader,
        answers: demoAnswers(form.findings, i, slot),
      });
      submitted++;
    }
  }
  // The senior sides with the first reader on every disputed finding.
  const open = await openAdjudications(db, form);
  for (const item of open) {
    const first = Object.values(item.answers)[0];
    await decideAdjudication(db, form, { ...item, value: first, by: 'senior-c' });
  }
  printLines(
    '',
    `7. reading: ${assigned.assigned.length} studies assigned to ${DEMO_READERS.join(' and ')}, ` +
      `${submitted} demo reads, ${open.length} disputed findings settled by senior-c`,
  );

  const agreement = await readerAgreement(db, form);
  printTable(
    agreement
      .filter((entry) => entry.type !== 'choice')
      .map((entry) => ({
        finding: entry.finding,
        n: entry.n,
        agreement: entry.percentAgreement === null ? '' : `${entry.percentAgreement.toFixed(0)} %`,
        kappa: entry.kappa === null ? '–' : entry.kappa.toFixed(2),
      })),
  );
  printLines('', overviewMarkdown(await overviewTable(db, form), 'overview table'));
}

// Both readers see ground-glass opacity in two lobes; the second disagrees on one finding,
// a different one for each study.
function demoAnswers(
  findings: Awaited<ReturnType<typeof activeForm>>['findings'],
  study: number,
  slot: number,
): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const [i, finding] of findings.entries()) {
    const disagrees = slot === 1 && i === study % findings.length;
    if (finding.type === 'binary') answers[finding.key] = disagrees ? 'present' : 'absent';
    else if (finding.type === 'ordinal')
      answers[finding.key] = Math.min(finding.max, disagrees ? 3 : 2);
    else answers[finding.key] = disagrees ? [] : finding.choices.slice(0, 1).map((c) => c.key);
  }
  return answers;
}
