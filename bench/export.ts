/**
 * The NIfTI export benchmark: `ctbank export --format nifti [--gzip]` on a phantom series
 * beside `dcm2niix -z n` and `-z y` on the same files, each --runs times on fresh output, tools
 * alternating. Prints a table of medians, the target verdict and a JSON line. Run through
 * bench/export.sh (npm run bench:export), which installs dcm2niix.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { CtbankError, messageOf } from '../src/errors.js';
import {
  EXPORT_TOOLS,
  formatExportTable,
  judgeExportTarget,
  summarizeExport,
  type ExportMeasurement,
  type ExportTool,
} from './export-report.js';
import { runBounded } from './run-bounded.js';
import { filesUnder, totalBytes } from './dataset.js';
import { parseBenchOptions, preparePhantomSeries, type Series } from './phantom-series.js';

const MB = 1e6;

function commandOf(tool: ExportTool, cliPath: string, input: string, out: string): string[] {
  const ctbank = [process.execPath, cliPath, 'export', '--format', 'nifti', '--out', out];
  // -b n: no BIDS sidecar; -f: a fixed name; the same folder of DICOM as ctbank's input.
  const dcm2niix = ['dcm2niix', '-b', 'n', '-f', 'series', '-o', out];
  switch (tool) {
    case 'ctbank .nii':
      return [...ctbank, '--json', input];
    case 'ctbank .nii.gz':
      return [...ctbank, '--gzip', '--json', input];
    case 'dcm2niix -z n':
      return [...dcm2niix, '-z', 'n', input];
    case 'dcm2niix -z y':
      return [...dcm2niix, '-z', 'y', input];
  }
}

const env = { ...process.env, CTBANK_LOG_LEVEL: process.env['CTBANK_LOG_LEVEL'] ?? 'warn' };

/** Runs one tool on a fresh output folder and checks it wrote exactly one NIfTI file. */
async function measure(
  tool: ExportTool,
  cliPath: string,
  series: Series,
  workDir: string,
): Promise<ExportMeasurement> {
  const out = path.join(workDir, 'out');
  await mkdir(out, { recursive: true });
  const [command, ...args] = commandOf(tool, cliPath, series.folder, out);
  const logFile = path.join(workDir, 'tool.log');
  const result = await runBounded(command ?? '', args, {
    timeoutMs: (60 + series.bytes / MB) * 1000, // at least a minute, plus 1 s per MB
    logFile,
    env,
  });
  if (result.exitCode !== 0) {
    throw new CtbankError('INTERNAL', `${tool} exited ${result.exitCode}; see ${logFile}`);
  }

  const written = (await filesUnder(out)).filter((file) => /\.nii(\.gz)?$/.test(file));
  if (written.length !== 1) {
    throw new CtbankError('INTERNAL', `${tool} wrote ${written.length} NIfTI files; see ${out}`);
  }
  return {
    tool,
    seconds: result.seconds,
    bytes: series.bytes,
    outputBytes: await totalBytes(written),
    peakRssBytes: result.peakTreeRssBytes,
  };
}

async function main(): Promise<void> {
  const options = parseBenchOptions({ runs: 5, slices: 300 });
  const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
  const benchDir = path.join(repoRoot, '.bench');
  const cliPath = path.join(repoRoot, 'dist/src/cli/main.js');
  if (!existsSync(cliPath)) {
    throw new CtbankError('USAGE', `${cliPath} is missing: run npm run build first`);
  }

  await mkdir(benchDir, { recursive: true });
  const params = { slices: options.slices, seed: options.seed };
  const series = await preparePhantomSeries(
    benchDir,
    cliPath,
    `export-s${params.slices}-seed${params.seed}`,
    params,
    options.regenerate,
  );
  console.error(`bench: ${series.files} instances, ${(series.bytes / MB).toFixed(0)} MB`);
  const runsDir = path.join(benchDir, 'export-runs');
  await rm(runsDir, { recursive: true, force: true }); // leftovers of an interrupted benchmark
  const measurements: ExportMeasurement[] = [];

  for (let run = 0; run < options.runs; run += 1) {
    // Rotate the order each run, so that drifting machine noise falls on every tool.
    const order = EXPORT_TOOLS.map((_, i) => EXPORT_TOOLS[(i + run) % EXPORT_TOOLS.length]);
    for (const tool of order) {
      if (tool === undefined) continue;
      const workDir = path.join(runsDir, `run${run + 1}-${tool.replace(/[^a-z.]+/g, '-')}`);
      const measurement = await measure(tool, cliPath, series, workDir); // on failure it stays
      await rm(workDir, { recursive: true, force: true });

      measurements.push(measurement);
      console.error(
        `bench: run ${run + 1}/${options.runs} ${tool}: ${measurement.seconds.toFixed(2)} s, ` +
          `${(measurement.bytes / MB / measurement.seconds).toFixed(1)} MB/s`,
      );
    }
  }
  await rm(runsDir, { recursive: true, force: true });

  const rows = summarizeExport(measurements);
  const verdict = judgeExportTarget(rows);
  console.log(
    `NIfTI export benchmark: 1 series x ${params.slices} slices ` +
      `(${(series.bytes / MB).toFixed(0)} MB of DICOM), median of ${options.runs} run` +
      `${options.runs === 1 ? '' : 's'}`,
  );
  console.log(formatExportTable(rows));
  console.log(verdict.line);
  console.log(
    JSON.stringify({
      bench: 'export',
      params: { ...params, runs: options.runs },
      instances: series.files,
      bytes: series.bytes,
      rows,
      targetMet: verdict.met,
      measurements,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(`bench: ${messageOf(error)}`);
  process.exitCode = 1;
});
