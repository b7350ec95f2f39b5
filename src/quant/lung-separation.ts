/**
 * Right and left lung from the air inside the body once the central airways are gone: the two
 * largest 3D components. When the lungs touch at the anterior junction they form one component;
 * it is eroded by growing balls until it falls into two large parts, and each voxel then goes to
 * the nearer part. The lung at smaller patient x (LPS +x points to the patient's left) is right.
 */
import {
  bySize,
  findComponents,
  paintComponents,
  type Components,
} from './connected-components.js';
import { squaredDistanceTo } from './distance-transform.js';
import { boundingBox, boxGrid, cropInto, growBox, pasteBox, type Grid } from './grid.js';
import { LUNG_LABEL } from './labels.js';
import { patientX } from './patient-axes.js';

/** How the two lungs were told apart. */
export type Separation = 'two-components' | 'split-at-junction' | 'one-lung';

/** The lung mask (0, right 1, left 2) and how it was separated. */
export interface SeparatedLungs {
  readonly lungMask: Uint8Array;
  readonly separation: Separation;
}

// A second component smaller than this share of the largest is not a lung (bowel gas, a
// bulla, an airway remnant) and means the lungs are fused.
const SECOND_LUNG_SHARE = 0.2;
// Erosion radii tried to cut a fused junction, mm.
const SPLIT_RADII_MM = [2, 3, 4, 6, 8, 11];

/** Separates the lungs in `air` (1 = air inside the body, airways removed). */
export function separateLungs(
  air: Uint8Array,
  grid: Grid,
  affine: readonly number[],
  midlineX: number,
): SeparatedLungs {
  const lungMask = new Uint8Array(air.length);
  const components = findComponents(air, grid);
  const [first, second] = bySize(components);
  if (first === undefined) return { lungMask, separation: 'one-lung' };

  const size = (c: number | undefined): number =>
    c === undefined ? 0 : (components.voxels[c] ?? 0);
  if (second !== undefined && size(second) >= SECOND_LUNG_SHARE * size(first)) {
    const [right, left] = orderBySide(components, [first, second], affine);
    paintComponents(
      components,
      (c) => (c === right ? LUNG_LABEL.right : c === left ? LUNG_LABEL.left : 0),
      lungMask,
    );
    return { lungMask, separation: 'two-components' };
  }

  paintComponents(components, (c) => (c === first ? 1 : 0), lungMask);
  if (splitFused(lungMask, grid, affine)) return { lungMask, separation: 'split-at-junction' };

  // One lung only (the other collapsed, resected or wholly consolidated): its side of the
  // body's midline names it.
  const side = centroidX(components, first, affine) < midlineX ? 'right' : 'left';
  lungMask.fill(0);
  paintComponents(components, (c) => (c === first ? LUNG_LABEL[side] : 0), lungMask);
  return { lungMask, separation: 'one-lung' };
}

// The right lung first: smaller patient x of the centroid.
function orderBySide(
  components: Components,
  pair: readonly [number, number],
  affine: readonly number[],
): [number, number] {
  const x = (c: number): number => centroidX(components, c, affine);
  return x(pair[0]) <= x(pair[1]) ? [pair[0], pair[1]] : [pair[1], pair[0]];
}

function centroidX(components: Components, c: number, affine: readonly number[]): number {
  return patientX(
    affine,
    components.centroids[3 * c] ?? 0,
    components.centroids[3 * c + 1] ?? 0,
    components.centroids[3 * c + 2] ?? 0,
  );
}

// Splits the single component held in `mask` (value 1) in place into right and left labels.
function splitFused(mask: Uint8Array, grid: Grid, affine: readonly number[]): boolean {
  const tight = boundingBox(mask, grid);
  if (tight === undefined) return false;
  const box = growBox(tight, grid, 1);
  const local = boxGrid(box, grid);
  const fused = cropInto(
    mask,
    grid,
    box,
    new Uint8Array(local.columns * local.rows * local.slices),
  );

  // One distance transform serves every radius tried.
  const inside = squaredDistanceTo(fused, local, 'zero', Math.max(...SPLIT_RADII_MM) + 1);
  const core = new Uint8Array(fused.length);
  for (const radius of SPLIT_RADII_MM) {
    for (let p = 0; p < core.length; p++) core[p] = (inside[p] ?? 0) > radius * radius ? 1 : 0;
    const parts = findComponents(core, local);
    const [a, b] = bySize(parts);
    if (a === undefined || b === undefined) continue;
    if ((parts.voxels[b] ?? 0) < SECOND_LUNG_SHARE * (parts.voxels[a] ?? 0)) continue;

    const toBox = (c: number): number =>
      patientX(
        affine,
        (parts.centroids[3 * c] ?? 0) + box.i0,
        (parts.centroids[3 * c + 1] ?? 0) + box.j0,
        (parts.centroids[3 * c + 2] ?? 0) + box.k0,
      );
    const [right, left] = toBox(a) <= toBox(b) ? [a, b] : [b, a];
    const seedRight = new Uint8Array(fused.length);
    const seedLeft = new Uint8Array(fused.length);
    paintComponents(parts, (c) => (c === right ? 1 : 0), seedRight);
    paintComponents(parts, (c) => (c === left ? 1 : 0), seedLeft);
    const toRight = squaredDistanceTo(seedRight, local, 'nonzero');
    const toLeft = squaredDistanceTo(seedLeft, local, 'nonzero');
    for (let p = 0; p < fused.length; p++) {
      if (fused[p] === 0) continue;
      fused[p] = (toRight[p] ?? 0) <= (toLeft[p] ?? 0) ? LUNG_LABEL.right : LUNG_LABEL.left;
    }
    pasteBox(fused, grid, box, mask);
    return true;
  }
  return false;
}
