/**
 * Synthesises one patient: identity, anatomy and technique from the patient's own random
 * streams, then every slice rendered, encoded and written, then `truth.json`. Buffers are
 * allocated once per patient and reused for every slice.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { encodePart10 } from '../dicom/part10-writer.js';
import { buildAnatomy } from './anatomy-model.js';
import { tOfSlice, type Anatomy } from './anatomy-types.js';
import { drawAcquisition, type Acquisition } from './acquisition.js';
import { CT_IMAGE_STORAGE, seriesElements, sliceElements, type SeriesUids } from './ct-header.js';
import { drawPatient, type SyntheticPatient } from './demographics.js';
import { GRID_SIZE } from './ellipse-spans.js';
import { gaussianTable, SeededRandom } from './seeded-random.js';
import { planSlice } from './slice-plan.js';
import {
  addMotionGhost,
  addNoise,
  countLabels,
  createSliceImage,
  renderSlice,
  toStoredPixels,
} from './slice-renderer.js';
import type { SynthPatientResult } from './synthesize-dataset.js';
import { syntheticUid } from './synthetic-uid.js';
import { buildTruth } from './truth.js';

/** One patient to write, with its artefacts already decided. */
export interface PatientJob {
  readonly seed: number;
  readonly index: number;
  /** Base of the dataset's patient ID numbers, so that IDs never collide. */
  readonly idBase: number;
  readonly outDir: string;
  readonly slices: number;
  readonly thicknessMm: 1.5 | 3;
  readonly hasTable: boolean;
  readonly hasMotion: boolean;
  readonly missingSlice: boolean;
}

/** A breathing artefact: slices ghosted by a copy shifted (dx, dy) pixels. */
export interface Motion {
  readonly indices: readonly number[];
  readonly dx: number;
  readonly dy: number;
  readonly weight: number;
}

const NOISE_TABLE_SIZE = 1 << 20;

/** Everything decided about one patient before any slice is rendered. */
export interface PatientModel {
  readonly random: SeededRandom;
  readonly patient: SyntheticPatient;
  readonly anatomy: Anatomy;
  readonly acquisition: Acquisition;
  readonly uids: SeriesUids;
  readonly missingSliceIndex: number | undefined;
  readonly motion: Motion | undefined;
}

/** Draws one patient's identity, anatomy, technique, UIDs and artefacts from the seed. */
export function buildPatientModel(job: PatientJob): PatientModel {
  const random = new SeededRandom(`ctbank-phantom/${job.seed}/patient/${job.index}`);
  const patient = drawPatient(random.fork('identity'), job.index, job.idBase);
  const anatomy = buildAnatomy(random.fork('anatomy'), {
    age: patient.age,
    sex: patient.sex,
    slices: job.slices,
    thicknessMm: job.thicknessMm,
    hasTable: job.hasTable,
  });
  const acquisition = drawAcquisition(random.fork('acquisition'), job.thicknessMm, anatomy.scale);
  const events = random.fork('events');
  const missingSliceIndex = job.missingSlice ? events.int(1, job.slices - 2) : undefined;

  return {
    random,
    patient,
    anatomy,
    acquisition,
    uids: {
      study: instanceUid(job, 'study'),
      series: instanceUid(job, 'series'),
      frameOfReference: instanceUid(job, 'frame-of-reference'),
      priorStudy: instanceUid(job, 'prior-study'),
    },
    missingSliceIndex,
    motion: job.hasMotion ? drawMotion(events, job.slices, missingSliceIndex) : undefined,
  };
}

/** Writes one patient's slices and truth; calls `onFile` after each slice file. */
export async function synthesizePatient(
  job: PatientJob,
  onFile: () => void,
): Promise<SynthPatientResult> {
  const model = buildPatientModel(job);
  const { patient, anatomy, uids, missingSliceIndex, motion } = model;
  const dir = path.join(job.outDir, patient.patientId);
  const seriesDir = patient.institution.seriesFolder ? path.join(dir, 'SERIES_2') : dir;
  await mkdir(seriesDir, { recursive: true });

  const labelCounts = new Float64Array(16);
  const written = await writeSlices(job, model, seriesDir, labelCounts, onFile);

  const truth = buildTruth({
    patient,
    anatomy,
    studyInstanceUid: uids.study,
    seriesInstanceUid: uids.series,
    labelCounts,
    filesWritten: written.files,
    motionSliceIndices: motion?.indices ?? [],
    missingSliceIndex,
    imageCentre: { x: model.acquisition.centreX, y: model.acquisition.centreY },
  });
  const truthPath = path.join(dir, 'truth.json');
  await writeFile(truthPath, `${JSON.stringify(truth, null, 2)}\n`);

  return { patientId: patient.patientId, dir, ...written, truthPath };
}

