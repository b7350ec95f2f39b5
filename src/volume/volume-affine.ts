/**
 * The voxel-to-patient matrix of a slice stack (PS3.3 C.7.6.2.1.1, equation C.7.6.2.1-1,
 * extended to the third index by the step between slice positions).
 */
import { scale, type Vec3 } from './vector3.js';

/** The grid of a stack: where voxel (0, 0, 0) is and how each index moves in patient space. */
export interface VoxelGrid {
  readonly origin: Vec3;
  readonly rowCosines: Vec3;
  readonly columnCosines: Vec3;
  readonly pixelSpacingMm: readonly [row: number, column: number];
  readonly sliceStepMm: Vec3;
}

/**
 * Row-major 4 × 4 matrix from (column i, row j, slice k, 1) to patient LPS mm. Column i moves
 * along the row cosines by the column spacing (Pixel Spacing's second value); row j along the
 * column cosines by the row spacing (its first value). A sheared third column keeps a tilted
 * gantry's slices where they were acquired.
 */
export function patientAffine(grid: VoxelGrid): number[] {
  const [rowSpacing, columnSpacing] = grid.pixelSpacingMm;
  const x = scale(grid.rowCosines, columnSpacing);
  const y = scale(grid.columnCosines, rowSpacing);
  const z = grid.sliceStepMm;
  const o = grid.origin;

  return [x[0], y[0], z[0], o[0], x[1], y[1], z[1], o[1], x[2], y[2], z[2], o[2], 0, 0, 0, 1];
}
