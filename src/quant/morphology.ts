/**
 * Binary erosion, dilation, opening and closing by a ball of a radius in mm, so the
 * structuring element stays round on anisotropic CT voxels (0.7 mm pixels, 2–5 mm slices).
 * Only voxels inside the grid count: a mask that reaches the first or last slice of a scan is
 * not eaten away there, and callers that need background around a mask give its box a margin
 * of at least the radius. Each operation works in the mask's bounding box (plus one voxel for
 * an erosion, plus the radius for a dilation), which gives the same answer: an eroded or
 * opened core of a few lesions, or an empty mask, then costs next to nothing.
 */
import { boundingBox, boxGrid, cropInto, growBox, pasteBox, type Box, type Grid } from './grid.js';
import { withinRadius } from './within-radius.js';

/** Voxels of `mask` whose ball of `radiusMm` lies wholly inside the mask (a new array). */
export function erode(mask: Uint8Array, grid: Grid, radiusMm: number): Uint8Array {
  // One voxel of background around the box is as near as any background beyond it.
  return inBox(mask, grid, 0, (local, localGrid) => {
    const nearBackground = withinRadius(local, localGrid, 'zero', radiusMm);
    for (let p = 0; p < local.length; p++) {
      nearBackground[p] = local[p] !== 0 && nearBackground[p] === 0 ? 1 : 0;
    }
    return nearBackground;
  });
}

/** Voxels within `radiusMm` of `mask` (a new array). */
export function dilate(mask: Uint8Array, grid: Grid, radiusMm: number): Uint8Array {
  return inBox(mask, grid, radiusMm, (local, localGrid) =>
    withinRadius(local, localGrid, 'nonzero', radiusMm),
  );
}

/** Opening: what is left of the mask where a ball of `radiusMm` fits (thin parts removed). */
export function open(mask: Uint8Array, grid: Grid, radiusMm: number): Uint8Array {
  return dilate(erode(mask, grid, radiusMm), grid, radiusMm);
}

/** Closing: the mask with gaps and notches narrower than the ball of `radiusMm` filled. */
export function close(mask: Uint8Array, grid: Grid, radiusMm: number): Uint8Array {
  return erode(dilate(mask, grid, radiusMm), grid, radiusMm);
}

// Runs `operate` on the mask's bounding box grown by `marginMm` and pastes the answer into a
// full-grid array; outside that box every answer is 0.
function inBox(
  mask: Uint8Array,
  grid: Grid,
  marginMm: number,
  operate: (local: Uint8Array, localGrid: Grid) => Uint8Array,
): Uint8Array {
  const tight = boundingBox(mask, grid);
  if (tight === undefined) return new Uint8Array(mask.length);

  const box = growBox(tight, grid, marginMm);
  if (coversGrid(box, grid)) return operate(mask, grid);

  const localGrid = boxGrid(box, grid);
  const size = localGrid.columns * localGrid.rows * localGrid.slices;
  const answer = operate(cropInto(mask, grid, box, new Uint8Array(size)), localGrid);
  const out = new Uint8Array(mask.length);
  pasteBox(answer, grid, box, out);
  return out;
}

function coversGrid(box: Box, grid: Grid): boolean {
  return (
    box.i0 === 0 &&
    box.j0 === 0 &&
    box.k0 === 0 &&
    box.i1 === grid.columns - 1 &&
    box.j1 === grid.rows - 1 &&
    box.k1 === grid.slices - 1
  );
}
