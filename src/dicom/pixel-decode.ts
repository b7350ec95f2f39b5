/**
 * The entry point of pixel decoding: one frame of a parsed CT instance to Hounsfield units, in
 * any transfer syntax CT archives use (see pixel-codecs.ts), single-frame or multi-frame. The
 * rescale is the frame's own in an enhanced image (Pixel Value Transformation, PS3.3 C.7.6.16.2.9),
 * else the instance's (CT Image module, PS3.3 C.8.2.1).
 */
import { CtbankError, type ErrorPlace } from '../errors.js';
import type { DicomDataset, DicomFile } from './dataset.js';
import { pixelSyntaxOf, type PixelCodec } from './pixel-codecs.js';
import { elementOf, numberOf, textOf } from './pixel-element-values.js';
import { pixelDataUnsupported, pixelDecodeFailed } from './pixel-errors.js';
import { encapsulatedFrameBytes, nativeFrameBytes } from './pixel-frames.js';
import { frameAttributesOf } from './pixel-functional-groups.js';
import { toHu, type RawSamples, type Rescale } from './pixel-hu.js';
import { decodeJpeg2000 } from './pixel-jpeg-2000.js';
import { decodeJpegLossless } from './pixel-jpeg-lossless.js';
import { decodeJpegLs } from './pixel-jpeg-ls.js';
import { readPixelLayout, type PixelLayout } from './pixel-layout.js';
import { nativeSamples } from './pixel-native.js';
import { decodeRle } from './pixel-rle.js';

/** One decoded frame. */
export interface DecodedFrame {
  readonly rows: number;
  readonly columns: number;
  /** Modality values, row by row: HU for CT (the rescale applied). */
  readonly hu: Int16Array | Float32Array;
  readonly rescale: Rescale;
  /** The pixels may have lost information: a lossy syntax, or Lossy Image Compression 01. */
  readonly lossy: boolean;
}

/** The number of frames of an image instance (1 without Number of Frames). */
export function frameCountOf(file: DicomFile): number {
  const frames = numberOf(file.dataset, 'NumberOfFrames') ?? 1;
  return Number.isInteger(frames) && frames > 0 ? frames : 1;
}

/**
 * Decodes frame `frameIndex` (from 0) of a parsed instance; `source` names it in errors, which
 * are PIXEL_DATA_UNSUPPORTED or PIXEL_DECODE_FAILED with the file and SOP Instance UID.
 */
export async function decodeFrame(
  file: DicomFile,
  frameIndex: number,
  source: string,
): Promise<DecodedFrame> {
  const place = placeOf(file.dataset, source);
  const syntax = pixelSyntaxOf(file.transferSyntaxUid);
  if (syntax === undefined) {
    const what = `pixels in transfer syntax ${file.transferSyntaxUid}`;
    throw pixelDataUnsupported(place, 'TransferSyntaxUID', what);
  }

  const layout = readPixelLayout(file.dataset, place);
  if (!Number.isInteger(frameIndex) || frameIndex < 0 || frameIndex >= layout.numberOfFrames) {
    throw pixelDecodeFailed(place, `frame ${frameIndex + 1} of ${layout.numberOfFrames} asked`);
  }

  const raw = await rawSamples(file.dataset, syntax.codec, layout, frameIndex, place);
  if (raw.length < layout.rows * layout.columns) {
    const count = `${raw.length} samples for ${layout.rows} × ${layout.columns} pixels`;
    throw pixelDecodeFailed(place, `the frame decodes to ${count}`);
  }

  // A codec may hand back a padded buffer: only the frame's own pixels count.
  const rescale = rescaleOf(file.dataset, frameIndex);
  return {
    rows: layout.rows,
    columns: layout.columns,
    hu: toHu(raw.subarray(0, layout.rows * layout.columns), layout, rescale),
    rescale,
    lossy: syntax.lossy || textOf(file.dataset, 'LossyImageCompression') === '01',
  };
}

async function rawSamples(
  dataset: DicomDataset,
  codec: PixelCodec,
  layout: PixelLayout,
  frameIndex: number,
  place: ErrorPlace,
): Promise<RawSamples> {
  const pixelData = elementOf(dataset, 'PixelData');
  if (pixelData === undefined) {
    throw pixelDataUnsupported(place, 'PixelData', 'an instance without Pixel Data');
  }

  if (codec === 'native') {
    if (pixelData.fragments !== undefined) {
      throw pixelDecodeFailed(place, 'Pixel Data is encapsulated in a native transfer syntax');
    }
    return nativeSamples(nativeFrameBytes(pixelData, layout, frameIndex, place), layout);
  }

  if (pixelData.fragments === undefined) {
    throw pixelDecodeFailed(
      place,
      'Pixel Data is not encapsulated in a compressed transfer syntax',
    );
  }
  const frame = encapsulatedFrameBytes(
    pixelData.fragments,
    layout.numberOfFrames,
    frameIndex,
    place,
  );
  try {
    return await decodeEncapsulated(codec, frame, layout, place);
  } catch (thrown) {
    if (thrown instanceof CtbankError) throw thrown;
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    throw pixelDecodeFailed(place, `the ${codec} codec failed: ${message}`, thrown);
  }
}

function decodeEncapsulated(
  codec: Exclude<PixelCodec, 'native'>,
  frame: Uint8Array,
  layout: PixelLayout,
  place: ErrorPlace,
): RawSamples | Promise<RawSamples> {
  switch (codec) {
    case 'jpeg-lossless':
      return decodeJpegLossless(frame, layout, place);
    case 'jpeg-ls':
      return decodeJpegLs(frame, layout, place);
    case 'jpeg-2000':
      return decodeJpeg2000(frame, layout, place);
    case 'rle':
      return decodeRle(frame, layout, place);
  }
}

// The Modality LUT is identity when neither the frame nor the instance has a rescale.
function rescaleOf(dataset: DicomDataset, frameIndex: number): Rescale {
  const source = frameAttributesOf(dataset, frameIndex, 'PixelValueTransformationSequence');
  return {
    slope: numberOf(source, 'RescaleSlope') ?? numberOf(dataset, 'RescaleSlope') ?? 1,
    intercept: numberOf(source, 'RescaleIntercept') ?? numberOf(dataset, 'RescaleIntercept') ?? 0,
  };
}

function placeOf(dataset: DicomDataset, source: string): ErrorPlace {
  const sopInstanceUid = textOf(dataset, 'SOPInstanceUID');
  return { file: source, ...(sopInstanceUid === undefined ? {} : { sopInstanceUid }) };
}
