/**
 * Exact squared Euclidean distance transform on an anisotropic grid, one axis at a time: along
 * the rows by two scans (the input is binary), between rows and between slices by lower
 * envelopes of parabolas (Felzenszwalb and Huttenlocher, "Distance Transforms of Sampled
 * Functions", 2012). With a distance limit of a few slices, the pass between slices is a
 * running minimum over the neighbouring slices instead, which reads memory in order.
 */
import type { Grid } from './grid.js';

// The windowed minimum reads 2 × window values per voxel in order, the envelope a few values a
// slice apart (a cache miss each); up to about 8 slices on each side the first is the cheaper.
const MAX_WINDOW_SLICES = 8;

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
  const limit = limitMm * limitMm;
  const distance = alongRows(mask, grid, featureWhen === 'nonzero', limit);

  const longest = Math.max(grid.columns, grid.rows, grid.slices);
  // A sample beyond the limit can never bring another within it, so it is dropped (∞) after
  // every pass: lines far from any feature are then skipped whole, which is most of them.
  const envelope = new Envelope(longest, limit);
  alongColumns(distance, grid, envelope);

  if (grid.slices === 1) return distance;
  const window = Math.floor(limitMm / grid.spacingMm[2]);
  if (window <= MAX_WINDOW_SLICES) minimumOverSlices(distance, grid, window, limit);
  else alongSlices(distance, grid, envelope);
  return distance;
}

// Along i the nearest feature of a binary line is the nearer of the last one before and the
// first one after: a forward scan stores the steps back, a backward scan takes the minimum.
function alongRows(mask: Uint8Array, grid: Grid, wanted: boolean, limit: number): Float32Array {
  const { columns, rows, slices } = grid;
  const spacing = grid.spacingMm[0];
  const distance = new Float32Array(columns * rows * slices);

  for (let base = 0; base < distance.length; base += columns) {
    let last = -Infinity;
    for (let q = 0; q < columns; q++) {
      if ((mask[base + q] !== 0) === wanted) last = q;
      distance[base + q] = q - last;
    }

    let next = Infinity;
    for (let q = columns - 1; q >= 0; q--) {
      if ((mask[base + q] !== 0) === wanted) next = q;
      const steps = Math.min(distance[base + q] ?? Infinity, next - q);
      const squared = steps * spacing * (steps * spacing);
      distance[base + q] = squared > limit ? Infinity : squared;
    }
  }
  return distance;
}

// Lines along j, one per column of each slice; a slice is small enough to stay in cache.
function alongColumns(distance: Float32Array, grid: Grid, envelope: Envelope): void {
  const { columns, rows, slices } = grid;
  for (let k = 0; k < slices; k++) {
    envelopeAlongColumns(distance, k * rows * columns, columns, rows, grid.spacingMm[1], envelope);
  }
}

/**
 * The pass along j of one slice (rows × columns values from `offset`, in place): each value
 * becomes the minimum over its column of value + (row distance in mm)², ∞ beyond the limit.
 */
export function envelopeAlongColumns(
  distance: Float32Array,
  offset: number,
  columns: number,
  rows: number,
  spacingMm: number,
  envelope: Envelope,
): void {
  for (let i = 0; i < columns; i++) {
    transformLine(distance, offset + i, columns, rows, spacingMm, envelope);
  }
}

// Lines along k, for limits reaching farther than the windowed minimum pays for.
function alongSlices(distance: Float32Array, grid: Grid, envelope: Envelope): void {
  const area = grid.rows * grid.columns;
  for (let p = 0; p < area; p++) {
    transformLine(distance, p, area, grid.slices, grid.spacingMm[2], envelope);
  }
}

/**
 * Along k within a limit of `window` slices: each slice takes the minimum of its neighbours'
 * values plus (steps × spacing)², whole slices at a time so that every read is sequential.
 * The originals of the slices already overwritten are kept in a ring of window + 1 slices.
 */
function minimumOverSlices(
  distance: Float32Array,
  grid: Grid,
  window: number,
  limit: number,
): void {
  const area = grid.rows * grid.columns;
  const { slices } = grid;
  const ring = new Float32Array((window + 1) * area);
  const added = Array.from({ length: window + 1 }, (_, d) => (d * grid.spacingMm[2]) ** 2);

  for (let k = 0; k < slices; k++) {
    const at = k * area;
    const current = distance.subarray(at, at + area);
    ring.set(current, (k % (window + 1)) * area);

    for (let d = 1; d <= window; d++) {
      const step = added[d] ?? Infinity;
      if (k - d >= 0) {
        const below = ring.subarray(((k - d) % (window + 1)) * area);
        takeMinimum(current, below, step, area);
      }
      if (k + d < slices) takeMinimum(current, distance.subarray(at + d * area), step, area);
    }
    for (let p = 0; p < area; p++) if ((current[p] ?? 0) > limit) current[p] = Infinity;
  }
}

// The inner loop of the windowed minimum: one add and one compare per voxel, in order.
function takeMinimum(into: Float32Array, from: Float32Array, step: number, count: number): void {
  for (let p = 0; p < count; p++) {
    const value = (from[p] ?? Infinity) + step;
    if (value < (into[p] ?? Infinity)) into[p] = value;
  }
}

// One line: copy out, lower envelope of the parabolas rooted at finite samples, copy back.
function transformLine(
  distance: Float32Array,
  start: number,
  stride: number,
  length: number,
  spacing: number,
  envelope: Envelope,
): void {
  const { line, roots, bounds } = envelope;
  let finite = 0;
  let zero = 0;
  for (let q = 0; q < length; q++) {
    const value = distance[start + q * stride] ?? Infinity;
    line[q] = value;
    if (value !== Infinity) finite++;
    if (value === 0) zero++;
  }
  // Lines wholly inside the feature (all 0) or without one (all ∞) stay as they are.
  if (finite === 0 || zero === length) return;

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

/**
 * Scratch of the lower envelope for lines up to `length` samples: the line's samples, parabola
 * roots, the left bound of each one's segment, and the squared limit (mm²).
 */
export class Envelope {
  readonly line: Float64Array;
  readonly roots: Int32Array;
  readonly bounds: Float64Array;

  constructor(
    length: number,
    readonly limit: number,
  ) {
    this.line = new Float64Array(length);
    this.roots = new Int32Array(length);
    this.bounds = new Float64Array(length);
  }
}
