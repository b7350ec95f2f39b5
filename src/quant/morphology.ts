/**
 * Binary erosion, dilation, opening and closing by a ball of a radius in mm, through the
 * distance transform, so the structuring element stays round on anisotropic CT voxels
 * (0.7 mm pixels, 2–5 mm slices). Only voxels inside the grid count: a mask that reaches the
 * first or last slice of a scan is not eaten away there, and callers that need background
 * around a mask give its box a margin of at least the radius.
 */
import { squaredDistanceTo } from './distance-transform.js';
import type { Grid } from './grid.js';

/** Voxels of `mask` whose ball of `radiusMm` lies wholly inside the mask (a new array). */
export function erode(mask: Uint8Array, grid: Grid, radiusMm: number): Uint8Array {
  const toBackground = squaredDistanceTo(mask, grid, 'zero', radiusMm + 1);
  const limit = radiusMm * radiusMm;
  const out = new Uint8Array(mask.length);
  for (let p = 0; p < out.length; p++) if ((toBackground[p] ?? 0) > limit) out[p] = 1; // ∞: farther than the limit
  return out;
}

/** Voxels within `radiusMm` of `mask` (a new array). */
export function dilate(mask: Uint8Array, grid: Grid, radiusMm: number): Uint8Array {
  const toMask = squaredDistanceTo(mask, grid, 'nonzero', radiusMm + 1);
  const limit = radiusMm * radiusMm;
  const out = new Uint8Array(mask.length);
  for (let p = 0; p < out.length; p++) if ((toMask[p] ?? Infinity) <= limit) out[p] = 1;
  return out;
}

/** Opening: what is left of the mask where a ball of `radiusMm` fits (thin parts removed). */
export function open(mask: Uint8Array, grid: Grid, radiusMm: number): Uint8Array {
  return dilate(erode(mask, grid, radiusMm), grid, radiusMm);
}

/** Closing: the mask with gaps and notches narrower than the ball of `radiusMm` filled. */
export function close(mask: Uint8Array, grid: Grid, radiusMm: number): Uint8Array {
  return erode(dilate(mask, grid, radiusMm), grid, radiusMm);
}
