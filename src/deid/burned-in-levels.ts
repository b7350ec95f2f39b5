/**
 * The grey levels the burned-in text screen thresholds at, derived from each slice. A true CT
 * slice gets fixed HU levels; a slice whose values span far less than air to soft tissue (a
 * windowed screen capture stored as CT, as in the Pseudo-PHI test set) gets the same levels
 * scaled to its own range, so that text drawn at its brightest or darkest value still stands out.
 */
import type { ScreenPixels } from './burned-in-pixels.js';

/** Thresholds for one slice, in the slice's own units (HU for true CT). */
export interface GreyLevels {
  /** The lowest value that is not padding outside the reconstruction circle. */
  readonly floor: number;
  /** The highest value in the slice. */
  readonly ceiling: number;
  /** At or above: part of the patient (or table) rather than air. */
  readonly body: number;
  /** At or above: bright enough to be a glyph drawn over air or tissue. */
  readonly bright: number;
  /** At or below: dark enough to be a glyph drawn over bright tissue. */
  readonly dark: number;
}

// Values below this are padding outside the reconstruction circle (scanners write -2000,
// -2048 or -3024 HU there), not measured air (about -1000 HU, noise to about -1100 HU).
const PADDING_BELOW_HU = -1200;

// The fixed HU levels of a true CT slice, as offsets above air (about -1000 HU): body at about
// -500 HU (the usual air/tissue cut), glyphs at about 300 HU (above soft tissue and the carbon
// table top; scanners burn text in at or near the top of the stored range), dark glyphs at
// about -800 HU (darker than any tissue a glyph could be drawn over).
const BODY_ABOVE_AIR = 500;
const BRIGHT_ABOVE_AIR = 1300;
const DARK_ABOVE_AIR = 200;

// The same levels as fractions of a narrow range (air to ceiling) when the slice is no true CT.
const BODY_FRACTION = 0.4;
const BRIGHT_FRACTION = 0.8;
const DARK_FRACTION = 0.2;
// Marks closer to air than this are noise, not letters: a slice with no patient in it (air and
// noise only) has a narrow span too, and its noise peaks must not become glyphs. An 8-bit
// screen capture spans 255, so its brightest fifth still clears this.
const MIN_BRIGHT_ABOVE_AIR = 150;

/** Derives the thresholds of the screen from the values of one slice. */
export function greyLevels(pixels: ScreenPixels): GreyLevels {
  const { floor, ceiling } = floorAndCeiling(pixels);

  // A true CT spans air to bone (over 1000 HU): the fixed offsets apply. A narrow span means
  // the values are no HU, and the fractions of the span take over.
  const span = ceiling - floor;
  const level = (fraction: number, aboveAir: number): number =>
    floor + Math.min(fraction * span, aboveAir);
  return {
    floor,
    ceiling,
    body: level(BODY_FRACTION, BODY_ABOVE_AIR),
    bright: Math.max(floor + MIN_BRIGHT_ABOVE_AIR, level(BRIGHT_FRACTION, BRIGHT_ABOVE_AIR)),
    dark: level(DARK_FRACTION, DARK_ABOVE_AIR),
  };
}

// The lowest value above padding and the highest value. Decoding has measured the range of
// most slices: when nothing in it is padding, its minimum is the floor and no pass is needed.
function floorAndCeiling(pixels: ScreenPixels): { floor: number; ceiling: number } {
  const { values, offset, range } = pixels;
  if (range !== undefined && range.min >= PADDING_BELOW_HU) {
    return { floor: range.min, ceiling: range.max };
  }

  let floor = Number.POSITIVE_INFINITY;
  let ceiling = Number.NEGATIVE_INFINITY;
  // Hand-rolled: one pass over every pixel of every slice, nothing in it but two compares.
  for (let i = 0; i < values.length; i++) {
    const value = (values[i] as number) + offset;
    if (value > ceiling) ceiling = value;
    if (value < floor && value >= PADDING_BELOW_HU) floor = value;
  }
  if (floor === Number.POSITIVE_INFINITY) floor = ceiling;
  return { floor, ceiling };
}
