/**
 * The quality report of one series: the volume assembly findings (or the problem that stopped
 * it becoming a volume), the header checks, and, for an axial volume, the image checks —
 * coverage, table, motion, contrast and noise. A series that is not a volume still gets its
 * header flags, so that a single 616 × 616 coronal slice is told every way it misses.
 */
import { assembleVolume, type VolumeResult } from '../volume/assemble-volume.js';
import type { InstanceSource } from '../volume/instance-source.js';
import type { Volume } from '../volume/volume.js';
import type { QcConfig } from '../workspace/config.js';
import { coverageCheck } from './coverage-check.js';
import { densityFlags, densityMeasures } from './density-checks.js';
import { headerFlags, obliquityDegrees } from './header-checks.js';
import { motionFlags } from './motion-check.js';
import { flagOfFinding, type QcFlag } from './qc-flag.js';
import { readSeriesHeader, type SeriesHeader } from './series-header.js';
import { surveySlices } from './slice-survey.js';
import { tableFlags } from './table-check.js';

/** What the quality checks found about one series, and the facts series choice weighs. */
export interface QcReport {
  readonly seriesInstanceUid?: string;
  readonly studyInstanceUid?: string;
  readonly seriesDescription?: string;
  readonly isVolume: boolean;
  readonly sliceCount: number;
  /** The series' Slice Thickness when it has one value (mm). */
  readonly sliceThicknessMm?: number;
  readonly axial: boolean;
  readonly lungCoverage: 'complete' | 'cut' | 'no-lungs' | 'unknown';
  /** Series medians: noise SD and blood-pool upper quartile (HU), when measured. */
  readonly noiseHu?: number;
  readonly bloodPoolUpperQuartileHu?: number;
  readonly flags: readonly QcFlag[];
}

/** Assembles the instances of one series and checks it. */
export async function checkInstances(
  instances: readonly InstanceSource[],
  config: QcConfig,
): Promise<QcReport> {
  const result = await assembleVolume(instances);
  return checkSeries(result, await readSeriesHeader(instances), config);
}

/** Checks one series from its assembled volume (or the problem) and its headers. */
export function checkSeries(
  result: VolumeResult,
  header: SeriesHeader,
  config: QcConfig,
): QcReport {
  const flags: QcFlag[] = result.findings.map(flagOfFinding);
  if (result.status === 'not-a-volume') flags.unshift(flagOfFinding(result.problem));
  flags.push(...headerFlags(header, config));

  const [thickness, ...otherThicknesses] = header.sliceThicknessMm;
  const axial = header.sliceNormals.every(
    (normal) => obliquityDegrees(normal) <= config.maxObliqueDegrees,
  );
  const identity = {
    ...optional('seriesInstanceUid', header.seriesInstanceUid),
    ...optional('studyInstanceUid', header.studyInstanceUid),
    ...optional('seriesDescription', header.seriesDescription),
    ...optional('sliceThicknessMm', otherThicknesses.length === 0 ? thickness : undefined),
    axial,
  };

  if (result.status === 'not-a-volume') {
    return { ...identity, isVolume: false, sliceCount: 0, lungCoverage: 'unknown', flags };
  }
  const volume = result.volume;
  if (!axial || obliquityDegrees(volume.sliceNormal) > config.maxObliqueDegrees) {
    flags.push({
      code: 'IMAGE_CHECKS_SKIPPED',
      severity: 'info',
      message: 'coverage, table, motion, contrast and noise are checked on axial slices only',
    });
    return {
      ...identity,
      isVolume: true,
      sliceCount: volume.sliceCount,
      lungCoverage: 'unknown',
      flags,
    };
  }

  const measures = surveySlices(volume, tableRowSign(volume, header.patientPosition));
  const coverage = coverageCheck(volume, measures, config);
  const densities = densityMeasures(measures);
  const positions = volume.slices.map((slice) => slice.positionMm);
  flags.push(
    ...coverage.flags,
    ...tableFlags(measures, config),
    ...motionFlags(measures, positions, config),
    ...densityFlags(densities, config),
  );

  return {
    ...identity,
    isVolume: true,
    sliceCount: volume.sliceCount,
    lungCoverage: coverage.coverage,
    ...optional('noiseHu', densities.noiseHu),
    ...optional('bloodPoolUpperQuartileHu', densities.bloodPoolUpperQuartileHu),
    flags,
  };
}

// The table lies where gravity pulls: behind a supine patient (HFS, FFS, or no Patient
// Position), in front of a prone one (HFP, FFP); decubitus puts it at a side, not checked here.
// Rows run along the column cosines, so posterior (+y in LPS) is towards higher rows when the
// column cosines point +y.
function tableRowSign(volume: Volume, patientPosition: string | undefined): -1 | 0 | 1 {
  const along = volume.columnCosines[1];
  if (Math.abs(along) < 0.7) return 0; // rows do not run front to back (a turned image)
  const rowsPosterior = along > 0 ? 1 : -1;
  const position = patientPosition?.toUpperCase() ?? 'HFS';

  if (position.endsWith('S')) return rowsPosterior;
  if (position.endsWith('P')) return rowsPosterior === 1 ? -1 : 1;
  return 0;
}

// exactOptionalPropertyTypes: an absent value leaves the property out rather than undefined.
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]: V });
}
