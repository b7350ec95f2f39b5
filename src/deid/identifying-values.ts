/**
 * The names, IDs and dates of one instance that descriptors must not repeat, collected from
 * every element at every depth before anything is changed (PS3.15 E.3.4 asks descriptors to
 * lose "identifying information"; this is what the headers themselves say identifies).
 */
import type { DicomDataset } from '../dicom/dataset.js';
import type { Vr } from '../dicom/vr.js';
import { isPrivateTag } from './annex-e-lookup.js';
import { datePart } from './date-shift.js';
import type { Resolution } from './resolve-action.js';
import { encodingOfDataset, readValues } from './text-values.js';

/** Identifying values of one instance. */
export interface IdentifyingValues {
  /** Names, name parts and identifiers, as written. */
  readonly phrases: string[];
  /** Every date (YYYYMMDD) found in a DA or DT element. */
  readonly dates: string[];
}

/** Resolves an element's action at a depth, as the engine will. */
export type Resolver = (tag: number, vr: Vr, depth: number) => Resolution;

// Free-text VRs whose value, when the profile removes, empties or dummies it, is an identifier
// (IDs, institution names and addresses, station names, AE titles).
const IDENTIFIER_VRS: ReadonlySet<Vr> = new Set(['LO', 'SH', 'ST', 'AE', 'UC']);

// PN components (PS3.5 6.2.1): family, given, middle, prefix, suffix. Prefixes and suffixes
// ("Dr", "Jr") identify no one and are common words, so they are not collected.
const NAME_COMPONENTS = 3;

/** Collects identifying values from a data set, all its items, at every depth. */
export function collectIdentifyingValues(
  dataset: DicomDataset,
  encoding: string,
  resolve: Resolver,
): IdentifyingValues {
  const found: IdentifyingValues = { phrases: [], dates: [] };
  visit(dataset, encoding, 0, resolve, found);
  return found;
}

function visit(
  dataset: DicomDataset,
  inherited: string,
  depth: number,
  resolve: Resolver,
  found: IdentifyingValues,
): void {
  const encoding = encodingOfDataset(dataset, inherited);

  for (const element of dataset.elements) {
    if (isPrivateTag(element.tag)) continue;
    for (const item of element.items ?? []) visit(item, encoding, depth + 1, resolve, found);
    if (element.value === undefined || element.value.length === 0) continue;

    if (element.vr === 'PN') {
      for (const name of readValues(element, encoding)) found.phrases.push(...nameParts(name));
    } else if (element.vr === 'DA' || element.vr === 'DT') {
      for (const value of readValues(element, encoding)) {
        const date = datePart(value);
        if (date !== undefined) found.dates.push(date);
      }
    } else if (
      IDENTIFIER_VRS.has(element.vr) &&
      isIdentifier(resolve(element.tag, element.vr, depth))
    ) {
      found.phrases.push(...readValues(element, encoding));
    }
  }
}

// The table removes, empties or dummies it, and it is not a descriptor the profile cleans.
function isIdentifier(resolution: Resolution): boolean {
  const byTable = ['basic', 'iod-type', 'policy'].includes(resolution.rule);
  const removed =
    resolution.action === 'X' || resolution.action === 'Z' || resolution.action === 'D';
  const descriptor = resolution.row?.options.cleanDescriptors !== undefined;

  return byTable && removed && !descriptor;
}

/**
 * The parts of a person name worth removing from text: each component group's whole name
 * (components joined by spaces), each component, and each word of a component.
 */
export function nameParts(name: string): string[] {
  const parts: string[] = [];

  for (const group of name.split('=')) {
    const components = group
      .split('^')
      .slice(0, NAME_COMPONENTS)
      .map((part) => part.trim());
    const present = components.filter((part) => part.length > 0);
    if (present.length === 0) continue;

    // Scripts without spaces between words write the family and given names run together.
    parts.push(present.join(' '), present.join(''));
    for (const component of present) {
      parts.push(component, ...component.split(/\s+/).filter((word) => word.length >= 2));
    }
  }
  return parts;
}
