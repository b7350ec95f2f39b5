/**
 * Two-dimensional masks for the quality checks: one byte per pixel (1 inside, 0 outside), row
 * major, with the few operations the checks need — connected components, hole filling and a
 * square dilation — each a single pass or a flood fill, so a slice costs a few milliseconds.
 */

/** A binary image: `data[row × width + column]` is 1 inside, 0 outside. */
export interface Mask {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** One connected component: its pixel indices and bounding box (columns and rows, inclusive). */
export interface Component {
  readonly pixels: Int32Array;
  readonly minColumn: number;
  readonly maxColumn: number;
  readonly minRow: number;
  readonly maxRow: number;
}

/** An empty mask of the given size. */
export function emptyMask(width: number, height: number): Mask {
  return { width, height, data: new Uint8Array(width * height) };
}

/** The number of pixels inside. */
export function maskArea(mask: Mask): number {
  let area = 0;
  for (const value of mask.data) area += value;
  return area;
}

/**
 * The connected components of a mask, largest first. Four-connected unless `eightConnected`:
 * four keeps structures that touch only at a corner apart (a table shell and the skin).
 */
export function components(mask: Mask, eightConnected = false): Component[] {
  const { width, height, data } = mask;
  const seen = new Uint8Array(data.length);
  const queue = new Int32Array(data.length);
  const found: Component[] = [];

  for (let start = 0; start < data.length; start++) {
    if (data[start] !== 1 || seen[start] === 1) continue;
    seen[start] = 1;
    queue[0] = start;
    let head = 0;
    let tail = 1;
    let [minColumn, maxColumn, minRow, maxRow] = [width, -1, height, -1];

    while (head < tail) {
      const index = queue[head++] ?? 0;
      const row = Math.floor(index / width);
      const column = index - row * width;
      minColumn = Math.min(minColumn, column);
      maxColumn = Math.max(maxColumn, column);
      minRow = Math.min(minRow, row);
      maxRow = Math.max(maxRow, row);
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          if ((dx === 0 && dy === 0) || (!eightConnected && dx !== 0 && dy !== 0)) continue;
          const r = row + dy;
          const c = column + dx;
          if (r < 0 || r >= height || c < 0 || c >= width) continue;
          const next = r * width + c;
          if (data[next] !== 1 || seen[next] === 1) continue;
          seen[next] = 1;
          queue[tail++] = next;
        }
      }
    }
    found.push({ pixels: queue.slice(0, tail), minColumn, maxColumn, minRow, maxRow });
  }
  return found.sort((a, b) => b.pixels.length - a.pixels.length);
}

/** A mask holding only the given pixels. */
export function maskOf(width: number, height: number, pixels: Int32Array): Mask {
  const mask = emptyMask(width, height);
  for (const index of pixels) mask.data[index] = 1;
  return mask;
}

/** The mask with every hole filled: outside pixels not reachable from the border join it. */
export function fillHoles(mask: Mask): Mask {
  const { width, height, data } = mask;
  const outside = new Uint8Array(data.length);
  const queue = new Int32Array(data.length);
  let tail = 0;
  const seed = (index: number): void => {
    if (data[index] === 1 || outside[index] === 1) return;
    outside[index] = 1;
    queue[tail++] = index;
  };
  for (let column = 0; column < width; column++) {
    seed(column);
    seed((height - 1) * width + column);
  }
  for (let row = 0; row < height; row++) {
    seed(row * width);
    seed(row * width + width - 1);
  }

  for (let head = 0; head < tail; head++) {
    const index = queue[head] ?? 0;
    const column = index % width;
    if (column > 0) seed(index - 1);
    if (column < width - 1) seed(index + 1);
    if (index >= width) seed(index - width);
    if (index < data.length - width) seed(index + width);
  }

  const filled = emptyMask(width, height);
  for (let i = 0; i < data.length; i++) filled.data[i] = outside[i] === 1 ? 0 : 1;
  return filled;
}

/** The mask grown by a square of (2 × radius + 1) pixels, in two separable passes. */
export function dilate(mask: Mask, radius: number): Mask {
  const { width, height, data } = mask;
  const across = new Uint8Array(data.length);
  const grown = emptyMask(width, height);

  for (let row = 0; row < height; row++) {
    const base = row * width;
    let last = -Infinity; // the last inside column seen, for a running window
    for (let column = 0; column < width + radius; column++) {
      if (column < width && data[base + column] === 1) last = column;
      const target = column - radius;
      if (target >= 0 && target < width && column - last <= 2 * radius) across[base + target] = 1;
    }
  }
  for (let column = 0; column < width; column++) {
    let last = -Infinity;
    for (let row = 0; row < height + radius; row++) {
      if (row < height && across[row * width + column] === 1) last = row;
      const target = row - radius;
      if (target >= 0 && target < height && row - last <= 2 * radius) {
        grown.data[target * width + column] = 1;
      }
    }
  }
  return grown;
}

/** The number of inside pixels with an outside four-neighbour (or on the image border). */
export function boundaryLength(mask: Mask): number {
  const { width, height, data } = mask;
  let length = 0;

  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++) {
      const i = row * width + column;
      if (data[i] !== 1) continue;
      const edge =
        column === 0 ||
        row === 0 ||
        column === width - 1 ||
        row === height - 1 ||
        data[i - 1] === 0 ||
        data[i + 1] === 0 ||
        data[i - width] === 0 ||
        data[i + width] === 0;
      if (edge) length += 1;
    }
  }
  return length;
}

/** The Dice overlap of two masks of one size (1 when both are empty). */
export function dice(a: Mask, b: Mask): number {
  let both = 0;
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) {
    const x = a.data[i] ?? 0;
    const y = b.data[i] ?? 0;
    both += x & y;
    sum += x + y;
  }
  return sum === 0 ? 1 : (2 * both) / sum;
}
