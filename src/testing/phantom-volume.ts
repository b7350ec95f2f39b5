/**
 * A phantom series for quantification tests: one synthetic patient written as DICOM, read back
 * through volume assembly, beside its true lung and infection masks on the same voxel grid,
 * rendered from the same patient model (labels before noise and motion).
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';

import { tOfSlice } from '../phantom/anatomy-types.js';
import { CONSOLIDATION_BIT, GGO_BIT } from '../phantom/anatomy-types.js';
import {
  buildPatientModel,
  synthesizePatient,
  type PatientJob,
} from '../phantom/patient-synthesis.js';
import { planSlice } from '../phantom/slice-plan.js';
import { createSliceImage, renderSlice } from '../phantom/slice-renderer.js';
import type { PatientTruth } from '../phantom/truth.js';
import { assembleVolume } from '../volume/assemble-volume.js';
import { fileInstanceSources } from '../volume/instance-source.js';
import type { Volume } from '../volume/volume.js';
import { temporaryDir } from './paths.js';
import { readFile } from 'node:fs/promises';

/** A phantom volume and its truth. */
export interface PhantomVolume {
  readonly volume: Volume;
  readonly truth: PatientTruth;
  /** 0 outside, 1 right lung, 2 left lung (the phantom's values, equal to ctbank's). */
  readonly lungMask: Uint8Array;
  /** 0 none, 1 ground glass, 2 consolidation. */
  readonly infectionMask: Uint8Array;
}

/** What phantom to make. */
export interface PhantomSpec {
  readonly seed: number;
  readonly slices: number;
  readonly thicknessMm: 1.5 | 3;
  readonly hasTable: boolean;
  /** Patient index within the seed's dataset (each index is another patient). */
  readonly index?: number;
}

/** Writes, assembles and labels one phantom patient; the DICOM files are removed afterwards. */
export async function phantomVolume(spec: PhantomSpec): Promise<PhantomVolume> {
  const outDir = await temporaryDir('ctbank-quant-');
  const job: PatientJob = {
    seed: spec.seed,
    index: spec.index ?? 0,
    idBase: 1_000_000,
    outDir,
    slices: spec.slices,
    thicknessMm: spec.thicknessMm,
    hasTable: spec.hasTable,
    hasMotion: false,
    missingSlice: false,
  };
  try {
    const written = await synthesizePatient(job, () => undefined);
    const truth = JSON.parse(await readFile(written.truthPath, 'utf8')) as PatientTruth;
    const files = (await readdir(written.dir, { recursive: true }))
      .filter((name) => name.endsWith('.dcm'))
      .map((name) => path.join(written.dir, name));
    const assembled = await assembleVolume(fileInstanceSources(files));
    if (assembled.status !== 'volume') throw new Error(assembled.problem.message);

    const { lungMask, infectionMask } = trueMasks(job, assembled.volume);
    return { volume: assembled.volume, truth, lungMask, infectionMask };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

// Volume slice k came from the phantom slice InstanceNumber − 1.
function trueMasks(job: PatientJob, volume: Volume): Omit<PhantomVolume, 'volume' | 'truth'> {
  const { anatomy } = buildPatientModel(job);
  const area = volume.columns * volume.rows;
  const lungMask = new Uint8Array(area * volume.sliceCount);
  const infectionMask = new Uint8Array(area * volume.sliceCount);
  const image = createSliceImage();

  for (const slice of volume.slices) {
    const index = (slice.instanceNumber ?? 0) - 1;
    renderSlice(planSlice(anatomy, tOfSlice(anatomy.scan, index)), anatomy.scan.pixelMm, image);
    const offset = slice.index * area;
    for (let p = 0; p < area; p++) {
      const label = image.labels[p] ?? 0;
      lungMask[offset + p] = label & 3;
      infectionMask[offset + p] =
        (label & CONSOLIDATION_BIT) !== 0 ? 2 : (label & GGO_BIT) !== 0 ? 1 : 0;
    }
  }
  return { lungMask, infectionMask };
}
