/**
 * The top-level elements de-identification writes itself: the pseudonym as Patient ID and
 * Patient's Name, Patient's Age, and the markers of PS3.15 E.1.1 (Patient Identity Removed,
 * De-identification Method and its Code Sequence) with Longitudinal Temporal Information
 * Modified (PS3.3 C.7.1.1 and C.12.1).
 */
import type { DicomDataset, DicomElement } from '../dicom/dataset.js';
import { TAGS } from '../dicom/tags.js';
import type { Vr } from '../dicom/vr.js';
import { deidTag } from './deid-dictionary.js';
import { methodCodesFor, methodText } from './method-codes.js';
import type { DeidProfile } from './profile.js';
import { encodeValues } from './text-values.js';

const CODING_SCHEME_DCM = 'DCM';

/** A top-level text element with ASCII values. */
export function asciiElement(tag: number, vr: Vr, values: readonly string[]): DicomElement {
  return { tag, vr, value: encodeValues(values, vr, 'ascii') ?? new Uint8Array(0) };
}

/** Patient ID and Patient's Name, both set to the pseudonym. */
export function pseudonymElements(pseudonym: string): DicomElement[] {
  return [
    asciiElement(TAGS.PatientName.tag, 'PN', [pseudonym]),
    asciiElement(TAGS.PatientID.tag, 'LO', [pseudonym]),
  ];
}

/** Patient's Age (0010,1010), VR AS. */
export function ageElement(age: string): DicomElement {
  return asciiElement(TAGS.PatientAge.tag, 'AS', [age]);
}

/** The markers of what was done, for the given profile. */
export function markerElements(profile: DeidProfile, pixelDataCleaned: boolean): DicomElement[] {
  const codes = methodCodesFor(profile, pixelDataCleaned);
  const temporal = { remove: 'REMOVED', full: 'UNMODIFIED', modified: 'MODIFIED' } as const;

  const items: DicomDataset[] = codes.map((code) => ({
    elements: [
      asciiElement(TAGS.CodeValue.tag, 'SH', [code.value]),
      asciiElement(TAGS.CodingSchemeDesignator.tag, 'SH', [CODING_SCHEME_DCM]),
      asciiElement(TAGS.CodeMeaning.tag, 'LO', [code.meaning]),
    ],
  }));

  return [
    asciiElement(deidTag('PatientIdentityRemoved'), 'CS', ['YES']),
    asciiElement(deidTag('DeidentificationMethod'), 'LO', methodText(codes)),
    { tag: deidTag('DeidentificationMethodCodeSequence'), vr: 'SQ', items },
    asciiElement(deidTag('LongitudinalTemporalInformationModified'), 'CS', [
      temporal[profile.longitudinalDates],
    ]),
  ];
}

/**
 * The elements with the replacements put in: an element of the same tag is replaced, a new
 * one inserted in ascending tag order (PS3.5 7.1).
 */
export function withElements(
  elements: readonly DicomElement[],
  replacements: readonly DicomElement[],
): DicomElement[] {
  const byTag = new Map(replacements.map((element) => [element.tag, element]));
  const out = elements.map((element) => byTag.get(element.tag) ?? element);

  const present = new Set(elements.map((element) => element.tag));
  const added = replacements.filter((element) => !present.has(element.tag));
  if (added.length === 0) return out;
  return [...out, ...added].sort((a, b) => a.tag - b.tag);
}
