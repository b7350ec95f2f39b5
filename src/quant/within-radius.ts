/**
 * Which voxels lie within a radius (mm) of a mask's feature voxels: the answer of a Euclidean
 * distance transform thresholded at the radius, computed slice by slice in cache-sized scratch
 * and then across slices in bytes. Per slice, each voxel gets its in-plane squared distance
 * (rows by two scans; across rows a windowed minimum for balls a few rows wide, else the lower
 * envelope of distance-transform.ts) and from it a byte: how many slices away the ball still
 * reaches. Across slices a voxel is within the radius when a slice d away reaches farther than
 * d. Balls of a few mm on 0.7 mm pixels and 1–5 mm slices span a handful of rows and slices, so
 * this reads far less memory than a float transform of the whole box.
 */
import { Envelope, envelopeAlongColumns, squaredDistanceTo } from './distance-transform.js';
import { rowIsZero, wordsOf, type Grid } from './grid.js';

// Levels are bytes compared four at a time, which needs them ≤ 127: a ball reaching more
// slices than this goes through the full transform.
const MAX_SLICE_REACH = 126;
// Up to this many rows on each side, a windowed minimum between rows costs less than the lower
// envelope (measured on phantom lung boxes, 0.7 mm pixels).
const MAX_WINDOW_ROWS = 2;

/** 1 where a voxel lies within `radiusMm` of a feature voxel (non-zero or zero), else 0. */
export function withinRadius(
  mask: Uint8Array,
  grid: Grid,
  featureWhen: 'nonzero' | 'zero',
  radiusMm: number,
): Uint8Array {
  const ball = new Ball(grid, radiusMm);
  if (ball.sliceReach > MAX_SLICE_REACH)
    return viaDistanceTransform(mask, grid, featureWhen, radiusMm);

  const area = grid.columns * grid.rows;
  // Each slice's levels start on a 4-byte boundary; the padding stays 0 (never reached).
  const stride = Math.ceil(area / 4) * 4;
  const levels = new Uint8Array(stride * grid.slices);
  const highest = new Uint8Array(grid.slices);
  const rowsPassed = new Float32Array(area);
  const inPlane = new Float32Array(area);
  const steps = new Int32Array(grid.columns);
  const envelope = new Envelope(grid.rows, ball.radiusSquared);
  const wanted = featureWhen === 'nonzero';

  for (let k = 0; k < grid.slices; k++) {
    const offset = k * area;
    alongRows(mask, offset, grid, wanted, ball, rowsPassed, steps);
    if (ball.rowReach <= MAX_WINDOW_ROWS) acrossRows(rowsPassed, grid, ball, inPlane);
    else {
      inPlane.set(rowsPassed);
      envelopeAlongColumns(inPlane, 0, grid.columns, grid.rows, grid.spacingMm[1], envelope);
    }
    highest[k] = toLevels(inPlane, ball, levels.subarray(k * stride, k * stride + area));
  }
  return acrossSlices(levels, highest, grid, ball.sliceReach, stride);
}

// The reach of the ball along each axis in voxels, and the squared distances it is built from.
class Ball {
  readonly radiusSquared: number;
  /** (steps × column spacing)² for 0 … columnReach steps, then ∞. */
  readonly alongRow: Float64Array;
  /** (steps × row spacing)² for 0 … rowReach steps. */
  readonly betweenRows: Float64Array;
  /** radius² − (d × slice spacing)² for d = 0 … sliceReach: the in-plane room left d away. */
  readonly roomAt: Float64Array;
  readonly columnReach: number;
  readonly rowReach: number;
  readonly sliceReach: number;

  constructor(grid: Grid, radiusMm: number) {
    const [columnMm, rowMm, sliceMm] = grid.spacingMm;
    this.radiusSquared = radiusMm * radiusMm;
    this.columnReach = Math.min(grid.columns, Math.floor(radiusMm / columnMm));
    this.rowReach = Math.min(grid.rows, Math.floor(radiusMm / rowMm));
    this.sliceReach = grid.slices === 1 ? 0 : Math.floor(radiusMm / sliceMm);

    this.alongRow = new Float64Array(this.columnReach + 2).fill(Infinity);
    for (let s = 0; s <= this.columnReach; s++) this.alongRow[s] = (s * columnMm) ** 2;
    this.betweenRows = Float64Array.from({ length: this.rowReach + 1 }, (_, d) => (d * rowMm) ** 2);
    this.roomAt = Float64Array.from(
      { length: this.sliceReach + 1 },
      (_, d) => this.radiusSquared - (d * sliceMm) ** 2,
    );
  }
}

