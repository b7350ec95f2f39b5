/**
 * Exact squared Euclidean distance transform on an anisotropic grid, by separable lower
 * envelopes of parabolas (Felzenszwalb and Huttenlocher, "Distance Transforms of Sampled
 * Functions", 2012): one linear pass per axis, so erosion and dilation by a ball of any radius in
 * mm cost the same.
 */
import type { Grid } from './grid.js';

/**
 * Squared distance (mm²) from every voxel to the nearest feature voxel (non-zero or zero);
 * distances beyond `limitMm` come out as ∞.
 */
export function squaredDistanceTo(
  mask: Uint8Array,
  grid: Grid,
  featureWhen: 'nonzero' | 'zero',
  limitMm = Infinity,
): Float32Array {
  const { columns, rows, slices } = grid;
  const distance = new Float32Array(columns * rows * slices);
  const wanted = featureWhen === 'nonzero';
  for (let p = 0; p < distance.length; p++) {
    distance[p] = (mask[p] !== 0) === wanted ? 0 : Infinity;
  }

  const longest = Math.max(columns, rows, slices);
  const line = new Float64Array(longest);
  // A sample beyond the limit can never bring another within it, so it is dropped (∞) after
  // every pass: lines far from any feature are then skipped whole, which is most of them.
  const scratch = new Envelope(longest, limitMm * limitMm);
  for (let n = 0; n < rows * slices; n++) {
    transformLine(distance, n * columns, 1, columns, grid.spacingMm[0], line, scratch);
  }
  for (let k = 0; k < slices; k++) {
    // Lines along j: one per column of each slice.
    for (let i = 0; i < columns; i++) {
      const start = k * rows * columns + i;
      transformLine(distance, start, columns, rows, grid.spacingMm[1], line, scratch);
    }
  }
  if (slices > 1) {
    for (let p = 0; p < rows * columns; p++) {
      transformLine(distance, p, rows * columns, slices, grid.spacingMm[2], line, scratch);
    }
  }
  return distance;
}

// One line: copy out, lower envelope of the parabolas rooted at finite samples, copy back.
function transformLine(
  distance: Float32Array,
  start: number,
  stride: number,
  length: number,
  spacing: number,
  line: Float64Array,
  envelope: Envelope,
): void {
  let finite = 0;
  for (let q = 0; q < length; q++) {
    const value = distance[start + q * stride] ?? Infinity;
    line[q] = value;
    if (value !== Infinity) finite++;
  }
  // Lines wholly inside the feature (all 0) or without one (all ∞) stay as they are.
  if (finite === 0 || (finite === length && allZero(line, length))) return;

  const { roots, bounds } = envelope;
  let top = -1;
  for (let q = 0; q < length; q++) {
    const fq = line[q] ?? Infinity;
    if (fq === Infinity) continue;
    const xq = q * spacing;
    let s = -Infinity;
    while (top >= 0) {
      const p = roots[top] ?? 0;
      const xp = p * spacing;
      s = (fq + xq * xq - ((line[p] ?? 0) + xp * xp)) / (2 * (xq - xp));
      if (s > (bounds[top] ?? -Infinity)) break;
      top--;
    }
    top++;
    roots[top] = q;
    bounds[top] = top === 0 ? -Infinity : s;
  }

  let segment = 0;
  for (let q = 0; q < length; q++) {
    const x = q * spacing;
    while (segment < top && (bounds[segment + 1] ?? Infinity) < x) segment++;
    const p = roots[segment] ?? 0;
    const dx = x - p * spacing;
    const value = dx * dx + (line[p] ?? 0);
    distance[start + q * stride] = value > envelope.limit ? Infinity : value;
  }
}

function allZero(line: Float64Array, length: number): boolean {
  for (let q = 0; q < length; q++) if (line[q] !== 0) return false;
  return true;
}

// Scratch of the lower envelope: parabola roots, the left bound of each one's segment, and the
// squared limit (mm²).
class Envelope {
  readonly roots: Int32Array;
  readonly bounds: Float64Array;

  constructor(
    length: number,
    readonly limit: number,
  ) {
    this.roots = new Int32Array(length);
    this.bounds = new Float64Array(length);
  }
}
