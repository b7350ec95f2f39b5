/**
 * One series from instances to numbers: its volume assembled once, its quality checked, and,
 * when it is a usable axial volume, its lungs and infection measured. A series that cannot be
 * measured keeps its flags and null figures, never a throw, so the rest of a dataset goes on.
 * The summary is what `ctbank quantify --json` prints and the catalog stores.
 */
import { checkSeries, type QcReport } from '../qc/check-series.js';
import type { QcFlag } from '../qc/qc-flag.js';
import { readSeriesHeader } from '../qc/series-header.js';
import { assembleVolume } from '../volume/assemble-volume.js';
import type { InstanceSource } from '../volume/instance-source.js';
import type { Volume } from '../volume/volume.js';
import type { QcConfig } from '../workspace/config.js';
import type { LungFigures, SliceFigures } from './involvement.js';
import { quantifyVolume, type QuantOptions, type QuantResult } from './quantify-volume.js';

/** A flag or finding as printed: code, severity, message. */
export interface PrintedFlag {
  readonly code: string;
  readonly severity: string;
  readonly message: string;
}

/** The figures of one series (null where it could not be measured). */
export interface SeriesSummary {
  readonly seriesInstanceUid: string;
  readonly seriesDescription: string | null;
  readonly sliceCount: number;
  readonly quantified: boolean;
  readonly lungVolumeMl: number | null;
  readonly leftLungVolumeMl: number | null;
  readonly rightLungVolumeMl: number | null;
  readonly ggoMl: number | null;
  readonly consolidationMl: number | null;
  readonly ggoPercent: number | null;
  readonly consolidationPercent: number | null;
  readonly involvementPercent: number | null;
  readonly severity: string | null;
  /** Per lung, with upper, middle and lower thirds of its extent (thirds, not lobes). */
  readonly lungs: { readonly right: LungFigures; readonly left: LungFigures } | null;
  readonly bandsHu: QuantResult['bandsHu'] | null;
  readonly healthyBaselinePercent: number | null;
  readonly flags: readonly PrintedFlag[];
  readonly slices: readonly SliceFigures[];
}

/** A measured series: its summary, its quality report, and the volume and masks if any. */
export interface SeriesQuantification {
  readonly summary: SeriesSummary;
  readonly quality: QcReport;
  readonly volume?: Volume;
  readonly result?: QuantResult;
}

/** Checks and, where it can, measures the instances of one series. */
export async function quantifySeries(
  seriesInstanceUid: string,
  instances: readonly InstanceSource[],
  qc: QcConfig,
  options: QuantOptions = {},
): Promise<SeriesQuantification> {
  const assembled = await assembleVolume(instances);
  const quality = checkSeries(assembled, await readSeriesHeader(instances), qc);

  if (assembled.status === 'not-a-volume' || !isMeasurable(quality)) {
    return { summary: unmeasured(seriesInstanceUid, quality), quality };
  }
  const volume = assembled.volume;
  const result = quantifyVolume(volume, options);
  return { summary: measured(seriesInstanceUid, quality, volume, result), quality, volume, result };
}

// An error flag (a coronal series, undecodable pixels) means the volume is not fit to measure.
function isMeasurable(quality: QcReport): boolean {
  return quality.isVolume && quality.flags.every((flag) => flag.severity !== 'error');
}

function printed(flags: readonly (QcFlag | PrintedFlag)[]): PrintedFlag[] {
  return flags.map(({ code, severity, message }) => ({ code, severity, message }));
}

function measured(
  seriesInstanceUid: string,
  quality: QcReport,
  volume: Volume,
  result: QuantResult,
): SeriesSummary {
  return {
    seriesInstanceUid,
    seriesDescription: quality.seriesDescription ?? null,
    sliceCount: volume.sliceCount,
    quantified: true,
    lungVolumeMl: round(result.lungVolumeMl),
    leftLungVolumeMl: round(result.leftLungVolumeMl),
    rightLungVolumeMl: round(result.rightLungVolumeMl),
    ggoMl: round(result.total.ggoMl),
    consolidationMl: round(result.total.consolidationMl),
    ggoPercent: round(result.total.ggoPercent),
    consolidationPercent: round(result.total.consolidationPercent),
    involvementPercent: round(result.total.involvementPercent),
    severity: result.severity,
    lungs: { right: result.right, left: result.left },
    bandsHu: result.bandsHu,
    healthyBaselinePercent: result.healthyBaselinePercent,
    flags: printed([...quality.flags, ...result.findings]),
    slices: result.slices,
  };
}

function unmeasured(seriesInstanceUid: string, quality: QcReport): SeriesSummary {
  return {
    seriesInstanceUid,
    seriesDescription: quality.seriesDescription ?? null,
    sliceCount: quality.sliceCount,
    quantified: false,
    lungVolumeMl: null,
    leftLungVolumeMl: null,
    rightLungVolumeMl: null,
    ggoMl: null,
    consolidationMl: null,
    ggoPercent: null,
    consolidationPercent: null,
    involvementPercent: null,
    severity: null,
    lungs: null,
    bandsHu: null,
    healthyBaselinePercent: null,
    flags: printed(quality.flags),
    slices: [],
  };
}

// Volumes in mL and shares in % to two decimals: finer digits are below the voxel's precision.
function round(value: number): number {
  return Math.round(value * 100) / 100;
}
