/**
 * The quality flags of a series: the findings of volume assembly, passed on with their own
 * codes, and the flags the quality checks add, each with a severity on the house scale and a
 * plain message, placed by slice index and position where that helps a reader find it.
 */
import type {
  FindingSeverity,
  VolumeFinding,
  VolumeFindingCode,
} from '../volume/volume-finding.js';

/** Every code the quality checks add, with its meaning. Never reuse or rename one. */
export const QC_FLAG_CODES = {
  THICKNESS_UNEXPECTED: 'Slice Thickness is not one the dataset expects',
  THICKNESS_MISSING: 'the slices do not say their Slice Thickness',
  MATRIX_UNEXPECTED: 'Rows × Columns is not the size the dataset expects (512 × 512)',
  BITS_UNEXPECTED: 'Bits Allocated is not what the dataset expects (16)',
  NOT_AXIAL: 'the slices are not axial: the slice normal is off the patient’s long axis',
  LUNG_APEX_CUT: 'the first slice at the head end still shows lung: the apex is cut off',
  LUNG_BASE_CUT: 'the last slice at the feet end still shows lung: the base is cut off',
  NO_LUNGS_SEEN: 'no slice shows lung air: not a chest CT, or not in a lung-readable state',
  TABLE_IN_VIEW: 'the patient table lies in the field of view',
  MOTION_ARTEFACT: 'body outlines ghosted or jumping between neighbouring slices: motion',
  CONTRAST_ENHANCED: 'the mediastinal blood pool is denser than unenhanced blood: contrast given',
  HEAVY_NOISE: 'the noise in soft tissue is above the dataset’s limit',
  IMAGE_CHECKS_SKIPPED: 'the image checks need axial slices and were not run',
} as const;

/** A code from {@link QC_FLAG_CODES}. */
export type QcFlagCode = keyof typeof QC_FLAG_CODES;

/** One quality flag of a series. */
export interface QcFlag {
  readonly code: QcFlagCode | VolumeFindingCode;
  readonly severity: FindingSeverity;
  readonly message: string;
  /** Slice indices in the volume (ascending along the normal, from 0). */
  readonly sliceIndices?: readonly number[];
  /** Positions along the slice normal (mm), ascending. */
  readonly positionsMm?: readonly number[];
  /** The instances (source names) the flag is about. */
  readonly sources?: readonly string[];
}

/** A volume-assembly finding as a flag (the same code, severity, message and places). */
export function flagOfFinding(finding: VolumeFinding): QcFlag {
  return {
    code: finding.code,
    severity: finding.severity,
    message: finding.message,
    ...(finding.positionsMm === undefined ? {} : { positionsMm: finding.positionsMm }),
    ...(finding.sources === undefined ? {} : { sources: finding.sources }),
  };
}
