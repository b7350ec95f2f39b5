/**
 * From the raw samples of one frame to modality values, Hounsfield units for CT: the stored
 * bits are taken from below the high bit, sign-extended when Pixel Representation is 1
 * (PS3.5 section 8.1.1), then the Modality LUT's rescale applied (PS3.3 C.11.1.1.2).
 */
import type { PixelLayout } from './pixel-layout.js';

/** Samples of one frame as unsigned words of Bits Allocated, one per pixel. */
export type RawSamples = Uint8Array | Uint16Array;

/** Rescale Slope and Intercept of one frame: hu = stored × slope + intercept. */
export interface Rescale {
  readonly slope: number;
  readonly intercept: number;
}

const INT16_MIN = -32768;
const INT16_MAX = 32767;

/**
 * The modality values of a frame. Int16 when the rescale is integral and every value fits, which
 * nearly every CT gives (slope 1, intercept -1024): exact, and half the memory of Float32.
 */
export function toHu(
  raw: RawSamples,
  layout: PixelLayout,
  rescale: Rescale,
): Int16Array | Float32Array {
  const storedValue = storedValueReader(layout);
  const { slope, intercept } = rescale;

  if (Number.isInteger(slope) && Number.isInteger(intercept)) {
    const hu = new Int16Array(raw.length);
    let fits = true;
    for (let i = 0; i < raw.length; i++) {
      const value = storedValue(raw[i] ?? 0) * slope + intercept;
      if (value < INT16_MIN || value > INT16_MAX) fits = false;
      hu[i] = value;
    }
    if (fits) return hu;
  }

  const hu = new Float32Array(raw.length);
  for (let i = 0; i < raw.length; i++) hu[i] = storedValue(raw[i] ?? 0) * slope + intercept;
  return hu;
}

// The stored value inside a sample: Bits Stored bits ending at High Bit.
function storedValueReader(layout: PixelLayout): (sample: number) => number {
  const lowBit = layout.highBit + 1 - layout.bitsStored;
  const mask = layout.bitsStored >= 32 ? 0xffffffff : 2 ** layout.bitsStored - 1;
  // Shifting the stored bits to the top of 32 and back extends their sign.
  const shift = 32 - layout.bitsStored;

  if (layout.signed) return (sample) => (((sample >>> lowBit) & mask) << shift) >> shift;
  return (sample) => (sample >>> lowBit) & mask;
}
