/**
 * In-memory CT instances for the de-identification tests: small, valid enough to pass the
 * quarantine checks, with every value built from text the way a parser would hold it.
 */
import type { DicomDataset, DicomElement, DicomFile } from '../dicom/dataset.js';
import { TAGS } from '../dicom/tags.js';
import { EXPLICIT_VR_LITTLE_ENDIAN } from '../dicom/transfer-syntax.js';
import type { Vr } from '../dicom/vr.js';
import { CtbankError } from '../errors.js';
import { encodeText } from './text-values.js';

/** CT Image Storage (PS3.4 Annex B). */
export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

/** A text element; `encoding` is a WHATWG label ('latin1', 'utf-8') for PN, LO, SH, ST, LT, UT. */
export function text(tag: number, vr: Vr, value: string, encoding = 'latin1'): DicomElement {
  const bytes = encodeText(value, vr, encoding);
  if (bytes === undefined) {
    throw new CtbankError('INTERNAL', `a fixture value cannot be written in ${encoding}`);
  }
  return { tag, vr, value: bytes };
}

/** A sequence element whose items hold the given elements. */
export function sequence(tag: number, items: readonly (readonly DicomElement[])[]): DicomElement {
  return { tag, vr: 'SQ', items: items.map((elements) => dataset(elements)) };
}

/** A data set with its elements sorted by tag, as a parser delivers them. */
export function dataset(elements: readonly DicomElement[]): DicomDataset {
  return { elements: [...elements].sort((a, b) => a.tag - b.tag) };
}

/** The identity of one fixture instance. */
export interface FixtureIdentity {
  readonly patientId?: string;
  readonly patientName?: string;
  readonly studyUid?: string;
  readonly seriesUid?: string;
  readonly sopUid?: string;
  readonly studyDate?: string;
}

/**
 * A CT image instance: patient, study, series and instance identity, a few technical
 * attributes and 2 × 2 pixels, plus any extra elements (which replace same-tag defaults).
 */
export function ctInstance(identity: FixtureIdentity = {}, extra: DicomElement[] = []): DicomFile {
  const defaults: DicomElement[] = [
    text(TAGS.SOPClassUID.tag, 'UI', CT_IMAGE_STORAGE),
    text(TAGS.SOPInstanceUID.tag, 'UI', identity.sopUid ?? '1.2.826.0.1.3680043.2.1143.1.1.1'),
    text(TAGS.StudyDate.tag, 'DA', identity.studyDate ?? '20200315'),
    text(TAGS.Modality.tag, 'CS', 'CT'),
    text(TAGS.ImageType.tag, 'CS', 'ORIGINAL\\PRIMARY\\AXIAL'),
    text(TAGS.Manufacturer.tag, 'LO', 'ACME'),
    text(TAGS.PatientName.tag, 'PN', identity.patientName ?? 'SEXTON^CARMEN'),
    text(TAGS.PatientID.tag, 'LO', identity.patientId ?? 'MRN-7781'),
    text(TAGS.PatientBirthDate.tag, 'DA', '19800610'),
    text(TAGS.PatientSex.tag, 'CS', 'F'),
    text(TAGS.SliceThickness.tag, 'DS', '1.5'),
    text(TAGS.StudyInstanceUID.tag, 'UI', identity.studyUid ?? '1.2.826.0.1.3680043.2.1143.1'),
    text(TAGS.SeriesInstanceUID.tag, 'UI', identity.seriesUid ?? '1.2.826.0.1.3680043.2.1143.1.1'),
    { tag: TAGS.Rows.tag, vr: 'US', value: u16(2) },
    { tag: TAGS.Columns.tag, vr: 'US', value: u16(2) },
    { tag: TAGS.PixelData.tag, vr: 'OW', value: Uint8Array.of(1, 0, 2, 0, 3, 0, 4, 0) },
  ];

  const extraTags = new Set(extra.map((element) => element.tag));
  const elements = [...defaults.filter((element) => !extraTags.has(element.tag)), ...extra];
  return {
    meta: { elements: [] },
    dataset: dataset(elements),
    transferSyntaxUid: EXPLICIT_VR_LITTLE_ENDIAN,
  };
}

function u16(value: number): Uint8Array {
  return Uint8Array.of(value & 0xff, value >>> 8);
}
