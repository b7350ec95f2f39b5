/**
 * Classical 3D lung segmentation: body, air inside it, central airways cut away, right and
 * left lung told apart, then each lung closed, its holes filled and its pleural notches filled
 * so that vessels, dense consolidation and juxta-pleural lesions stay inside the mask.
 */
import { trackCentralAirways, type AirwayOptions } from './central-airways.js';
import { segmentBody } from './body-mask.js';
import { boundingBox, boxGrid, cropInto, growBox, type Grid } from './grid.js';
import { fillHolesPerSlice } from './hole-fill.js';
import { LUNG_LABEL } from './labels.js';
import { separateLungs, type Separation } from './lung-separation.js';
import { close } from './morphology.js';
import { keepWithinSpan, verticalSpan, type VerticalSpan } from './vertical-span.js';
import { patientAxes, patientX, type PatientAxes } from './patient-axes.js';
import { fillPleuralNotches, type PleuralFillOptions } from './pleural-fill.js';

/** Thresholds and sizes of lung segmentation. */
export interface LungOptions {
  /** The body is denser than this (HU). */
  readonly bodyHu: number;
  /** Lung air is below this (HU); ground glass (about −550 HU) stays in, consolidation not. */
  readonly airHu: number;
  readonly airway: AirwayOptions;
  /** Ball radius of each lung's 3D closing, mm. */
  readonly closingRadiusMm: number;
  readonly pleural: Omit<PleuralFillOptions, 'lateralIsHighI'>;
}

/** Defaults for adult chest CT. */
export const DEFAULT_LUNG_OPTIONS: LungOptions = {
  bodyHu: -500,
  airHu: -400,
  airway: {
    lumenHu: -950,
    seedAreaMm2: [30, 800],
    seedMidlineMm: 35,
    seedSearchFraction: 0.3,
  },
  closingRadiusMm: 4,
  pleural: { medialShare: 0.1, costalShare: 0.25, boneHu: 300, maxBoneShare: 0.05 },
};

/** A lung mask and how it was reached. */
export interface LungSegmentation {
  /** 0 outside, 1 right lung, 2 left lung, on the volume's grid. */
  readonly lungMask: Uint8Array;
  readonly separation: Separation;
  /** The slice the trachea was found in, or undefined when no trachea was found. */
  readonly tracheaSlice: number | undefined;
  readonly airwayVoxels: number;
}

/** Segments the lungs of a volume in HU on `grid` with its voxel-to-LPS `affine`. */
export function segmentLungs(
  hu: Int16Array | Float32Array,
  grid: Grid,
  affine: readonly number[],
  options: LungOptions = DEFAULT_LUNG_OPTIONS,
): LungSegmentation {
  const axes = patientAxes(affine);
  const air = segmentBody(hu, grid, options.bodyHu);
  const midlineX = bodyMidlineX(air, grid, affine);
  const airways = trackCentralAirways(hu, air, grid, axes.cranialIsHighK, options.airway);

  for (let p = 0; p < air.length; p++) {
    if (air[p] !== 0 && (hu[p] ?? 0) >= options.airHu) air[p] = 0;
  }
  clearAroundAirways(air, airways.mask, grid);

  const separated = separateLungs(air, grid, affine, midlineX);
  const lungMask = new Uint8Array(air.length);
  for (const label of [LUNG_LABEL.right, LUNG_LABEL.left]) {
    refineLung(separated.lungMask, label, hu, grid, axes, options, lungMask);
  }
  return {
    lungMask,
    separation: separated.separation,
    tracheaSlice: airways.seedSlice,
    airwayVoxels: airways.voxels,
  };
}

