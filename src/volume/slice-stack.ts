/**
 * Turns the slice headers of a series into one ordered stack, or says why it cannot be one.
 * Localizers and instances without pixels are left out; the rest must share size, orientation
 * and pixel spacing. Slices are ordered by Image Position (Patient) projected on the normal
 * (row cosines × column cosines, PS3.3 C.7.6.2.1.1), never by file name or Instance Number.
 */
import type { SliceHeader } from './slice-header.js';
import { analyseSpacing } from './slice-spacing.js';
import {
  cross,
  dot,
  maxDifference,
  norm,
  normalize,
  scale,
  subtract,
  type Vec3,
} from './vector3.js';
import type { VoxelGrid } from './volume-affine.js';
import type { VolumeFinding } from './volume-finding.js';

/** A slice with its place along the normal. */
export interface StackedSlice {
  readonly header: SliceHeader;
  readonly positionMm: number;
  readonly imagePositionPatient: Vec3;
}

/** An ordered stack: its slices in ascending position and the grid they span. */
export interface SliceStack extends VoxelGrid {
  readonly slices: readonly StackedSlice[];
  readonly rows: number;
  readonly columns: number;
  readonly sliceNormal: Vec3;
  readonly sliceSpacingMm: number;
  readonly gantryTiltDegrees: number;
}

/** A stack with what was noticed on the way, or the problem that stops it. */
export type StackResult =
  | { readonly ok: true; readonly stack: SliceStack; readonly findings: VolumeFinding[] }
  | { readonly ok: false; readonly problem: VolumeFinding; readonly findings: VolumeFinding[] };

// Direction cosines are written with 5 or 6 decimals; a real change of plane moves them far more.
const ORIENTATION_TOLERANCE = 1e-3;
const PIXEL_SPACING_TOLERANCE_MM = 1e-3;
// Below this the in-plane drift of positions is rounding, not a tilted gantry (degrees).
const TILT_THRESHOLD_DEGREES = 0.1;

/** Orders the slices of one series into a stack. */
export function stackSlices(headers: readonly SliceHeader[]): StackResult {
  const findings: VolumeFinding[] = [];
  const images = keepImages(headers, findings);

  const first = images[0];
  if (images.length < 2 || first === undefined) {
    return fail(
      'TOO_FEW_SLICES',
      `${images.length} image slice(s): a volume needs two or more`,
      findings,
    );
  }
  const mixed = mixedAttribute(images, first);
  if (mixed !== undefined) return { ok: false, problem: mixed, findings };

  const geometry = geometryOf(first);
  if (geometry === undefined) {
    return fail('GEOMETRY_MISSING', 'the slices have no plane geometry', findings);
  }
  const slices = images
    .map((header) => stacked(header, geometry.normal))
    .sort((a, b) => a.positionMm - b.positionMm || order(a.header, b.header));

  const spacing = analyseSpacing(slices.map((slice) => slice.positionMm));
  findings.push(...spacing.findings);
  const lowest = slices[0];
  const highest = slices[slices.length - 1];
  if (spacing.sliceSpacingMm === 0 || lowest === undefined || highest === undefined) {
    return fail('TOO_FEW_SLICES', `all ${slices.length} slices lie at one position`, findings);
  }

  const tilt = tiltOf(lowest, highest, geometry.normal);
  if (tilt.degrees > 0) {
    findings.push({
      code: 'GANTRY_TILT',
      severity: 'info',
      message:
        `slices step ${round(tilt.degrees)}° off their normal (gantry tilt); the ` +
        `affine is sheared to keep them in place`,
    });
  }
  return {
    ok: true,
    findings,
    stack: {
      slices,
      rows: first.rows,
      columns: first.columns,
      origin: lowest.imagePositionPatient,
      rowCosines: geometry.row,
      columnCosines: geometry.column,
      sliceNormal: geometry.normal,
      pixelSpacingMm: geometry.pixelSpacingMm,
      sliceSpacingMm: spacing.sliceSpacingMm,
      sliceStepMm: scale(tilt.stepPerMm, spacing.sliceSpacingMm),
      gantryTiltDegrees: tilt.degrees,
    },
  };
}

interface Tilt {
  readonly degrees: number;
  /** Patient-space move per mm along the normal: the normal itself without tilt. */
  readonly stepPerMm: Vec3;
}

// The mean move of Image Position per mm along the normal, end slice to end slice: its
// in-plane part is the shear of a tilted gantry.
function tiltOf(lowest: StackedSlice, highest: StackedSlice, normal: Vec3): Tilt {
  const drift = scale(
    subtract(highest.imagePositionPatient, lowest.imagePositionPatient),
    1 / (highest.positionMm - lowest.positionMm),
  );
  const degrees = (Math.acos(Math.min(1, 1 / norm(drift))) * 180) / Math.PI;

  return degrees < TILT_THRESHOLD_DEGREES
    ? { degrees: 0, stepPerMm: normal }
    : { degrees, stepPerMm: drift };
}

