/**
 * Keeps juxta-pleural lesions inside a lung: in each slice, the lung's convex hull is compared
 * with the lung, and each notch between them (a dense lesion against the chest wall leaves one
 * in the air mask) is filled if it lies on the pleural side. Notches on the medial side are the
 * heart, hilum, aorta and spine and stay out; so do notches holding bone (ribs).
 */
import { findComponents, type Components } from './connected-components.js';
import type { Grid } from './grid.js';
import type { VerticalSpan } from './vertical-span.js';

/** What decides whether a notch is filled. */
export interface PleuralFillOptions {
  /** Patient's lateral direction is towards higher column index i for this lung. */
  readonly lateralIsHighI: boolean;
  /** A notch whose centroid lies more than this share of the lung's width medial is refused. */
  readonly medialShare: number;
  /** A notch lateral of the lung's centre by this share of its width needs no lung below. */
  readonly costalShare: number;
  /** Above this is bone (HU). */
  readonly boneHu: number;
  /** A notch with more than this share of bone voxels is refused. */
  readonly maxBoneShare: number;
}

/** Fills pleural-side notches of `lung` (one lung, 0/1) in place, slice by slice. */
export function fillPleuralNotches(
  lung: Uint8Array,
  other: Uint8Array,
  hu: Int16Array | Float32Array,
  grid: Grid,
  span: VerticalSpan,
  options: PleuralFillOptions,
): void {
  const { columns, rows } = grid;
  const area = columns * rows;
  const sliceGrid: Grid = { columns, rows, slices: 1, spacingMm: grid.spacingMm };
  const notch = new Uint8Array(area);

  for (let k = 0; k < grid.slices; k++) {
    const offset = k * area;
    const outline = sliceOutline(lung, offset, columns, rows);
    if (outline.points.length < 6) continue;
    const hull = convexHull(outline.points);

    notch.fill(0);
    forEachHullRow(hull, columns, (j, first, last) => {
      for (let i = first; i <= last; i++) {
        const p = offset + j * columns + i;
        if (lung[p] === 0 && other[p] === 0) notch[j * columns + i] = 1;
      }
    });

    const notches = findComponents(notch, sliceGrid);
    const tally = tallyNotches(notches, hu, offset, span, k, options.boneHu);
    const lateralSign = options.lateralIsHighI ? 1 : -1;
    for (let run = 0; run < notches.runStart.length; run++) {
      const c = notches.runComponent[run] ?? 0;
      const voxels = notches.voxels[c] ?? 1;
      const lateral = ((notches.centroids[3 * c] ?? 0) - outline.centroidI) * lateralSign;
      if (lateral < -options.medialShare * outline.width) continue;
      if ((tally.bone[c] ?? 0) > options.maxBoneShare * voxels) continue;
      // Lung on both sides along the scan axis, or on one side for a notch well out on the
      // costal side (a lesion at the lateral base or apex): a dome or the heart has lung only
      // above it and lies under the lung's centre or medially.
      const above = (tally.lungAbove[c] ?? 0) >= 0.5 * voxels;
      const below = (tally.lungBelow[c] ?? 0) >= 0.5 * voxels;
      const costal = lateral >= options.costalShare * outline.width;
      if (!(above && below) && !(costal && (above || below))) continue;
      const start = offset + (notches.runStart[run] ?? 0);
      lung.fill(1, start, start + (notches.runLength[run] ?? 0));
    }
  }
}

interface NotchTally {
  readonly bone: Float64Array;
  readonly lungAbove: Float64Array;
  readonly lungBelow: Float64Array;
}

// Per notch: voxels of bone, and voxels with lung at a higher and at a lower slice index.
function tallyNotches(
  notches: Components,
  hu: Int16Array | Float32Array,
  offset: number,
  span: VerticalSpan,
  k: number,
  boneHu: number,
): NotchTally {
  const bone = new Float64Array(notches.count);
  const lungAbove = new Float64Array(notches.count);
  const lungBelow = new Float64Array(notches.count);
  for (let run = 0; run < notches.runStart.length; run++) {
    const c = notches.runComponent[run] ?? 0;
    const start = notches.runStart[run] ?? 0;
    const end = start + (notches.runLength[run] ?? 0);
    for (let p = start; p < end; p++) {
      if ((hu[offset + p] ?? 0) > boneHu) bone[c] = (bone[c] ?? 0) + 1;
      if ((span.highest[p] ?? -1) > k) lungAbove[c] = (lungAbove[c] ?? 0) + 1;
      if ((span.lowest[p] ?? -1) >= 0 && (span.lowest[p] ?? 0) < k) {
        lungBelow[c] = (lungBelow[c] ?? 0) + 1;
      }
    }
  }
  return { bone, lungAbove, lungBelow };
}

interface Outline {
  /** The first and last lung pixel of every row, as (i, j). */
  readonly points: [number, number][];
  readonly centroidI: number;
  /** Columns from the first to the last lung pixel. */
  readonly width: number;
}

function sliceOutline(lung: Uint8Array, offset: number, columns: number, rows: number): Outline {
  const points: [number, number][] = [];
  let sum = 0;
  let count = 0;
  let minI = columns;
  let maxI = -1;
  for (let j = 0; j < rows; j++) {
    const base = offset + j * columns;
    let first = -1;
    let last = -1;
    for (let i = 0; i < columns; i++) {
      if (lung[base + i] === 0) continue;
      if (first < 0) first = i;
      last = i;
      sum += i;
      count++;
    }
    if (first < 0) continue;
    points.push([first, j], [last, j]);
    minI = Math.min(minI, first);
    maxI = Math.max(maxI, last);
  }
  return { points, centroidI: count > 0 ? sum / count : 0, width: maxI - minI + 1 };
}

// Andrew's monotone chain; points come sorted by row, so sort by (i, j) once.
function convexHull(points: [number, number][]): [number, number][] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const cross = (o: [number, number], a: [number, number], b: [number, number]): number =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (list: [number, number][]): [number, number][] => {
    const chain: [number, number][] = [];
    for (const point of list) {
      while (chain.length >= 2 && cross(chain.at(-2)!, chain.at(-1)!, point) <= 0) chain.pop();
      chain.push(point);
    }
    chain.pop();
    return chain;
  };
  return [...half(sorted), ...half([...sorted].reverse())];
}

// Calls back with each row's first and last column inside the hull polygon.
function forEachHullRow(
  hull: readonly [number, number][],
  columns: number,
  visit: (j: number, first: number, last: number) => void,
): void {
  const rowsOf = hull.map((point) => point[1]);
  const top = Math.min(...rowsOf);
  const bottom = Math.max(...rowsOf);
  for (let j = top; j <= bottom; j++) {
    let low = Infinity;
    let high = -Infinity;
    for (let n = 0; n < hull.length; n++) {
      const [x1, y1] = hull[n] ?? [0, 0];
      const [x2, y2] = hull[(n + 1) % hull.length] ?? [0, 0];
      if ((j < y1 && j < y2) || (j > y1 && j > y2)) continue;
      const x = y1 === y2 ? [x1, x2] : [x1 + ((j - y1) * (x2 - x1)) / (y2 - y1)];
      low = Math.min(low, ...x);
      high = Math.max(high, ...x);
    }
    if (low > high) continue;
    visit(j, Math.max(0, Math.ceil(low - 1e-6)), Math.min(columns - 1, Math.floor(high + 1e-6)));
  }
}
