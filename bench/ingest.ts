/**
 * The ingest benchmark: ctbank (folders and per-patient RARs) against Orthanc (folders, REST API,
 * one kept-alive connection) on the same phantom dataset, each measured --runs times on fresh
 * storage, tools alternating. Prints a table of medians, the target verdict and a JSON line.
 * Run through bench/ingest.sh (npm run bench:ingest), which installs Orthanc and checks disk.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { CtbankError, messageOf } from '../src/errors.js';
import { type Dataset, prepareDataset } from './dataset.js';
import type { Measurement } from './measurement.js';
import { measureCtbank } from './measure-ctbank.js';
import { measureOrthanc } from './measure-orthanc.js';
import { formatTable, judgeTarget, summarize } from './report.js';

const MB = 1e6;

/** A measurement waits at least a minute, plus a second per MB of input (1 MB/s at worst). */
function timeoutFor(bytes: number): number {
  return (60 + bytes / MB) * 1000;
}

function positiveInteger(name: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new CtbankError('USAGE', `--${name} must be a positive integer, not "${value}"`);
  }
  return parsed;
}

function parseOptions(): {
  runs: number;
  patients: number;
  slices: number;
  seed: number;
  regenerate: boolean;
} {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      patients: { type: 'string', default: '20' },
      slices: { type: 'string', default: '300' },
      seed: { type: 'string', default: '1' },
      regenerate: { type: 'boolean', default: false },
    },
  });
  return {
    runs: positiveInteger('runs', values.runs),
    patients: positiveInteger('patients', values.patients),
    slices: positiveInteger('slices', values.slices),
    seed: positiveInteger('seed', values.seed),
    regenerate: values.regenerate,
  };
}

interface Task {
  readonly label: string;
  readonly measure: (workDir: string) => Promise<Measurement>;
}

function tasksFor(repoRoot: string, cliPath: string, dataset: Dataset): Task[] {
  const instances = dataset.files.length;
  return [
    {
      label: 'ctbank folders',
      measure: (workDir) =>
        measureCtbank({
          cliPath,
          input: dataset.folder,
          inputKind: 'folders',
          inputBytes: dataset.folderBytes,
          expectedInstances: instances,
          workDir,
          timeoutMs: timeoutFor(dataset.folderBytes),
        }),
    },
    {
      label: 'orthanc folders',
      measure: (workDir) =>
        measureOrthanc({
          repoRoot,
          files: dataset.files,
          inputBytes: dataset.folderBytes,
          expectedInstances: instances,
          workDir,
          timeoutMs: timeoutFor(dataset.folderBytes),
        }),
    },
    {
      label: 'ctbank RARs',
      measure: (workDir) =>
        measureCtbank({
          cliPath,
          input: dataset.rarFolder,
          inputKind: 'rars',
          inputBytes: dataset.rarBytes,
          expectedInstances: instances,
          workDir,
          timeoutMs: timeoutFor(dataset.rarBytes),
        }),
    },
  ];
}

async function main(): Promise<void> {
  const options = parseOptions();
  const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
  const benchDir = path.join(repoRoot, '.bench');
  const cliPath = path.join(repoRoot, 'dist/src/cli/main.js');
  if (!existsSync(cliPath)) {
    throw new CtbankError('USAGE', `${cliPath} is missing: run npm run build first`);
  }

  const params = { patients: options.patients, slices: options.slices, seed: options.seed };
  const dataset = await prepareDataset(benchDir, cliPath, params, options.regenerate);
  console.error(
    `bench: ${dataset.files.length} instances, ${(dataset.folderBytes / MB).toFixed(0)} MB as ` +
      `folders, ${(dataset.rarBytes / MB).toFixed(0)} MB as RARs`,
  );

  const runsDir = path.join(benchDir, 'runs');
  await rm(runsDir, { recursive: true, force: true }); // leftovers of an interrupted benchmark
  const tasks = tasksFor(repoRoot, cliPath, dataset);
  const measurements: Measurement[] = [];

  for (let run = 0; run < options.runs; run += 1) {
    // Rotate the order each run, so that drifting machine noise falls on every tool.
    const order = tasks.map((_, i) => tasks[(i + run) % tasks.length]);
    for (const task of order) {
      if (task === undefined) continue;
      const workDir = path.join(runsDir, `run${run + 1}-${task.label.replace(' ', '-')}`);
      await mkdir(workDir, { recursive: true });
      const measurement = await task.measure(workDir); // on failure its logs stay in workDir
      await rm(workDir, { recursive: true, force: true });

      measurements.push(measurement);
      console.error(
        `bench: run ${run + 1}/${options.runs} ${task.label}: ${measurement.seconds.toFixed(1)} s, ` +
          `${(measurement.bytes / MB / measurement.seconds).toFixed(1)} MB/s, ` +
          `peak ${(measurement.peakRssBytes / MB).toFixed(0)} MB`,
      );
    }
  }
  await rm(runsDir, { recursive: true, force: true });

  const rows = summarize(measurements);
  const verdict = judgeTarget(rows);
  console.log(
    `ingest benchmark: ${params.patients} patients x ${params.slices} slices ` +
      `(${dataset.files.length} instances, ${(dataset.folderBytes / MB).toFixed(0)} MB), ` +
      `median of ${options.runs} run${options.runs === 1 ? '' : 's'}`,
  );
  console.log(formatTable(rows));
  console.log(verdict.line);
  console.log(
    JSON.stringify({
      bench: 'ingest',
      params: { ...params, runs: options.runs },
      instances: dataset.files.length,
      folderBytes: dataset.folderBytes,
      rarBytes: dataset.rarBytes,
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
