/**
 * Decodes the pixels of one uncompressed CT slice into Hounsfield units, for the burned-in text
 * screen. Native (uncompressed) Pixel Data only (PS3.5 section 8.1.1, A.1 to A.5); compressed
 * transfer syntaxes are refused with a typed error until a codec lands in dicom/.
 */
import { inflateRawSync } from 'node:zlib';
import dicomParser from 'dicom-parser';
import type { DataSet } from 'dicom-parser';

import { CtbankError, messageOf, type ErrorPlace } from '../errors.js';
import { sniffRawDataSet } from '../dicom/sniff.js';
import { parserKey } from '../dicom/tags.js';
import {
  DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
  EXPLICIT_VR_BIG_ENDIAN,
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
} from '../dicom/transfer-syntax.js';
import type { PixelValues, ScreenPixels, ValueRange } from './burned-in-pixels.js';
import type { CtImage } from './burned-in-text.js';

const NATIVE_SYNTAXES = new Set([
  IMPLICIT_VR_LITTLE_ENDIAN,
  EXPLICIT_VR_LITTLE_ENDIAN,
  DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
  EXPLICIT_VR_BIG_ENDIAN,
]);

const MACHINE_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const INT16_MIN = -32768;
const INT16_MAX = 32767;

/** Decodes a single-frame, single-sample CT slice in a native transfer syntax to HU. */
export function decodeUncompressedCtImage(bytes: Uint8Array, file: string): CtImage {
  const { pixels, slope, intercept, pixelSpacingMm } = decodeSlice(bytes, file);
  return {
    rows: pixels.rows,
    columns: pixels.columns,
    hu: rescale(pixels.values, slope, intercept),
    ...(pixelSpacingMm === undefined ? {} : { pixelSpacingMm }),
  };
}

/** The same slice as the burned-in text screen reads it, without an HU copy where possible. */
export function decodeScreenPixels(bytes: Uint8Array, file: string): ScreenPixels {
  const { pixels, slope, intercept } = decodeSlice(bytes, file);
  if (slope === 1 && Number.isInteger(intercept)) {
    const { range } = pixels;
    const hu = range && { min: range.min + intercept, max: range.max + intercept };
    return { ...pixels, offset: intercept, range: hu };
  }

  return { ...pixels, values: rescale(pixels.values, slope, intercept), range: undefined };
}

interface Slice {
  /** The stored values, offset 0. */
  readonly pixels: ScreenPixels;
  readonly slope: number;
  readonly intercept: number;
  readonly pixelSpacingMm: [number, number] | undefined;
}

function decodeSlice(bytes: Uint8Array, file: string): Slice {
  const { dataSet, transferSyntaxUid } = parse(bytes, file);
  const sopInstanceUid = dataSet.string(parserKey('SOPInstanceUID'))?.replace(/\0/g, '').trim();
  const where: ErrorPlace = { file, ...(sopInstanceUid ? { sopInstanceUid } : {}) };
  if (!NATIVE_SYNTAXES.has(transferSyntaxUid)) {
    throw unsupported(where, 'TransferSyntaxUID', `transfer syntax ${transferSyntaxUid}`);
  }

  const layout = pixelLayout(dataSet, where);
  const bigEndian = transferSyntaxUid === EXPLICIT_VR_BIG_ENDIAN;
  const raw = storedSamples(dataSet, layout, bigEndian, where);
  const spacingRow = dataSet.floatString(parserKey('PixelSpacing'), 0);
  const spacingColumn = dataSet.floatString(parserKey('PixelSpacing'), 1);
  return {
    pixels: { rows: layout.rows, columns: layout.columns, offset: 0, ...storedValues(raw, layout) },
    slope: dataSet.floatString(parserKey('RescaleSlope')) ?? 1,
    intercept: dataSet.floatString(parserKey('RescaleIntercept')) ?? 0,
    pixelSpacingMm:
      spacingRow !== undefined && spacingColumn !== undefined
        ? [spacingRow, spacingColumn]
        : undefined,
  };
}

interface Parsed {
  dataSet: DataSet;
  transferSyntaxUid: string;
}

