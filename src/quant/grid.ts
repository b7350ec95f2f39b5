/**
 * The voxel grid quantification works on: sizes, spacing in mm, and boxes (sub-grids) so that
 * heavy passes run only over the part of a volume that holds the lungs.
 */

/** A grid of columns × rows × slices voxels, voxel (i, j, k) at (k × rows + j) × columns + i. */
export interface Grid {
  readonly columns: number;
  readonly rows: number;
  readonly slices: number;
  /** Voxel size along i (between columns), j (between rows) and k (between slices), mm. */
  readonly spacingMm: readonly [number, number, number];
}

/** A box of a grid, first and last index included on each axis. */
export interface Box {
  readonly i0: number;
  readonly i1: number;
  readonly j0: number;
  readonly j1: number;
  readonly k0: number;
  readonly k1: number;
}

/** The number of voxels of a grid. */
export function voxelCount(grid: Grid): number {
  return grid.columns * grid.rows * grid.slices;
}

/** The volume of one voxel, mL. */
export function voxelMl(grid: Grid): number {
  return (grid.spacingMm[0] * grid.spacingMm[1] * grid.spacingMm[2]) / 1000;
}

/**
 * The smallest box holding every non-zero voxel (or, given `label`, every voxel of that value),
 * or undefined when there is none.
 */
export function boundingBox(mask: Uint8Array, grid: Grid, label?: number): Box | undefined {
  const { columns, rows, slices } = grid;
  let [i0, j0, k0] = [columns, rows, slices];
  let [i1, j1, k1] = [-1, -1, -1];
  const hit = (value: number | undefined): boolean =>
    label === undefined ? value !== 0 : value === label;

  // Rows of whole 4-byte words are tested a word at a time first: most rows hold nothing.
  const words =
    mask.byteOffset % 4 === 0 && columns % 4 === 0
      ? new Uint32Array(mask.buffer, mask.byteOffset, mask.length / 4)
      : undefined;

  for (let k = 0; k < slices; k++) {
    for (let j = 0; j < rows; j++) {
      const base = (k * rows + j) * columns;
      if (words !== undefined && allZero(words, base / 4, columns / 4)) continue;
      // Each row is scanned from both ends only as far as its first and last voxel.
      let first = -1;
      for (let i = 0; i < columns; i++) {
        if (hit(mask[base + i])) {
          first = i;
          break;
        }
      }
      if (first < 0) continue;
      let last = columns - 1;
      while (!hit(mask[base + last])) last--;
      i0 = Math.min(i0, first);
      i1 = Math.max(i1, last);
      j0 = Math.min(j0, j);
      j1 = Math.max(j1, j);
      k0 = Math.min(k0, k);
      k1 = Math.max(k1, k);
    }
  }
  return i1 < 0 ? undefined : { i0, i1, j0, j1, k0, k1 };
}

function allZero(words: Uint32Array, from: number, count: number): boolean {
  for (let n = from; n < from + count; n++) if (words[n] !== 0) return false;
  return true;
}

/** The box grown by a margin in mm on every side, clipped to the grid. */
export function growBox(box: Box, grid: Grid, marginMm: number): Box {
  const [di, dj, dk] = grid.spacingMm.map((spacing) => Math.ceil(marginMm / spacing) + 1);
  return {
    i0: Math.max(0, box.i0 - (di ?? 1)),
    i1: Math.min(grid.columns - 1, box.i1 + (di ?? 1)),
    j0: Math.max(0, box.j0 - (dj ?? 1)),
    j1: Math.min(grid.rows - 1, box.j1 + (dj ?? 1)),
    k0: Math.max(0, box.k0 - (dk ?? 1)),
    k1: Math.min(grid.slices - 1, box.k1 + (dk ?? 1)),
  };
}

/** The grid of a box, with the same spacing. */
export function boxGrid(box: Box, grid: Grid): Grid {
  return {
    columns: box.i1 - box.i0 + 1,
    rows: box.j1 - box.j0 + 1,
    slices: box.k1 - box.k0 + 1,
    spacingMm: grid.spacingMm,
  };
}

/** Copies the voxels of a box out of a full-grid array into `out` (box-sized, any type). */
export function cropInto<T extends Uint8Array | Int16Array | Float32Array>(
  source: Uint8Array | Int16Array | Float32Array,
  grid: Grid,
  box: Box,
  out: T,
): T {
  const width = box.i1 - box.i0 + 1;
  let target = 0;
  for (let k = box.k0; k <= box.k1; k++) {
    for (let j = box.j0; j <= box.j1; j++) {
      const start = (k * grid.rows + j) * grid.columns + box.i0;
      out.set(source.subarray(start, start + width), target);
      target += width;
    }
  }
  return out;
}

/** Copies a box-sized array back into its place in a full-grid array. */
export function pasteBox(boxed: Uint8Array, grid: Grid, box: Box, target: Uint8Array): void {
  const width = box.i1 - box.i0 + 1;
  let source = 0;
  for (let k = box.k0; k <= box.k1; k++) {
    for (let j = box.j0; j <= box.j1; j++) {
      const start = (k * grid.rows + j) * grid.columns + box.i0;
      target.set(boxed.subarray(source, source + width), start);
      source += width;
    }
  }
}
