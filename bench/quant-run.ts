/**
 * The ctbank side of the quantification benchmark, as one process: assembles the series in the
 * folder given (every file under it) into a volume, quantifies it, and prints one JSON line with
 * the seconds of each phase and the figures, so a changed result shows beside a changed time.
 * Usage: node dist/bench/quant-run.js FOLDER
 */
import { performance } from 'node:perf_hooks';

import { CtbankError, messageOf } from '../src/errors.js';
import { quantifyVolume } from '../src/quant/quantify-volume.js';
import { assembleVolume } from '../src/volume/assemble-volume.js';
import { fileInstanceSources } from '../src/volume/instance-source.js';
import { filesUnder } from './dataset.js';

/** What the measured process prints: seconds per phase and the result's headline figures. */
export interface QuantRunReport {
  readonly slices: number;
  readonly assembleSeconds: number;
  readonly quantifySeconds: number;
  readonly lungVolumeMl: number;
  readonly involvementPercent: number;
  readonly severity: string;
}

async function main(): Promise<void> {
  const folder = process.argv[2];
  if (folder === undefined) throw new CtbankError('USAGE', 'usage: quant-run.js FOLDER');

  const files = await filesUnder(folder);
  const started = performance.now();
  const assembled = await assembleVolume(fileInstanceSources(files));
  if (assembled.status !== 'volume') {
    throw new CtbankError('INTERNAL', `${folder}: ${assembled.problem.message}`);
  }
  const assembledAt = performance.now();

  const result = quantifyVolume(assembled.volume);
  const quantifiedAt = performance.now();

  const report: QuantRunReport = {
    slices: assembled.volume.sliceCount,
    assembleSeconds: (assembledAt - started) / 1000,
    quantifySeconds: (quantifiedAt - assembledAt) / 1000,
    lungVolumeMl: result.lungVolumeMl,
    involvementPercent: result.total.involvementPercent,
    severity: result.severity,
  };
  console.log(JSON.stringify(report));
}

main().catch((error: unknown) => {
  console.error(`quant-run: ${messageOf(error)}`);
  process.exitCode = 1;
});
