/**
 * One slice of a volume as the quality checks see it: Hounsfield units on a grid coarsened by
 * block averaging to about 1.4 mm pixels, fine enough for body, lung and table outlines and four
 * times cheaper than 0.7 mm pixels for every mask built on it.
 */
import type { Volume } from '../volume/volume.js';

/** A slice in HU, `hu[row × width + column]`, with its pixel size. */
export interface SliceImage {
  readonly width: number;
  readonly height: number;
  readonly hu: Float32Array;
  /** Pixel size in mm (the coarser of the two Pixel Spacing values after averaging). */
  readonly pixelMm: number;
}

// Pixels are averaged in blocks to near this size (mm): 3 mm table shells and gaps stay
// resolved, and the 4-connected outlines stay apart.
const TARGET_PIXEL_MM = 1.4;

/** The block size (pixels per side) that brings a pixel spacing near 1.4 mm. */
export function blockFactor(pixelSpacingMm: readonly [number, number]): number {
  const spacing = Math.max(pixelSpacingMm[0], pixelSpacingMm[1]);
  return spacing > 0 ? Math.max(1, Math.round(TARGET_PIXEL_MM / spacing)) : 1;
}

/** Slice k of a volume, block-averaged by `factor`. */
export function volumeSlice(volume: Volume, k: number, factor: number): SliceImage {
  const { columns, rows } = volume;
  const offset = k * rows * columns;
  return averaged(
    volume.hu.subarray(offset, offset + rows * columns),
    columns,
    rows,
    factor,
    Math.max(...volume.pixelSpacingMm),
  );
}

/** A row-major slice in HU, block-averaged by `factor` (partial blocks at the edge dropped). */
export function averaged(
  hu: ArrayLike<number>,
  columns: number,
  rows: number,
  factor: number,
  pixelSpacingMm: number,
): SliceImage {
  const width = Math.floor(columns / factor);
  const height = Math.floor(rows / factor);
  const out = new Float32Array(width * height);
  const share = 1 / (factor * factor);

  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy++) {
        const base = (row * factor + dy) * columns + column * factor;
        for (let dx = 0; dx < factor; dx++) sum += hu[base + dx] ?? 0;
      }
      out[row * width + column] = sum * share;
    }
  }
  return { width, height, hu: out, pixelMm: pixelSpacingMm * factor };
}
