/**
 * Lung coverage: a chest CT for this dataset runs from above the apices to below the bases, so
 * its end slices show at most a sliver of lung. Lung air in an end slice of more than a set
 * share of the largest lung section says the scan stopped inside the lungs. The share (10 % by
 * default) leaves room for the posterior costophrenic recess that often reaches the last slice
 * of a complete scan; gas in the trachea, stomach and bowel is not lung (see slice-anatomy.ts).
 */
import type { Volume } from '../volume/volume.js';
import type { QcConfig } from '../workspace/config.js';
import type { QcFlag } from './qc-flag.js';
import type { SliceMeasures } from './slice-survey.js';

/** Whether the lungs are covered end to end, and the flags when not. */
export interface CoverageResult {
  readonly coverage: 'complete' | 'cut' | 'no-lungs';
  readonly flags: QcFlag[];
}

/** Checks the end slices of an axial volume for lung. */
export function coverageCheck(
  volume: Volume,
  measures: readonly SliceMeasures[],
  config: QcConfig,
): CoverageResult {
  const largest = Math.max(0, ...measures.map((slice) => slice.lungAreaMm2));
  if (largest === 0) {
    return {
      coverage: 'no-lungs',
      flags: [
        {
          code: 'NO_LUNGS_SEEN',
          severity: 'warn',
          message: 'no slice shows lung air: coverage and lung checks are not possible',
        },
      ],
    };
  }

  // Slices ascend along the normal; with a normal towards the head (+z) the last is the apex end.
  const last = measures.length - 1;
  const headLast = volume.sliceNormal[2] > 0;
  const ends = [
    { code: 'LUNG_APEX_CUT', index: headLast ? last : 0, end: 'head' },
    { code: 'LUNG_BASE_CUT', index: headLast ? 0 : last, end: 'feet' },
  ] as const;

  const flags: QcFlag[] = [];
  for (const { code, index, end } of ends) {
    const share = (measures[index]?.lungAreaMm2 ?? 0) / largest;
    if (share <= config.coverageLungShare) continue;
    flags.push({
      code,
      severity: 'warn',
      message:
        `the ${end}-end slice still shows ${Math.round(share * 100)} % of the ` +
        `largest lung section: the ${code === 'LUNG_APEX_CUT' ? 'apex' : 'base'} is cut off`,
      sliceIndices: [index],
      positionsMm: [volume.slices[index]?.positionMm ?? 0],
    });
  }
  return { coverage: flags.length > 0 ? 'cut' : 'complete', flags };
}
