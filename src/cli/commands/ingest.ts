/** `ctbank ingest PATH...`: folders, files, ZIP and RAR into the catalog. */
import type { Command } from 'commander';
import { ingest, type IngestReport } from '../../ingest/ingest.js';
import {
  commandLogger,
  printJson,
  printLines,
  printTable,
  withCommonOptions,
  workspaceFor,
  type CommonOptions,
} from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { progressDisplay } from '../progress.js';

interface IngestCommandOptions extends CommonOptions {
  repairUids?: boolean;
  /** Print the report (default); commands that print their own summary turn it off. */
  print?: boolean;
}

const MAX_REJECTIONS_SHOWN = 20;
const MAX_REASON = 90;

/** Registers the command. */
export function registerIngest(program: Command, finish: (code: ExitCode) => void): void {
  withCommonOptions(program.command('ingest'))
    .description('ingest DICOM from folders, files, ZIP and RAR archives into the catalog')
    .argument('<paths...>', 'folders, DICOM files or archives')
    .option(
      '--repair-uids',
      'give instances with missing or invalid UIDs new ones instead of rejecting them',
    )
    .action(async (paths: string[], options: IngestCommandOptions) => {
      const report = await runIngest(paths, options);
      const incomplete = report.dicomdirs.some((dicomdir) => dicomdir.missingFiles.length > 0);
      finish(report.rejected.length > 0 || incomplete ? EXIT.findings : EXIT.ok);
    });
}

/** Runs an ingest with progress feedback and prints its report; shared with `run` and `demo`. */
export async function runIngest(
  paths: string[],
  options: IngestCommandOptions,
): Promise<IngestReport> {
  const logger = commandLogger();
  const workspace = await workspaceFor(options);
  const progress = progressDisplay('ingest', logger);

  try {
    const report = await ingest(workspace, {
      paths,
      repairUids: options.repairUids === true,
      logger: logger.child({ module: 'ingest' }),
      onProgress: (counters) => progress.update(counters),
    });
    progress.stop();
    if (options.print !== false) printIngestReport(report, options.json === true);
    return report;
  } finally {
    progress.stop();
    await workspace.close();
  }
}

function printIngestReport(report: IngestReport, json: boolean): void {
  if (json) {
    printJson(report);
    return;
  }

  const mb = report.bytes / 1e6;
  printLines(
    `ingested ${report.files} files (${mb.toFixed(1)} MB) in ${report.seconds.toFixed(1)} s: ` +
      `${report.newInstances} new, ${report.unchangedInstances} already catalogued, ` +
      `${report.rejected.length} rejected`,
    `catalog: ${report.patients} patients, ${report.studies} studies, ${report.series} series, ` +
      `${report.instances} instances`,
  );
  for (const dicomdir of report.dicomdirs) {
    const missing = dicomdir.missingFiles.length;
    printLines(
      `DICOMDIR ${dicomdir.path}: lists ${dicomdir.referencedFiles} files, ` +
        (missing === 0 ? 'all present' : `${missing} missing, first ${dicomdir.missingFiles[0]}`),
    );
  }
  if (report.repairedUids.length > 0) {
    printLines(`repaired ${report.repairedUids.length} UIDs (see --json for each)`);
  }
  if (report.rejected.length === 0) return;

  const byCode = new Map<string, number>();
  for (const { code } of report.rejected) byCode.set(code, (byCode.get(code) ?? 0) + 1);
  const counts = [...byCode].map(([code, count]) => `${code} ${count}`).join(', ');
  printLines('', `rejected: ${counts}`);
  printTable(
    report.rejected.slice(0, MAX_REJECTIONS_SHOWN).map(({ path, code, reason }) => ({
      path,
      code,
      reason: reason.length > MAX_REASON ? reason.slice(0, MAX_REASON - 1) + '…' : reason,
    })),
  );
  const more = report.rejected.length - MAX_REJECTIONS_SHOWN;
  if (more > 0) printLines(`… and ${more} more (--json lists all)`);
}
