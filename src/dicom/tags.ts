/**
 * The tag dictionary: every DICOM attribute ctbank reads by name, keyed by its keyword
 * (PS3.6 section 6). Hex tag numbers appear here and nowhere else in the logic.
 */

import type { Vr } from './vr.js';

export type { Vr } from './vr.js';

/** One dictionary entry: the tag as group << 16 | element, and its VR. */
export interface TagEntry {
  readonly tag: number;
  readonly vr: Vr;
}

const entry = <V extends Vr>(tag: number, vr: V): { readonly tag: number; readonly vr: V } => ({
  tag,
  vr,
});

/** Attributes by keyword, in tag order. */
export const TAGS = {
  FileMetaInformationGroupLength: entry(0x00020000, 'UL'),
  FileMetaInformationVersion: entry(0x00020001, 'OB'),
  MediaStorageSOPClassUID: entry(0x00020002, 'UI'),
  MediaStorageSOPInstanceUID: entry(0x00020003, 'UI'),
  TransferSyntaxUID: entry(0x00020010, 'UI'),
  ImplementationClassUID: entry(0x00020012, 'UI'),
  ImplementationVersionName: entry(0x00020013, 'SH'),
  DirectoryRecordSequence: entry(0x00041220, 'SQ'),
  ReferencedFileID: entry(0x00041500, 'CS'),
  SpecificCharacterSet: entry(0x00080005, 'CS'),
  ImageType: entry(0x00080008, 'CS'),
  SOPClassUID: entry(0x00080016, 'UI'),
  SOPInstanceUID: entry(0x00080018, 'UI'),
  StudyDate: entry(0x00080020, 'DA'),
  SeriesDate: entry(0x00080021, 'DA'),
  AcquisitionDate: entry(0x00080022, 'DA'),
  ContentDate: entry(0x00080023, 'DA'),
  StudyTime: entry(0x00080030, 'TM'),
  SeriesTime: entry(0x00080031, 'TM'),
  AcquisitionTime: entry(0x00080032, 'TM'),
  ContentTime: entry(0x00080033, 'TM'),
  AccessionNumber: entry(0x00080050, 'SH'),
  Modality: entry(0x00080060, 'CS'),
  Manufacturer: entry(0x00080070, 'LO'),
  InstitutionName: entry(0x00080080, 'LO'),
  InstitutionAddress: entry(0x00080081, 'ST'),
  ReferringPhysicianName: entry(0x00080090, 'PN'),
  CodeValue: entry(0x00080100, 'SH'),
  CodingSchemeDesignator: entry(0x00080102, 'SH'),
  CodeMeaning: entry(0x00080104, 'LO'),
  StationName: entry(0x00081010, 'SH'),
  StudyDescription: entry(0x00081030, 'LO'),
  ProcedureCodeSequence: entry(0x00081032, 'SQ'),
  SeriesDescription: entry(0x0008103e, 'LO'),
  InstitutionalDepartmentName: entry(0x00081040, 'LO'),
  PerformingPhysicianName: entry(0x00081050, 'PN'),
  OperatorsName: entry(0x00081070, 'PN'),
  ManufacturerModelName: entry(0x00081090, 'LO'),
  ReferencedStudySequence: entry(0x00081110, 'SQ'),
  ReferencedSOPClassUID: entry(0x00081150, 'UI'),
  ReferencedSOPInstanceUID: entry(0x00081155, 'UI'),
  FrameType: entry(0x00089007, 'CS'),
  PatientName: entry(0x00100010, 'PN'),
  PatientID: entry(0x00100020, 'LO'),
  IssuerOfPatientID: entry(0x00100021, 'LO'),
  PatientBirthDate: entry(0x00100030, 'DA'),
  PatientSex: entry(0x00100040, 'CS'),
  OtherPatientIDsSequence: entry(0x00101002, 'SQ'),
  PatientAge: entry(0x00101010, 'AS'),
  PatientWeight: entry(0x00101030, 'DS'),
  PatientAddress: entry(0x00101040, 'LO'),
  PatientTelephoneNumbers: entry(0x00102154, 'SH'),
  BodyPartExamined: entry(0x00180015, 'CS'),
  SliceThickness: entry(0x00180050, 'DS'),
  KVP: entry(0x00180060, 'DS'),
  SpacingBetweenSlices: entry(0x00180088, 'DS'),
  DataCollectionDiameter: entry(0x00180090, 'DS'),
  DeviceSerialNumber: entry(0x00181000, 'LO'),
  SoftwareVersions: entry(0x00181020, 'LO'),
  ProtocolName: entry(0x00181030, 'LO'),
  ReconstructionDiameter: entry(0x00181100, 'DS'),
  DistanceSourceToDetector: entry(0x00181110, 'DS'),
  DistanceSourceToPatient: entry(0x00181111, 'DS'),
  GantryDetectorTilt: entry(0x00181120, 'DS'),
  TableHeight: entry(0x00181130, 'DS'),
  RotationDirection: entry(0x00181140, 'CS'),
  ExposureTime: entry(0x00181150, 'IS'),
  XRayTubeCurrent: entry(0x00181151, 'IS'),
  Exposure: entry(0x00181152, 'IS'),
  FilterType: entry(0x00181160, 'SH'),
  GeneratorPower: entry(0x00181170, 'IS'),
  FocalSpots: entry(0x00181190, 'DS'),
  ConvolutionKernel: entry(0x00181210, 'SH'),
  PatientPosition: entry(0x00185100, 'CS'),
  RevolutionTime: entry(0x00189305, 'FD'),
  SingleCollimationWidth: entry(0x00189306, 'FD'),
  TotalCollimationWidth: entry(0x00189307, 'FD'),
  TableSpeed: entry(0x00189309, 'FD'),
  TableFeedPerRotation: entry(0x00189310, 'FD'),
  SpiralPitchFactor: entry(0x00189311, 'FD'),
  CTImageFrameTypeSequence: entry(0x00189329, 'SQ'),
  CTDIvol: entry(0x00189345, 'FD'),
  StudyInstanceUID: entry(0x0020000d, 'UI'),
  SeriesInstanceUID: entry(0x0020000e, 'UI'),
  StudyID: entry(0x00200010, 'SH'),
  SeriesNumber: entry(0x00200011, 'IS'),
  AcquisitionNumber: entry(0x00200012, 'IS'),
  InstanceNumber: entry(0x00200013, 'IS'),
  ImagePositionPatient: entry(0x00200032, 'DS'),
  ImageOrientationPatient: entry(0x00200037, 'DS'),
  FrameOfReferenceUID: entry(0x00200052, 'UI'),
  PositionReferenceIndicator: entry(0x00201040, 'LO'),
  SliceLocation: entry(0x00201041, 'DS'),
  ImageComments: entry(0x00204000, 'LT'),
  FrameContentSequence: entry(0x00209111, 'SQ'),
  PlanePositionSequence: entry(0x00209113, 'SQ'),
  PlaneOrientationSequence: entry(0x00209116, 'SQ'),
  SamplesPerPixel: entry(0x00280002, 'US'),
  PhotometricInterpretation: entry(0x00280004, 'CS'),
  NumberOfFrames: entry(0x00280008, 'IS'),
  Rows: entry(0x00280010, 'US'),
  Columns: entry(0x00280011, 'US'),
  PixelSpacing: entry(0x00280030, 'DS'),
  BitsAllocated: entry(0x00280100, 'US'),
  BitsStored: entry(0x00280101, 'US'),
  HighBit: entry(0x00280102, 'US'),
  PixelRepresentation: entry(0x00280103, 'US'),
  WindowCenter: entry(0x00281050, 'DS'),
  WindowWidth: entry(0x00281051, 'DS'),
  RescaleIntercept: entry(0x00281052, 'DS'),
  RescaleSlope: entry(0x00281053, 'DS'),
  RescaleType: entry(0x00281054, 'LO'),
  WindowCenterWidthExplanation: entry(0x00281055, 'LO'),
  LossyImageCompression: entry(0x00282110, 'CS'),
  PixelMeasuresSequence: entry(0x00289110, 'SQ'),
  PixelValueTransformationSequence: entry(0x00289145, 'SQ'),
  RequestingPhysician: entry(0x00321032, 'PN'),
  RequestedProcedureDescription: entry(0x00321060, 'LO'),
  ScheduledProcedureStepDescription: entry(0x00400007, 'LO'),
  ScheduledProtocolCodeSequence: entry(0x00400008, 'SQ'),
  ScheduledProcedureStepID: entry(0x00400009, 'SH'),
  PerformedProcedureStepStartDate: entry(0x00400244, 'DA'),
  PerformedProcedureStepStartTime: entry(0x00400245, 'TM'),
  PerformedProcedureStepID: entry(0x00400253, 'SH'),
  RequestAttributesSequence: entry(0x00400275, 'SQ'),
  RequestedProcedureID: entry(0x00401001, 'SH'),
  ReasonForTheRequestedProcedure: entry(0x00401002, 'LO'),
  SharedFunctionalGroupsSequence: entry(0x52009229, 'SQ'),
  PerFrameFunctionalGroupsSequence: entry(0x52009230, 'SQ'),
  PixelData: entry(0x7fe00010, 'OW'),
} as const satisfies Record<string, TagEntry>;
/** A keyword the dictionary knows. */
export type Keyword = keyof typeof TAGS;

/** The tag of a keyword as dicom-parser's element key, e.g. `x00100010`. */
export function parserKey(keyword: Keyword): string {
  return 'x' + TAGS[keyword].tag.toString(16).padStart(8, '0');
}

/** The tag of a keyword in the usual `(gggg,eeee)` notation, for messages. */
export function tagLabel(keyword: Keyword): string {
  const hex = TAGS[keyword].tag.toString(16).padStart(8, '0').toUpperCase();
  return `(${hex.slice(0, 4)},${hex.slice(4)})`;
}

/** SOP Class UID of the Media Storage Directory (DICOMDIR), PS3.4 Annex F. */
export const MEDIA_STORAGE_DIRECTORY_SOP_CLASS = '1.2.840.10008.1.3.10';