function parse(bytes: Uint8Array, file: string): Parsed {
  const hasPreamble =
    bytes.length > 132 && String.fromCharCode(...bytes.subarray(128, 132)) === 'DICM';
  const guessed = hasPreamble ? undefined : sniffRawDataSet(bytes);
  if (!hasPreamble && guessed === undefined) {
    throw new CtbankError('NOT_DICOM', `${file}: not a DICOM data set`, { file });
  }

  try {
    const dataSet = dicomParser.parseDicom(bytes, {
      inflater: inflateDeflated,
      ...(guessed === undefined ? {} : { TransferSyntaxUID: guessed }),
    });
    const declared = dataSet.string(parserKey('TransferSyntaxUID'))?.replace(/\0/g, '').trim();
    return { dataSet, transferSyntaxUid: declared || (guessed ?? IMPLICIT_VR_LITTLE_ENDIAN) };
  } catch (thrown) {
    throw new CtbankError('MALFORMED_ELEMENT', `${file}: ${messageOf(thrown)}`, { file }, thrown);
  }
}

// Deflated Explicit VR Little Endian (PS3.5 A.5): everything after the meta group is raw deflate.
function inflateDeflated(bytes: Uint8Array, position: number): Uint8Array {
  const inflated = inflateRawSync(bytes.subarray(position));
  const whole = new Uint8Array(position + inflated.length);
  whole.set(bytes.subarray(0, position));
  whole.set(inflated, position);
  return whole;
}

interface PixelLayout {
  rows: number;
  columns: number;
  bitsAllocated: 8 | 16;
  bitsStored: number;
  signed: boolean;
}

// The Image Pixel module (PS3.3 C.7.6.3) restricted to what a CT slice uses: one grey sample.
function pixelLayout(dataSet: DataSet, where: ErrorPlace): PixelLayout {
  const rows = dataSet.uint16(parserKey('Rows')) ?? 0;
  const columns = dataSet.uint16(parserKey('Columns')) ?? 0;
  const samples = dataSet.uint16(parserKey('SamplesPerPixel')) ?? 1;
  const frames = dataSet.intString(parserKey('NumberOfFrames')) ?? 1;
  const bitsAllocated = dataSet.uint16(parserKey('BitsAllocated')) ?? 16;
  const bitsStored = dataSet.uint16(parserKey('BitsStored')) ?? bitsAllocated;

  if (rows === 0 || columns === 0)
    throw unsupported(where, 'Rows', 'an image without Rows/Columns');
  if (samples !== 1) throw unsupported(where, 'SamplesPerPixel', `${samples} samples per pixel`);
  if (frames > 1) throw unsupported(where, 'NumberOfFrames', `${frames} frames`);
  if (bitsAllocated !== 8 && bitsAllocated !== 16) {
    throw unsupported(where, 'BitsAllocated', `${bitsAllocated} bits allocated`);
  }
  if (bitsStored < 1 || bitsStored > bitsAllocated) {
    throw unsupported(where, 'BitsStored', `${bitsStored} bits stored of ${bitsAllocated}`);
  }
  return {
    rows,
    columns,
    bitsAllocated,
    bitsStored,
    signed: dataSet.uint16(parserKey('PixelRepresentation')) === 1,
  };
}

// The raw samples of Pixel Data, after checking that it holds Rows × Columns of them.
function storedSamples(
  dataSet: DataSet,
  layout: PixelLayout,
  bigEndian: boolean,
  where: ErrorPlace,
): Uint8Array | Uint16Array {
  const element = dataSet.elements[parserKey('PixelData')];
  if (element === undefined) throw unsupported(where, 'PixelData', 'no Pixel Data');
  if (element.encapsulatedPixelData === true) {
    throw unsupported(where, 'PixelData', 'encapsulated Pixel Data in a native transfer syntax');
  }

  const count = layout.rows * layout.columns;
  const bytesPerPixel = layout.bitsAllocated / 8;
  const end = element.dataOffset + count * bytesPerPixel;
  if (element.length < count * bytesPerPixel || end > dataSet.byteArray.length) {
    throw new CtbankError('TRUNCATED', `${where.file}: Pixel Data is shorter than Rows × Columns`, {
      ...where,
      keyword: 'PixelData',
      offset: element.dataOffset,
    });
  }
  return rawSamples(dataSet.byteArray, element.dataOffset, count, layout, bigEndian);
}

