/** `ctbank status`: each study's stages and where it stands in the reader study. */
import type { Command } from 'commander';
import { listStudies } from '../../catalog/listing.js';
import { stageRecords } from '../../pipeline/stage-records.js';
import {
  readingProgressByOriginalStudy,
  type StudyReadingProgress,
} from '../../reading/reading-progress.js';
import { activeForm } from '../../reading/workspace-form.js';
import { WORKFLOW } from '../../workflow.js';
import {
  printJson,
  printTable,
  withCommonOptions,
  workspaceFor,
  type CommonOptions,
} from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { refusalsAsUsage } from '../rule-refusal.js';

/** One stage of one study as status shows it. */
interface StageStatusView {
  status: string;
  attempts: number;
  error: string | null;
  finishedAt: string | null;
}

/** Registers the command. */
export function registerStatus(program: Command, finish: (code: ExitCode) => void): void {
  withCommonOptions(program.command('status'))
    .description("show each study's stages and reading state")
    .action(async (options: CommonOptions) => {
      const workspace = await workspaceFor(options);
      const studies = await listStudies(workspace.catalog.db);
      const records = await stageRecords(workspace.catalog.db);
      const reading = await refusalsAsUsage(async () =>
        readingProgressByOriginalStudy(
          workspace.catalog.db,
          await activeForm(workspace.catalog.db, workspace.dir),
        ),
      ).finally(() => workspace.close());

      const rows = studies.map((study) => {
        const recorded = records.get(study.studyInstanceUid);
        const stages: Record<string, StageStatusView> = {};
        for (const stage of WORKFLOW) {
          const row = recorded?.get(stage.name);
          stages[stage.name] = {
            status: row?.status ?? 'pending',
            attempts: row?.attempts ?? 0,
            error: row?.error ?? null,
            finishedAt: row?.finished_at ?? null,
          };
        }
        // Null until the study is de-identified: only then can it be read.
        const progress = reading.get(study.studyInstanceUid) ?? null;
        return {
          patientId: study.patientId,
          studyInstanceUid: study.studyInstanceUid,
          stages,
          reading: progress,
        };
      });

      if (options.json === true) printJson(rows);
      else {
        printTable(
          rows.map((row) => ({
            patientId: row.patientId,
            studyInstanceUid: row.studyInstanceUid,
            ...Object.fromEntries(Object.entries(row.stages).map(([name, s]) => [name, s.status])),
            reading: readingCell(row.reading),
          })),
        );
      }
      const failed = rows.some((row) =>
        Object.values(row.stages).some((s) => s.status === 'failed'),
      );
      finish(failed ? EXIT.findings : EXIT.ok);
    });
}

// One table cell: reads in of readers assigned, open items, and the consensus once complete.
function readingCell(progress: StudyReadingProgress | null): string {
  if (progress === null) return '';
  if (progress.assignedReaders === 0) return 'unassigned';

  const reads = `${progress.readsSubmitted}/${progress.assignedReaders} reads`;
  if (progress.consensusComplete) return `${reads}, consensus`;
  return progress.openAdjudications > 0 ? `${reads}, ${progress.openAdjudications} open` : reads;
}
