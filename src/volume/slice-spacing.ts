/**
 * The spacing of a sorted slice stack, from positions along the normal (never from Slice
 * Thickness, which says how thick a slice is, not how far apart slices are): the regular step,
 * and every place where the stack departs from it, reported rather than repaired.
 */
import type { VolumeFinding } from './volume-finding.js';

/** The regular spacing of a stack and what departs from it. */
export interface SpacingAnalysis {
  /** The median of the steps between distinct positions (mm); 0 when all positions coincide. */
  readonly sliceSpacingMm: number;
  readonly findings: VolumeFinding[];
}

// Positions closer than this (mm) are one position: DS values carry about 0.01 mm.
const DUPLICATE_TOLERANCE_MM = 0.01;
// A step may differ from the regular spacing by this much before it is irregular: DS rounding of
// positions (often to 0.1 mm) and table jitter stay inside, a skipped slice never does.
const SPACING_TOLERANCE_MM = 0.05;
const SPACING_TOLERANCE_SHARE = 0.02;
// A step within this share of a whole multiple of the spacing is a run of missing slices.
const MULTIPLE_TOLERANCE = 0.1;
const PLACES_IN_MESSAGE = 5;

/** Analyses ascending positions along the slice normal (mm). */
export function analyseSpacing(positionsMm: readonly number[]): SpacingAnalysis {
  const steps = positionsMm.slice(1).map((position, index) => position - (positionsMm[index] ?? 0));
  const distinct = steps.filter((step) => step >= DUPLICATE_TOLERANCE_MM);
  const sliceSpacingMm = median(distinct);
  if (sliceSpacingMm === 0) return { sliceSpacingMm, findings: [] };

  const tolerance = Math.max(SPACING_TOLERANCE_MM, SPACING_TOLERANCE_SHARE * sliceSpacingMm);
  const duplicates: number[] = [];
  const gaps: [number, number][] = [];
  const irregular: [number, number][] = [];
  let missingCount = 0;

  steps.forEach((step, index) => {
    const before = positionsMm[index] ?? 0;
    const after = positionsMm[index + 1] ?? 0;
    const multiple = Math.round(step / sliceSpacingMm);
    if (step < DUPLICATE_TOLERANCE_MM) {
      duplicates.push(before);
    } else if (Math.abs(step - sliceSpacingMm) <= tolerance) {
      return;
    } else if (multiple >= 2 && Math.abs(step / sliceSpacingMm - multiple) <= MULTIPLE_TOLERANCE) {
      gaps.push([before, after]);
      missingCount += multiple - 1;
    } else {
      irregular.push([before, after]);
    }
  });

  const findings: VolumeFinding[] = [];
  if (duplicates.length > 0) {
    findings.push({
      code: 'DUPLICATE_POSITIONS',
      severity: 'warn',
      message:
        `more than one slice at ${places(duplicates.map((z) => [z]))} mm; every ` + `slice is kept`,
      positionsMm: duplicates,
    });
  }
  if (gaps.length > 0) {
    findings.push({
      code: 'MISSING_SLICES',
      severity: 'warn',
      message:
        `${missingCount} slice(s) missing at a spacing of ` +
        `${round(sliceSpacingMm)} mm, between ${places(gaps)} mm`,
      positionsMm: gaps.flat(),
    });
  }
  if (irregular.length > 0) {
    findings.push({
      code: 'IRREGULAR_SPACING',
      severity: 'warn',
      message:
        `${irregular.length} step(s) differ from the spacing of ` +
        `${round(sliceSpacingMm)} mm, between ${places(irregular)} mm`,
      positionsMm: irregular.flat(),
    });
  }
  return { sliceSpacingMm, findings };
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;

  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function places(ranges: readonly (readonly number[])[]): string {
  const shown = ranges.slice(0, PLACES_IN_MESSAGE).map((range) => range.map(round).join(' and '));
  const more =
    ranges.length > PLACES_IN_MESSAGE ? ` and ${ranges.length - PLACES_IN_MESSAGE} more` : '';
  return shown.join(', ') + more;
}

function round(mm: number): number {
  return Math.round(mm * 100) / 100;
}
