/**
 * The JSON sidecar written beside each exported volume: what a researcher needs to use it
 * without the DICOM (spacing, orientation, slice thickness, scanner, series UID), and what
 * ctbank found on the way. Only de-identified series attributes and geometry go in.
 */
import type { Volume } from '../volume/volume.js';
import type { VolumeFinding } from '../volume/volume-finding.js';
import type { SeriesAttributes } from './export-series.js';
import { lpsToRas } from './nifti-orientation.js';

/** The sidecar's content; lengths in mm, keys camelCase. */
export interface NiftiSidecar extends SeriesAttributes {
  readonly dimensions: readonly [columns: number, rows: number, slices: number];
  readonly pixelSpacingMm: readonly [row: number, column: number];
  readonly sliceSpacingMm: number;
  /** Slice Thickness of the instances, when they agree; it may differ from the spacing. */
  readonly sliceThicknessMm: number | null;
  /** Image Orientation (Patient): row then column direction cosines, LPS. */
  readonly imageOrientationPatient: readonly number[];
  /** Image Position (Patient) of the first slice in the file, LPS mm. */
  readonly imagePositionPatient: readonly number[];
  readonly gantryTiltDegrees: number;
  /** Voxel (i, j, k) to DICOM patient LPS mm, row-major 4 × 4. */
  readonly affineLps: readonly number[];
  /** Voxel (i, j, k) to RAS mm, the NIfTI sform, row-major 4 × 4. */
  readonly affineRas: readonly number[];
  readonly units: 'HU';
  readonly lossyCompression: boolean;
  readonly findings: readonly { code: string; severity: string; message: string }[];
}

/** The sidecar of one exported volume. */
export function niftiSidecar(
  attributes: SeriesAttributes,
  volume: Volume,
  findings: readonly VolumeFinding[],
): NiftiSidecar {
  const thicknesses = new Set(volume.slices.flatMap((slice) => slice.sliceThicknessMm ?? []));
  const [thickness] = thicknesses;

  return {
    ...attributes,
    dimensions: [volume.columns, volume.rows, volume.sliceCount],
    pixelSpacingMm: volume.pixelSpacingMm,
    sliceSpacingMm: volume.sliceSpacingMm,
    sliceThicknessMm: thicknesses.size === 1 && thickness !== undefined ? thickness : null,
    imageOrientationPatient: [...volume.rowCosines, ...volume.columnCosines],
    imagePositionPatient: volume.origin,
    gantryTiltDegrees: volume.gantryTiltDegrees,
    affineLps: volume.affine,
    affineRas: lpsToRas(volume.affine),
    units: 'HU',
    lossyCompression: volume.lossy,
    // Finding messages name source files; the sidecar keeps only what is said about the series.
    findings: findings.map(({ code, severity, message }) => ({ code, severity, message })),
  };
}
