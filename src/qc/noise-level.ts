/**
 * The image noise of a slice as one number: the most common local standard deviation (HU) of
 * small windows of soft tissue inside the body. Homogeneous tissue gives the noise itself;
 * windows across edges give larger values and fall in the tail, so the mode of the histogram
 * of local SDs measures the noise without a hand-placed region of interest.
 */
import type { Mask } from './binary-image.js';

/** Slice pixels at full resolution with the body mask of its block-averaged image. */
export interface NoiseInput {
  readonly hu: ArrayLike<number>;
  readonly columns: number;
  readonly rows: number;
  /** The body, `factor` times coarser than the slice. */
  readonly body: Mask;
  readonly factor: number;
}

// 5 × 5 windows (25 samples: the SD is within about 15 % of the noise), one per 5 pixels.
const WINDOW = 5;
// Window means of fat to muscle (HU): soft tissue, where the noise is what a reader sees.
const SOFT_MEAN_LOW_HU = -150;
const SOFT_MEAN_HIGH_HU = 150;
const HISTOGRAM_MAX_HU = 400;
// Fewer windows than this give no estimate (a slice with hardly any soft tissue).
const MIN_WINDOWS = 200;

/** The noise SD (HU) of a slice, or undefined when it has too little soft tissue. */
export function noiseLevel(input: NoiseInput): number | undefined {
  const { hu, columns, rows, body, factor } = input;
  const histogram = new Float64Array(HISTOGRAM_MAX_HU + 1);
  let windows = 0;

  for (let top = 0; top + WINDOW <= rows; top += WINDOW) {
    for (let left = 0; left + WINDOW <= columns; left += WINDOW) {
      const centreRow = Math.floor((top + WINDOW / 2) / factor);
      const centreColumn = Math.floor((left + WINDOW / 2) / factor);
      if (body.data[centreRow * body.width + centreColumn] !== 1) continue;

      let sum = 0;
      let squares = 0;
      for (let row = top; row < top + WINDOW; row++) {
        for (let column = left; column < left + WINDOW; column++) {
          const value = hu[row * columns + column] ?? 0;
          sum += value;
          squares += value * value;
        }
      }
      const n = WINDOW * WINDOW;
      const mean = sum / n;
      if (mean < SOFT_MEAN_LOW_HU || mean > SOFT_MEAN_HIGH_HU) continue;
      const sd = Math.sqrt(Math.max(0, (squares - n * mean * mean) / (n - 1)));
      const bin = Math.min(HISTOGRAM_MAX_HU, Math.round(sd));
      histogram[bin] = (histogram[bin] ?? 0) + 1;
      windows += 1;
    }
  }
  return windows < MIN_WINDOWS ? undefined : smoothedMode(histogram);
}

// The mode of the histogram after a 5-bin running mean, so that sampling jitter does not pick
// a lone spike.
function smoothedMode(histogram: Float64Array): number {
  let best = 0;
  let bestCount = -1;
  for (let bin = 0; bin < histogram.length; bin++) {
    let count = 0;
    for (let near = bin - 2; near <= bin + 2; near++) count += histogram[near] ?? 0;
    if (count > bestCount) {
      best = bin;
      bestCount = count;
    }
  }
  return best;
}
