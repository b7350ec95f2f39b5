/**
 * Private (odd-group) elements under the Basic Profile and the Retain Safe Private Option
 * (PS3.15 E.3.10): all go, unless the profile retains safe private attributes and the element
 * is on the allow-list, named by its private creator and its element byte within the block
 * (PS3.5 7.8.1: creator (gggg,00xx) reserves the block (gggg,xx00-xxFF)). A creator stays
 * only while an element of its block stays.
 */
import type { DicomDataset } from '../dicom/dataset.js';
import { isPrivateTag } from './annex-e-lookup.js';
import type { DeidProfile } from './profile.js';
import { readText } from './text-values.js';

/** A block of private elements: group and block byte, as one number. */
type BlockKey = number;

/** The private creators of one data set or item, and the allow-list to judge it by. */
export class PrivateBlocks {
  private readonly creators = new Map<BlockKey, string>();
  private readonly allowed: ReadonlySet<string>;

  constructor(dataset: DicomDataset, encoding: string, profile: DeidProfile) {
    // Only odd groups hold creators: a standard (gggg,0010) element such as Pixel Data
    // (7FE0,0010) has the same element number and must not be decoded as one.
    for (const element of dataset.elements) {
      if (isPrivateTag(element.tag) && isCreatorTag(element.tag)) {
        this.creators.set(blockOfCreator(element.tag), readText(element, encoding));
      }
    }

    const entries = profile.retainSafePrivate ? profile.safePrivateAllowList : [];
    this.allowed = new Set(entries.map((entry) => allowKey(entry.creator, entry.tag)));
  }

  /** True when the private data element is allow-listed under its block's creator. */
  isAllowed(tag: number): boolean {
    if (this.allowed.size === 0 || isCreatorTag(tag) || blockByte(tag) < 0x10) return false;

    const creator = this.creators.get(blockOfElement(tag));
    if (creator === undefined) return false;

    const group = (tag >>> 16).toString(16).toUpperCase().padStart(4, '0');
    const element = (tag & 0xff).toString(16).toUpperCase().padStart(2, '0');
    return this.allowed.has(allowKey(creator, `${group},xx${element}`));
  }
}

/** True for a private creator element (gggg,0010-00FF) of an odd group. */
export function isCreatorTag(tag: number): boolean {
  const element = tag & 0xffff;
  return element >= 0x10 && element <= 0xff;
}

/** The block a private data element belongs to. */
export function blockOfElement(tag: number): BlockKey {
  return (tag >>> 16) * 0x100 + blockByte(tag);
}

/** The block a private creator reserves. */
export function blockOfCreator(tag: number): BlockKey {
  return (tag >>> 16) * 0x100 + (tag & 0xff);
}

function blockByte(tag: number): number {
  return (tag >>> 8) & 0xff;
}

function allowKey(creator: string, tag: string): string {
  return `${creator.trim()}\u0000${tag.toUpperCase().replace('XX', 'xx')}`;
}
