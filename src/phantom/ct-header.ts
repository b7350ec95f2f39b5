/**
 * The DICOM header of a phantom slice, as a 16-slice helical scanner of the reference collection
 * would write it: CT Image IOD (PS3.3 §A.3) with patient, study, series, equipment, CT image and
 * image-pixel modules, and identifying data planted in top-level, nested and private elements so
 * that de-identification has real work to do. Unenhanced: no ContrastBolusAgent.
 */
import type {
  BytesVr,
  NumberVr,
  StringVr,
  WriteElement,
  WriteItem,
} from '../dicom/part10-writer.js';
import type { Acquisition } from './acquisition.js';
import type { ScanGeometry } from './anatomy-types.js';
import { dicomTime, type SyntheticPatient } from './demographics.js';
import { GRID_SIZE } from './ellipse-spans.js';
import { PHANTOM_TAGS, type KeywordWithVr } from './phantom-tags.js';

/** CT Image Storage SOP Class (PS3.4 §B.5). */
export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

// Detached Study Management SOP Class (retired), the usual class in ReferencedStudySequence.
const STUDY_REFERENCE_CLASS = '1.2.840.10008.3.1.2.3.1';

/** The UIDs shared by every slice of one patient's series. */
export interface SeriesUids {
  readonly study: string;
  readonly series: string;
  readonly frameOfReference: string;
  /** A previous study of the same patient, referenced from ReferencedStudySequence. */
  readonly priorStudy: string;
}

/** What varies from slice to slice. */
export interface SliceHeader {
  readonly sopInstanceUid: string;
  readonly instanceNumber: number;
  /** Patient z of the slice centre, mm. */
  readonly z: number;
  /** Seconds since midnight when the slice was acquired. */
  readonly acquisitionSeconds: number;
  /** Little-endian 16-bit stored values, row by row. */
  readonly pixels: Uint8Array;
}

/** The elements common to every slice of the series. */
export function seriesElements(
  patient: SyntheticPatient,
  scan: ScanGeometry,
  acquisition: Acquisition,
  uids: SeriesUids,
): WriteElement[] {
  return [
    ...patientElements(patient),
    ...studyElements(patient, uids),
    ...equipmentElements(patient, scan, acquisition),
    ...imageElements(patient, scan),
    text('SeriesInstanceUID', uids.series),
    text('FrameOfReferenceUID', uids.frameOfReference),
    text('PositionReferenceIndicator', ''),
  ];
}

/** The elements of one slice: identity, position, time and pixels. */
export function sliceElements(
  scan: ScanGeometry,
  acquisition: Acquisition,
  slice: SliceHeader,
): WriteElement[] {
  const origin = (scan.pixelMm * (GRID_SIZE - 1)) / 2; // from the image centre to pixel (0, 0)
  const time = dicomTime(slice.acquisitionSeconds);
  return [
    text('SOPInstanceUID', slice.sopInstanceUid),
    text('AcquisitionTime', time),
    text('ContentTime', time),
    text('InstanceNumber', String(slice.instanceNumber)),
    text('ImagePositionPatient', [
      ds(acquisition.centreX - origin),
      ds(acquisition.centreY - origin),
      ds(slice.z),
    ]),
    text('SliceLocation', ds(slice.z)),
    bytes('PixelData', slice.pixels),
  ];
}

function patientElements(patient: SyntheticPatient): WriteElement[] {
  const issuer = patient.institution.issuerOfPatientId;
  return [
    text('PatientName', patient.patientName),
    text('PatientID', patient.patientId),
    text('IssuerOfPatientID', issuer),
    text('PatientBirthDate', patient.birthDate),
    text('PatientSex', patient.sex),
    text('PatientAge', `${String(patient.age).padStart(3, '0')}Y`),
    text('PatientWeight', String(patient.weightKg)),
    text('PatientAddress', patient.address),
    text('PatientTelephoneNumbers', patient.telephone),
    sequence('OtherPatientIDsSequence', false, [
      {
        undefinedLength: true,
        elements: [
          text('PatientID', patient.otherPatientId),
          text('IssuerOfPatientID', 'NATIONAL HEALTH ID'),
        ],
      },
      { elements: [text('PatientID', `${issuer}-OLD-${patient.patientId.slice(-5)}`)] },
    ]),
    // A hospital information system's private block repeating the identity (PS3.5 §7.8.1).
    text('HisPrivateCreator', 'ACME HIS 2.1'),
    text('HisPatientId', patient.patientId),
    text('HisPatientName', patient.patientName),
  ];
}

