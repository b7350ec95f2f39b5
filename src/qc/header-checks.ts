/**
 * The checks that need only the headers, so that they run on every series, volume or not:
 * Slice Thickness against the dataset's expected set, Rows × Columns, Bits Allocated, and
 * whether the slices are axial (their normal within a few degrees of the patient's long axis,
 * the z axis of DICOM patient coordinates, PS3.3 C.7.6.2.1.1).
 */
import type { QcConfig } from '../workspace/config.js';
import type { Vec3 } from '../volume/vector3.js';
import type { QcFlag } from './qc-flag.js';
import type { SeriesHeader } from './series-header.js';

// Beyond this (degrees) the slices are another plane (coronal, sagittal), not a tilted axial.
const REFORMAT_DEGREES = 45;

/** The header flags of a series. */
export function headerFlags(header: SeriesHeader, config: QcConfig): QcFlag[] {
  return [
    ...thicknessFlags(header, config),
    ...matrixFlags(header, config),
    ...axialFlags(header, config),
  ];
}

function thicknessFlags(header: SeriesHeader, config: QcConfig): QcFlag[] {
  const flags: QcFlag[] = [];
  const expected = config.expectedThicknessMm;
  const unexpected = header.sliceThicknessMm.filter(
    (thickness) => !expected.some((mm) => Math.abs(mm - thickness) <= config.thicknessToleranceMm),
  );

  if (unexpected.length > 0) {
    flags.push({
      code: 'THICKNESS_UNEXPECTED',
      severity: 'warn',
      message:
        `Slice Thickness ${unexpected.join(', ')} mm is not in the expected ` +
        `${expected.join(' or ')} mm`,
    });
  }
  if (header.slicesWithoutThickness > 0) {
    flags.push({
      code: 'THICKNESS_MISSING',
      severity: 'info',
      message: `${header.slicesWithoutThickness} slice(s) have no Slice Thickness`,
    });
  }
  return flags;
}

function matrixFlags(header: SeriesHeader, config: QcConfig): QcFlag[] {
  const flags: QcFlag[] = [];
  const odd = header.sizes.filter(
    (size) => size.rows !== config.expectedRows || size.columns !== config.expectedColumns,
  );
  const bits = header.bitsAllocated.filter((value) => value !== config.expectedBitsAllocated);

  if (odd.length > 0) {
    const sizes = odd.map((size) => `${size.columns} × ${size.rows}`).join(', ');
    const expected = `${config.expectedColumns} × ${config.expectedRows}`;
    flags.push({
      code: 'MATRIX_UNEXPECTED',
      severity: 'warn',
      message: `${sizes} pixels, not the expected ${expected}`,
    });
  }
  if (bits.length > 0) {
    flags.push({
      code: 'BITS_UNEXPECTED',
      severity: 'warn',
      message:
        `Bits Allocated ${bits.join(', ')}, not the expected ` + `${config.expectedBitsAllocated}`,
    });
  }
  return flags;
}

function axialFlags(header: SeriesHeader, config: QcConfig): QcFlag[] {
  const worst = Math.max(0, ...header.sliceNormals.map(obliquityDegrees));
  if (worst <= config.maxObliqueDegrees) return [];

  // A reformat in another plane cannot be read slice by slice as a chest CT is; a slightly
  // oblique axial series still can, with distorted per-slice numbers.
  const reformat = worst > REFORMAT_DEGREES;
  return [
    {
      code: 'NOT_AXIAL',
      severity: reformat ? 'error' : 'warn',
      message:
        `the slice normal is ${round(worst)}° from the patient's long axis ` +
        `(${reformat ? 'a coronal or sagittal plane' : 'oblique'}; ` +
        `at most ${config.maxObliqueDegrees}° is axial)`,
    },
  ];
}

/** The angle between a slice normal and the patient's head–feet axis (degrees, 0–90). */
export function obliquityDegrees(normal: Vec3): number {
  return (Math.acos(Math.min(1, Math.abs(normal[2]))) * 180) / Math.PI;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