// The body's centroid in patient x (mm); rows are summed whole so the loop over its 10⁸ voxels
// does no division.
function bodyMidlineX(body: Uint8Array, grid: Grid, affine: readonly number[]): number {
  let [si, sj, sk, count] = [0, 0, 0, 0];
  for (let k = 0; k < grid.slices; k++) {
    for (let j = 0; j < grid.rows; j++) {
      const base = (k * grid.rows + j) * grid.columns;
      let [rowSum, rowCount] = [0, 0];
      for (let i = 0; i < grid.columns; i++) {
        if (body[base + i] === 0) continue;
        rowSum += i;
        rowCount++;
      }
      si += rowSum;
      sj += rowCount * j;
      sk += rowCount * k;
      count += rowCount;
    }
  }
  return count > 0 ? patientX(affine, si / count, sj / count, sk / count) : 0;
}

// The airway lumen's partial-volume rim (−950 to −400 HU) would otherwise join both lungs
// along the trachea and main bronchi: air within 2 pixels of a tracked airway goes too.
function clearAroundAirways(air: Uint8Array, airway: Uint8Array, grid: Grid): void {
  const { columns, rows } = grid;
  for (let p = 0; p < airway.length; p++) {
    if (airway[p] === 0) continue;
    const i = p % columns;
    const j = Math.floor(p / columns) % rows;
    for (let dj = -2; dj <= 2; dj++) {
      if (j + dj < 0 || j + dj >= rows) continue;
      const from = Math.max(0, i - 2);
      const to = Math.min(columns - 1, i + 2);
      const base = p + dj * columns - i;
      air.fill(0, base + from, base + to + 1);
    }
  }
}

// A hole (a vessel, an enclosed lesion) is filled where there is lung above and below it; a
// diaphragm dome rising into the lung's floor is a hole in its first slices but has no lung
// beneath it.
function fillHolesWithinSpan(mask: Uint8Array, span: VerticalSpan, grid: Grid): void {
  const before = mask.slice();
  fillHolesPerSlice(mask, grid);
  keepWithinSpan(before, mask, span, grid);
}

// Closing, hole filling and pleural notch filling of one lung, in its box, merged into `out`
// without taking voxels of the other lung.
function refineLung(
  separated: Uint8Array,
  label: number,
  hu: Int16Array | Float32Array,
  grid: Grid,
  axes: PatientAxes,
  options: LungOptions,
  out: Uint8Array,
): void {
  const tight = boundingBox(separated, grid, label);
  if (tight === undefined) return;

  const box = growBox(tight, grid, options.closingRadiusMm + 2);
  const local = boxGrid(box, grid);
  const size = local.columns * local.rows * local.slices;
  const other = cropInto(separated, grid, box, new Uint8Array(size));
  const lung = new Uint8Array(size);
  for (let p = 0; p < size; p++) {
    const value = other[p] ?? 0;
    lung[p] = value === label ? 1 : 0;
    other[p] = value !== 0 && value !== label ? 1 : 0;
  }
  const huBox = cropInto(
    hu,
    grid,
    box,
    hu instanceof Int16Array ? new Int16Array(size) : new Float32Array(size),
  );

  const span = verticalSpan(lung, local);
  const closed = close(lung, local, options.closingRadiusMm);
  for (let p = 0; p < size; p++) if (other[p] !== 0) closed[p] = 0;
  fillHolesWithinSpan(closed, span, local);
  // Left lung: lateral is the patient's left; right lung: the patient's right.
  const lateralIsHighI = label === LUNG_LABEL.left ? axes.leftIsHighI : !axes.leftIsHighI;
  fillPleuralNotches(closed, other, huBox, local, span, { ...options.pleural, lateralIsHighI });
  fillHolesWithinSpan(closed, span, local);

  let n = 0;
  for (let k = box.k0; k <= box.k1; k++) {
    for (let j = box.j0; j <= box.j1; j++) {
      const base = (k * grid.rows + j) * grid.columns;
      for (let i = box.i0; i <= box.i1; i++, n++) {
        if (closed[n] !== 0 && out[base + i] === 0 && other[n] === 0) out[base + i] = label;
      }
    }
  }
}
