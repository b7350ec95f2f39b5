/**
 * The pixels the burned-in text screen reads: HU of pixel i = values[i] + offset. A CT slice
 * with RescaleSlope 1 and an integer RescaleIntercept (nearly every CT) is screened straight
 * from its stored values, with the intercept as the offset, so that no HU copy of its 262,144
 * pixels is made; any other slice is screened from its HU with offset 0.
 */
import type { CtImage } from './burned-in-text.js';

/** Integer stored values, or HU. */
export type PixelValues =
  Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Float32Array;

/** A slice as the screen reads it, in HU = values[i] + offset. */
export interface ScreenPixels {
  readonly rows: number;
  readonly columns: number;
  readonly values: PixelValues;
  /** Added to every value to give HU; an integer, so that the sum is exact. */
  readonly offset: number;
  /** The lowest and highest value in HU, when decoding has measured them. */
  readonly range: ValueRange | undefined;
}

/** The lowest and highest of some values. */
export interface ValueRange {
  readonly min: number;
  readonly max: number;
}

/** The screen's view of a slice already in HU. */
export function screenPixelsOfImage(image: CtImage): ScreenPixels {
  return {
    rows: image.rows,
    columns: image.columns,
    values: image.hu,
    offset: 0,
    range: undefined,
  };
}
