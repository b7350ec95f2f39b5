/**
 * The patient table in view. A table is a dense structure outside the body on the side gravity
 * pulls to (behind a supine patient, in front of a prone one): wide — at least half the body's
 * width — and flat — at least three times wider than tall, even when its top is curved up
 * around the patient — and reaching past the body's outline on that side. Arms beside the
 * body are as tall as wide, and wires and electrodes too small, so neither counts.
 */
import type { QcConfig } from '../workspace/config.js';
import type { QcFlag } from './qc-flag.js';
import type { SliceAnatomy } from './slice-anatomy.js';
import type { SliceMeasures } from './slice-survey.js';

const MIN_WIDTH_SHARE = 0.5;
const MIN_FLATNESS = 3;

/** True when a slice shows the table on the side `rowSign` points to (+1: higher rows). */
export function showsTable(anatomy: SliceAnatomy, rowSign: -1 | 1): boolean {
  const body = anatomy.bodyBox;
  if (body === undefined) return false;

  const bodyWidth = body.maxColumn - body.minColumn + 1;
  const bodyCentre = (body.minRow + body.maxRow) / 2;
  return anatomy.outsideDense.some((piece) => {
    const width = piece.maxColumn - piece.minColumn + 1;
    const height = piece.maxRow - piece.minRow + 1;
    const centre = (piece.minRow + piece.maxRow) / 2;
    const beyond =
      rowSign > 0
        ? piece.maxRow > body.maxRow && centre > bodyCentre
        : piece.minRow < body.minRow && centre < bodyCentre;
    return width >= MIN_WIDTH_SHARE * bodyWidth && width >= MIN_FLATNESS * height && beyond;
  });
}

/** The table flag of a series, when enough of its slices with a body show the table. */
export function tableFlags(measures: readonly SliceMeasures[], config: QcConfig): QcFlag[] {
  const withBody = measures.filter((slice) => slice.bodyAreaMm2 > 0).length;
  const sliceIndices = measures.flatMap((slice, index) => (slice.table ? [index] : []));
  if (withBody === 0 || sliceIndices.length < config.tableSliceShare * withBody) return [];

  return [
    {
      code: 'TABLE_IN_VIEW',
      severity: 'warn',
      message:
        `the patient table is in view on ${sliceIndices.length} of ${withBody} ` +
        `slices; segmentation must keep it out of the body`,
      sliceIndices,
    },
  ];
}
