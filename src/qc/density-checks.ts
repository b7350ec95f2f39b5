/**
 * The two checks on HU statistics of the whole series, each the median over the slices that
 * measure it so that a few odd slices do not decide:
 *  - contrast: the dataset is unenhanced, so the upper quartile of mediastinal soft tissue
 *    (see blood-pool.ts) stays near unenhanced blood, 30–60 HU (real unenhanced chest CTs here:
 *    55–76 HU). Arterial or venous phase blood reads 150–400 HU and lifts it past 150 HU
 *    (real enhanced slices here: 158 HU). The 110 HU default sits between the two;
 *  - noise: the soft-tissue noise SD (see noise-level.ts). Real chest CTs here read 15–35 HU.
 *    At 50 HU a healthy lung voxel at −850 HU lands in the ground-glass band (above −750 HU)
 *    2 % of the time, which is what a healthy lung's "involvement" must stay below.
 */
import type { QcConfig } from '../workspace/config.js';
import type { QcFlag } from './qc-flag.js';
import type { SliceMeasures } from './slice-survey.js';

/** The series medians of blood-pool density and noise, when any slice measured them (HU). */
export interface DensityMeasures {
  readonly bloodPoolUpperQuartileHu?: number;
  readonly bloodPoolSlices: number;
  readonly noiseHu?: number;
}

/** The series medians of the per-slice densities. */
export function densityMeasures(measures: readonly SliceMeasures[]): DensityMeasures {
  const pool = measures.flatMap((slice) => slice.bloodPoolUpperQuartileHu ?? []);
  const noise = measures.flatMap((slice) => slice.noiseHu ?? []);
  const poolMedian = median(pool);
  const noiseMedian = median(noise);

  return {
    ...(poolMedian === undefined ? {} : { bloodPoolUpperQuartileHu: poolMedian }),
    bloodPoolSlices: pool.length,
    ...(noiseMedian === undefined ? {} : { noiseHu: noiseMedian }),
  };
}

/** The contrast and noise flags of a series. */
export function densityFlags(densities: DensityMeasures, config: QcConfig): QcFlag[] {
  const flags: QcFlag[] = [];
  const pool = densities.bloodPoolUpperQuartileHu;
  const noise = densities.noiseHu;

  if (pool !== undefined && pool > config.contrastUpperQuartileHu) {
    flags.push({
      code: 'CONTRAST_ENHANCED',
      severity: 'warn',
      message:
        `mediastinal soft tissue reads ${Math.round(pool)} HU (upper quartile, ` +
        `median of ${densities.bloodPoolSlices} slices), above ` +
        `${config.contrastUpperQuartileHu} HU: contrast given, but the protocol is unenhanced`,
    });
  }
  if (noise !== undefined && noise > config.maxNoiseHu) {
    flags.push({
      code: 'HEAVY_NOISE',
      severity: 'warn',
      message: `noise in soft tissue is ${Math.round(noise)} HU SD, above ${config.maxNoiseHu} HU`,
    });
  }
  return flags;
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;

  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
