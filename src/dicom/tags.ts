/**
 * The tag dictionary: every DICOM attribute ctbank reads by name, keyed by its keyword
 * (PS3.6 section 6). Hex tag numbers appear here and nowhere else in the logic.
 */

/** Value representations ctbank distinguishes (PS3.5 section 6.2). */
export type Vr =
  | 'AE'
  | 'AS'
  | 'CS'
  | 'DA'
  | 'DS'
  | 'DT'
  | 'IS'
  | 'LO'
  | 'LT'
  | 'PN'
  | 'SH'
  | 'SQ'
  | 'ST'
  | 'TM'
  | 'UI'
  | 'US'
  | 'UL'
  | 'UT'
  | 'OB';

/** One dictionary entry: the tag as group << 16 | element, and its VR. */
export interface TagEntry {
  readonly tag: number;
  readonly vr: Vr;
}

const entry = (tag: number, vr: Vr): TagEntry => ({ tag, vr });

/** Attributes by keyword. */
export const TAGS = {
  // File meta information (PS3.10 section 7.1).
  MediaStorageSOPClassUID: entry(0x00020002, 'UI'),
  MediaStorageSOPInstanceUID: entry(0x00020003, 'UI'),
  TransferSyntaxUID: entry(0x00020010, 'UI'),
  // SOP common and general study / series / equipment.
  SpecificCharacterSet: entry(0x00080005, 'CS'),
  ImageType: entry(0x00080008, 'CS'),
  SOPClassUID: entry(0x00080016, 'UI'),
  SOPInstanceUID: entry(0x00080018, 'UI'),
  StudyDate: entry(0x00080020, 'DA'),
  SeriesDate: entry(0x00080021, 'DA'),
  StudyTime: entry(0x00080030, 'TM'),
  AccessionNumber: entry(0x00080050, 'SH'),
  Modality: entry(0x00080060, 'CS'),
  Manufacturer: entry(0x00080070, 'LO'),
  InstitutionName: entry(0x00080080, 'LO'),
  ReferringPhysicianName: entry(0x00080090, 'PN'),
  StudyDescription: entry(0x00081030, 'LO'),
  SeriesDescription: entry(0x0008103e, 'LO'),
  ManufacturerModelName: entry(0x00081090, 'LO'),
  PatientName: entry(0x00100010, 'PN'),
  PatientID: entry(0x00100020, 'LO'),
  IssuerOfPatientID: entry(0x00100021, 'LO'),
  PatientBirthDate: entry(0x00100030, 'DA'),
  PatientSex: entry(0x00100040, 'CS'),
  PatientAge: entry(0x00101010, 'AS'),
  BodyPartExamined: entry(0x00180015, 'CS'),
  SliceThickness: entry(0x00180050, 'DS'),
  StudyInstanceUID: entry(0x0020000d, 'UI'),
  SeriesInstanceUID: entry(0x0020000e, 'UI'),
  StudyID: entry(0x00200010, 'SH'),
  SeriesNumber: entry(0x00200011, 'IS'),
  AcquisitionNumber: entry(0x00200012, 'IS'),
  InstanceNumber: entry(0x00200013, 'IS'),
  ImagePositionPatient: entry(0x00200032, 'DS'),
  ImageOrientationPatient: entry(0x00200037, 'DS'),
  FrameOfReferenceUID: entry(0x00200052, 'UI'),
  SliceLocation: entry(0x00201041, 'DS'),
  NumberOfFrames: entry(0x00280008, 'IS'),
  Rows: entry(0x00280010, 'US'),
  Columns: entry(0x00280011, 'US'),
  PixelSpacing: entry(0x00280030, 'DS'),
  BitsAllocated: entry(0x00280100, 'US'),
  PixelData: entry(0x7fe00010, 'OB'),
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
