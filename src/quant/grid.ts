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

// A box while it is being found.
type GrowingBox = { -readonly [Key in keyof Box]: Box[Key] };

/**
 * The smallest box holding every non-zero voxel (or, given `label`, every voxel of that value),
 * or undefined when there is none.
 */
export function boundingBox(mask: Uint8Array, grid: Grid, label?: number): Box | undefined {
  const { columns, rows, slices } = grid;
  const box: GrowingBox = { i0: columns, i1: -1, j0: rows, j1: -1, k0: slices, k1: -1 };
  // Rows are tested four bytes at a time first: most rows of a volume hold nothing.
  const words = wordsOf(mask);

  for (let k = 0; k < slices; k++) {
    for (let j = 0; j < rows; j++) {
      const base = (k * rows + j) * columns;
      if (rowIsZero(mask, words, base, columns)) continue;
      if (label === undefined) widenByRow(mask, base, columns, box);
      else if (!labelInRow(mask, base, columns, label, box)) continue;
      box.j0 = Math.min(box.j0, j);
      box.j1 = Math.max(box.j1, j);
      box.k0 = Math.min(box.k0, k);
      box.k1 = Math.max(box.k1, k);
    }
  }
  return box.i1 < 0 ? undefined : box;
}

// A row known to hold a non-zero voxel can only widen the box beyond its current columns, so
// only those parts are scanned.
function widenByRow(mask: Uint8Array, base: number, columns: number, box: GrowingBox): void {
  for (let i = 0; i < Math.min(box.i0, columns); i++) {
    if (mask[base + i] !== 0) {
      box.i0 = i;
      break;
    }
  }
  for (let i = columns - 1; i > box.i1; i--) {
    if (mask[base + i] !== 0) {
      box.i1 = i;
      break;
    }
  }
}

// With a label, the row is scanned from both ends as far as its first and last voxel of it.
function labelInRow(
  mask: Uint8Array,
  base: number,
  columns: number,
  label: number,
  box: GrowingBox,
): boolean {
  let first = 0;
  while (first < columns && mask[base + first] !== label) first++;
  if (first === columns) return false;
  let last = columns - 1;
  while (mask[base + last] !== label) last--;
  box.i0 = Math.min(box.i0, first);
  box.i1 = Math.max(box.i1, last);
  return true;
}

/** A view of the whole buffer under `mask` as 32-bit words, for {@link rowIsZero}. */
export function wordsOf(mask: Uint8Array): Uint32Array {
  return new Uint32Array(mask.buffer, 0, mask.buffer.byteLength >> 2);
}

/**
 * True when the `columns` bytes of `mask` from `base` are all 0: the bytes before the first
 * and after the last whole word one by one, the rest four at a time through `words`.
 */
export function rowIsZero(
  mask: Uint8Array,
  words: Uint32Array,
  base: number,
  columns: number,
): boolean {
  const start = mask.byteOffset + base;
  const end = start + columns;
  const firstWord = Math.min((start + 3) >> 2, end >> 2);
  const lastWord = end >> 2;
  for (let b = start; b < firstWord * 4; b++) if (mask[b - mask.byteOffset] !== 0) return false;
  for (let n = firstWord; n < lastWord; n++) if (words[n] !== 0) return false;
  for (let b = Math.max(lastWord * 4, start); b < end; b++) {
    if (mask[b - mask.byteOffset] !== 0) return false;
  }
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
