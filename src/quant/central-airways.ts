/**
 * The trachea and main bronchi, found where the trachea enters at the top of the scan and
 * tracked down slice by slice: in each slice, the lumen components (air below about −950 HU)
 * that overlap the airway of the slice above. A component much larger than the trachea is lung
 * that the airway has opened into (or low-density lung leaking in), so tracking is cut there.
 */
import { findComponents } from './connected-components.js';
import type { Grid } from './grid.js';

/** Settings of airway tracking. */
export interface AirwayOptions {
  /** Airway lumen is below this (HU); lung parenchyma lies well above it. */
  readonly lumenHu: number;
  /** Trachea cross-section limits for the seed, mm². */
  readonly seedAreaMm2: readonly [number, number];
  /** The seed lies within this distance of the body's midline along the rows, mm. */
  readonly seedMidlineMm: number;
  /** The seed is looked for in this fraction of the slices, from the top. */
  readonly seedSearchFraction: number;
}

/** What tracking found. */
export interface AirwayResult {
  /** Airway voxels, 1 where tracked (full grid). */
  readonly mask: Uint8Array;
  /** The slice (k) the trachea was found in, or undefined. */
  readonly seedSlice: number | undefined;
  readonly voxels: number;
}

/** Tracks the central airways from the top of the scan downwards. */
export function trackCentralAirways(
  hu: Int16Array | Float32Array,
  body: Uint8Array,
  grid: Grid,
  cranialIsHighK: boolean,
  options: AirwayOptions,
): AirwayResult {
  const { columns, rows, slices } = grid;
  const area = columns * rows;
  const pixelMm2 = grid.spacingMm[0] * grid.spacingMm[1];
  const sliceGrid: Grid = { columns, rows, slices: 1, spacingMm: grid.spacingMm };
  const mask = new Uint8Array(hu.length);
  const lumen = new Uint8Array(area);
  const order = Array.from({ length: slices }, (_, n) => (cranialIsHighK ? slices - 1 - n : n));

  const lumenOf = (k: number): void => {
    const offset = k * area;
    for (let p = 0; p < area; p++) {
      lumen[p] = body[offset + p] !== 0 && (hu[offset + p] ?? 0) < options.lumenHu ? 1 : 0;
    }
  };

  const seed = findSeed(order, lumenOf, lumen, body, sliceGrid, pixelMm2, options);
  if (seed === undefined) return { mask, seedSlice: undefined, voxels: 0 };

  // Main bronchi run obliquely and cut long sections (up to several trachea areas); lung that
  // the lumen threshold has opened into is far larger.
  const maxAreaMm2 = Math.max(5 * seed.areaMm2, 1500);
  let voxels = 0;
  let previous = seed.k;
  for (let n = order.indexOf(seed.k); n < order.length; n++) {
    const k = order[n] ?? 0;
    lumenOf(k);
    const components = findComponents(lumen, sliceGrid);
    const keep = new Uint8Array(components.count);
    const offset = k * area;
    const above = (previous - k) * area;

    for (let run = 0; run < components.runStart.length; run++) {
      const component = components.runComponent[run] ?? 0;
      const start = components.runStart[run] ?? 0;
      const end = start + (components.runLength[run] ?? 0);
      if ((components.voxels[component] ?? 0) * pixelMm2 > maxAreaMm2) continue;
      if (
        k === seed.k ? component === seed.component : overlaps(mask, offset + above, start, end)
      ) {
        keep[component] = 1;
      }
    }
    let kept = 0;
    for (let run = 0; run < components.runStart.length; run++) {
      if (keep[components.runComponent[run] ?? 0] === 0) continue;
      const start = offset + (components.runStart[run] ?? 0);
      const length = components.runLength[run] ?? 0;
      mask.fill(1, start, start + length);
      kept += length;
    }
    if (kept === 0) break;
    voxels += kept;
    previous = k;
  }
  return { mask, seedSlice: seed.k, voxels };
}

function overlaps(mask: Uint8Array, offset: number, start: number, end: number): boolean {
  for (let p = start; p < end; p++) if (mask[offset + p] !== 0) return true;
  return false;
}

interface Seed {
  readonly k: number;
  readonly component: number;
  readonly areaMm2: number;
}

// The most cranial slice with a round-enough air component of trachea size near the midline;
// lung apices in the same slices lie far lateral of it.
function findSeed(
  order: readonly number[],
  lumenOf: (k: number) => void,
  lumen: Uint8Array,
  body: Uint8Array,
  sliceGrid: Grid,
  pixelMm2: number,
  options: AirwayOptions,
): Seed | undefined {
  const searched = Math.max(1, Math.round(order.length * options.seedSearchFraction));
  const [minArea, maxArea] = options.seedAreaMm2;
  const area = sliceGrid.columns * sliceGrid.rows;

  for (const k of order.slice(0, searched)) {
    const midline = bodyMidlineColumn(body, k * area, sliceGrid);
    if (midline === undefined) continue;
    lumenOf(k);
    const components = findComponents(lumen, sliceGrid);
    let best: Seed | undefined;
    let bestDistance = options.seedMidlineMm;
    for (let component = 0; component < components.count; component++) {
      const areaMm2 = (components.voxels[component] ?? 0) * pixelMm2;
      if (areaMm2 < minArea || areaMm2 > maxArea) continue;
      const column = components.centroids[3 * component] ?? 0;
      const distance = Math.abs(column - midline) * sliceGrid.spacingMm[0];
      if (distance <= bestDistance) {
        best = { k, component, areaMm2 };
        bestDistance = distance;
      }
    }
    if (best !== undefined) return best;
  }
  return undefined;
}

function bodyMidlineColumn(body: Uint8Array, offset: number, grid: Grid): number | undefined {
  let sum = 0;
  let count = 0;
  for (let p = 0; p < grid.columns * grid.rows; p++) {
    if (body[offset + p] === 0) continue;
    sum += p % grid.columns;
    count++;
  }
  return count > 0 ? sum / count : undefined;
}
