/**
 * Which way the voxel grid runs in the patient (DICOM LPS: +x to the patient's left, +z to the
 * head), read from the volume's affine, so that right and left lung and cranial and caudal
 * never depend on how a scanner stored the slices.
 */

/** Directions of the grid in the patient. */
export interface PatientAxes {
  /** Slice index k grows towards the head. */
  readonly cranialIsHighK: boolean;
  /** Column index i grows towards the patient's left. */
  readonly leftIsHighI: boolean;
}

/** The grid's directions from a row-major 4 × 4 voxel-to-LPS affine. */
export function patientAxes(affine: readonly number[]): PatientAxes {
  return {
    cranialIsHighK: (affine[10] ?? 1) >= 0,
    leftIsHighI: (affine[0] ?? 1) >= 0,
  };
}

/** Patient x (LPS, mm) of a voxel position (i, j, k). */
export function patientX(affine: readonly number[], i: number, j: number, k: number): number {
  return (affine[0] ?? 0) * i + (affine[1] ?? 0) * j + (affine[2] ?? 0) * k + (affine[3] ?? 0);
}
