/**
 * The adapter around @cornerstonejs/codec-charls (CharLS in WebAssembly), for JPEG-LS Lossless
 * 1.2.840.10008.1.2.4.80 and Near-Lossless 1.2.840.10008.1.2.4.81 (ITU T.87). Loaded on first use.
 */
import type { ErrorPlace } from '../errors.js';
import type { RawSamples } from './pixel-hu.js';
import type { PixelLayout } from './pixel-layout.js';
import { decodeWithWasm, loadWasmCodec, type WasmCodec } from './pixel-wasm-codec.js';

let codec: Promise<WasmCodec> | undefined;

/** Decodes one JPEG-LS frame of a grey image into raw samples. */
export async function decodeJpegLs(
  frame: Uint8Array,
  layout: PixelLayout,
  place: ErrorPlace,
): Promise<RawSamples> {
  codec ??= loadWasmCodec('CharLS', '@cornerstonejs/codec-charls/decodewasmjs', 'JpegLSDecoder');
  return decodeWithWasm(await codec, frame, layout, place);
}
