/**
 * Compares two data sets element by element at every depth: what a round trip through the
 * writer, or a de-identification that must leave some elements alone, is checked with.
 */
import type { DicomDataset, DicomElement } from './dataset.js';
import { paddingOf } from './dataset-encoding.js';
import { tagText } from './dictionary.js';

/** Choices for {@link datasetDifferences}. */
export interface DifferenceOptions {
  /** Leave out group lengths (gggg,0000), which the writer drops (PS3.5 7.2). */
  readonly ignoreGroupLengths?: boolean;
  /**
   * Accept a value of `after` that is the value of `before` plus one padding byte, as the
   * writer pads odd lengths to even (PS3.5 7.1.1).
   */
  readonly allowPadding?: boolean;
}

/** Every difference between two data sets, one line each (`(0040,0275)[0](0008,0104): …`). */
export function datasetDifferences(
  before: DicomDataset,
  after: DicomDataset,
  options: DifferenceOptions = {},
): string[] {
  const differences: string[] = [];
  compareDatasets(before, after, '', options, differences);
  return differences;
}

function compareDatasets(
  before: DicomDataset,
  after: DicomDataset,
  path: string,
  options: DifferenceOptions,
  out: string[],
): void {
  const kept = (element: DicomElement): boolean =>
    options.ignoreGroupLengths !== true || element.tag % 0x10000 !== 0;
  const left = before.elements.filter(kept);
  const right = after.elements.filter(kept);

  const rightByTag = new Map(right.map((element) => [element.tag, element]));
  for (const element of left) {
    const other = rightByTag.get(element.tag);
    const where = path + tagText(element.tag);
    if (other === undefined) out.push(`${where}: missing after`);
    else compareElements(element, other, where, options, out);
  }

  const leftTags = new Set(left.map((element) => element.tag));
  for (const element of right) {
    if (!leftTags.has(element.tag)) out.push(`${path}${tagText(element.tag)}: added after`);
  }
}

function compareElements(
  before: DicomElement,
  after: DicomElement,
  where: string,
  options: DifferenceOptions,
  out: string[],
): void {
  if (before.vr !== after.vr) out.push(`${where}: VR ${before.vr} became ${after.vr}`);

  if (before.items !== undefined || after.items !== undefined) {
    const left = before.items ?? [];
    const right = after.items ?? [];
    if (left.length !== right.length) {
      out.push(`${where}: ${left.length} items became ${right.length}`);
    }
    for (let i = 0; i < Math.min(left.length, right.length); i++) {
      compareDatasets(
        left[i] ?? { elements: [] },
        right[i] ?? { elements: [] },
        `${where}[${i}]`,
        options,
        out,
      );
    }
    return;
  }

  if (before.fragments !== undefined || after.fragments !== undefined) {
    const left = before.fragments ?? [];
    const right = after.fragments ?? [];
    if (left.length !== right.length) {
      out.push(`${where}: ${left.length} fragments became ${right.length}`);
    }
    for (let i = 0; i < Math.min(left.length, right.length); i++) {
      if (!sameValue(left[i], right[i], 0x00, options)) out.push(`${where}: fragment ${i} differs`);
    }
    return;
  }

  if (!sameValue(before.value, after.value, paddingOf(before.vr), options)) {
    out.push(`${where}: value differs`);
  }
}

function sameValue(
  before: Uint8Array | undefined,
  after: Uint8Array | undefined,
  padding: number,
  options: DifferenceOptions,
): boolean {
  const left = before ?? new Uint8Array(0);
  const right = after ?? new Uint8Array(0);
  const padded =
    options.allowPadding === true &&
    left.length % 2 === 1 &&
    right.length === left.length + 1 &&
    right[left.length] === padding;
  if (right.length !== left.length && !padded) return false;

  return Buffer.compare(left, right.subarray(0, left.length)) === 0;
}
