/**
 * Per-frame attributes of multi-frame images (PS3.3 C.7.6.16, Multi-frame Functional Groups):
 * a functional group macro is read from the frame's item of the Per-frame Functional Groups
 * Sequence, else from the Shared Functional Groups Sequence. Single-frame images have neither,
 * and their attributes sit at the top level of the data set.
 */
import type { DicomDataset } from './dataset.js';
import { itemsOf } from './pixel-element-values.js';
import type { Keyword } from './tags.js';

/**
 * The one item of a functional group macro (e.g. PlanePositionSequence) that applies to a
 * frame, or undefined when neither the frame's nor the shared groups hold it.
 */
export function functionalGroupOf(
  dataset: DicomDataset,
  frameIndex: number,
  macro: Keyword,
): DicomDataset | undefined {
  const perFrame = itemsOf(dataset, 'PerFrameFunctionalGroupsSequence')[frameIndex];
  const own = perFrame === undefined ? undefined : itemsOf(perFrame, macro)[0];
  if (own !== undefined) return own;

  const shared = itemsOf(dataset, 'SharedFunctionalGroupsSequence')[0];
  return shared === undefined ? undefined : itemsOf(shared, macro)[0];
}

/**
 * The data set to read a frame's attribute from: the macro item when the image has one for the
 * frame, else the top level (single-frame images, and multi-frame images that are not enhanced).
 */
export function frameAttributesOf(
  dataset: DicomDataset,
  frameIndex: number,
  macro: Keyword,
): DicomDataset {
  return functionalGroupOf(dataset, frameIndex, macro) ?? dataset;
}
