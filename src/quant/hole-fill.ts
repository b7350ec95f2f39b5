/**
 * Slice-by-slice hole filling: background pixels that cannot reach the slice border through
 * background (4-connected) become part of the mask, so vessels inside a lung and the lungs
 * inside the body are enclosed. Background is handled as runs along each row, joined by
 * union–find to the overlapping runs of the row above, so a slice costs one scan of its bytes
 * and a few thousand runs, not a flood visiting every pixel.
 */
import type { Grid } from './grid.js';

/** Fills the holes of every slice of `mask` in place, writing `value` into them. */
export function fillHolesPerSlice(mask: Uint8Array, grid: Grid, value = 1): void {
  const { columns, rows } = grid;
  const area = columns * rows;
  // At most one background run per two pixels of a row, plus one per row.
  const runs = new BackgroundRuns(Math.ceil(columns / 2) * rows + rows);

  for (let k = 0; k < grid.slices; k++) {
    fillSliceHoles(mask.subarray(k * area, (k + 1) * area), columns, rows, value, runs);
  }
}

// Runs of one slice's background: linear first and last pixel, union–find parent, and whether
// the run's set reaches the slice border (kept on each set's root).
class BackgroundRuns {
  readonly first: Int32Array;
  readonly last: Int32Array;
  readonly parent: Int32Array;
  readonly border: Uint8Array;

  constructor(capacity: number) {
    this.first = new Int32Array(capacity);
    this.last = new Int32Array(capacity);
    this.parent = new Int32Array(capacity);
    this.border = new Uint8Array(capacity);
  }

  // Path halving keeps trees flat without recursion.
  find(run: number): number {
    let node = run;
    while (this.parent[node] !== node) {
      const grand = this.parent[this.parent[node] ?? node] ?? node;
      this.parent[node] = grand;
      node = grand;
    }
    return node;
  }

  union(a: number, b: number): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA === rootB) return;
    const [root, child] = rootA < rootB ? [rootA, rootB] : [rootB, rootA];
    this.parent[child] = root;
    this.border[root] = (this.border[root] ?? 0) | (this.border[child] ?? 0);
  }
}

function fillSliceHoles(
  slice: Uint8Array,
  columns: number,
  rows: number,
  value: number,
  runs: BackgroundRuns,
): void {
  let count = 0;
  let previousFirst = 0;

  for (let j = 0; j < rows; j++) {
    const base = j * columns;
    const rowFirst = count;
    let i = 0;
    while (i < columns) {
      if (slice[base + i] !== 0) {
        i++;
        continue;
      }
      const start = i;
      while (i < columns && slice[base + i] === 0) i++;
      runs.first[count] = base + start;
      runs.last[count] = base + i - 1;
      runs.parent[count] = count;
      runs.border[count] = j === 0 || j === rows - 1 || start === 0 || i === columns ? 1 : 0;
      count++;
    }

    joinRowAbove(runs, previousFirst, rowFirst, count, columns);
    previousFirst = rowFirst;
  }

  for (let run = 0; run < count; run++) {
    if (runs.border[runs.find(run)] !== 0) continue;
    slice.fill(value, runs.first[run] ?? 0, (runs.last[run] ?? -1) + 1);
  }
}

// Both rows' runs are sorted and disjoint, so one pointer into the row above moves forward
// only: a run of it that ends before the current run starts overlaps no later one either.
function joinRowAbove(
  runs: BackgroundRuns,
  aboveFirst: number,
  rowFirst: number,
  rowEnd: number,
  columns: number,
): void {
  let above = aboveFirst;
  for (let run = rowFirst; run < rowEnd; run++) {
    const first = runs.first[run] ?? 0;
    const last = runs.last[run] ?? 0;
    while (above < rowFirst && (runs.last[above] ?? 0) + columns < first) above++;
    for (let other = above; other < rowFirst; other++) {
      if ((runs.first[other] ?? 0) + columns > last) break;
      runs.union(run, other);
    }
  }
}
