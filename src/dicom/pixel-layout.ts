/**
 * The Image Pixel module (PS3.3 C.7.6.3) as pixel decoding needs it, restricted to what CT
 * uses: one grey sample per pixel in 8 or 16 bits. Colour, palette and 1- or 32-bit images are
 * refused with a typed error naming the attribute.
 */
import type { ErrorPlace } from '../errors.js';
import type { DicomDataset } from './dataset.js';
import { numberOf, textOf } from './pixel-element-values.js';
import { pixelDataUnsupported as unsupported } from './pixel-errors.js';

/** How the stored pixel values of every frame are laid out. */
export interface PixelLayout {
  readonly rows: number;
  readonly columns: number;
  readonly numberOfFrames: number;
  readonly bitsAllocated: 8 | 16;
  readonly bitsStored: number;
  readonly highBit: number;
  /** Pixel Representation 1: stored values are two's complement. */
  readonly signed: boolean;
  readonly photometricInterpretation: 'MONOCHROME1' | 'MONOCHROME2';
}

/** Reads and checks the pixel layout; `place` names the file and instance in errors. */
export function readPixelLayout(dataset: DicomDataset, place: ErrorPlace): PixelLayout {
  const rows = numberOf(dataset, 'Rows') ?? 0;
  const columns = numberOf(dataset, 'Columns') ?? 0;
  const samples = numberOf(dataset, 'SamplesPerPixel') ?? 1;
  const frames = numberOf(dataset, 'NumberOfFrames') ?? 1;
  const bitsAllocated = numberOf(dataset, 'BitsAllocated') ?? 16;
  const bitsStored = numberOf(dataset, 'BitsStored') ?? bitsAllocated;
  const highBit = numberOf(dataset, 'HighBit') ?? bitsStored - 1;
  // MONOCHROME2 is the default meaning of a grey image without the attribute (PS3.3 C.7.6.3.1.2).
  const photometric = textOf(dataset, 'PhotometricInterpretation') ?? 'MONOCHROME2';

  if (rows < 1 || columns < 1) throw unsupported(place, 'Rows', 'an image without Rows/Columns');
  if (samples !== 1) throw unsupported(place, 'SamplesPerPixel', `${samples} samples per pixel`);
  if (photometric !== 'MONOCHROME1' && photometric !== 'MONOCHROME2') {
    throw unsupported(place, 'PhotometricInterpretation', `${photometric} pixels`);
  }
  if (!Number.isInteger(frames) || frames < 1) {
    throw unsupported(place, 'NumberOfFrames', `Number of Frames ${frames}`);
  }
  if (bitsAllocated !== 8 && bitsAllocated !== 16) {
    throw unsupported(place, 'BitsAllocated', `${bitsAllocated} bits allocated`);
  }
  if (bitsStored < 1 || bitsStored > bitsAllocated || highBit < bitsStored - 1) {
    throw unsupported(place, 'BitsStored', `${bitsStored} bits stored, high bit ${highBit}`);
  }
  if (highBit >= bitsAllocated) {
    throw unsupported(place, 'HighBit', `high bit ${highBit} of ${bitsAllocated} bits`);
  }

  return {
    rows,
    columns,
    numberOfFrames: frames,
    bitsAllocated,
    bitsStored,
    highBit,
    signed: numberOf(dataset, 'PixelRepresentation') === 1,
    photometricInterpretation: photometric,
  };
}
