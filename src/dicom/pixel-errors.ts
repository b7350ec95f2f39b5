/**
 * The two typed errors of pixel decoding: pixels of a kind ctbank does not decode, and pixels
 * that should decode but do not. Both carry the file, the SOP Instance UID and the attribute.
 */
import { CtbankError, type ErrorPlace } from '../errors.js';
import type { Keyword } from './tags.js';

/** Pixels this decoder does not handle (colour, odd bit depths, a transfer syntax it lacks). */
export function pixelDataUnsupported(
  place: ErrorPlace,
  keyword: Keyword,
  what: string,
): CtbankError {
  return new CtbankError(
    'PIXEL_DATA_UNSUPPORTED',
    `${place.file ?? 'an instance'}: cannot decode ${what} (grey CT pixels only)`,
    { ...place, keyword },
  );
}

/** Pixel data that is damaged or does not match its header; keeps the codec's error as cause. */
export function pixelDecodeFailed(place: ErrorPlace, why: string, cause?: unknown): CtbankError {
  return new CtbankError(
    'PIXEL_DECODE_FAILED',
    `${place.file ?? 'an instance'}: ${why}`,
    { ...place, keyword: 'PixelData' },
    cause,
  );
}
