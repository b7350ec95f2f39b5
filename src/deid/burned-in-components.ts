/**
 * Connected components of a binary mask with their bounding boxes and areas: the building block
 * of the burned-in text screen. One raster pass with union-find over 8-connected neighbours,
 * then one pass to gather the statistics; the cost grows with the pixels set in the mask.
 */

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
  // Only the previous row's labels are needed; statistics are kept per provisional label and
  // merged per tree at the end, so the pixels are visited once.
  let previous = new Int32Array(width);
  let current = new Int32Array(width);
  const trees = new Trees();

  for (let y = 0; y < height; y++) {
    const row = y * width;
    current.fill(0);
    for (let x = 0; x < width; x++) {
      if (mask[row + x] === 0) continue;

      // The raster-scan decision tree for 8-connectivity: the pixel above touches both upper
      // diagonals and the left pixel, so when it is set no two trees can meet here.
      const up = previous[x] ?? 0;
      const left = x > 0 ? (current[x - 1] ?? 0) : 0;
      const upLeft = x > 0 ? (previous[x - 1] ?? 0) : 0;
      const upRight = x + 1 < width ? (previous[x + 1] ?? 0) : 0;
      let label: number;
      if (up !== 0) {
        label = up;
      } else if (upRight !== 0) {
        label = upRight;
        if (left !== 0) trees.union(upRight, left);
        else if (upLeft !== 0) trees.union(upRight, upLeft);
      } else if (upLeft !== 0) {
        label = upLeft;
      } else if (left !== 0) {
        label = left;
      } else {
        label = trees.add();
      }
      current[x] = label;
      trees.count(label, x, y);
    }
    [previous, current] = [current, previous];
  }

  return trees.components();
}

const EMPTY_MIN = 0x7fffffff;

// Union-find over provisional labels, each with the bounding box and area of its own pixels.
class Trees {
  private parent = new Int32Array(1024);
  private stats = new Int32Array(1024 * 5);
  private size = 1;

  add(): number {
    if (this.size === this.parent.length) this.grow();
    const label = this.size++;
    this.parent[label] = label;
    // The first pixel counted sets the box; start it empty (min above any max).
    const at = label * 5;
    this.stats[at] = EMPTY_MIN;
    this.stats[at + 1] = EMPTY_MIN;
    this.stats[at + 2] = -1;
    this.stats[at + 3] = -1;
    this.stats[at + 4] = 0;
    return label;
  }

  count(label: number, x: number, y: number): void {
    const at = label * 5;
    const stats = this.stats;
    if (x < (stats[at] ?? 0)) stats[at] = x;
    if (y < (stats[at + 1] ?? 0)) stats[at + 1] = y;
    if (x > (stats[at + 2] ?? 0)) stats[at + 2] = x;
    if (y > (stats[at + 3] ?? 0)) stats[at + 3] = y;
    stats[at + 4] = (stats[at + 4] ?? 0) + 1;
  }

  union(a: number, b: number): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA < rootB) this.parent[rootB] = rootA;
    else if (rootB < rootA) this.parent[rootA] = rootB;
  }

  components(): Component[] {
    const stats = this.stats;
    // Members carry larger labels than their root: fold each into its root, then read roots.
    for (let label = this.size - 1; label >= 1; label--) {
      const root = this.find(label);
      if (root === label) continue;
      const from = label * 5;
      const to = root * 5;
      stats[to] = Math.min(stats[to] ?? 0, stats[from] ?? 0);
      stats[to + 1] = Math.min(stats[to + 1] ?? 0, stats[from + 1] ?? 0);
      stats[to + 2] = Math.max(stats[to + 2] ?? 0, stats[from + 2] ?? 0);
      stats[to + 3] = Math.max(stats[to + 3] ?? 0, stats[from + 3] ?? 0);
      stats[to + 4] = (stats[to + 4] ?? 0) + (stats[from + 4] ?? 0);
    }

    const components: Component[] = [];
    for (let label = 1; label < this.size; label++) {
      if (this.parent[label] !== label) continue;
      const at = label * 5;
      components.push({
        minX: stats[at] ?? 0,
        minY: stats[at + 1] ?? 0,
        maxX: stats[at + 2] ?? 0,
        maxY: stats[at + 3] ?? 0,
        area: stats[at + 4] ?? 0,
      });
    }
    return components;
  }

  private find(label: number): number {
    const parent = this.parent;
    let root = label;
    while ((parent[root] ?? root) !== root) root = parent[root] ?? root;

    // Path compression: point every label on the way straight at the root.
    let node = label;
    while (node !== root) {
      const next = parent[node] ?? root;
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