// The samples as unsigned integers of BitsAllocated, in the machine's byte order.
function rawSamples(
  bytes: Uint8Array,
  offset: number,
  count: number,
  layout: PixelLayout,
  bigEndian: boolean,
): Uint8Array | Uint16Array {
  if (layout.bitsAllocated === 8) return bytes.subarray(offset, offset + count);

  // A typed array view needs 2-byte alignment and reads in the machine's byte order; copy
  // through a DataView when either does not hold.
  const start = bytes.byteOffset + offset;
  if (bigEndian !== MACHINE_IS_LITTLE_ENDIAN && start % 2 === 0) {
    return new Uint16Array(bytes.buffer, start, count);
  }
  const view = new DataView(bytes.buffer, start, count * 2);
  const samples = new Uint16Array(count);
  for (let i = 0; i < count; i++) samples[i] = view.getUint16(i * 2, !bigEndian);
  return samples;
}

// The modality rescale of the stored values (PS3.5 section 8.1.1: the high bit is BitsStored - 1
// for every CT the field writes). Int16 when the rescale is an integer shift that keeps every
// value in range: half the memory of Float32 and exact, which is what nearly every CT (slope 1,
// intercept -1024) gives.
function rescale(stored: PixelValues, slope: number, intercept: number): Int16Array | Float32Array {
  if (slope === 1 && Number.isInteger(intercept)) {
    const hu = new Int16Array(stored.length);
    let fits = true;
    // Hand-rolled: the loop holds no call and no branch but the range check.
    for (let i = 0; i < stored.length; i++) {
      const value = (stored[i] as number) + intercept;
      if (value < INT16_MIN || value > INT16_MAX) fits = false;
      hu[i] = value;
    }
    if (fits) return hu;
  }

  const hu = new Float32Array(stored.length);
  for (let i = 0; i < stored.length; i++) hu[i] = (stored[i] as number) * slope + intercept;
  return hu;
}

interface StoredValues {
  readonly values: PixelValues;
  /** The lowest and highest stored value, when known. */
  readonly range: ValueRange | undefined;
}

// The stored values as integers. The samples read as BitsAllocated integers of the right
// signedness are already the stored values when every one lies in the range of BitsStored
// (nothing set above the high bit, or the sign extended there), which one pass finds out while
// it measures their range; only otherwise are the upper bits masked off or the sign extended
// into a copy (shifting them to the top of 32 bits and back).
function storedValues(raw: Uint8Array | Uint16Array, layout: PixelLayout): StoredValues {
  const view = signedView(raw, layout.signed);
  const range = rangeOf(view);
  const lowest = layout.signed ? -(2 ** (layout.bitsStored - 1)) : 0;
  const highest = layout.signed ? 2 ** (layout.bitsStored - 1) - 1 : 2 ** layout.bitsStored - 1;
  if (range.min >= lowest && range.max <= highest) return { values: view, range };

  const values = new Int32Array(raw.length);
  const shift = 32 - layout.bitsStored;
  const mask = (1 << layout.bitsStored) - 1;
  if (layout.signed) {
    for (let i = 0; i < raw.length; i++) values[i] = ((raw[i] as number) << shift) >> shift;
  } else {
    for (let i = 0; i < raw.length; i++) values[i] = (raw[i] as number) & mask;
  }
  return { values, range: undefined };
}

function signedView(raw: Uint8Array | Uint16Array, signed: boolean): PixelValues {
  if (!signed) return raw;
  return raw instanceof Uint16Array
    ? new Int16Array(raw.buffer, raw.byteOffset, raw.length)
    : new Int8Array(raw.buffer, raw.byteOffset, raw.length);
}

// Hand-rolled: one pass over every pixel, two compares and nothing else.
function rangeOf(values: PixelValues): ValueRange {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return { min, max };
}

function unsupported(where: ErrorPlace, keyword: string, what: string): CtbankError {
  return new CtbankError(
    'PIXEL_DATA_UNSUPPORTED',
    `${where.file}: cannot decode ${what} (only native single-frame grey pixels)`,
    { ...where, keyword },
  );
}
