/**
 * A label mask on a CT volume's grid as a DICOM Segmentation instance (PS3.3 A.51): BINARY,
 * one frame per slice per segment, segments coded from SNOMED CT and DCM, every frame placed
 * (Plane Position) and derived from its source slice's SOP Instance, the grid and orientation
 * shared. Patient and study attributes are copied from the source series (de-identified in
 * a workspace), so that viewers (OHIF, dcmjs) file it with the scan.
 */
import { randomUUID } from 'node:crypto';
import { CtbankError } from '../errors.js';
import type { Volume } from '../volume/volume.js';
import { encodeNaturalPart10, tagOf, type NaturalDataset } from './dcmjs-adapter.js';
import { packFrames, perFrameGroups } from './seg-frames.js';
import type { Code, SegmentLabel } from './seg-segments.js';

/** Segmentation Storage (PS3.4 B.5). */
export const SEGMENTATION_STORAGE = '1.2.840.10008.5.1.4.1.1.66.4';

/** The source series' attributes the segmentation repeats or refers to. */
export interface SegSourceSeries {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly frameOfReferenceUid: string;
  readonly sopClassUid: string;
  readonly patientId: string;
  readonly patientName?: string;
  readonly patientBirthDate?: string;
  readonly patientSex?: string;
  readonly studyDate?: string;
  readonly studyTime?: string;
  readonly studyId?: string;
  readonly accessionNumber?: string;
  readonly referringPhysicianName?: string;
}

/** What to write: the mask, its labels, and the new instance's identity. */
export interface SegmentationInput {
  readonly volume: Volume;
  readonly source: SegSourceSeries;
  /** One value per voxel on the volume's grid (0 outside every segment). */
  readonly mask: Uint8Array;
  readonly labels: readonly SegmentLabel[];
  /** Content Label (CS: upper case, up to 16), e.g. LUNG or INFECTION. */
  readonly contentLabel: string;
  readonly seriesDescription: string;
  readonly seriesNumber: number;
  /** Default: fresh 2.25 UIDs. */
  readonly seriesInstanceUid?: string;
  readonly sopInstanceUid?: string;
  /** Content Date and Time; default now. */
  readonly created?: Date;
}

/** The segmentation as a Part 10 file in Explicit VR Little Endian. */
export function writeSegmentation(input: SegmentationInput): Uint8Array {
  return encodeNaturalPart10(segmentationDataset(input));
}

/** The segmentation's data set, by keyword. */
export function segmentationDataset(input: SegmentationInput): NaturalDataset {
  const { volume, source, labels } = input;
  const voxels = volume.columns * volume.rows * volume.sliceCount;
  if (input.mask.length !== voxels) {
    throw new CtbankError(
      'UNWRITABLE',
      `the mask has ${input.mask.length} voxels, the volume ${voxels}`,
    );
  }
  const missing = volume.slices.find((slice) => slice.sopInstanceUid === undefined);
  if (missing !== undefined) {
    throw new CtbankError('UNWRITABLE', `${missing.source} has no SOP Instance UID to refer to`, {
      file: missing.source,
    });
  }

  const sopInstanceUid = input.sopInstanceUid ?? newUid();
  const created = input.created ?? new Date();
  const dimensionOrganizationUid = newUid();
  const frames = volume.sliceCount * labels.length;

  return {
    SpecificCharacterSet: 'ISO_IR 192',
    ImageType: ['DERIVED', 'PRIMARY'],
    SOPClassUID: SEGMENTATION_STORAGE,
    SOPInstanceUID: sopInstanceUid,
    ...patientAndStudy(source),
    Modality: 'SEG',
    Manufacturer: 'ctbank',
    ManufacturerModelName: 'ctbank',
    DeviceSerialNumber: '1',
    SoftwareVersions: '0.1.0',
    SeriesInstanceUID: input.seriesInstanceUid ?? newUid(),
    SeriesNumber: input.seriesNumber,
    SeriesDescription: input.seriesDescription,
    InstanceNumber: 1,
    ContentDate: dicomDate(created),
    ContentTime: dicomTime(created),
    FrameOfReferenceUID: source.frameOfReferenceUid,
    PositionReferenceIndicator: '',

    // Image Pixel (C.7.6.3) as C.8.20.2 constrains it for BINARY.
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: volume.rows,
    Columns: volume.columns,
    BitsAllocated: 1,
    BitsStored: 1,
    HighBit: 0,
    PixelRepresentation: 0,
    LossyImageCompression: volume.lossy ? '01' : '00',

    // Segmentation Image (C.8.20.2).
    ContentLabel: input.contentLabel
      .toUpperCase()
      .replace(/[^A-Z0-9 _]/g, '_')
      .slice(0, 16),
    ContentDescription: input.seriesDescription,
    ContentCreatorName: '',
    SegmentationType: 'BINARY',
    SegmentsOverlap: 'NO',
    SegmentSequence: labels.map((label, index) => segmentItem(index + 1, label)),

    // Multi-frame Dimension (C.7.6.17): frames are indexed by segment, then by position.
    DimensionOrganizationType: '3D',
    DimensionOrganizationSequence: [{ DimensionOrganizationUID: dimensionOrganizationUid }],
    DimensionIndexSequence: [
      dimensionIndex(
        dimensionOrganizationUid,
        'ReferencedSegmentNumber',
        'SegmentIdentificationSequence',
      ),
      dimensionIndex(dimensionOrganizationUid, 'ImagePositionPatient', 'PlanePositionSequence'),
    ],

    // Multi-frame Functional Groups (C.7.6.16): the grid is shared, the position per frame.
    NumberOfFrames: frames,
    SharedFunctionalGroupsSequence: [
      {
        PixelMeasuresSequence: [
          {
            PixelSpacing: [...volume.pixelSpacingMm],
            SliceThickness: volume.sliceSpacingMm,
            SpacingBetweenSlices: volume.sliceSpacingMm,
          },
        ],
        PlaneOrientationSequence: [
          { ImageOrientationPatient: [...volume.rowCosines, ...volume.columnCosines] },
        ],
      },
    ],
    PerFrameFunctionalGroupsSequence: perFrameGroups(volume, labels.length, source),

    // Common Instance Reference (C.12.2): every source instance of the series.
    ReferencedSeriesSequence: [
      {
        SeriesInstanceUID: source.seriesInstanceUid,
        ReferencedInstanceSequence: volume.slices.map((slice) => ({
          ReferencedSOPClassUID: source.sopClassUid,
          ReferencedSOPInstanceUID: slice.sopInstanceUid ?? '',
        })),
      },
    ],
    PixelData: [
      packFrames(
        volume,
        input.mask,
        labels.map((label) => label.value),
      ),
    ],
    _vrMap: { PixelData: 'OB' },
  };
}

