/**
 * The quantification benchmark: ctbank assembling and quantifying a 300-slice phantom series
 * (dist/bench/quant-run.js, one process under GNU time) beside `dcm2niix -z n` converting the
 * same files, --runs times each, tools alternating; then the same on one real series when
 * ../shared/data holds it. Prints a table of medians, the target verdict and a JSON line. Run
 * through bench/quant.sh (npm run bench:quant), which installs dcm2niix and GNU time.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { CtbankError, messageOf } from '../src/errors.js';
import { filesUnder, totalBytes } from './dataset.js';
import type { QuantRunReport } from './quant-run.js';
import {
  formatQuantTable,
  judgeQuantTarget,
  summarizeQuant,
  type QuantMeasurement,
  type QuantTool,
} from './quant-report.js';
import { runBounded } from './run-bounded.js';
import { parseBenchOptions, preparePhantomSeries } from './phantom-series.js';

const MB = 1e6;
// The real series of the extra row: COVID-CT-MD P001, 148 JPEG-lossless slices.
const REAL_SERIES = '../shared/data/ct/covid-ct-md/COVID-19/P001';

interface Series {
  readonly name: string;
  readonly folder: string;
  readonly files: number;
  readonly bytes: number;
}

const env = { ...process.env, CTBANK_LOG_LEVEL: process.env['CTBANK_LOG_LEVEL'] ?? 'warn' };

async function realSeries(repoRoot: string): Promise<Series | undefined> {
  const folder = path.resolve(repoRoot, REAL_SERIES);
  if (!existsSync(folder)) return undefined;
  const files = await filesUnder(folder);
  return { name: 'P001', folder, files: files.length, bytes: await totalBytes(files) };
}

/** GNU time -v: "Maximum resident set size (kbytes): N" of the process it ran. */
async function timeMaxRssBytes(timeFile: string): Promise<number> {
  const report = await readFile(timeFile, 'utf8');
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(report);
  return match?.[1] === undefined ? 0 : Number(match[1]) * 1024;
}

function parseReport(stdout: string, logFile: string): QuantRunReport {
  const last = stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last) as QuantRunReport;
  } catch (error) {
    throw new CtbankError('INTERNAL', `quant-run printed no report; see ${logFile}`, {}, error);
  }
}

/** Runs one tool on one series under GNU time, on a fresh output folder for dcm2niix. */
async function measure(
  tool: QuantTool,
  series: Series,
  runner: string,
  workDir: string,
): Promise<QuantMeasurement> {
  const out = path.join(workDir, 'out');
  await mkdir(out, { recursive: true });
  const timeFile = path.join(workDir, 'time.txt');
  const logFile = path.join(workDir, 'tool.log');
  const command =
    tool === 'ctbank'
      ? [process.execPath, runner, series.folder]
      : ['dcm2niix', '-z', 'n', '-o', out, series.folder];
  const result = await runBounded('/usr/bin/time', ['-v', '-o', timeFile, ...command], {
    timeoutMs: 600_000,
    logFile,
    env,
    countRootRss: false, // GNU time itself is not the tool
  });
  if (result.exitCode !== 0) {
    throw new CtbankError('INTERNAL', `${tool} exited ${result.exitCode}; see ${logFile}`);
  }

  const peakRssBytes = Math.max(result.peakTreeRssBytes, await timeMaxRssBytes(timeFile));
  const base = { series: series.name, tool, seconds: result.seconds, peakRssBytes };
  if (tool === 'dcm2niix') {
    const written = (await filesUnder(out)).filter((file) => file.endsWith('.nii'));
    if (written.length !== 1) {
      throw new CtbankError('INTERNAL', `dcm2niix wrote ${written.length} NIfTI files; see ${out}`);
    }
    return base;
  }
  const report = parseReport(result.stdout, logFile);
  if (report.slices !== series.files) {
    throw new CtbankError('INTERNAL', `ctbank made ${report.slices} slices of ${series.files}`);
  }
  return {
    ...base,
    assembleSeconds: report.assembleSeconds,
    quantifySeconds: report.quantifySeconds,
  };
}

/** Every run of both tools on one series, the order swapping from run to run. */
async function measureSeries(
  series: Series,
  runs: number,
  runner: string,
  runsDir: string,
): Promise<QuantMeasurement[]> {
  const measurements: QuantMeasurement[] = [];
  for (let run = 0; run < runs; run += 1) {
    const order: QuantTool[] = run % 2 === 0 ? ['ctbank', 'dcm2niix'] : ['dcm2niix', 'ctbank'];
    for (const tool of order) {
      const workDir = path.join(runsDir, `${series.name}-run${run + 1}-${tool}`);
      const measurement = await measure(tool, series, runner, workDir); // on failure it stays
      await rm(workDir, { recursive: true, force: true });

      measurements.push(measurement);
      console.error(
        `bench: ${series.name} run ${run + 1}/${runs} ${tool}: ` +
          `${measurement.seconds.toFixed(2)} s, ${(measurement.peakRssBytes / MB).toFixed(0)} MB`,
      );
    }
  }
  return measurements;
}

async function main(): Promise<void> {
  const options = parseBenchOptions({ runs: 3, slices: 300 });
  const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
  const benchDir = path.join(repoRoot, '.bench');
  const cliPath = path.join(repoRoot, 'dist/src/cli/main.js');
  const runner = path.join(repoRoot, 'dist/bench/quant-run.js');
  if (!existsSync(cliPath) || !existsSync(runner)) {
    throw new CtbankError('USAGE', `${cliPath} or ${runner} is missing: run npm run build first`);
  }

  await mkdir(benchDir, { recursive: true });
  const params = { slices: options.slices, seed: options.seed };
  const phantom: Series = {
    name: 'phantom',
    ...(await preparePhantomSeries(
      benchDir,
      cliPath,
      `quant-s${params.slices}-seed${params.seed}-t1.5`,
      { ...params, thicknessMm: 1.5 },
      options.regenerate,
    )),
  };
  const real = await realSeries(repoRoot);
  const runsDir = path.join(benchDir, 'quant-runs');
  await rm(runsDir, { recursive: true, force: true }); // leftovers of an interrupted benchmark

  const measurements: QuantMeasurement[] = [];
  for (const series of real === undefined ? [phantom] : [phantom, real]) {
    console.error(
      `bench: ${series.name}: ${series.files} instances, ${(series.bytes / MB).toFixed(0)} MB`,
    );
    measurements.push(...(await measureSeries(series, options.runs, runner, runsDir)));
  }
  await rm(runsDir, { recursive: true, force: true });

  const rows = summarizeQuant(measurements);
  const verdict = judgeQuantTarget(rows);
  console.log(
    `Quantification benchmark: phantom 1 series x ${params.slices} slices of 1.5 mm` +
      `${real === undefined ? '' : `, and ${real.name} (${real.files} slices)`}, median of ` +
      `${options.runs} run${options.runs === 1 ? '' : 's'}`,
  );
  console.log(formatQuantTable(rows));
  console.log(verdict.line);
  console.log(
    JSON.stringify({
      bench: 'quant',
      params: { ...params, thicknessMm: 1.5, runs: options.runs },
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