// Along i the nearest feature of a binary row is the nearer of the last one before and the
// first one after: a forward scan stores the steps back, a backward scan takes the minimum,
// capped one past the ball's reach (which reads as ∞).
function alongRows(
  mask: Uint8Array,
  offset: number,
  grid: Grid,
  wanted: boolean,
  ball: Ball,
  out: Float32Array,
  steps: Int32Array,
): void {
  const { columns, rows } = grid;
  const cap = ball.columnReach + 1;
  const words = wordsOf(mask);

  for (let j = 0; j < rows; j++) {
    const base = offset + j * columns;
    // An empty row, found four bytes at a time, is all feature or has none.
    if (rowIsZero(mask, words, base, columns)) {
      out.fill(wanted ? Infinity : 0, j * columns, (j + 1) * columns);
      continue;
    }
    let last = -cap;
    let features = 0;
    for (let q = 0; q < columns; q++) {
      if ((mask[base + q] !== 0) === wanted) {
        last = q;
        features++;
      }
      steps[q] = q - last;
    }

    // Rows with no feature voxel (most of them, far from a sparse mask) or only feature voxels
    // are filled natively.
    const row = j * columns;
    if (features === 0 || features === columns) {
      out.fill(features === 0 ? Infinity : 0, row, row + columns);
      continue;
    }
    let next = columns + cap;
    for (let q = columns - 1; q >= 0; q--) {
      if ((mask[base + q] !== 0) === wanted) next = q;
      const nearest = Math.min(steps[q] ?? cap, next - q, cap);
      out[row + q] = ball.alongRow[nearest] ?? Infinity;
    }
  }
}

// Along j within the ball's reach: each row takes the minimum of the rows d away plus
// (d × row spacing)², a row at a time so that reads stay sequential in the slice.
function acrossRows(rowsPassed: Float32Array, grid: Grid, ball: Ball, out: Float32Array): void {
  const { columns, rows } = grid;
  out.set(rowsPassed);

  for (let d = 1; d <= ball.rowReach; d++) {
    const added = ball.betweenRows[d] ?? Infinity;
    for (let j = 0; j < rows; j++) {
      const row = j * columns;
      if (j - d >= 0) takeMinimum(out, row, rowsPassed, row - d * columns, added, columns);
      if (j + d < rows) takeMinimum(out, row, rowsPassed, row + d * columns, added, columns);
    }
  }
}

// The inner loop of the windowed minimum: one add and one compare per voxel, in order.
function takeMinimum(
  into: Float32Array,
  at: number,
  from: Float32Array,
  fromAt: number,
  added: number,
  count: number,
): void {
  for (let q = 0; q < count; q++) {
    const value = (from[fromAt + q] ?? Infinity) + added;
    if (value < (into[at + q] ?? Infinity)) into[at + q] = value;
  }
}

// A voxel's level: 1 + the farthest slice distance d at which its in-plane distance still fits
// the ball (in-plane² ≤ radius² − (d × slice spacing)², 0 when it is outside even in-plane.
// Returns the slice's highest level.
function toLevels(inPlane: Float32Array, ball: Ball, levels: Uint8Array): number {
  const { roomAt, sliceReach } = ball;
  let highest = 0;
  for (let p = 0; p < inPlane.length; p++) {
    const squared = inPlane[p] ?? Infinity;
    // A feature voxel (0) reaches every slice the ball does.
    let level = squared === 0 ? sliceReach + 1 : 0;
    while (level <= sliceReach && squared <= (roomAt[level] ?? -Infinity)) level++;
    levels[p] = level;
    if (level > highest) highest = level;
  }
  return highest;
}

// Within the radius when some slice d away (d = 0 included) has a level above d. Four levels
// are compared at a time in one 32-bit word: with levels ≤ 127, adding 127 − d to each byte
// sets its top bit exactly when the level exceeds d, and no byte carries into the next.
// Slices whose highest level cannot reach d are skipped, so sparse masks cost little.
function acrossSlices(
  levels: Uint8Array,
  highest: Uint8Array,
  grid: Grid,
  sliceReach: number,
  stride: number,
): Uint8Array {
  const area = grid.columns * grid.rows;
  const words = new Uint32Array(levels.buffer, levels.byteOffset, levels.length / 4);
  const wordsPerSlice = stride / 4;
  const reached = new Uint32Array(wordsPerSlice);
  const reachedBytes = new Uint8Array(reached.buffer);
  const out = new Uint8Array(area * grid.slices);

  for (let k = 0; k < grid.slices; k++) {
    reached.fill(0);
    for (let d = 0; d <= sliceReach; d++) {
      const bias = (127 - d) * 0x01010101;
      for (const from of d === 0 ? [k] : [k - d, k + d]) {
        if (from < 0 || from >= grid.slices || (highest[from] ?? 0) <= d) continue;
        markReached(words, from * wordsPerSlice, bias, reached);
      }
    }
    for (let q = 0; q < wordsPerSlice; q++) reached[q] = ((reached[q] ?? 0) >>> 7) & 0x01010101;
    out.set(reachedBytes.subarray(0, area), k * area);
  }
  return out;
}

// The inner loop across slices: one add and one mask per four voxels, in order.
function markReached(words: Uint32Array, from: number, bias: number, reached: Uint32Array): void {
  for (let q = 0; q < reached.length; q++) {
    reached[q] = (reached[q] ?? 0) | (((words[from + q] ?? 0) + bias) & 0x80808080);
  }
}

function viaDistanceTransform(
  mask: Uint8Array,
  grid: Grid,
  featureWhen: 'nonzero' | 'zero',
  radiusMm: number,
): Uint8Array {
  const squared = squaredDistanceTo(mask, grid, featureWhen, radiusMm);
  const limit = radiusMm * radiusMm;
  const out = new Uint8Array(mask.length);
  for (let p = 0; p < out.length; p++) if ((squared[p] ?? Infinity) <= limit) out[p] = 1;
  return out;
}
