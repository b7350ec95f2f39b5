/**
 * The density of the mediastinal blood pool on one axial slice, for telling an unenhanced scan
 * from one with intravenous contrast. The mediastinum is taken as the body between the medial
 * edges of the two lungs, from the front of the lungs to their back, without lung air and
 * without bone (cortex above 350 HU, grown by 3 mm and hole-filled so the marrow goes too).
 * What remains at 0–600 HU is heart, great vessels, oesophagus, nodes and muscle: unenhanced
 * they all read 30–60 HU; with contrast the heart chambers, aorta and pulmonary arteries read
 * 150–400 HU and dominate the upper half of the distribution.
 */
import { components, dilate, fillHoles, type Component, type Mask } from './binary-image.js';
import type { SliceAnatomy } from './slice-anatomy.js';
import type { SliceImage } from './slice-image.js';

/** Percentiles of the mediastinal soft tissue (HU) and how much of it was seen (mm²). */
export interface BloodPool {
  readonly medianHu: number;
  readonly upperQuartileHu: number;
  readonly areaMm2: number;
}

// Cortical bone after 1.5 mm block averaging stays above this; blood with contrast rarely does.
const CORTEX_HU = 350;
const BONE_MARGIN_MM = 3;
// Only pieces this small (mm, both ways) are hole-filled: a vertebra or the sternum, never the
// rib cage joined into a ring, which would fill the whole chest.
const MAX_FILLED_BONE_MM = 80;
// Soft tissue and blood, with or without contrast; fat (-100) and air are left out.
const SOFT_LOW_HU = 0;
const SOFT_HIGH_HU = 600;
// The smaller lung must be at least this share of the larger for the slice to show a
// mediastinum between two lungs (a collapsed lung beside an effusion still counts).
const MIN_LUNG_SHARE = 0.1;
// Less mediastinum than this (mm²) says nothing: above the aortic arch or below the heart.
const MIN_MEDIASTINUM_MM2 = 2000;

/** The blood-pool density of a slice, or undefined when it shows no mediastinum between lungs. */
export function bloodPool(slice: SliceImage, anatomy: SliceAnatomy): BloodPool | undefined {
  const { width, hu, pixelMm } = slice;
  const [first, second] = anatomy.lungs;
  if (
    first === undefined ||
    second === undefined ||
    second.pixels.length < MIN_LUNG_SHARE * first.pixels.length
  ) {
    return undefined;
  }

  const [a, b] = [first, second].sort((x, y) => centreColumn(x) - centreColumn(y)) as [
    Component,
    Component,
  ];
  const innerEdgeA = rowExtremes(a, width, 'last');
  const innerEdgeB = rowExtremes(b, width, 'first');
  const bone = boneRegion(slice);
  const values: number[] = [];

  // Row by row, the mediastinum runs from one lung's medial edge to the other's, so that lungs
  // wrapping in front of the heart do not close the gap.
  for (const [row, fromColumn] of innerEdgeA) {
    const toColumn = innerEdgeB.get(row);
    if (toColumn === undefined) continue;
    for (let column = fromColumn + 1; column < toColumn; column++) {
      const i = row * width + column;
      const value = hu[i] ?? 0;
      if (anatomy.body.data[i] !== 1 || anatomy.lungAir.data[i] === 1 || bone.data[i] === 1) {
        continue;
      }
      if (value >= SOFT_LOW_HU && value <= SOFT_HIGH_HU) values.push(value);
    }
  }

  const areaMm2 = values.length * pixelMm * pixelMm;
  if (areaMm2 < MIN_MEDIASTINUM_MM2) return undefined;
  values.sort((x, y) => x - y);
  return {
    medianHu: values[Math.floor(values.length / 2)] ?? 0,
    upperQuartileHu: values[Math.floor(values.length * 0.75)] ?? 0,
    areaMm2,
  };
}

// Per row, the first or last column of a component.
function rowExtremes(
  component: Component,
  width: number,
  which: 'first' | 'last',
): Map<number, number> {
  const extremes = new Map<number, number>();
  for (const index of component.pixels) {
    const row = Math.floor(index / width);
    const column = index - row * width;
    const known = extremes.get(row);
    const better = which === 'first' ? column < (known ?? Infinity) : column > (known ?? -1);
    if (better) extremes.set(row, column);
  }
  return extremes;
}

function centreColumn(component: Component): number {
  return (component.minColumn + component.maxColumn) / 2;
}

function boneRegion(slice: SliceImage): Mask {
  const data = Uint8Array.from(slice.hu, (value) => (value > CORTEX_HU ? 1 : 0));
  const cortex: Mask = { width: slice.width, height: slice.height, data };
  const grown = dilate(cortex, Math.max(1, Math.round(BONE_MARGIN_MM / slice.pixelMm)));
  // Each bone is filled on its own, so that ribs and spine do not enclose the mediastinum.
  const filled: Mask = { width: slice.width, height: slice.height, data: grown.data };
  const maxSide = MAX_FILLED_BONE_MM / slice.pixelMm;
  for (const piece of components(grown, true)) {
    const wide =
      piece.maxColumn - piece.minColumn > maxSide || piece.maxRow - piece.minRow > maxSide;
    if (wide) continue;
    const box = boxMask(slice, piece);
    const closed = fillHoles(box.mask);
    for (let row = 0; row < box.mask.height; row++) {
      for (let column = 0; column < box.mask.width; column++) {
        if (closed.data[row * box.mask.width + column] !== 1) continue;
        filled.data[(row + box.top) * slice.width + column + box.left] = 1;
      }
    }
  }
  return filled;
}

// The component cut out into its own small mask, one pixel of margin, so filling is local.
function boxMask(slice: SliceImage, piece: Component): { mask: Mask; left: number; top: number } {
  const left = Math.max(0, piece.minColumn - 1);
  const top = Math.max(0, piece.minRow - 1);
  const width = Math.min(slice.width, piece.maxColumn + 2) - left;
  const height = Math.min(slice.height, piece.maxRow + 2) - top;
  const data = new Uint8Array(width * height);
  for (const index of piece.pixels) {
    const row = Math.floor(index / slice.width) - top;
    const column = (index % slice.width) - left;
    data[row * width + column] = 1;
  }
  return { mask: { width, height, data }, left, top };
}
