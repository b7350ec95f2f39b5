/**
 * The label values of the masks quantification writes, shared with every writer of NIfTI,
 * DICOM Segmentation and PNG outputs so that a value means the same thing everywhere.
 */

/** Lung mask values: 0 outside the lungs. */
export const LUNG_LABEL = { right: 1, left: 2 } as const;

/** Infection mask values: 0 no infection. */
export const INFECTION_LABEL = { ggo: 1, consolidation: 2 } as const;
