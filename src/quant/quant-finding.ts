/**
 * What quantification reports about a series besides its numbers: masks that look wrong and
 * steps that could not be done as planned, each with a code, a severity and a plain message.
 */
import type { FindingSeverity } from '../volume/volume-finding.js';

/** Every code quantification reports, with its meaning. Never reuse or rename one. */
export const QUANT_FINDING_CODES = {
  NO_LUNGS: 'no lung could be segmented',
  LUNG_VOLUME_IMPLAUSIBLE: 'the total lung volume lies outside the adult range',
  LUNG_ASYMMETRY: 'the left/right lung volume ratio lies outside the plausible range',
  ONE_LUNG_ONLY: 'only one lung was found',
  LUNGS_FUSED: 'the lungs touched and were split at the anterior junction',
  TRACHEA_NOT_FOUND: 'no trachea was found at the top of the scan: airways were not cut away',
  NOT_AXIAL: 'the slices are not axial: lung thirds and sides may be wrong',
} as const;

/** A code from {@link QUANT_FINDING_CODES}. */
export type QuantFindingCode = keyof typeof QUANT_FINDING_CODES;

/** One finding about the quantification of a series. */
export interface QuantFinding {
  readonly code: QuantFindingCode;
  readonly severity: FindingSeverity;
  readonly message: string;
}
