/**
 * A NIfTI-1 image before it is written: the voxel grid with its voxels (i fastest, as in a
 * Volume) and its voxel-to-patient matrix, built from a CT volume or a label mask on its grid.
 */
import { CtbankError } from '../errors.js';
import type { Volume } from '../volume/volume.js';

/** The voxel types ctbank writes: HU as int16 (or float32), labels as uint8. */
export type NiftiVoxels = Int16Array | Float32Array | Uint8Array;

/** One image: column i fastest, then row j, then slice k. */
export interface NiftiImage {
  readonly columns: number;
  readonly rows: number;
  readonly slices: number;
  readonly voxels: NiftiVoxels;
  /** Row-major 4 × 4 from (i, j, k, 1) to DICOM patient LPS mm, as Volume.affine. */
  readonly affineLps: readonly number[];
  /** descrip: up to 79 ASCII characters. */
  readonly description: string;
  /** Set for label maps: written with intent NIFTI_INTENT_LABEL and this intent_name. */
  readonly labelName?: string;
}

/** The CT volume in HU as a NIfTI image. */
export function volumeImage(volume: Volume): NiftiImage {
  return {
    columns: volume.columns,
    rows: volume.rows,
    slices: volume.sliceCount,
    voxels: volume.hu,
    affineLps: volume.affine,
    description: 'ctbank CT volume, HU',
  };
}

/** A label mask on the volume's grid (for example 1 right lung, 2 left lung) as a NIfTI image. */
export function maskImage(volume: Volume, mask: Uint8Array, labelName: string): NiftiImage {
  const voxels = volume.columns * volume.rows * volume.sliceCount;
  if (mask.length !== voxels) {
    throw new CtbankError(
      'UNWRITABLE',
      `the ${labelName} mask has ${mask.length} voxels, the volume ${voxels}`,
    );
  }

  return {
    columns: volume.columns,
    rows: volume.rows,
    slices: volume.sliceCount,
    voxels: mask,
    affineLps: volume.affine,
    description: `ctbank ${labelName} labels`,
    labelName,
  };
}
