/**
 * Findings about a lung mask a radiologist would not believe: a total volume outside the adult
 * range, one lung far larger than the other, one lung only, fused lungs, no trachea found, and
 * slices that are not axial.
 */
import type { Volume } from '../volume/volume.js';
import type { LungFigures, RegionFigures } from './involvement.js';
import type { LungSegmentation } from './lung-segmentation.js';
import type { QuantFinding } from './quant-finding.js';

/** The plausible ranges of a lung mask. */
export interface PlausibleLungs {
  /** Total lung volume of an adult at inspiration, mL. */
  readonly totalMl: readonly [number, number];
  /** Left / right volume ratio (the right lung is usually about 10 % larger). */
  readonly leftToRight: readonly [number, number];
}

/** Adult defaults. */
export const DEFAULT_PLAUSIBLE_LUNGS: PlausibleLungs = {
  totalMl: [1500, 9000],
  leftToRight: [0.5, 2],
};

// The slice normal of an axial series lies within this angle of patient z (degrees).
const AXIAL_TOLERANCE_DEGREES = 30;

/** Findings about one segmentation and its volumes. */
export function lungFindings(
  lungs: LungSegmentation,
  measured: { total: RegionFigures; right: LungFigures; left: LungFigures },
  volume: Volume,
  plausible: PlausibleLungs = DEFAULT_PLAUSIBLE_LUNGS,
): QuantFinding[] {
  const findings: QuantFinding[] = [];
  const { total, right, left } = measured;
  const litres = (ml: number): string => `${(ml / 1000).toFixed(2)} L`;

  const tilt = (Math.acos(Math.min(1, Math.abs(volume.sliceNormal[2]))) * 180) / Math.PI;
  if (tilt > AXIAL_TOLERANCE_DEGREES) {
    findings.push({
      code: 'NOT_AXIAL',
      severity: 'warn',
      message: `the slice normal is ${tilt.toFixed(0)}° from the patient's long axis`,
    });
  }
  if (total.lungMl === 0) {
    findings.push({ code: 'NO_LUNGS', severity: 'error', message: 'no lung was segmented' });
    return findings;
  }
  if (lungs.tracheaSlice === undefined) {
    findings.push({
      code: 'TRACHEA_NOT_FOUND',
      severity: 'info',
      message: 'no trachea at the top of the scan: central airways may be inside the lung mask',
    });
  }
  if (lungs.separation === 'split-at-junction') {
    findings.push({
      code: 'LUNGS_FUSED',
      severity: 'info',
      message: 'the lungs touched; they were split where an erosion first parted them',
    });
  }
  if (right.lungMl === 0 || left.lungMl === 0) {
    const found = right.lungMl === 0 ? 'left' : 'right';
    findings.push({
      code: 'ONE_LUNG_ONLY',
      severity: 'warn',
      message: `only the ${found} lung was found (${litres(total.lungMl)})`,
    });
  } else {
    const ratio = left.lungMl / right.lungMl;
    const [low, high] = plausible.leftToRight;
    if (ratio < low || ratio > high) {
      findings.push({
        code: 'LUNG_ASYMMETRY',
        severity: 'warn',
        message: `left/right lung volume ratio ${ratio.toFixed(2)} lies outside ${low}–${high}`,
      });
    }
  }
  const [lowMl, highMl] = plausible.totalMl;
  if (total.lungMl < lowMl || total.lungMl > highMl) {
    findings.push({
      code: 'LUNG_VOLUME_IMPLAUSIBLE',
      severity: 'warn',
      message:
        `total lung volume ${litres(total.lungMl)} lies outside ` +
        `${litres(lowMl)}–${litres(highMl)}`,
    });
  }
  return findings;
}
