/**
 * The ground truth of one synthetic patient, written as `truth.json` beside its DICOM files.
 *
 * Units: volumes in millilitres (mL = cm³), each the voxel count of the rendered label map times
 * the voxel volume (PixelSpacing² × slice spacing, mm³, / 1000), counted over the slices that
 * were written (a missing slice's voxels are not counted), so they are exact for the images.
 * Lengths in mm, age in whole years, involvement in percent of lung volume. Lung volumes include
 * the vessels, airways and lesions inside each lung. Motion-blurred slices keep the labels of
 * the anatomy before the motion.
 */
import {
  CONSOLIDATION_BIT,
  GGO_BIT,
  LUNG_LABEL,
  type Anatomy,
  type Lesion,
} from './anatomy-types.js';
import type { SyntheticPatient } from './demographics.js';

/** Volumes of one lung, mL, and its voxel counts. */
export interface LungTruth {
  readonly lungMl: number;
  readonly ggoMl: number;
  readonly consolidationMl: number;
  readonly lesionMl: number;
  /** Lesion volume / lung volume × 100. */
  readonly involvementPercent: number;
  readonly voxels: { readonly lung: number; readonly ggo: number; readonly consolidation: number };
}

/** The content of `truth.json` (schema `ctbank-phantom-truth/1`). */
export interface PatientTruth {
  readonly schema: 'ctbank-phantom-truth/1';
  readonly units: Readonly<Record<string, string>>;
  readonly patientId: string;
  readonly patientName: string;
  readonly sex: 'M' | 'F';
  readonly age: number;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  /** Slice positions of the scan, the missing one included. */
  readonly slices: number;
  readonly filesWritten: number;
  readonly thicknessMm: number;
  readonly sliceSpacingMm: number;
  readonly pixelSpacingMm: number;
  readonly voxelVolumeMl: number;
  readonly hasTable: boolean;
  readonly hasMotion: boolean;
  /** 0-based slice indices (InstanceNumber − 1) with a motion ghost. */
  readonly motionSliceIndices: readonly number[];
  /** 0-based index (InstanceNumber − 1) of the slice left out, or null. */
  readonly missingSliceIndex: number | null;
  readonly leftLungMl: number;
  readonly rightLungMl: number;
  readonly lungMl: number;
  readonly ggoMl: number;
  readonly consolidationMl: number;
  readonly lesionMl: number;
  readonly involvementPercent: number;
  readonly lungs: { readonly left: LungTruth; readonly right: LungTruth };
  readonly lesions: readonly LesionTruth[];
}

/** How a lesion was drawn (its exact share of the volumes is in the per-lung figures). */
export interface LesionTruth {
  readonly kind: Lesion['kind'];
  readonly lung: Lesion['lung'];
  readonly juxtaPleural: boolean;
  /** Centre of the main ellipsoid in patient coordinates (DICOM LPS, mm). */
  readonly centreMm: readonly [number, number, number];
  /** Semi-axes of the main ellipsoid, mm (in-plane before its rotation, then along z). */
  readonly radiiMm: readonly [number, number, number];
}

/** What the truth is built from besides the patient and its anatomy. */
export interface TruthInput {
  readonly patient: SyntheticPatient;
  readonly anatomy: Anatomy;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  /** Voxel count of each label value 0–15 over the written slices. */
  readonly labelCounts: Float64Array;
  readonly filesWritten: number;
  readonly motionSliceIndices: readonly number[];
  readonly missingSliceIndex: number | undefined;
  /** Patient x and y (mm) of the image centre, to place lesions in patient coordinates. */
  readonly imageCentre: { readonly x: number; readonly y: number };
}

/** Builds the truth of one patient from its label counts. */
export function buildTruth(input: TruthInput): PatientTruth {
  const { patient, anatomy } = input;
  const { scan } = anatomy;
  const voxelVolumeMl = (scan.pixelMm * scan.pixelMm * scan.sliceSpacingMm) / 1000;
  const right = lungTruth(input.labelCounts, LUNG_LABEL.right, voxelVolumeMl);
  const left = lungTruth(input.labelCounts, LUNG_LABEL.left, voxelVolumeMl);
  const lungMl = right.lungMl + left.lungMl;
  const lesionMl = right.lesionMl + left.lesionMl;

  return {
    schema: 'ctbank-phantom-truth/1',
    units: {
      volumes: 'mL (cm³): label voxel count × voxelVolumeMl, over the written slices',
      lengths: 'mm',
      age: 'years',
      involvementPercent: 'lesion volume / lung volume × 100',
    },
    patientId: patient.patientId,
    patientName: patient.patientName,
    sex: patient.sex,
    age: patient.age,
    studyInstanceUid: input.studyInstanceUid,
    seriesInstanceUid: input.seriesInstanceUid,
    slices: scan.slices,
    filesWritten: input.filesWritten,
    thicknessMm: scan.thicknessMm,
    sliceSpacingMm: scan.sliceSpacingMm,
    pixelSpacingMm: scan.pixelMm,
    voxelVolumeMl,
    hasTable: anatomy.hasTable,
    hasMotion: input.motionSliceIndices.length > 0,
    motionSliceIndices: input.motionSliceIndices,
    missingSliceIndex: input.missingSliceIndex ?? null,
    leftLungMl: left.lungMl,
    rightLungMl: right.lungMl,
    lungMl: round(lungMl),
    ggoMl: round(right.ggoMl + left.ggoMl),
    consolidationMl: round(right.consolidationMl + left.consolidationMl),
    lesionMl: round(lesionMl),
    involvementPercent: percent(lesionMl, lungMl),
    lungs: { left, right },
    lesions: anatomy.lesions.map((lesion) => lesionTruth(lesion, input.imageCentre)),
  };
}

function lungTruth(counts: Float64Array, lungLabel: number, voxelMl: number): LungTruth {
  let lung = 0;
  let ggo = 0;
  let consolidation = 0;
  counts.forEach((count, label) => {
    if ((label & 3) !== lungLabel) return;
    lung += count;
    if ((label & CONSOLIDATION_BIT) !== 0) consolidation += count;
    else if ((label & GGO_BIT) !== 0) ggo += count;
  });

  return {
    lungMl: round(lung * voxelMl),
    ggoMl: round(ggo * voxelMl),
    consolidationMl: round(consolidation * voxelMl),
    lesionMl: round((ggo + consolidation) * voxelMl),
    involvementPercent: percent(ggo + consolidation, lung),
    voxels: { lung, ggo, consolidation },
  };
}

function lesionTruth(lesion: Lesion, imageCentre: { x: number; y: number }): LesionTruth {
  const main = lesion.blobs[0];
  const centre = main?.center ?? { x: 0, y: 0, z: 0 };
  return {
    kind: lesion.kind,
    lung: lesion.lung,
    juxtaPleural: lesion.juxtaPleural,
    centreMm: [round(imageCentre.x + centre.x), round(imageCentre.y + centre.y), round(centre.z)],
    radiiMm: [round(main?.rx ?? 0), round(main?.ry ?? 0), round(main?.rz ?? 0)],
  };
}

// Millilitres to the microlitre: the voxel counts stay exact in `voxels`.
function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100_000) / 1000 : 0;
}
