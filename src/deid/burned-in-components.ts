/**
 * Connected components (8-connected) with their bounding boxes and areas: the building block of
 * the burned-in text screen. Labelling works on runs (horizontal stretches of set pixels), not
 * pixels: each run is compared with the runs of the row above only, and the statistics are
 * kept per run label and folded into each tree's root at the end. The cost grows with the runs,
 * and a clean CT slice has a few thousand of them among its 262,144 pixels.
 */
import type { ScreenPixels } from './burned-in-pixels.js';

/** One connected component of a mask: its bounding box (inclusive, in pixels) and area. */
export interface Component {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
  readonly area: number;
}

/** Labels the 8-connected components of a mask (non-zero bytes) of `width` × `height` pixels. */
export function labelComponents(mask: Uint8Array, width: number, height: number): Component[] {
  const runs = new RunLabeller(width);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let x = 0;
    // Hand-rolled scan: this visits every pixel of the mask, so no closures and no allocation.
    while (x < width) {
      while (x < width && mask[row + x] === 0) x++;
      if (x === width) break;
      const start = x;
      while (x < width && mask[row + x] !== 0) x++;
      runs.add(y, start, x - 1);
    }
    runs.endRow();
  }
  return runs.components();
}

/** Labels the 8-connected components of the pixels at or above a threshold in HU. */
export function labelAbove(pixels: ScreenPixels, threshold: number): Component[] {
  const { values, offset, columns: width, rows: height } = pixels;
  const runs = new RunLabeller(width);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const end = row + width;
    let i = row;
    // Hand-rolled scan over every pixel of the slice, as in labelComponents.
    while (i < end) {
      while (i < end && (values[i] as number) + offset < threshold) i++;
      if (i === end) break;
      const start = i;
      while (i < end && (values[i] as number) + offset >= threshold) i++;
      runs.add(y, start - row, i - 1 - row);
    }
    runs.endRow();
  }
  return runs.components();
}

/** A horizontal stretch of pixels of one row, inclusive, in pixels. */
export interface Span {
  readonly y: number;
  readonly minX: number;
  readonly maxX: number;
}

/** Labels the 8-connected components of pixels in [low, high] HU within spans sorted by row. */
export function labelBetweenInRows(
  pixels: ScreenPixels,
  low: number,
  high: number,
  spans: readonly Span[],
): Component[] {
  const { values, offset, columns: width } = pixels;
  const runs = new RunLabeller(width);
  let y = spans[0]?.y ?? 0;
  for (const span of spans) {
    // Rows without spans end the runs of the row above, as empty rows of a mask would.
    while (y < span.y) {
      runs.endRow();
      y++;
    }
    const row = y * width;
    const end = row + span.maxX + 1;
    let i = row + span.minX;
    while (i < end) {
      while (i < end && !inRange((values[i] as number) + offset, low, high)) i++;
      if (i === end) break;
      const start = i;
      while (i < end && inRange((values[i] as number) + offset, low, high)) i++;
      runs.add(y, start - row, i - 1 - row);
    }
  }
  return runs.components();
}

function inRange(value: number, low: number, high: number): boolean {
  return value >= low && value <= high;
}

const STATS = 5; // minX, minY, maxX, maxY, area per label
const EMPTY_MIN = 0x7fffffff;

// Union-find over run labels. The runs of the previous and the current row are kept as
// (start, end, label) triples in typed arrays that swap at each row, sorted by start.
class RunLabeller {
  private parent = new Int32Array(1024);
  private stats = new Int32Array(1024 * STATS);
  private size = 1;
  private previous: Int32Array;
  private current: Int32Array;
  private previousCount = 0;
  private currentCount = 0;
  // The first run of the row above that may still touch a run of this row.
  private cursor = 0;

  constructor(width: number) {
    // At most one run per two pixels, three numbers each.
    const most = 3 * (Math.ceil(width / 2) + 1);
    this.previous = new Int32Array(most);
    this.current = new Int32Array(most);
  }

