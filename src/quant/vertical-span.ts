/**
 * The craniocaudal span of a lung at each in-plane position: its lowest and highest slice
 * there. Filling a notch or a hole is trusted only between them, with lung both above and
 * below, which keeps a diaphragm dome (liver or spleen under the lung, no lung beneath it) and
 * the heart on its diaphragm out of the mask while lesions within the lung go in.
 */
import type { Grid } from './grid.js';

/** Lowest and highest slice index with lung per (i, j); −1 where there is none. */
export interface VerticalSpan {
  readonly lowest: Int32Array;
  readonly highest: Int32Array;
}

/** The span of the non-zero voxels of `mask` at every (i, j). */
export function verticalSpan(mask: Uint8Array, grid: Grid): VerticalSpan {
  const area = grid.columns * grid.rows;
  const lowest = new Int32Array(area).fill(-1);
  const highest = new Int32Array(area).fill(-1);
  for (let k = 0; k < grid.slices; k++) {
    const offset = k * area;
    for (let p = 0; p < area; p++) {
      if (mask[offset + p] === 0) continue;
      if (lowest[p] === -1) lowest[p] = k;
      highest[p] = k;
    }
  }
  return { lowest, highest };
}

/** Clears voxels that `after` added to `before` outside the span (strictly between). */
export function keepWithinSpan(
  before: Uint8Array,
  after: Uint8Array,
  span: VerticalSpan,
  grid: Grid,
): void {
  const area = grid.columns * grid.rows;
  for (let k = 0; k < grid.slices; k++) {
    const offset = k * area;
    for (let p = 0; p < area; p++) {
      if (after[offset + p] === 0 || before[offset + p] !== 0) continue;
      if (k <= (span.lowest[p] ?? -1) || k >= (span.highest[p] ?? -1)) after[offset + p] = 0;
    }
  }
}
