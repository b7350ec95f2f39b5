/**
 * Burned-in text as the de-identification stage checks it: the cheap pixel screen on every
 * slice (on any thread), and OCR only for the slices it flags, with one OCR engine per study
 * started on first need.
 */
import { hasCode } from '../errors.js';
import { decodeScreenPixels, decodeUncompressedCtImage } from './burned-in-decode.js';
import { createTextReader, type TextReader } from './burned-in-ocr.js';
import type { CtImage } from './burned-in-text.js';
import { screenForBurnedInText } from './burned-in-text.js';
import { screenSlice } from './burned-in-screen.js';

/** True when the pixel screen finds text-like blocks in the slice (OCR must then confirm). */
export function screenBurnedInText(bytes: Uint8Array, sourcePath: string): boolean {
  const pixels = unsupportedAsUndefined(() => decodeScreenPixels(bytes, sourcePath));
  return pixels !== undefined && screenSlice(pixels).length > 0;
}

/** The reason when OCR reads words in the flagged blocks of the slice; undefined when clean. */
export async function confirmBurnedInText(
  bytes: Uint8Array,
  sourcePath: string,
  ocr: LazyReader,
): Promise<string | undefined> {
  const image = decodedOrUndefined(bytes, sourcePath);
  if (image === undefined) return undefined;

  const confirmed = await screenForBurnedInText(image, { reader: await ocr.get() });
  return confirmed.suspicious ? confirmed.reason : undefined;
}

// Only uncompressed single-frame CT can be screened until pixel decoding arrives (issue 4):
// compressed images pass unscreened, which the stage's tests and the README say.
function decodedOrUndefined(bytes: Uint8Array, sourcePath: string): CtImage | undefined {
  return unsupportedAsUndefined(() => decodeUncompressedCtImage(bytes, sourcePath));
}

function unsupportedAsUndefined<T>(decode: () => T): T | undefined {
  try {
    return decode();
  } catch (thrown) {
    if (hasCode(thrown, 'PIXEL_DATA_UNSUPPORTED')) return undefined;
    throw thrown;
  }
}

/** One OCR engine for a study, started only when a slice needs it. */
export class LazyReader {
  private reader: Promise<TextReader> | undefined;

  /** The engine, started on the first call. */
  get(): Promise<TextReader> {
    this.reader ??= createTextReader();
    return this.reader;
  }

  /** Ends the engine if it was started. */
  async terminate(): Promise<void> {
    if (this.reader !== undefined) await (await this.reader).terminate();
  }
}
