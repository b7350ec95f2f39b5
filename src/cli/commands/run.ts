/** `ctbank run`: ingest the inbox, then run every due stage for every study. */
import { Option, type Command } from 'commander';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { runDueStages, type RunSummary } from '../../pipeline/runner.js';
import type { Stage } from '../../pipeline/stage.js';
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

interface RunCommandOptions extends CommonOptions {
  retryFailed?: boolean;
  until?: string;
}

/** Registers the command. */
export function registerRun(program: Command, finish: (code: ExitCode) => void): void {
  withCommonOptions(program.command('run'))
    .description('ingest what is in the workspace inbox, then run every due stage for every study')
    .option('--retry-failed', 'run again the stages that failed before')
    .addOption(
      new Option('--until <stage>', 'run the stages up to and including this one').choices(
        WORKFLOW.map((stage) => stage.name),
      ),
    )
    .action(async (options: RunCommandOptions) => {
      const { summary, rejected } = await runWorkflow(options);
      printSummary(summary, rejected, options.json === true);
      finish(summary.failed > 0 || summary.heldBack > 0 || rejected > 0 ? EXIT.findings : EXIT.ok);
    });
}

/** Ingests the inbox and runs the due stages; shared with `demo`. */
export async function runWorkflow(
  options: RunCommandOptions,
): Promise<{ summary: RunSummary; rejected: number }> {
  const logger = commandLogger();
  let workspace = await workspaceFor(options);
  const inbox = await readdir(workspace.inboxDir);
  let rejected = 0;

  if (inbox.length > 0) {
    await workspace.close();
    const paths = inbox.sort().map((name) => path.join(workspace.inboxDir, name));
    const report = await runIngest(paths, { ...options, json: false });
    rejected = report.rejected.length;
    workspace = await workspaceFor(options);
  }

  try {
    const summary = await runDueStages(
      { workspace, logger: logger.child({ module: 'runner' }) },
      stagesUntil(options.until),
      {
        retryFailed: options.retryFailed === true,
        onStage: (event) => logger.info(event, 'stage'),
      },
    );
    return { summary, rejected };
  } finally {
    await workspace.close();
  }
}

// The workflow up to and including the named stage (its dependencies come first in the list).
function stagesUntil(name: string | undefined): readonly Stage[] {
  const last = name === undefined ? -1 : WORKFLOW.findIndex((stage) => stage.name === name);
  return last < 0 ? WORKFLOW : WORKFLOW.slice(0, last + 1);
}

function printSummary(summary: RunSummary, rejected: number, json: boolean): void {
  if (json) {
    printJson({ ...summary, rejected });
    return;
  }
  printLines(
    `${summary.studies} studies: ${summary.ran} stage runs, ${summary.done} done, ` +
      `${summary.failed} failed, ${summary.heldBack} held back (failed before; --retry-failed)`,
  );
  for (const event of summary.events.filter((e) => e.status === 'failed')) {
    printLines(`  failed: ${event.stage} ${event.studyInstanceUid}: ${event.reason ?? ''}`);
  }
}
