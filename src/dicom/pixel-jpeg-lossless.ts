/**
 * The one adapter around jpeg-lossless-decoder-js, for JPEG Lossless, Non-Hierarchical
 * (Process 14), 1.2.840.10008.1.2.4.57, and its first-order-prediction form (Selection Value 1),
 * 1.2.840.10008.1.2.4.70: ITU T.81 Annex H, the syntax of most CT archives' lossless pixels.
 * The package ships JavaScript without type declarations; this module checks its shape once.
 */
import { createRequire } from 'node:module';

import type { ErrorPlace } from '../errors.js';
import { pixelDecodeFailed as failed } from './pixel-errors.js';
import type { RawSamples } from './pixel-hu.js';
import type { PixelLayout } from './pixel-layout.js';

interface LosslessDecoder {
  decode(buffer: ArrayBufferLike, offset: number, length: number, numBytes: number): unknown;
}

type LosslessDecoderClass = new () => LosslessDecoder;

let decoderClass: LosslessDecoderClass | undefined;

/** Decodes one JPEG Lossless frame of a grey image into raw samples. */
export function decodeJpegLossless(
  frame: Uint8Array,
  layout: PixelLayout,
  place: ErrorPlace,
): RawSamples {
  const Decoder = loadDecoder();
  // The decoder keeps state per image: a fresh one per frame.
  const samples = new Decoder().decode(
    frame.buffer,
    frame.byteOffset,
    frame.byteLength,
    layout.bitsAllocated / 8,
  );

  if (!(samples instanceof Uint8Array) && !(samples instanceof Uint16Array)) {
    throw failed(place, 'the JPEG Lossless decoder returned no samples');
  }
  return samples;
}

function loadDecoder(): LosslessDecoderClass {
  if (decoderClass !== undefined) return decoderClass;

  const library: unknown = createRequire(import.meta.url)('jpeg-lossless-decoder-js');
  const candidate =
    typeof library === 'object' && library !== null && 'Decoder' in library
      ? library.Decoder
      : undefined;
  if (typeof candidate !== 'function') {
    throw new TypeError('jpeg-lossless-decoder-js does not export a Decoder class');
  }
  decoderClass = candidate as LosslessDecoderClass;
  return decoderClass;
}
