/**
 * Burned-in text as the de-identification stage checks it: the cheap pixel screen on every
 * frame (on any thread), and OCR only for the frames it flags, with one OCR engine per study
 * started on first need. Uncompressed slices are screened straight from their stored values;
 * compressed ones (JPEG lossless, JPEG-LS, JPEG 2000, RLE) are decoded first. A slice whose
 * pixels cannot be decoded cannot be proven free of text, so it is never published.
 */
import type { DicomFile } from '../dicom/dataset.js';
import { decodeFrame, frameCountOf } from '../dicom/pixel-decode.js';
import { hasCode, messageOf } from '../errors.js';
import { decodeScreenPixels, decodeUncompressedCtImage } from './burned-in-decode.js';
import { createTextReader, type TextReader } from './burned-in-ocr.js';
import { screenPixelsOfImage } from './burned-in-pixels.js';
import type { CtImage } from './burned-in-text.js';
import { screenForBurnedInText } from './burned-in-text.js';
import { screenSlice } from './burned-in-screen.js';

/** What the pixel screen made of an instance. */
export type ScreenVerdict =
  | { readonly status: 'clean' }
  /** Text-like blocks were found: OCR must confirm. */
  | { readonly status: 'flagged' }
  /** The pixels cannot be decoded, so nothing about them can be proven. */
  | { readonly status: 'unscreenable'; readonly detail: string };

/** Screens every frame of an instance for text-like blocks. */
export async function screenBurnedInText(
  bytes: Uint8Array,
  file: DicomFile,
  sourcePath: string,
): Promise<ScreenVerdict> {
  const native = nativeOrUndefined(() => decodeScreenPixels(bytes, sourcePath));
  if (native !== undefined) {
    return screenSlice(native).length > 0 ? { status: 'flagged' } : { status: 'clean' };
  }

  const frames = await decodedFrames(file, sourcePath);
  if (!Array.isArray(frames)) return frames;
  const flagged = frames.some((frame) => screenSlice(screenPixelsOfImage(frame)).length > 0);
  return flagged ? { status: 'flagged' } : { status: 'clean' };
}

/** The reason when OCR reads words in the flagged blocks of a frame; undefined when clean. */
export async function confirmBurnedInText(
  bytes: Uint8Array,
  file: DicomFile,
  sourcePath: string,
  ocr: LazyReader,
): Promise<string | undefined> {
  const native = nativeOrUndefined(() => decodeUncompressedCtImage(bytes, sourcePath));
  const frames = native === undefined ? await decodedFrames(file, sourcePath) : [native];
  if (!Array.isArray(frames)) return `pixels cannot be screened: ${frames.detail}`;

  for (const frame of frames) {
    const confirmed = await screenForBurnedInText(frame, { reader: await ocr.get() });
    if (confirmed.suspicious) return confirmed.reason;
  }
  return undefined;
}

// Every frame in HU through the pixel codecs, or why they cannot be decoded.
async function decodedFrames(
  file: DicomFile,
  sourcePath: string,
): Promise<CtImage[] | Extract<ScreenVerdict, { status: 'unscreenable' }>> {
  const frames: CtImage[] = [];
  try {
    for (let index = 0; index < frameCountOf(file); index++) {
      const frame = await decodeFrame(file, index, sourcePath);
      frames.push({ rows: frame.rows, columns: frame.columns, hu: frame.hu });
    }
  } catch (thrown) {
    const undecodable =
      hasCode(thrown, 'PIXEL_DATA_UNSUPPORTED') || hasCode(thrown, 'PIXEL_DECODE_FAILED');
    if (!undecodable) throw thrown;
    return { status: 'unscreenable', detail: messageOf(thrown) };
  }
  return frames;
}

// The fast path reads native single-frame pixels only; anything else goes through the codecs.
function nativeOrUndefined<T>(decode: () => T): T | undefined {
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
