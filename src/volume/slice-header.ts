/**
 * The geometry and identity of each slice of an instance, read once so that the parsed file can
 * be dropped before any pixel is decoded. A single-frame CT instance is one slice (Image Plane
 * module, PS3.3 C.7.6.2); an Enhanced CT instance is one slice per frame, placed by its Plane
 * Position and Plane Orientation functional groups (PS3.3 C.7.6.16.2.3 and .4).
 */
import type { DicomDataset, DicomFile } from '../dicom/dataset.js';
import { frameCountOf } from '../dicom/pixel-decode.js';
import { elementOf, numberOf, numbersOf, textOf, textsOf } from '../dicom/pixel-element-values.js';
import { frameAttributesOf, functionalGroupOf } from '../dicom/pixel-functional-groups.js';
import type { Vec3 } from './vector3.js';

/** One slice (one frame of one instance) before stacking. */
export interface SliceHeader {
  readonly source: string;
  /** Index of the instance in the list given to assembly. */
  readonly instanceIndex: number;
  readonly frameIndex: number;
  readonly sopInstanceUid?: string;
  readonly seriesInstanceUid?: string;
  readonly instanceNumber?: number;
  readonly hasPixelData: boolean;
  /** Image Type, or the frame's Frame Type in an enhanced image. */
  readonly imageType: readonly string[];
  readonly rows: number;
  readonly columns: number;
  readonly imagePositionPatient?: Vec3;
  /** Row then column direction cosines. */
  readonly imageOrientationPatient?: readonly [row: Vec3, column: Vec3];
  /** Between rows, then between columns (mm). */
  readonly pixelSpacingMm?: readonly [row: number, column: number];
  readonly sliceThicknessMm?: number;
}

/** The slices of one parsed instance, one per frame. */
export function readSliceHeaders(
  file: DicomFile,
  source: string,
  instanceIndex: number,
): SliceHeader[] {
  const dataset = file.dataset;
  const identity = {
    source,
    instanceIndex,
    ...optional('sopInstanceUid', textOf(dataset, 'SOPInstanceUID')),
    ...optional('seriesInstanceUid', textOf(dataset, 'SeriesInstanceUID')),
    ...optional('instanceNumber', numberOf(dataset, 'InstanceNumber')),
    hasPixelData: elementOf(dataset, 'PixelData') !== undefined,
    rows: numberOf(dataset, 'Rows') ?? 0,
    columns: numberOf(dataset, 'Columns') ?? 0,
  };

  return Array.from({ length: frameCountOf(file) }, (_, frameIndex) => ({
    ...identity,
    frameIndex,
    ...frameGeometry(dataset, frameIndex),
  }));
}

function frameGeometry(
  dataset: DicomDataset,
  frameIndex: number,
): Pick<
  SliceHeader,
  | 'imageType'
  | 'imagePositionPatient'
  | 'imageOrientationPatient'
  | 'pixelSpacingMm'
  | 'sliceThicknessMm'
> {
  const position = numbersOf(
    frameAttributesOf(dataset, frameIndex, 'PlanePositionSequence'),
    'ImagePositionPatient',
  );
  const orientation = numbersOf(
    frameAttributesOf(dataset, frameIndex, 'PlaneOrientationSequence'),
    'ImageOrientationPatient',
  );
  const measures = frameAttributesOf(dataset, frameIndex, 'PixelMeasuresSequence');
  const spacing = numbersOf(measures, 'PixelSpacing');
  const frameType = functionalGroupOf(dataset, frameIndex, 'CTImageFrameTypeSequence');

  return {
    imageType:
      (frameType && textsOf(frameType, 'FrameType')) ?? textsOf(dataset, 'ImageType') ?? [],
    ...optional('imagePositionPatient', vector(position, 0)),
    ...optional(
      'imageOrientationPatient',
      orientation?.length === 6 ? tuple(vector(orientation, 0), vector(orientation, 3)) : undefined,
    ),
    ...optional(
      'pixelSpacingMm',
      spacing?.length === 2 ? tuple(spacing[0], spacing[1]) : undefined,
    ),
    ...optional(
      'sliceThicknessMm',
      numberOf(measures, 'SliceThickness') ?? numberOf(dataset, 'SliceThickness'),
    ),
  };
}

function vector(values: readonly number[] | undefined, at: number): Vec3 | undefined {
  const [x, y, z] = values?.slice(at, at + 3) ?? [];
  return x === undefined || y === undefined || z === undefined ? undefined : [x, y, z];
}

function tuple<A, B>(a: A | undefined, b: B | undefined): readonly [A, B] | undefined {
  return a === undefined || b === undefined ? undefined : [a, b];
}

// exactOptionalPropertyTypes: an absent value leaves the property out rather than undefined.
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]: V });
}
