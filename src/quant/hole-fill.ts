/**
 * Slice-by-slice hole filling: background pixels that cannot reach the slice border through
 * background (4-connected) become part of the mask, so vessels inside a lung and the lungs
 * inside the body are enclosed.
 */
import type { Grid } from './grid.js';

/** Fills the holes of every slice of `mask` in place, writing `value` into them. */
export function fillHolesPerSlice(mask: Uint8Array, grid: Grid, value = 1): void {
  const { columns, rows } = grid;
  const area = columns * rows;
  const outside = new Uint8Array(area);
  const queue = new Int32Array(area);

  for (let k = 0; k < grid.slices; k++) {
    const slice = mask.subarray(k * area, (k + 1) * area);
    fillSliceHoles(slice, columns, rows, value, outside, queue);
  }
}

/** Fills the holes of one slice (columns × rows) in place; scratch arrays are slice-sized. */
export function fillSliceHoles(
  slice: Uint8Array,
  columns: number,
  rows: number,
  value: number,
  outside: Uint8Array,
  queue: Int32Array,
): void {
  outside.fill(0);
  let head = 0;
  let tail = 0;
  const seed = (p: number): void => {
    if (slice[p] === 0 && outside[p] === 0) {
      outside[p] = 1;
      queue[tail++] = p;
    }
  };
  for (let i = 0; i < columns; i++) {
    seed(i);
    seed((rows - 1) * columns + i);
  }
  for (let j = 0; j < rows; j++) {
    seed(j * columns);
    seed(j * columns + columns - 1);
  }

  // Breadth-first flood over background from the border; a flat queue, no recursion.
  while (head < tail) {
    const p = queue[head++] ?? 0;
    const i = p % columns;
    if (i > 0) seed(p - 1);
    if (i < columns - 1) seed(p + 1);
    if (p >= columns) seed(p - columns);
    if (p < (rows - 1) * columns) seed(p + columns);
  }

  for (let p = 0; p < slice.length; p++) {
    if (slice[p] === 0 && outside[p] === 0) slice[p] = value;
  }
}