// Patient (C.7.1.1) and General Study (C.7.2.1): Type 2 attributes are present, maybe empty.
function patientAndStudy(source: SegSourceSeries): NaturalDataset {
  return {
    StudyDate: source.studyDate ?? '',
    StudyTime: source.studyTime ?? '',
    AccessionNumber: source.accessionNumber ?? '',
    ReferringPhysicianName: source.referringPhysicianName ?? '',
    PatientName: source.patientName ?? '',
    PatientID: source.patientId,
    PatientBirthDate: source.patientBirthDate ?? '',
    PatientSex: source.patientSex ?? '',
    StudyInstanceUID: source.studyInstanceUid,
    StudyID: source.studyId ?? '',
  };
}

function segmentItem(number: number, label: SegmentLabel): NaturalDataset {
  const { segment } = label;
  return {
    SegmentNumber: number,
    SegmentLabel: segment.label,
    SegmentAlgorithmType: 'AUTOMATIC',
    SegmentAlgorithmName: 'ctbank',
    SegmentedPropertyCategoryCodeSequence: [codeItem(segment.category)],
    SegmentedPropertyTypeCodeSequence: [codeItem(segment.type)],
    ...(segment.anatomicRegion === undefined
      ? {}
      : { AnatomicRegionSequence: [codeItem(segment.anatomicRegion)] }),
    RecommendedDisplayCIELabValue: [...segment.cieLab],
  };
}

function dimensionIndex(uid: string, pointer: string, group: string): NaturalDataset {
  return {
    DimensionOrganizationUID: uid,
    DimensionIndexPointer: tagOf(pointer),
    FunctionalGroupPointer: tagOf(group),
    DimensionDescriptionLabel: pointer === 'ImagePositionPatient' ? 'Image Position' : 'Segment',
  };
}

function codeItem(code: Code): NaturalDataset {
  return { CodeValue: code.value, CodingSchemeDesignator: code.scheme, CodeMeaning: code.meaning };
}

// A UUID as one decimal integer under 2.25 (ITU-T X.667, PS3.5 B.2).
function newUid(): string {
  return `2.25.${BigInt(`0x${randomUUID().replace(/-/g, '')}`).toString(10)}`;
}

function dicomDate(date: Date): string {
  return date.toISOString().slice(0, 10).replace(/-/g, '');
}

function dicomTime(date: Date): string {
  return date.toISOString().slice(11, 19).replace(/:/g, '');
}
