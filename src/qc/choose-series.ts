/**
 * The series of a study best suited for analysis, from the quality reports of its series, in
 * the order a radiologist would weigh them: a volume without error flags first; then axial;
 * then lungs covered end to end (a whole-lung measure needs both ends); then a Slice Thickness
 * the dataset expects, thinner before thicker (finer lesions, and both expected values are
 * ones the protocol allows); then fewer warnings; then more slices. Ties keep the order given.
 */
import type { QcConfig } from '../workspace/config.js';
import type { QcReport } from './check-series.js';

/** The chosen series and why, in one sentence. */
export interface SeriesChoice {
  readonly seriesInstanceUid: string | undefined;
  readonly reason: string;
  readonly report: QcReport;
}

/** Chooses the best series of one study; undefined when there are no reports. */
export function chooseSeries(
  reports: readonly QcReport[],
  config: Pick<QcConfig, 'expectedThicknessMm' | 'thicknessToleranceMm'>,
): SeriesChoice | undefined {
  const ranked = reports
    .map((report, order) => ({ report, order, key: rankKey(report, config) }))
    .sort((a, b) => compareKeys(a.key, b.key) || a.order - b.order);
  const best = ranked[0];
  if (best === undefined) return undefined;

  return {
    seriesInstanceUid: best.report.seriesInstanceUid,
    reason: reasonFor(best.report, reports.length, config),
    report: best.report,
  };
}

// Lower is better in every place.
function rankKey(
  report: QcReport,
  config: Pick<QcConfig, 'expectedThicknessMm' | 'thicknessToleranceMm'>,
): number[] {
  const thickness = report.sliceThicknessMm;
  return [
    usable(report) ? 0 : 1,
    report.axial ? 0 : 1,
    report.lungCoverage === 'complete' ? 0 : 1,
    expectedThickness(thickness, config) ? 0 : 1,
    thickness ?? Infinity,
    count(report, 'warn'),
    -report.sliceCount,
  ];
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

function usable(report: QcReport): boolean {
  return report.isVolume && count(report, 'error') === 0;
}

function expectedThickness(
  thickness: number | undefined,
  config: Pick<QcConfig, 'expectedThicknessMm' | 'thicknessToleranceMm'>,
): boolean {
  return (
    thickness !== undefined &&
    config.expectedThicknessMm.some((mm) => Math.abs(mm - thickness) <= config.thicknessToleranceMm)
  );
}

function count(report: QcReport, severity: 'error' | 'warn'): number {
  return report.flags.filter((flag) => flag.severity === severity).length;
}

function reasonFor(
  report: QcReport,
  candidates: number,
  config: Pick<QcConfig, 'expectedThicknessMm' | 'thicknessToleranceMm'>,
): string {
  const name = report.seriesDescription ?? report.seriesInstanceUid ?? 'the series';
  if (!usable(report)) {
    return (
      `No series of the ${candidates} is usable; ${name} is the least bad ` +
      `(${count(report, 'error')} error flag(s)).`
    );
  }

  const thickness = report.sliceThicknessMm;
  const parts = [
    report.axial ? 'axial' : 'not axial',
    thickness === undefined
      ? 'of unknown thickness'
      : `${thickness} mm ` +
        `thick${expectedThickness(thickness, config) ? '' : ' (not an expected thickness)'}`,
    report.lungCoverage === 'complete' ? 'lungs covered end to end' : 'lungs not fully covered',
    `${count(report, 'warn')} warning(s)`,
    `${report.sliceCount} slices`,
  ];
  return `Chose ${name} of ${candidates} series: a volume without errors, ${parts.join(', ')}.`;
}