function studyElements(patient: SyntheticPatient, uids: SeriesUids): WriteElement[] {
  const spokenName = `${patient.givenName} ${patient.familyName}`;
  return [
    text('StudyInstanceUID', uids.study),
    text('StudyDate', patient.studyDate),
    text('StudyTime', patient.studyTime),
    text('StudyID', patient.studyId),
    text('AccessionNumber', patient.accessionNumber),
    text('StudyDescription', `CHEST ROUTINE ${patient.familyName} ${patient.givenName}`),
    text('ReferringPhysicianName', patient.referringPhysician),
    text('RequestingPhysician', patient.requestingPhysician),
    text('PerformingPhysicianName', patient.performingPhysician),
    text('OperatorsName', patient.operator),
    text('ImageComments', `Pt ${spokenName} (${patient.patientId}), RT-PCR positive, fever`),
    sequence('ReferencedStudySequence', false, [
      {
        elements: [
          text('ReferencedSOPClassUID', STUDY_REFERENCE_CLASS),
          text('ReferencedSOPInstanceUID', uids.priorStudy),
        ],
      },
    ]),
    sequence('ProcedureCodeSequence', true, [
      {
        elements: [
          text('CodeValue', 'CTCHNC'),
          text('CodingSchemeDesignator', `99${patient.institution.issuerOfPatientId}`),
          text('CodeMeaning', `CT chest non-contrast, ${patient.institution.name}`),
        ],
      },
    ]),
    sequence('RequestAttributesSequence', true, [
      {
        undefinedLength: true,
        elements: [
          text('AccessionNumber', patient.accessionNumber),
          text('RequestedProcedureID', patient.requestedProcedureId),
          text('RequestedProcedureDescription', 'CT CHEST WITHOUT CONTRAST'),
          text('ReasonForTheRequestedProcedure', `COVID-19? ${spokenName}, ${patient.patientId}`),
          text('ScheduledProcedureStepID', patient.scheduledStepId),
          text('ScheduledProcedureStepDescription', `Chest CT for ${patient.patientName}`),
          sequence('ScheduledProtocolCodeSequence', false, [
            {
              elements: [
                text('CodeValue', patient.requestedProcedureId),
                text('CodingSchemeDesignator', `99${patient.institution.issuerOfPatientId}`),
                text('CodeMeaning', `Thorax protocol, ordered by ${patient.requestingPhysician}`),
              ],
            },
          ]),
        ],
      },
    ]),
    text('PerformedProcedureStepStartDate', patient.studyDate),
    text('PerformedProcedureStepStartTime', patient.studyTime),
    text('PerformedProcedureStepID', patient.performedStepId),
    // A PACS export's private block holding the accession number.
    text('PacsPrivateCreator', 'ACME PACS EXPORT'),
    text('PacsAccessionNumber', patient.accessionNumber),
  ];
}

