/**
 * `ctbank deid PATH... --out DIR`: de-identify folders and archives into a folder of Part 10
 * files, one folder per pseudonymous patient. The inputs go through the workspace (ingest, then
 * the de-identification stage), so the secret and the identity mapping stay in its private
 * zone and a second run gives the same bytes.
 */
import type { Command } from 'commander';
import { exportStudies, writeExport } from '../../deid/export-public.js';
import { adoptProfile } from '../../deid/workspace-profile.js';
import { runDueStages } from '../../pipeline/runner.js';
import { WORKFLOW } from '../../workflow.js';
import {
  commandLogger,
  printJson,
  printLines,
  withCommonOptions,
  workspaceFor,
  type CommonOptions,
} from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { runIngest } from './ingest.js';

interface DeidCommandOptions extends CommonOptions {
  out: string;
  profile?: string;
}

/** Registers the command. */
export function registerDeid(program: Command, finish: (code: ExitCode) => void): void {
  withCommonOptions(program.command('deid'))
    .description('de-identify folders and archives into a folder of DICOM files, per pseudonym')
    .argument('<paths...>', 'folders, DICOM files or archives')
    .requiredOption('--out <dir>', 'output folder')
    .option('--profile <file>', "a de-identification profile (default: the workspace's)")
    .action(async (paths: string[], options: DeidCommandOptions) => {
      const ingested = await runIngest(paths, { ...options, print: options.json !== true });
      const logger = commandLogger();
      const workspace = await workspaceFor(options);
      if (options.profile !== undefined) adoptProfile(workspace.dir, options.profile);

      try {
        const context = { workspace, logger: logger.child({ module: 'runner' }) };
        // De-identification only: quantification is `ctbank run`'s, not this command's.
        const stages = WORKFLOW.filter((stage) => stage.name === 'ingest' || stage.name === 'deid');
        const run = await runDueStages(context, stages);
        const exported = await exportStudies(workspace, ingested.studiesSeen);
        await writeExport(workspace.publicStore, exported.files, options.out);

        const summary = {
          patients: exported.patients,
          written: exported.files.length,
          quarantined: exported.quarantined,
          unknownAttributes: exported.unknownAttributes,
          rejected: ingested.rejected,
          failedStages: run.events.filter((event) => event.status === 'failed'),
        };
        if (options.json === true) printJson(summary);
        else {
          printLines(
            `wrote ${summary.written} de-identified files for ${summary.patients} patients ` +
              `to ${options.out}; ${summary.quarantined.length} quarantined`,
            `${summary.unknownAttributes.length} attributes unknown to the profile ` +
              '(kept, cleaned or removed by VR; --json lists them; strict mode removes them)',
          );
        }
        const clean = summary.quarantined.length === 0 && summary.rejected.length === 0;
        finish(summary.failedStages.length > 0 ? EXIT.failed : clean ? EXIT.ok : EXIT.findings);
      } finally {
        await workspace.close();
      }
    });
}