  add(y: number, start: number, end: number): void {
    const label = this.connect(start, end);
    const at = label * STATS;
    const stats = this.stats;
    if (start < (stats[at] as number)) stats[at] = start;
    if (y < (stats[at + 1] as number)) stats[at + 1] = y;
    if (end > (stats[at + 2] as number)) stats[at + 2] = end;
    if (y > (stats[at + 3] as number)) stats[at + 3] = y;
    stats[at + 4] = (stats[at + 4] as number) + end - start + 1;

    const slot = this.currentCount * 3;
    this.current[slot] = start;
    this.current[slot + 1] = end;
    this.current[slot + 2] = label;
    this.currentCount++;
  }

  endRow(): void {
    [this.previous, this.current] = [this.current, this.previous];
    this.previousCount = this.currentCount;
    this.currentCount = 0;
    this.cursor = 0;
  }

  components(): Component[] {
    const stats = this.stats;
    // Members carry larger labels than their root: fold each into its root, then read roots,
    // which come out in raster order of their first pixel.
    for (let label = this.size - 1; label >= 1; label--) {
      const root = this.find(label);
      if (root === label) continue;
      const from = label * STATS;
      const to = root * STATS;
      stats[to] = Math.min(stats[to] as number, stats[from] as number);
      stats[to + 1] = Math.min(stats[to + 1] as number, stats[from + 1] as number);
      stats[to + 2] = Math.max(stats[to + 2] as number, stats[from + 2] as number);
      stats[to + 3] = Math.max(stats[to + 3] as number, stats[from + 3] as number);
      stats[to + 4] = (stats[to + 4] as number) + (stats[from + 4] as number);
    }

    const components: Component[] = [];
    for (let label = 1; label < this.size; label++) {
      if (this.parent[label] !== label) continue;
      const at = label * STATS;
      components.push({
        minX: stats[at] as number,
        minY: stats[at + 1] as number,
        maxX: stats[at + 2] as number,
        maxY: stats[at + 3] as number,
        area: stats[at + 4] as number,
      });
    }
    return components;
  }

  // The label of a new run: that of the first run above it touches (8-connected: one pixel of
  // overlap or diagonal contact), every other touching run above united with it.
  private connect(start: number, end: number): number {
    const previous = this.previous;
    // Runs above that end left of this run's diagonal cannot touch this or any later run.
    while (
      this.cursor < this.previousCount &&
      (previous[this.cursor * 3 + 1] as number) < start - 1
    ) {
      this.cursor++;
    }

    let label = 0;
    for (let k = this.cursor; k < this.previousCount; k++) {
      if ((previous[k * 3] as number) > end + 1) break;
      const above = previous[k * 3 + 2] as number;
      if (label === 0) label = this.find(above);
      else this.union(label, above);
    }
    return label === 0 ? this.add1() : label;
  }

  private add1(): number {
    if (this.size === this.parent.length) this.grow();
    const label = this.size++;
    this.parent[label] = label;
    // The first run counted sets the box; start it empty (min above any max).
    const at = label * STATS;
    this.stats[at] = EMPTY_MIN;
    this.stats[at + 1] = EMPTY_MIN;
    this.stats[at + 2] = -1;
    this.stats[at + 3] = -1;
    this.stats[at + 4] = 0;
    return label;
  }

  private union(a: number, b: number): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA < rootB) this.parent[rootB] = rootA;
    else if (rootB < rootA) this.parent[rootA] = rootB;
  }

  private find(label: number): number {
    const parent = this.parent;
    let root = label;
    while ((parent[root] as number) !== root) root = parent[root] as number;

    // Path compression: point every label on the way straight at the root.
    let node = label;
    while (node !== root) {
      const next = parent[node] as number;
      parent[node] = root;
      node = next;
    }
    return root;
  }

  private grow(): void {
    const parent = new Int32Array(this.parent.length * 2);
    parent.set(this.parent);
    this.parent = parent;
    const stats = new Int32Array(this.stats.length * 2);
    stats.set(this.stats);
    this.stats = stats;
  }
}
