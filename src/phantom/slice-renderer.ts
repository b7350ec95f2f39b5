/**
 * Paints a planned slice into a Hounsfield-unit image and a label map (typed arrays, row-major
 * 512 × 512), then adds motion ghosting, noise and the scanner's stored-value encoding.
 * Labels: 0 outside the lungs; 1 right lung, 2 left lung; plus 4 (ground glass) or
 * 8 (consolidation) for lesion voxels, which are always inside a lung.
 */
import { CONSOLIDATION_BIT, GGO_BIT, type Paint } from './anatomy-types.js';
import { forEachSpan, GRID_SIZE, pixelCentreMm } from './ellipse-spans.js';
import type { SeededRandom } from './seeded-random.js';
import type { SlicePlan, TablePlan } from './slice-plan.js';

const AIR_HU = -1000;
const VESSEL_HU = 40;
const LUNG_MASK = 3;
// Dependent lung is denser: -870 HU at the front, -810 HU at the back (supine, before noise).
const LUNG_ANTERIOR_HU = -870;
const LUNG_GRADIENT_HU = 60;

/** One slice being rendered: attenuation in HU and the label of every pixel. */
export interface SliceImage {
  readonly hu: Int16Array;
  readonly labels: Uint8Array;
}

/** Allocates the buffers of one slice, reused from slice to slice. */
export function createSliceImage(): SliceImage {
  return {
    hu: new Int16Array(GRID_SIZE * GRID_SIZE),
    labels: new Uint8Array(GRID_SIZE * GRID_SIZE),
  };
}

/** Paints every shape of the plan, noise-free, into `image`. */
export function renderSlice(plan: SlicePlan, pixelMm: number, image: SliceImage): void {
  const { hu, labels } = image;
  hu.fill(AIR_HU);
  labels.fill(0);

  if (plan.table !== undefined) paintTable(plan.table, pixelMm, hu);
  for (const paint of plan.body) fillSpans(paint, pixelMm, hu);
  for (const lung of plan.lungs) {
    const top = lung.ellipse.cy - lung.ellipse.b;
    forEachSpan(lung.ellipse, pixelMm, (row, first, last) => {
      const depth = (pixelCentreMm(row, pixelMm) - top) / (2 * lung.ellipse.b);
      const value = Math.round(LUNG_ANTERIOR_HU + LUNG_GRADIENT_HU * depth);
      hu.fill(value, row * GRID_SIZE + first, row * GRID_SIZE + last + 1);
      labels.fill(lung.label, row * GRID_SIZE + first, row * GRID_SIZE + last + 1);
    });
  }
  for (const paint of plan.solids) {
    fillSpans(paint, pixelMm, hu);
    forEachSpan(paint.ellipse, pixelMm, (row, first, last) => {
      labels.fill(0, row * GRID_SIZE + first, row * GRID_SIZE + last + 1);
    });
  }

  // Ground glass first, so vessels stay visible through it; consolidation labels now, its
  // attenuation last, so it hides vessels and bronchial walls but keeps air bronchograms.
  for (const paint of plan.ggo) markLesion(paint, pixelMm, image, GGO_BIT, true);
  for (const paint of plan.consolidation) markLesion(paint, pixelMm, image, CONSOLIDATION_BIT);
  for (const disc of plan.vessels) paintInLung({ ellipse: disc, hu: VESSEL_HU }, pixelMm, image);
  for (const airway of plan.airways) {
    if (airway.lungOnly) paintInLung(airway, pixelMm, image);
    else fillSpans(airway, pixelMm, hu);
  }
  for (const paint of plan.consolidation) paintConsolidation(paint, pixelMm, image);
}

function fillSpans(paint: Paint, pixelMm: number, hu: Int16Array): void {
  forEachSpan(paint.ellipse, pixelMm, (row, first, last) => {
    hu.fill(paint.hu, row * GRID_SIZE + first, row * GRID_SIZE + last + 1);
  });
}

// The couch is painted first, on air, and clipped to its width.
function paintTable(table: TablePlan, pixelMm: number, hu: Int16Array): void {
  const centre = (GRID_SIZE - 1) / 2;
  for (const layer of table.layers) {
    const minColumn = Math.ceil((layer.ellipse.cx - table.halfWidthMm) / pixelMm + centre);
    const maxColumn = Math.floor((layer.ellipse.cx + table.halfWidthMm) / pixelMm + centre);
    forEachSpan(layer.ellipse, pixelMm, (row, first, last) => {
      const from = Math.max(first, minColumn);
      const to = Math.min(last, maxColumn);
      if (from <= to) hu.fill(layer.hu, row * GRID_SIZE + from, row * GRID_SIZE + to + 1);
    });
  }
}

