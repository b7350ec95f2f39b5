/** `ctbank status`: each study's stages. */
import type { Command } from 'commander';
import { listStudies } from '../../catalog/listing.js';
import { stageRecords } from '../../pipeline/stage-records.js';
import { WORKFLOW } from '../../workflow.js';
import {
  printJson,
  printTable,
  withCommonOptions,
  workspaceFor,
  type CommonOptions,
} from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

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
    .description("show each study's stages")
    .action(async (options: CommonOptions) => {
      const workspace = await workspaceFor(options);
      const studies = await listStudies(workspace.catalog.db);
      const records = await stageRecords(workspace.catalog.db);
      await workspace.close();

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
        return { patientId: study.patientId, studyInstanceUid: study.studyInstanceUid, stages };
      });

      if (options.json === true) printJson(rows);
      else {
        printTable(
          rows.map((row) => ({
            patientId: row.patientId,
            studyInstanceUid: row.studyInstanceUid,
            ...Object.fromEntries(Object.entries(row.stages).map(([name, s]) => [name, s.status])),
          })),
        );
      }
      const failed = rows.some((row) =>
        Object.values(row.stages).some((s) => s.status === 'failed'),
      );
      finish(failed ? EXIT.findings : EXIT.ok);
    });
}
