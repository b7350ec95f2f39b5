/**
 * Which instances must not be published at all, and why: objects that are not images of the
 * expected modality, and images whose pixels are known or likely to carry text (secondary
 * captures, dose screens, screen saves, localizers with their annotations, Burned In
 * Annotation YES). They go to quarantine for a human, never to the public zone.
 */
import type { DicomDataset } from '../dicom/dataset.js';
import { TAGS } from '../dicom/tags.js';
import { deidTag } from './deid-dictionary.js';
import { readText } from './text-values.js';

/** Why an instance was quarantined. */
export type QuarantineReason =
  | 'secondary-capture'
  | 'dose-report'
  | 'structured-report'
  | 'encapsulated-document'
  | 'unexpected-modality'
  | 'unexpected-sop-class'
  | 'localizer'
  | 'screen-save'
  | 'burned-in-annotation'
  | 'missing-patient-id'
  | 'missing-uid';

/** The verdict for an instance that must not be published. */
export interface Quarantine {
  readonly reason: QuarantineReason;
  readonly detail: string;
}

// SOP classes of PS3.4 Annex B that carry an image of CT acquisition data.
const CT_IMAGE_SOP_CLASSES: ReadonlySet<string> = new Set([
  '1.2.840.10008.5.1.4.1.1.2', // CT Image Storage
  '1.2.840.10008.5.1.4.1.1.2.1', // Enhanced CT Image Storage
  '1.2.840.10008.5.1.4.1.1.2.2', // Legacy Converted Enhanced CT Image Storage
]);
const SECONDARY_CAPTURE = '1.2.840.10008.5.1.4.1.1.7';
const STRUCTURED_REPORTS = '1.2.840.10008.5.1.4.1.1.88.';
const ENCAPSULATED_DOCUMENTS = '1.2.840.10008.5.1.4.1.1.104.';
const DOSE_REPORTS: ReadonlySet<string> = new Set([
  '1.2.840.10008.5.1.4.1.1.88.67', // X-Ray Radiation Dose SR
  '1.2.840.10008.5.1.4.1.1.88.68', // Radiopharmaceutical Radiation Dose SR
  '1.2.840.10008.5.1.4.1.1.88.76', // Enhanced X-Ray Radiation Dose SR
]);
// Vendors file dose screens and protocol pages as ordinary images in the CT series.
const DOSE_SCREEN_DESCRIPTION = /dose\s*(report|info|summary)|patient\s*protocol|screen\s*save/i;

/** The quarantine verdict for a data set, or undefined when it may be de-identified. */
export function quarantineReason(
  dataset: DicomDataset,
  expectedModalities: readonly string[],
): Quarantine | undefined {
  const text = (tag: number): string => {
    const element = dataset.elements.find((candidate) => candidate.tag === tag);
    return element === undefined ? '' : readText(element, 'latin1').trim();
  };
  const sopClass = text(TAGS.SOPClassUID.tag);
  const modality = text(TAGS.Modality.tag).toUpperCase();
  const imageType = text(TAGS.ImageType.tag)
    .toUpperCase()
    .split('\\')
    .map((value) => value.trim());

  const byClass = bySopClass(sopClass);
  if (byClass !== undefined) return byClass;

  const expected = expectedModalities.map((value) => value.trim().toUpperCase());
  if (!expected.includes(modality)) {
    const detail = `Modality ${modality || '(none)'} is not one of ${expected.join(', ')}`;
    return { reason: 'unexpected-modality', detail };
  }
  if (modality === 'CT' && !CT_IMAGE_SOP_CLASSES.has(sopClass)) {
    return { reason: 'unexpected-sop-class', detail: `SOP Class ${sopClass || '(none)'}` };
  }

  const byContent = byImageContent(imageType, text);
  if (byContent !== undefined) return byContent;

  if (text(TAGS.PatientID.tag) === '') {
    return { reason: 'missing-patient-id', detail: 'no Patient ID: no pseudonym can be assigned' };
  }
  for (const keyword of ['StudyInstanceUID', 'SeriesInstanceUID', 'SOPInstanceUID'] as const) {
    if (text(TAGS[keyword].tag) === '') {
      return { reason: 'missing-uid', detail: `${keyword} is empty: repair UIDs at ingest` };
    }
  }
  return undefined;
}

function bySopClass(sopClass: string): Quarantine | undefined {
  if (sopClass === SECONDARY_CAPTURE || sopClass.startsWith(`${SECONDARY_CAPTURE}.`)) {
    return { reason: 'secondary-capture', detail: `SOP Class ${sopClass}: pixels may hold text` };
  }
  if (DOSE_REPORTS.has(sopClass)) return { reason: 'dose-report', detail: `SOP Class ${sopClass}` };
  if (sopClass.startsWith(STRUCTURED_REPORTS)) {
    return { reason: 'structured-report', detail: `SOP Class ${sopClass}` };
  }
  if (sopClass.startsWith(ENCAPSULATED_DOCUMENTS)) {
    return { reason: 'encapsulated-document', detail: `SOP Class ${sopClass}` };
  }
  return undefined;
}

function byImageContent(
  imageType: readonly string[],
  text: (tag: number) => string,
): Quarantine | undefined {
  if (imageType.includes('LOCALIZER')) {
    return { reason: 'localizer', detail: 'Image Type LOCALIZER: scout with annotations' };
  }
  if (imageType.includes('SCREEN SAVE')) {
    return { reason: 'screen-save', detail: 'Image Type SCREEN SAVE' };
  }
  const description = text(TAGS.SeriesDescription.tag);
  if (DOSE_SCREEN_DESCRIPTION.test(description)) {
    return {
      reason: 'dose-report',
      detail: 'the Series Description names a dose or protocol page',
    };
  }
  if (text(deidTag('BurnedInAnnotation')).toUpperCase() === 'YES') {
    return { reason: 'burned-in-annotation', detail: 'Burned In Annotation is YES' };
  }
  return undefined;
}
