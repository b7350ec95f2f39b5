/**
 * The quantification entry point: lungs and infection of one CT volume, their masks on the
 * volume's grid, volumes, percentages per lung and per third, the severity class, per-slice
 * figures and findings about masks that look implausible.
 */
import type { Volume } from '../volume/volume.js';
import type { Grid } from './grid.js';
import { DEFAULT_INFECTION_OPTIONS, segmentInfection, type InfectionOptions } from './infection.js';
import {
  measureInvolvement,
  severityOf,
  type LungFigures,
  type RegionFigures,
  type Severity,
  type SliceFigures,
} from './involvement.js';
import { lungFindings, type PlausibleLungs } from './lung-findings.js';
import { DEFAULT_LUNG_OPTIONS, segmentLungs, type LungOptions } from './lung-segmentation.js';
import { patientAxes } from './patient-axes.js';
import type { QuantFinding } from './quant-finding.js';

/** Everything quantification can be tuned with; each part falls back to its defaults. */
export interface QuantOptions {
  readonly lungs?: LungOptions;
  readonly infection?: InfectionOptions;
  /** Below this involvement (%) a scan reads CT-0: what a healthy lung measures here. */
  readonly healthyBaselinePercent?: number;
  readonly plausible?: PlausibleLungs;
}

/** The quantification of one volume. */
export interface QuantResult {
  /** 0 none, 1 right lung, 2 left lung, indexed like `volume.hu`. */
  readonly lungMask: Uint8Array;
  /** 0 none, 1 ground-glass opacity, 2 consolidation, indexed like `volume.hu`. */
  readonly infectionMask: Uint8Array;
  readonly lungVolumeMl: number;
  readonly rightLungVolumeMl: number;
  readonly leftLungVolumeMl: number;
  readonly total: RegionFigures;
  readonly right: LungFigures;
  readonly left: LungFigures;
  readonly severity: Severity;
  /** The HU bands used, as stated in reports. */
  readonly bandsHu: {
    readonly ggo: readonly [number, number];
    readonly consolidation: readonly [number, number];
  };
  readonly healthyBaselinePercent: number;
  readonly slices: readonly SliceFigures[];
  readonly findings: readonly QuantFinding[];
}

/**
 * Healthy lungs measure about 0.1–0.5 % with these defaults (dependent density and residual
 * vessel branches), so 1 % separates them from the mildest disease the bands can show.
 */
export const DEFAULT_HEALTHY_BASELINE_PERCENT = 1;

/** Segments and measures the lungs and their infection in one volume. */
export function quantifyVolume(volume: Volume, options: QuantOptions = {}): QuantResult {
  const grid: Grid = {
    columns: volume.columns,
    rows: volume.rows,
    slices: volume.sliceCount,
    spacingMm: [volume.pixelSpacingMm[1], volume.pixelSpacingMm[0], volume.sliceSpacingMm],
  };
  const infectionOptions = options.infection ?? DEFAULT_INFECTION_OPTIONS;
  const baseline = options.healthyBaselinePercent ?? DEFAULT_HEALTHY_BASELINE_PERCENT;

  const lungs = segmentLungs(volume.hu, grid, volume.affine, options.lungs ?? DEFAULT_LUNG_OPTIONS);
  const infectionMask = segmentInfection(volume.hu, lungs.lungMask, grid, infectionOptions);

  const axes = patientAxes(volume.affine);
  const positions = volume.slices.map((slice) => slice.positionMm);
  const measured = measureInvolvement(
    lungs.lungMask,
    infectionMask,
    grid,
    positions,
    axes.cranialIsHighK,
  );

  return {
    lungMask: lungs.lungMask,
    infectionMask,
    lungVolumeMl: measured.total.lungMl,
    rightLungVolumeMl: measured.right.lungMl,
    leftLungVolumeMl: measured.left.lungMl,
    total: measured.total,
    right: measured.right,
    left: measured.left,
    severity: severityOf(measured.total.involvementPercent, baseline),
    bandsHu: { ggo: infectionOptions.ggoHu, consolidation: infectionOptions.consolidationHu },
    healthyBaselinePercent: baseline,
    slices: measured.slices,
    findings: lungFindings(lungs, measured, volume, options.plausible),
  };
}