function equipmentElements(
  patient: SyntheticPatient,
  scan: ScanGeometry,
  acquisition: Acquisition,
): WriteElement[] {
  const { institution } = patient;
  const feed = acquisition.pitch * acquisition.totalCollimation; // mm per rotation
  const exposure = Math.round(acquisition.tubeCurrent * acquisition.revolutionTime);
  return [
    text('Modality', 'CT'),
    text('Manufacturer', 'SIEMENS'),
    text('ManufacturerModelName', 'Emotion 16'),
    text('SoftwareVersions', 'syngo CT 2012B'),
    text('InstitutionName', institution.name),
    text('InstitutionAddress', institution.address),
    text('InstitutionalDepartmentName', institution.department),
    text('StationName', institution.stationName),
    text('DeviceSerialNumber', institution.deviceSerialNumber),
    text('BodyPartExamined', 'CHEST'),
    text('ProtocolName', 'ThoraxRoutine'),
    text('SeriesDescription', `ThoraxRoutine ${scan.thicknessMm} ${acquisition.kernel}`),
    text('PatientPosition', 'HFS'),
    text('KVP', String(acquisition.kvp)),
    text('SliceThickness', ds(scan.thicknessMm)),
    text('SpacingBetweenSlices', ds(scan.sliceSpacingMm)),
    text('DataCollectionDiameter', '500'),
    text('ReconstructionDiameter', ds(scan.fovMm)),
    text('DistanceSourceToDetector', '1040'),
    text('DistanceSourceToPatient', '570'),
    text('GantryDetectorTilt', '0'),
    text('TableHeight', ds(acquisition.tableHeight)),
    text('RotationDirection', 'CW'),
    text('ExposureTime', String(Math.round(acquisition.revolutionTime * 1000))),
    text('XRayTubeCurrent', String(acquisition.tubeCurrent)),
    text('Exposure', String(exposure)),
    text('FilterType', '0'),
    text('GeneratorPower', String(Math.round((acquisition.kvp * acquisition.tubeCurrent) / 1000))),
    text('FocalSpots', '0.8'),
    text('ConvolutionKernel', acquisition.kernel),
    numbers('RevolutionTime', acquisition.revolutionTime),
    numbers('SingleCollimationWidth', acquisition.singleCollimation),
    numbers('TotalCollimationWidth', acquisition.totalCollimation),
    numbers('TableFeedPerRotation', feed),
    numbers('TableSpeed', feed / acquisition.revolutionTime),
    numbers('SpiralPitchFactor', acquisition.pitch),
    numbers('CTDIvol', Math.round((exposure / acquisition.pitch) * 8) / 100),
  ];
}

function imageElements(patient: SyntheticPatient, scan: ScanGeometry): WriteElement[] {
  const signed = patient.institution.signedPixels;
  return [
    text('SpecificCharacterSet', 'ISO_IR 100'),
    text('ImageType', ['ORIGINAL', 'PRIMARY', 'AXIAL']),
    text('SOPClassUID', CT_IMAGE_STORAGE),
    text('SeriesDate', patient.studyDate),
    text('AcquisitionDate', patient.studyDate),
    text('ContentDate', patient.studyDate),
    text('SeriesTime', patient.studyTime),
    text('SeriesNumber', '2'),
    text('AcquisitionNumber', '1'),
    text('ImageOrientationPatient', ['1', '0', '0', '0', '1', '0']),
    numbers('SamplesPerPixel', 1),
    text('PhotometricInterpretation', 'MONOCHROME2'),
    numbers('Rows', GRID_SIZE),
    numbers('Columns', GRID_SIZE),
    text('PixelSpacing', [ds(scan.pixelMm), ds(scan.pixelMm)]),
    numbers('BitsAllocated', 16),
    numbers('BitsStored', signed ? 16 : 12),
    numbers('HighBit', signed ? 15 : 11),
    numbers('PixelRepresentation', signed ? 1 : 0),
    text('RescaleIntercept', '-1024'),
    text('RescaleSlope', '1'),
    text('RescaleType', 'HU'),
    // Mediastinal then lung window (HU).
    text('WindowCenter', ['40', '-600']),
    text('WindowWidth', ['400', '1500']),
    text('WindowCenterWidthExplanation', ['MEDIASTINUM', 'LUNG']),
    text('LossyImageCompression', '00'),
  ];
}

function text(keyword: KeywordWithVr<StringVr>, value: string | readonly string[]): WriteElement {
  const { tag, vr } = PHANTOM_TAGS[keyword];
  return { tag, vr, value };
}

function numbers(keyword: KeywordWithVr<NumberVr>, value: number): WriteElement {
  const { tag, vr } = PHANTOM_TAGS[keyword];
  return { tag, vr, value };
}

function bytes(keyword: KeywordWithVr<BytesVr>, value: Uint8Array): WriteElement {
  const { tag, vr } = PHANTOM_TAGS[keyword];
  return { tag, vr, value };
}

function sequence(
  keyword: KeywordWithVr<'SQ'>,
  undefinedLength: boolean,
  items: readonly WriteItem[],
): WriteElement {
  return { tag: PHANTOM_TAGS[keyword].tag, vr: 'SQ', items, undefinedLength };
}

/** A Decimal String value of at most 16 characters (PS3.5 §6.2). */
export function ds(value: number): string {
  for (let digits = 15; digits > 0; digits--) {
    const textValue = String(Number(value.toPrecision(digits)));
    if (textValue.length <= 16) return textValue;
  }
  return String(Math.round(value));
}