function markLesion(
  paint: Paint,
  pixelMm: number,
  image: SliceImage,
  bit: number,
  setHu = false,
): void {
  const { hu, labels } = image;
  forEachSpan(paint.ellipse, pixelMm, (row, first, last) => {
    const end = row * GRID_SIZE + last;
    for (let i = row * GRID_SIZE + first; i <= end; i++) {
      const lung = (labels[i] ?? 0) & LUNG_MASK;
      if (lung === 0) continue;
      labels[i] = lung | bit;
      if (setHu) hu[i] = paint.hu;
    }
  });
}

function paintInLung(paint: Paint, pixelMm: number, image: SliceImage): void {
  const { hu, labels } = image;
  forEachSpan(paint.ellipse, pixelMm, (row, first, last) => {
    const end = row * GRID_SIZE + last;
    for (let i = row * GRID_SIZE + first; i <= end; i++) {
      if (((labels[i] ?? 0) & LUNG_MASK) !== 0) hu[i] = paint.hu;
    }
  });
}

function paintConsolidation(paint: Paint, pixelMm: number, image: SliceImage): void {
  const { hu, labels } = image;
  forEachSpan(paint.ellipse, pixelMm, (row, first, last) => {
    const end = row * GRID_SIZE + last;
    for (let i = row * GRID_SIZE + first; i <= end; i++) {
      // Airway lumen (-1000 HU) is left as it is: an air bronchogram.
      if (((labels[i] ?? 0) & CONSOLIDATION_BIT) !== 0 && (hu[i] ?? 0) > -950) hu[i] = paint.hu;
    }
  });
}

/**
 * Breathing during the rotation: blends the slice with a copy shifted by (dx, dy) pixels, so
 * the body outline and the lung edges show a ghost. `weight` is the ghost's share (0–1).
 */
export function addMotionGhost(
  hu: Int16Array,
  scratch: Int16Array,
  dx: number,
  dy: number,
  weight: number,
): void {
  scratch.set(hu);
  for (let row = 0; row < GRID_SIZE; row++) {
    const sourceRow = row - dy;
    for (let column = 0; column < GRID_SIZE; column++) {
      const sourceColumn = column - dx;
      const inside =
        sourceRow >= 0 && sourceRow < GRID_SIZE && sourceColumn >= 0 && sourceColumn < GRID_SIZE;
      const ghost = inside ? (scratch[sourceRow * GRID_SIZE + sourceColumn] ?? 0) : AIR_HU;
      const i = row * GRID_SIZE + column;
      hu[i] = Math.round((1 - weight) * (scratch[i] ?? 0) + weight * ghost);
    }
  }
}

/** Adds noise read from a Gaussian table at a random offset per row (HU). */
export function addNoise(hu: Int16Array, noise: Int16Array, random: SeededRandom): void {
  const lastOffset = noise.length - GRID_SIZE;
  for (let row = 0; row < GRID_SIZE; row++) {
    const offset = random.int(0, lastOffset);
    const base = row * GRID_SIZE;
    for (let column = 0; column < GRID_SIZE; column++) {
      hu[base + column] = (hu[base + column] ?? 0) + (noise[offset + column] ?? 0);
    }
  }
}

/**
 * Converts HU to stored values for RescaleIntercept -1024, slope 1: signed 16-bit values, or
 * unsigned values clipped to 12 bits (0–4095, i.e. -1024 to 3071 HU) as many scanners store.
 */
export function toStoredPixels(hu: Int16Array, stored: Int16Array, signedPixels: boolean): void {
  const low = signedPixels ? -32768 : 0;
  const high = signedPixels ? 32767 : 4095;
  for (let i = 0; i < hu.length; i++) {
    const value = (hu[i] ?? 0) + 1024;
    stored[i] = value < low ? low : value > high ? high : value;
  }
}

/** Adds the voxel count of each label value (0–15) of a slice to `counts`. */
export function countLabels(labels: Uint8Array, counts: Float64Array): void {
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] ?? 0;
    counts[label] = (counts[label] ?? 0) + 1;
  }
}