// Renders, encodes and writes every slice but the missing one, as <InstanceNumber>.dcm.
async function writeSlices(
  job: PatientJob,
  model: PatientModel,
  seriesDir: string,
  labelCounts: Float64Array,
  onFile: () => void,
): Promise<{ files: number; bytes: number }> {
  const { patient, anatomy, acquisition, uids } = model;
  const { scan } = anatomy;
  const header = seriesElements(patient, scan, acquisition, uids);
  const render = sliceRenderer(model, labelCounts);
  const tableSpeed =
    (acquisition.pitch * acquisition.totalCollimation) / acquisition.revolutionTime;
  let files = 0;
  let bytes = 0;

  for (let index = 0; index < scan.slices; index++) {
    if (index === model.missingSliceIndex) continue;

    const { z, pixels } = render(index);
    const sopInstanceUid = instanceUid(job, `instance/${index}`);
    const encoded = encodePart10({ sopClassUid: CT_IMAGE_STORAGE, sopInstanceUid }, [
      ...header,
      ...sliceElements(scan, acquisition, {
        sopInstanceUid,
        instanceNumber: index + 1,
        z,
        // The scout and the start of the spiral take about 95 s after the study starts.
        acquisitionSeconds: patient.studySeconds + 95 + (index * scan.sliceSpacingMm) / tableSpeed,
        pixels,
      }),
    ]);
    await writeFile(path.join(seriesDir, `${index + 1}.dcm`), encoded);

    files += 1;
    bytes += encoded.length;
    onFile();
  }
  return { files, bytes };
}

/**
 * A function that renders slice `index` to stored pixel bytes (valid until the next call),
 * adding its labels to `labelCounts`. The buffers are allocated once per patient.
 */
function sliceRenderer(
  model: PatientModel,
  labelCounts: Float64Array,
): (index: number) => { z: number; pixels: Uint8Array } {
  const { random, anatomy, motion, patient } = model;
  const { scan } = anatomy;
  // Thinner slices are noisier; larger bodies attenuate more (standard deviation in HU).
  const noiseSd = (scan.thicknessMm < 2 ? 24 : 16) * Math.sqrt(anatomy.bodyA / 165);
  const noise = gaussianTable(random.fork('noise-table'), NOISE_TABLE_SIZE, noiseSd);
  const noiseRandom = random.fork('noise');
  const image = createSliceImage();
  const scratch = new Int16Array(GRID_SIZE * GRID_SIZE);
  const stored = new Int16Array(GRID_SIZE * GRID_SIZE);
  const pixels = new Uint8Array(stored.buffer);

  return (index) => {
    const plan = planSlice(anatomy, tOfSlice(scan, index));
    renderSlice(plan, scan.pixelMm, image);
    countLabels(image.labels, labelCounts);

    if (motion?.indices.includes(index) === true) {
      addMotionGhost(image.hu, scratch, motion.dx, motion.dy, motion.weight);
    }
    addNoise(image.hu, noise, noiseRandom);
    toStoredPixels(image.hu, stored, patient.institution.signedPixels);

    return { z: plan.z, pixels };
  };
}

function instanceUid(job: PatientJob, role: string): string {
  return syntheticUid('ctbank-phantom', job.seed, job.index, role);
}

// Two to four consecutive slices in the lower half, where breathing moves the chest most.
function drawMotion(random: SeededRandom, slices: number, missing: number | undefined): Motion {
  const count = Math.min(slices, random.int(2, 4));
  const first = random.int(Math.floor(0.55 * (slices - count)), slices - count);
  return {
    indices: Array.from({ length: count }, (_, i) => first + i).filter((i) => i !== missing),
    dx: random.int(-2, 2),
    dy: random.pick([-1, 1]) * random.int(5, 10),
    weight: random.uniform(0.3, 0.45),
  };
}
