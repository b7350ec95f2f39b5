/**
 * A CT volume in Hounsfield units with its place in patient space: the voxel grid, the slices
 * it was built from, and the 4 × 4 matrix from voxel indices to DICOM patient coordinates
 * (LPS, mm) that NIfTI and DICOM Segmentation export need.
 */
import type { Vec3 } from './vector3.js';

/** One slice of a volume, in ascending position along the slice normal. */
export interface VolumeSlice {
  /** From 0, the slice's index k in the voxel grid. */
  readonly index: number;
  /** Image Position (Patient) projected on the slice normal, mm. */
  readonly positionMm: number;
  readonly imagePositionPatient: Vec3;
  readonly source: string;
  /** From 0; 0 for single-frame instances. */
  readonly frameIndex: number;
  readonly sopInstanceUid?: string;
  readonly instanceNumber?: number;
  readonly sliceThicknessMm?: number;
}

/** A volume: voxel (i, j, k) is column i, row j of slice k, at hu[(k × rows + j) × columns + i]. */
export interface Volume {
  readonly seriesInstanceUid?: string;
  readonly columns: number;
  readonly rows: number;
  readonly sliceCount: number;
  readonly hu: Int16Array | Float32Array;
  /** Pixel Spacing as DICOM orders it: between rows, then between columns (mm). */
  readonly pixelSpacingMm: readonly [row: number, column: number];
  /** The regular step between slices along the normal (mm), from positions, not thickness. */
  readonly sliceSpacingMm: number;
  /** Direction of increasing column index i (first half of Image Orientation). */
  readonly rowCosines: Vec3;
  /** Direction of increasing row index j (second half of Image Orientation). */
  readonly columnCosines: Vec3;
  /** rowCosines × columnCosines. */
  readonly sliceNormal: Vec3;
  /** From one slice's origin to the next (mm); off the normal when the gantry was tilted. */
  readonly sliceStepMm: Vec3;
  /** Image Position (Patient) of slice 0: the centre of voxel (0, 0, 0). */
  readonly origin: Vec3;
  /** Row-major 4 × 4 matrix taking (i, j, k, 1) to patient (x, y, z, 1), LPS mm. */
  readonly affine: readonly number[];
  /** Angle between the slice step and the normal, degrees (0 without gantry tilt). */
  readonly gantryTiltDegrees: number;
  /** Some slices went through lossy compression. */
  readonly lossy: boolean;
  readonly slices: readonly VolumeSlice[];
}
