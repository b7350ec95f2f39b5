/**
 * What volume assembly reports about a series: problems that stop it becoming a volume, and
 * findings about a volume that was built (missing slices, irregular spacing), each with a code,
 * a severity on the house scale and a plain message, placed by slice position or instance.
 */
import type { ErrorCode } from '../errors.js';

/** Every code volume assembly reports, with its meaning. Never reuse or rename one. */
export const VOLUME_FINDING_CODES = {
  TOO_FEW_SLICES: 'fewer than two image slices at distinct positions: not a volume',
  GEOMETRY_MISSING: 'a slice lacks Image Position, Image Orientation or Pixel Spacing',
  MIXED_ORIENTATIONS: 'the slices do not share one Image Orientation (Patient)',
  MIXED_SIZES: 'the slices do not share one Rows × Columns',
  MIXED_PIXEL_SPACING: 'the slices do not share one Pixel Spacing',
  MIXED_SERIES: 'the instances belong to more than one series',
  PIXELS_UNDECODABLE: 'the pixels of a slice cannot be decoded',
  INSTANCE_UNREADABLE: 'an instance cannot be read or parsed and was left out',
  NOT_AN_IMAGE: 'an instance without Pixel Data was left out',
  LOCALIZER_EXCLUDED: 'localizer (scout) images were left out',
  DUPLICATE_POSITIONS: 'two or more slices share one position along the slice normal',
  MISSING_SLICES: 'gaps of whole slice spacings: slices are missing',
  IRREGULAR_SPACING: 'steps between slices that are not the regular spacing',
  GANTRY_TILT: 'slice positions shift within the image plane: a tilted gantry',
  LOSSY_PIXELS: 'the pixels went through lossy compression',
} as const;

/** A code from {@link VOLUME_FINDING_CODES}. */
export type VolumeFindingCode = keyof typeof VOLUME_FINDING_CODES;

/** error: unusable; warn: could distort results; info: repaired or noted; debug: harmless. */
export type FindingSeverity = 'error' | 'warn' | 'info' | 'debug';

/** One finding about a series. */
export interface VolumeFinding {
  readonly code: VolumeFindingCode;
  readonly severity: FindingSeverity;
  readonly message: string;
  /** Positions along the slice normal (mm) the finding is about, ascending. */
  readonly positionsMm?: readonly number[];
  /** The instances (source names) the finding is about. */
  readonly sources?: readonly string[];
  /** The error behind the finding, for unreadable instances and undecodable pixels. */
  readonly errorCode?: ErrorCode;
}
