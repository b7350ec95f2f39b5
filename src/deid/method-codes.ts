/**
 * The codes of PS3.16 CID 7050 "De-identification Method" (coding scheme DCM) that record
 * which profile and options were applied, in De-identification Method Code Sequence
 * (0012,0064), PS3.15 E.1.1 item 6. Verified against the CID 7050 value set (OID
 * 1.2.840.10008.6.1.925): 113100 to 113112.
 */
import type { DeidProfile } from './profile.js';

/** One coded entry: the DCM code value and its code meaning. */
export interface MethodCode {
  readonly value: string;
  readonly meaning: string;
}

export const CID_7050 = {
  basicProfile: { value: '113100', meaning: 'Basic Application Confidentiality Profile' },
  cleanPixelData: { value: '113101', meaning: 'Clean Pixel Data Option' },
  cleanRecognizableVisualFeatures: {
    value: '113102',
    meaning: 'Clean Recognizable Visual Features Option',
  },
  cleanGraphics: { value: '113103', meaning: 'Clean Graphics Option' },
  cleanStructuredContent: { value: '113104', meaning: 'Clean Structured Content Option' },
  cleanDescriptors: { value: '113105', meaning: 'Clean Descriptors Option' },
  retainLongFullDates: {
    value: '113106',
    meaning: 'Retain Longitudinal Temporal Information Full Dates Option',
  },
  retainLongModifiedDates: {
    value: '113107',
    meaning: 'Retain Longitudinal Temporal Information Modified Dates Option',
  },
  retainPatientCharacteristics: {
    value: '113108',
    meaning: 'Retain Patient Characteristics Option',
  },
  retainDeviceIdentity: { value: '113109', meaning: 'Retain Device Identity Option' },
  retainUids: { value: '113110', meaning: 'Retain UIDs Option' },
  retainSafePrivate: { value: '113111', meaning: 'Retain Safe Private Option' },
  retainInstitutionIdentity: { value: '113112', meaning: 'Retain Institution Identity Option' },
} as const satisfies Record<string, MethodCode>;

/**
 * The codes of the profile and options applied to one instance, basic profile first.
 * Clean Pixel Data is claimed only when pixels were actually cleaned in this instance.
 */
export function methodCodesFor(profile: DeidProfile, pixelDataCleaned: boolean): MethodCode[] {
  const codes: MethodCode[] = [CID_7050.basicProfile];

  if (pixelDataCleaned) codes.push(CID_7050.cleanPixelData);
  if (profile.cleanGraphics) codes.push(CID_7050.cleanGraphics);
  if (profile.cleanStructuredContent) codes.push(CID_7050.cleanStructuredContent);
  if (profile.cleanDescriptors) codes.push(CID_7050.cleanDescriptors);
  if (profile.longitudinalDates === 'full') codes.push(CID_7050.retainLongFullDates);
  if (profile.longitudinalDates === 'modified') codes.push(CID_7050.retainLongModifiedDates);
  if (profile.retainPatientCharacteristics) codes.push(CID_7050.retainPatientCharacteristics);
  if (profile.retainDeviceIdentity) codes.push(CID_7050.retainDeviceIdentity);
  if (profile.retainUids) codes.push(CID_7050.retainUids);
  if (profile.retainSafePrivate) codes.push(CID_7050.retainSafePrivate);
  if (profile.retainInstitutionIdentity) codes.push(CID_7050.retainInstitutionIdentity);
  return codes;
}

/**
 * De-identification Method (0012,0063) text: one value per code, each within the 64 characters
 * of VR LO, naming the table edition the profile was compiled from.
 */
export function methodText(codes: readonly MethodCode[]): string[] {
  return [
    'ctbank: DICOM PS3.15 2024c+ Annex E',
    ...codes.map((code) => code.meaning.replace(/ Option$/, '')),
  ];
}
