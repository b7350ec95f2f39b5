/**
 * What the single-series benchmarks (deid, export, quant) share: their command-line options and
 * the one phantom series they measure, made once per parameters under .bench/ and reused;
 * `complete.json` is written last, so a half-made series is made again.
 */
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CtbankError } from '../src/errors.js';
import { filesUnder, setAsideNonDicom, synthesize, totalBytes } from './dataset.js';

/** The options every single-series benchmark takes. */
export interface BenchOptions {
  readonly runs: number;
  readonly slices: number;
  readonly seed: number;
  readonly regenerate: boolean;
}

/** A series on disk: its folder, file count and bytes. */
export interface Series {
  readonly folder: string;
  readonly files: number;
  readonly bytes: number;
}

/** Reads `--runs N --slices N --seed N --regenerate` with the benchmark's own defaults. */
export function parseBenchOptions(defaults: { runs: number; slices: number }): BenchOptions {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: String(defaults.runs) },
      slices: { type: 'string', default: String(defaults.slices) },
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

function positiveInteger(name: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new CtbankError('USAGE', `--${name} must be a positive integer, not "${value}"`);
  }
  return parsed;
}

/**
 * One phantom patient as DICOM only (the truth file set aside, as from a PACS), in
 * `<benchDir>/<name>/dicom`, made when missing or when `regenerate` asks.
 */
export async function preparePhantomSeries(
  benchDir: string,
  cliPath: string,
  name: string,
  params: { slices: number; seed: number; thicknessMm?: number },
  regenerate: boolean,
): Promise<Series> {
  const root = path.join(benchDir, name);
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
