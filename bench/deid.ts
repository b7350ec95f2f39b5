/**
 * The de-identification benchmark: `ctbank deid` (whole process) and its de-identification
 * stage alone, against gdcmanon and a pydicom script, on one phantom series; each measured
 * --runs times on fresh output, tools alternating. Prints a table of medians, the target
 * verdict and a JSON line. Run through bench/deid.sh (npm run bench:deid), which installs the
 * peers.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { CtbankError, messageOf } from '../src/errors.js';
import { measureDeid, type DeidRun } from './deid-measure.js';
import {
  DEID_TOOLS,
  formatDeidTable,
  judgeDeidTarget,
  summarizeDeid,
  type DeidMeasurement,
} from './deid-report.js';
import { parseBenchOptions, preparePhantomSeries } from './phantom-series.js';

const MB = 1e6;

/** gdcmanon -e needs an X.509 certificate to encrypt the replaced values for. */
function certificate(benchDir: string): string {
  const cert = path.join(benchDir, 'deid-cert.pem');
  if (existsSync(cert)) return cert;

  const key = path.join(benchDir, 'deid-key.pem');
  const made = spawnSync('openssl', [
    ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '3650'],
    ...['-subj', '/CN=ctbank deid benchmark', '-keyout', key, '-out', cert],
  ]);
  if (made.status !== 0) throw new CtbankError('INTERNAL', `openssl: ${String(made.stderr)}`);
  return cert;
}

async function main(): Promise<void> {
  const options = parseBenchOptions({ runs: 3, slices: 600 });
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
    `deid-s${params.slices}-seed${params.seed}`,
    params,
    options.regenerate,
  );
  console.error(`bench: ${series.files} instances, ${(series.bytes / MB).toFixed(0)} MB`);
  const runsDir = path.join(benchDir, 'deid-runs');
  await rm(runsDir, { recursive: true, force: true }); // leftovers of an interrupted benchmark
  const base = {
    repoRoot,
    cliPath,
    input: series.folder,
    inputBytes: series.bytes,
    instances: series.files,
    certificate: certificate(benchDir),
    // At least a minute, plus a second per MB of input (1 MB/s at worst).
    timeoutMs: (60 + series.bytes / MB) * 1000,
  };
  const measurements: DeidMeasurement[] = [];

  for (let run = 0; run < options.runs; run += 1) {
    // Rotate the order each run, so that drifting machine noise falls on every tool.
    const order = DEID_TOOLS.map((_, i) => DEID_TOOLS[(i + run) % DEID_TOOLS.length]);
    for (const tool of order) {
      if (tool === undefined) continue;
      const workDir = path.join(runsDir, `run${run + 1}-${tool.replace(' ', '-')}`);
      await mkdir(workDir, { recursive: true });
      const deidRun: DeidRun = { ...base, workDir };
      const measurement = await measureDeid(tool, deidRun); // on failure its logs stay
      await rm(workDir, { recursive: true, force: true });

      measurements.push(measurement);
      console.error(
        `bench: run ${run + 1}/${options.runs} ${tool}: ${measurement.seconds.toFixed(2)} s, ` +
          `${(measurement.bytes / MB / measurement.seconds).toFixed(1)} MB/s, ` +
          `peak ${(measurement.peakRssBytes / MB).toFixed(0)} MB`,
      );
    }
  }
  await rm(runsDir, { recursive: true, force: true });

  const rows = summarizeDeid(measurements);
  const verdict = judgeDeidTarget(rows);
  console.log(
    `de-identification benchmark: 1 patient x ${params.slices} slices ` +
      `(${series.files} instances, ${(series.bytes / MB).toFixed(0)} MB), ` +
      `median of ${options.runs} run${options.runs === 1 ? '' : 's'}`,
  );
  console.log(formatDeidTable(rows));
  console.log(verdict.line);
  console.log(
    JSON.stringify({
      bench: 'deid',
      params: { ...params, patients: 1, runs: options.runs },
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
