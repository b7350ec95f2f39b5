/**
 * `ctbank export --format nifti [--gzip] --out DIR [PATH...]`: volumes in HU that researchers'
 * tools open with the right orientation and spacing. Without PATHs, every de-identified series
 * of the workspace, read from its public tables and public zone only; with PATHs, the series of
 * those folders and archives, read where they are (no workspace is made).
 */
import { Option, type Command } from 'commander';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ExportSeries } from '../../export/export-series.js';
import { exportNifti, type SeriesExportResult } from '../../export/nifti-export.js';
import { seriesFromPaths, type RejectedFile } from '../../export/path-series.js';
import { publicSeries } from '../../export/public-series.js';
import { publicReader } from '../../workspace/workspace.js';
import {
  printJson,
  printLines,
  withCommonOptions,
  workspaceFor,
  type CommonOptions,
} from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

interface ExportCommandOptions extends CommonOptions {
  format: 'nifti';
  gzip?: boolean;
  out: string;
}

/** Registers the command. */
export function registerExport(program: Command, finish: (code: ExitCode) => void): void {
  withCommonOptions(program.command('export'))
    .description("export the workspace's de-identified series (or those of PATHs) as NIfTI")
    .argument('[paths...]', 'folders, DICOM files or archives (default: the workspace)')
    .addOption(
      new Option('--format <format>', 'output format').choices(['nifti']).makeOptionMandatory(),
    )
    .option('--gzip', 'write .nii.gz, compressed on every core')
    .requiredOption('--out <dir>', 'output folder')
    .action(async (paths: string[], options: ExportCommandOptions) => {
      const started = performance.now();
      const exportOptions = { outDir: path.resolve(options.out), gzip: options.gzip === true };
      const report = (result: SeriesExportResult): void => {
        if (options.json !== true) printLines(describe(result));
      };

      const { series, rejected, results } =
        paths.length > 0
          ? await exportPaths(paths, (found) => exportNifti(found, exportOptions, report))
          : await exportWorkspace(options, (found) => exportNifti(found, exportOptions, report));

      const written = results.filter((result) => result.status === 'written');
      const summary = {
        series,
        written: written.length,
        skipped: results.filter((result) => result.status === 'skipped'),
        rejected,
        bytes: written.reduce((sum, result) => sum + result.bytes, 0),
        seconds: (performance.now() - started) / 1000,
        files: results,
      };
      if (options.json === true) printJson(summary);
      else {
        printLines(
          `wrote ${summary.written} of ${series} series to ${exportOptions.outDir}; ` +
            `${summary.skipped.length} skipped, ${rejected.length} files rejected`,
        );
      }
      finish(summary.skipped.length === 0 && rejected.length === 0 ? EXIT.ok : EXIT.findings);
    });
}

type Exporter = (series: ExportSeries[]) => Promise<SeriesExportResult[]>;

interface Exported {
  readonly series: number;
  readonly rejected: readonly RejectedFile[];
  readonly results: readonly SeriesExportResult[];
}

// Nested archives are unpacked into a scratch folder of our own, removed afterwards.
async function exportPaths(paths: readonly string[], run: Exporter): Promise<Exported> {
  const scratchDir = await mkdtemp(path.join(os.tmpdir(), 'ctbank-export-'));
  try {
    const found = await seriesFromPaths(paths, scratchDir);
    return {
      series: found.series.length,
      rejected: found.rejected,
      results: await run(found.series),
    };
  } finally {
    await rm(scratchDir, { recursive: true, force: true });
  }
}

// Only the public part of the catalog and a public-zone reader are handed on.
async function exportWorkspace(options: CommonOptions, run: Exporter): Promise<Exported> {
  const workspace = await workspaceFor(options);
  try {
    const found = await publicSeries(workspace.catalog.db, publicReader(workspace));
    return { series: found.length, rejected: [], results: await run(found) };
  } finally {
    await workspace.close();
  }
}

function describe(result: SeriesExportResult): string {
  return result.status === 'written'
    ? `${result.file}: ${result.sliceCount} slices, ${(result.bytes / 1e6).toFixed(1)} MB`
    : `${result.seriesInstanceUid}: skipped, ${result.reason}`;
}
