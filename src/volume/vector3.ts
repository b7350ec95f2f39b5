/**
 * Three-vectors in patient space (DICOM LPS, mm), PS3.3 C.7.6.2.1.1: the arithmetic slice
 * geometry needs, on plain tuples.
 */

/** A vector or point in patient space. */
export type Vec3 = readonly [number, number, number];

/** a + b. */
export function add(a: Vec3, b: Vec3): Vec3 {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
}

/** a − b. */
export function subtract(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

/** a × s. */
export function scale(a: Vec3, s: number): Vec3 {
  return [a[0] * s, a[1] * s, a[2] * s];
}

/** The dot product. */
export function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/** The cross product a × b. */
export function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

/** The length. */
export function norm(a: Vec3): number {
  return Math.sqrt(dot(a, a));
}

/** The unit vector along a (a itself when it has no length). */
export function normalize(a: Vec3): Vec3 {
  const length = norm(a);
  return length === 0 ? a : scale(a, 1 / length);
}

/** The largest difference between two vectors' components. */
export function maxDifference(a: Vec3, b: Vec3): number {
  return Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2]));
}
