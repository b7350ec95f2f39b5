/**
 * From a DICOM voxel-to-patient matrix (LPS, mm) to what a NIfTI-1 header holds: the same
 * matrix in RAS for the sform, and for the qform the rigid part as a unit quaternion, qfac for
 * the handedness and the voxel sizes (nifti1.h, "method 2" and "method 3").
 */
import { cross, norm, scale, type Vec3 } from '../volume/vector3.js';

/** A row-major 3 × 3 matrix. */
export type Matrix3 = readonly [
  readonly [number, number, number],
  readonly [number, number, number],
  readonly [number, number, number],
];

/** The qform fields of a NIfTI-1 header. */
export interface Qform {
  /** quatern_b, quatern_c, quatern_d; quatern_a = √(1 − b² − c² − d²) ≥ 0 is implied. */
  readonly quaternion: readonly [b: number, c: number, d: number];
  /** pixdim[0]: −1 when the voxel axes are left-handed in RAS, else 1. */
  readonly qfac: 1 | -1;
  /** pixdim[1..3], mm along each voxel axis; the third is the spacing along the normal. */
  readonly pixdimMm: readonly [number, number, number];
  /** qoffset_x, qoffset_y, qoffset_z: the centre of voxel (0, 0, 0), RAS mm. */
  readonly offsetMm: readonly [number, number, number];
}

/**
 * The row-major 4 × 4 voxel-to-RAS matrix of a voxel-to-LPS one: DICOM's x grows to the
 * patient's left and y to the posterior, NIfTI's to the right and anterior, so both rows flip.
 */
export function lpsToRas(affineLps: readonly number[]): number[] {
  return affineLps.map((value, index) => (index < 8 ? -value : value));
}

/**
 * The qform of a voxel-to-RAS matrix. The first two voxel axes come from the matrix; the third
 * is their cross product, so that a gantry tilt's shear (kept exactly by the sform) becomes
 * the nearest rigid frame with the slice spacing along the normal.
 */
export function qformOf(affineRas: readonly number[]): Qform {
  const column = (c: number): Vec3 => [
    at(affineRas, c),
    at(affineRas, 4 + c),
    at(affineRas, 8 + c),
  ];
  const x = column(0);
  const y = column(1);
  const z = column(2);
  const dx = norm(x);
  const dy = norm(y);

  const u = scale(x, 1 / dx);
  const v = scale(y, 1 / dy);
  const n = cross(u, v);
  // The slice step's component on the normal: its sign is the handedness (qfac).
  const along = n[0] * z[0] + n[1] * z[1] + n[2] * z[2];
  const qfac = along < 0 ? -1 : 1;
  const w = scale(n, qfac);

  const rotation: Matrix3 = [
    [u[0], v[0], w[0]],
    [u[1], v[1], w[1]],
    [u[2], v[2], w[2]],
  ];
  return {
    quaternion: quaternionOf(rotation),
    qfac,
    pixdimMm: [dx, dy, Math.abs(along)],
    offsetMm: [at(affineRas, 3), at(affineRas, 7), at(affineRas, 11)],
  };
}

/**
 * The unit quaternion (b, c, d, with a ≥ 0) of a proper rotation matrix, taking the square
 * root of the largest of the four diagonal combinations so that no division nears zero.
 */
export function quaternionOf(r: Matrix3): [number, number, number] {
  const [[r11, r12, r13], [r21, r22, r23], [r31, r32, r33]] = r;
  const trace = r11 + r22 + r33;
  let a: number;
  let b: number;
  let c: number;
  let d: number;

  if (trace > -0.5) {
    a = 0.5 * Math.sqrt(1 + trace);
    b = (0.25 * (r32 - r23)) / a;
    c = (0.25 * (r13 - r31)) / a;
    d = (0.25 * (r21 - r12)) / a;
  } else if (r11 >= r22 && r11 >= r33) {
    b = 0.5 * Math.sqrt(1 + r11 - r22 - r33);
    a = (0.25 * (r32 - r23)) / b;
    c = (0.25 * (r12 + r21)) / b;
    d = (0.25 * (r13 + r31)) / b;
  } else if (r22 >= r33) {
    c = 0.5 * Math.sqrt(1 + r22 - r11 - r33);
    a = (0.25 * (r13 - r31)) / c;
    b = (0.25 * (r12 + r21)) / c;
    d = (0.25 * (r23 + r32)) / c;
  } else {
    d = 0.5 * Math.sqrt(1 + r33 - r11 - r22);
    a = (0.25 * (r21 - r12)) / d;
    b = (0.25 * (r13 + r31)) / d;
    c = (0.25 * (r23 + r32)) / d;
  }

  // q and −q are the same rotation; NIfTI stores the one with a ≥ 0.
  return a < 0 ? [-b, -c, -d] : [b, c, d];
}

/** The rotation matrix of a NIfTI quaternion (b, c, d), a recovered as √(1 − b² − c² − d²). */
export function rotationOf(quaternion: readonly [number, number, number]): Matrix3 {
  const [b, c, d] = quaternion;
  const a = Math.sqrt(Math.max(0, 1 - (b * b + c * c + d * d)));

  return [
    [a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)],
    [2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)],
    [2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b],
  ];
}

function at(matrix: readonly number[], index: number): number {
  return matrix[index] ?? 0;
}