// Leaves out what is not a slice of the volume: instances without pixels, and localizers
// (Image Type value 3 LOCALIZER, PS3.3 C.8.2.1.1.1), recording each as a finding.
function keepImages(headers: readonly SliceHeader[], findings: VolumeFinding[]): SliceHeader[] {
  const withoutPixels = headers.filter((header) => !header.hasPixelData);
  const localizers = headers.filter(
    (header) => header.hasPixelData && header.imageType.includes('LOCALIZER'),
  );

  if (withoutPixels.length > 0) {
    findings.push({
      code: 'NOT_AN_IMAGE',
      severity: 'debug',
      message: `${withoutPixels.length} instance(s) without Pixel Data left out`,
      sources: withoutPixels.map((header) => header.source),
    });
  }
  if (localizers.length > 0) {
    findings.push({
      code: 'LOCALIZER_EXCLUDED',
      severity: 'info',
      message: `${localizers.length} localizer image(s) left out`,
      sources: localizers.map((header) => header.source),
    });
  }
  return headers.filter((header) => header.hasPixelData && !header.imageType.includes('LOCALIZER'));
}

function mixedAttribute(
  images: readonly SliceHeader[],
  first: SliceHeader,
): VolumeFinding | undefined {
  const missing = images.filter((header) => geometryOf(header) === undefined);
  const reference = geometryOf(first);
  if (missing.length > 0 || reference === undefined) {
    const message =
      `${missing.length} slice(s) lack Image Position, Image Orientation ` + `or Pixel Spacing`;
    return problem('GEOMETRY_MISSING', message, missing);
  }

  const resized = images.filter(
    (header) => header.rows !== first.rows || header.columns !== first.columns,
  );
  if (resized.length > 0) {
    const message =
      `${resized.length} slice(s) differ from ${first.columns} × ` + `${first.rows} pixels`;
    return problem('MIXED_SIZES', message, resized);
  }

  const turned = images.filter((header) => {
    const plane = geometryOf(header) ?? reference;
    const turn = Math.max(
      maxDifference(plane.row, reference.row),
      maxDifference(plane.column, reference.column),
    );
    return turn > ORIENTATION_TOLERANCE;
  });
  if (turned.length > 0) {
    const message = `${turned.length} slice(s) lie in another plane than the first`;
    return problem('MIXED_ORIENTATIONS', message, turned);
  }

  const [rowSpacing, columnSpacing] = reference.pixelSpacingMm;
  const rescaled = images.filter((header) => {
    const [row, column] = geometryOf(header)?.pixelSpacingMm ?? reference.pixelSpacingMm;
    const change = Math.max(Math.abs(row - rowSpacing), Math.abs(column - columnSpacing));
    return change > PIXEL_SPACING_TOLERANCE_MM;
  });
  if (rescaled.length > 0) {
    const spacing = `${rowSpacing} × ${columnSpacing} mm`;
    const message = `${rescaled.length} slice(s) differ from a pixel spacing of ${spacing}`;
    return problem('MIXED_PIXEL_SPACING', message, rescaled);
  }
  return undefined;
}

interface PlaneGeometry {
  readonly row: Vec3;
  readonly column: Vec3;
  readonly normal: Vec3;
  readonly pixelSpacingMm: readonly [number, number];
}

function geometryOf(header: SliceHeader): PlaneGeometry | undefined {
  const [row, column] = header.imageOrientationPatient ?? [];
  if (row === undefined || column === undefined || header.imagePositionPatient === undefined)
    return undefined;
  if (header.pixelSpacingMm === undefined) return undefined;

  const normal = cross(row, column);
  if (norm(normal) < 0.5) return undefined; // row and column cosines (nearly) parallel
  return {
    row: normalize(row),
    column: normalize(column),
    normal: normalize(normal),
    pixelSpacingMm: header.pixelSpacingMm,
  };
}

function stacked(header: SliceHeader, normal: Vec3): StackedSlice {
  const imagePositionPatient = header.imagePositionPatient ?? [0, 0, 0];
  return { header, imagePositionPatient, positionMm: dot(imagePositionPatient, normal) };
}

// Slices at one position keep a stable order: by Instance Number, then as given.
function order(a: SliceHeader, b: SliceHeader): number {
  return (
    (a.instanceNumber ?? 0) - (b.instanceNumber ?? 0) ||
    a.instanceIndex - b.instanceIndex ||
    a.frameIndex - b.frameIndex
  );
}

function problem(
  code: VolumeFinding['code'],
  message: string,
  slices: readonly SliceHeader[],
): VolumeFinding {
  return {
    code,
    severity: 'error',
    message,
    sources: [...new Set(slices.map((slice) => slice.source))],
  };
}

function fail(
  code: VolumeFinding['code'],
  message: string,
  findings: VolumeFinding[],
): StackResult {
  return { ok: false, problem: { code, severity: 'error', message }, findings };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
