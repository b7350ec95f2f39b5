/**
 * The NIfTI export benchmark: `ctbank export --format nifti [--gzip]` on a phantom series
 * beside `dcm2niix -z n` and `-z y` on the same files, each --runs times on fresh output, tools
 * alternating. Prints a table of medians, the target verdict and a JSON line. Run through
 * bench/export.sh (npm run bench:export), which installs dcm2niix.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { CtbankError, messageOf } from '../src/errors.js';
import { filesUnder, setAsideNonDicom, synthesize, totalBytes } from './dataset.js';
import {
  EXPORT_TOOLS,
  formatExportTable,
  judgeExportTarget,
  summarizeExport,
  type ExportMeasurement,
  type ExportTool,
} from './export-report.js';
import { runBounded } from './run-bounded.js';

const MB = 1e6;

function positiveInteger(name: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new CtbankError('USAGE', `--${name} must be a positive integer, not "${value}"`);
  }
  return parsed;
}

function parseOptions(): { runs: number; slices: number; seed: number; regenerate: boolean } {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      slices: { type: 'string', default: '300' },
      seed: { type: 'string', default: '1' },
      regenerate: { type: 'boolean', default: false },
    },
  });
  return {
    runs: positiveInteger('runs', values.runs),
    slices: positiveInteger('slices', values.slices),
    seed: positiveInteger('seed', values.seed),
    regenerate: values.regenerate,
  };
}

interface Series {
  readonly folder: string;
  readonly files: number;
  readonly bytes: number;
}

/** One phantom series as DICOM only, made once per parameters; complete.json comes last. */
async function prepareSeries(
  benchDir: string,
  cliPath: string,
  params: { slices: number; seed: number },
  regenerate: boolean,
): Promise<Series> {
  const root = path.join(benchDir, `export-s${params.slices}-seed${params.seed}`);
  const folder = path.join(root, 'dicom');
  const marker = path.join(root, 'complete.json');
  if (!regenerate && existsSync(marker)) {
    const known = JSON.parse(await readFile(marker, 'utf8')) as Series;
    if ((await filesUnder(folder)).length === known.files) return known;
  }

  console.error(`bench: generating 1 patient x ${params.slices} slices`);
  await rm(root, { recursive: true, force: true });
  await synthesize(cliPath, folder, { patients: 1, ...params });
  await setAsideNonDicom(folder, path.join(root, 'extras'));
  const files = await filesUnder(folder);
  const series = { folder, files: files.length, bytes: await totalBytes(files) };
  await writeFile(marker, JSON.stringify(series, null, 2));
  return series;
}

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
  const options = parseOptions();
  const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
  const benchDir = path.join(repoRoot, '.bench');
  const cliPath = path.join(repoRoot, 'dist/src/cli/main.js');
  if (!existsSync(cliPath)) {
    throw new CtbankError('USAGE', `${cliPath} is missing: run npm run build first`);
  }

  await mkdir(benchDir, { recursive: true });
  const params = { slices: options.slices, seed: options.seed };
  const series = await prepareSeries(benchDir, cliPath, params, options.regenerate);
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
