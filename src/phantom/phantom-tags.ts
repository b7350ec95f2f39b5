/**
 * The private blocks of the phantom's fictional hospital systems (odd groups, PS3.5 section
 * 7.8), beside the standard dictionary: the elements a phantom slice is written with.
 */
import { TAGS } from '../dicom/tags.js';
import type { Vr } from '../dicom/vr.js';

/** Private elements of a fictional hospital information system and PACS export. */
const PRIVATE_TAGS = {
  HisPrivateCreator: { tag: 0x00130010, vr: 'LO' },
  HisPatientId: { tag: 0x00131010, vr: 'LO' },
  HisPatientName: { tag: 0x00131011, vr: 'LO' },
  PacsPrivateCreator: { tag: 0x00290010, vr: 'LO' },
  PacsAccessionNumber: { tag: 0x00291001, vr: 'LO' },
} as const satisfies Record<string, { tag: number; vr: Vr }>;

/** Keyword → tag and VR for every element of a phantom slice. */
export const PHANTOM_TAGS = { ...TAGS, ...PRIVATE_TAGS };

type Tags = typeof PHANTOM_TAGS;

/** A keyword of {@link PHANTOM_TAGS}. */
export type PhantomKeyword = keyof Tags;

/** The keywords whose VR is one of `V`. */
export type KeywordWithVr<V> = {
  [K in PhantomKeyword]: Tags[K]['vr'] extends V ? K : never;
}[PhantomKeyword];
