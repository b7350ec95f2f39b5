/**
 * The adapter around @cornerstonejs/codec-openjpeg (OpenJPEG in WebAssembly), for JPEG 2000
 * Lossless 1.2.840.10008.1.2.4.90 and lossy 1.2.840.10008.1.2.4.91 (ISO/IEC 15444-1). Loaded on
 * first use.
 */
import type { ErrorPlace } from '../errors.js';
import type { RawSamples } from './pixel-hu.js';
import type { PixelLayout } from './pixel-layout.js';
import { decodeWithWasm, loadWasmCodec, type WasmCodec } from './pixel-wasm-codec.js';

let codec: Promise<WasmCodec> | undefined;

/** Decodes one JPEG 2000 frame of a grey image into raw samples. */
export async function decodeJpeg2000(
  frame: Uint8Array,
  layout: PixelLayout,
  place: ErrorPlace,
): Promise<RawSamples> {
  codec ??= loadWasmCodec('OpenJPEG', '@cornerstonejs/codec-openjpeg/decodewasmjs', 'J2KDecoder');
  return decodeWithWasm(await codec, frame, layout, place);
}
