/**
 * The phantom's public entry point: writes a dataset of synthetic unenhanced chest CTs as DICOM
 * Part 10 files, with a `truth.json` per patient. Layout:
 *
 *   outDir/<PatientID>/SERIES_2/<InstanceNumber>.dcm   (patients of the first hospital)
 *   outDir/<PatientID>/<InstanceNumber>.dcm            (patients of the second hospital)
 *   outDir/<PatientID>/truth.json                      (see truth.ts for fields and units)
 *
 * The same options give the same bytes: every value derives from `seed` through seeded
 * generators, and each patient has its own streams, so patient k is the same whatever the
 * number of patients (only the default choice of artefacts depends on the dataset size).
 */
import { endianness } from 'node:os';
import { mkdir } from 'node:fs/promises';

import { CtbankError } from '../errors.js';
import { synthesizePatient, type PatientJob } from './patient-synthesis.js';
import { SeededRandom } from './seeded-random.js';

/** What to synthesise; table/motion/missingSlice force an artefact on or off for everyone. */
export interface SynthOptions {
  outDir: string;
  patients: number;
  slices: number;
  thickness: 1.5 | 3;
  seed: number;
  table?: boolean;
  motion?: boolean;
  missingSlice?: boolean;
}

/** One written patient: its folder, number of slice files, their bytes and its truth file. */
export interface SynthPatientResult {
  patientId: string;
  dir: string;
  files: number;
  bytes: number;
  truthPath: string;
}

/** The written dataset: per-patient results, totals of slice files and bytes, wall time (s). */
export interface SynthResult {
  patients: SynthPatientResult[];
  files: number;
  bytes: number;
  seconds: number;
}

/** The artefacts of one patient. */
interface Artefacts {
  readonly hasTable: boolean;
  readonly hasMotion: boolean;
  readonly missingSlice: boolean;
}

const MAX_PATIENTS = 100_000;
const MAX_SLICES = 2000;

/** Writes `options.patients` synthetic chest CTs under `options.outDir`. */
export async function synthesizeDataset(
  options: SynthOptions,
  onProgress?: (filesWritten: number) => void,
): Promise<SynthResult> {
  validate(options);
  if (endianness() !== 'LE') {
    throw new CtbankError('INTERNAL', 'the phantom writes pixel buffers as little-endian only');
  }
  const started = performance.now();
  await mkdir(options.outDir, { recursive: true });

  const artefacts = chooseArtefacts(options);
  const idBase = new SeededRandom(`ctbank-phantom/${options.seed}/ids`).int(1_000_000, 8_000_000);
  const patients: SynthPatientResult[] = [];
  let files = 0;
  let bytes = 0;

  for (let index = 0; index < options.patients; index++) {
    const job: PatientJob = {
      seed: options.seed,
      index,
      idBase,
      outDir: options.outDir,
      slices: options.slices,
      thicknessMm: options.thickness,
      ...(artefacts[index] ?? { hasTable: false, hasMotion: false, missingSlice: false }),
    };
    const result = await synthesizePatient(job, () => {
      files += 1;
      onProgress?.(files);
    });
    patients.push(result);
    bytes += result.bytes;
  }

  return { patients, files, bytes, seconds: (performance.now() - started) / 1000 };
}

function validate(options: SynthOptions): void {
  const problems: string[] = [];
  if (options.outDir.trim() === '') problems.push('outDir is empty');
  if (!isWhole(options.patients, 1, MAX_PATIENTS)) {
    problems.push(`patients must be a whole number from 1 to ${MAX_PATIENTS}`);
  }
  if (!isWhole(options.slices, 1, MAX_SLICES)) {
    problems.push(`slices must be a whole number from 1 to ${MAX_SLICES}`);
  }
  if (options.thickness !== 1.5 && options.thickness !== 3) {
    problems.push('thickness must be 1.5 or 3 (mm)');
  }
  if (!Number.isSafeInteger(options.seed)) problems.push('seed must be a whole number');
  if (options.missingSlice === true && options.slices < 3) {
    problems.push('a missing slice needs at least 3 slices (never the first or the last)');
  }
  if (problems.length > 0) {
    throw new CtbankError('USAGE', `invalid synthetic dataset options: ${problems.join('; ')}`);
  }
}

function isWhole(value: number, low: number, high: number): boolean {
  return Number.isInteger(value) && value >= low && value <= high;
}

/**
 * Decides each patient's artefacts. Forced options apply to all; otherwise, from the seed: about
 * 40 % have the table in view, and about one in ten a motion artefact and one in ten a missing
 * slice (never the same patient); a dataset of two or more has at least one of each and at
 * least one patient without the table. A single patient gets no motion or missing slice.
 */
export function chooseArtefacts(options: SynthOptions): Artefacts[] {
  const n = options.patients;
  const random = new SeededRandom(`ctbank-phantom/${options.seed}/artefacts`);
  const byTable = random.shuffle(range(n));
  const byEvent = random.shuffle(range(n));
  const tableCount = n === 1 ? (random.chance(0.4) ? 1 : 0) : clamp(Math.round(0.4 * n), 1, n - 1);
  const eventCount = n === 1 ? 0 : Math.max(1, Math.round(n / 10));
  const withTable = new Set(byTable.slice(0, tableCount));
  const withMotion = new Set(byEvent.slice(0, eventCount));
  // Missing slices go to the next patients in the same order, so never to a motion patient.
  const withGap = new Set(byEvent.slice(eventCount, 2 * eventCount));
  const gapPossible = options.slices >= 3;

  return range(n).map((index) => ({
    hasTable: options.table ?? withTable.has(index),
    hasMotion: options.motion ?? withMotion.has(index),
    missingSlice: options.missingSlice ?? (gapPossible && withGap.has(index)),
  }));
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
