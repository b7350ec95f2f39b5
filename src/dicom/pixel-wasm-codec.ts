/**
 * What the two WebAssembly codecs (@cornerstonejs/codec-charls for JPEG-LS,
 * @cornerstonejs/codec-openjpeg for JPEG 2000) have in common: an Emscripten module loaded once
 * with its console output caught, and a decoder object that takes the codestream into its own
 * memory, decodes it and must be deleted. Each codec's adapter supplies only its module name.
 */
import { createRequire } from 'node:module';

import type { ErrorPlace } from '../errors.js';
import { pixelDecodeFailed as failed } from './pixel-errors.js';
import type { RawSamples } from './pixel-hu.js';
import type { PixelLayout } from './pixel-layout.js';

/** The decoder object both codecs export (JpegLSDecoder, J2KDecoder). */
interface WasmDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): WasmFrameInfo;
  getDecodedBuffer(): Uint8Array;
  delete(): void;
}

interface WasmFrameInfo {
  readonly width: number;
  readonly height: number;
  readonly bitsPerSample: number;
  readonly componentCount: number;
  /** JPEG 2000 only: the codestream's samples are two's complement. */
  readonly isSigned?: boolean;
}

/** One loaded codec: makes decoders and keeps the messages the codec printed last. */
export interface WasmCodec {
  readonly name: string;
  readonly newDecoder: () => WasmDecoder;
  readonly messages: string[];
}

type ModuleFactory = (options: object) => Promise<unknown>;

/** Loads an Emscripten codec module exporting `className`; its output goes to `messages`. */
export async function loadWasmCodec(
  name: string,
  moduleId: string,
  className: string,
): Promise<WasmCodec> {
  const factory: unknown = createRequire(import.meta.url)(moduleId);
  if (typeof factory !== 'function') throw new TypeError(`${moduleId} is not a module factory`);

  const messages: string[] = [];
  // Emscripten prints the codec's info and errors; they belong in an error's message, not on
  // standard output, which the CLI keeps for its JSON.
  const keep = (text: string): void => {
    messages.push(text);
    if (messages.length > 20) messages.shift();
  };
  const module = await (factory as ModuleFactory)({ print: keep, printErr: keep });
  const decoderClass: unknown =
    typeof module === 'object' && module !== null && className in module
      ? (module as Record<string, unknown>)[className]
      : undefined;
  if (typeof decoderClass !== 'function') throw new TypeError(`${moduleId} lacks ${className}`);

  const Decoder = decoderClass as new () => WasmDecoder;
  return { name, newDecoder: () => new Decoder(), messages };
}

/** Decodes one grey frame with a loaded codec into raw samples (copied out of wasm memory). */
export function decodeWithWasm(
  codec: WasmCodec,
  frame: Uint8Array,
  layout: PixelLayout,
  place: ErrorPlace,
): RawSamples {
  const decoder = codec.newDecoder();
  codec.messages.length = 0;

  try {
    decoder.getEncodedBuffer(frame.length).set(frame);
    decoder.decode();
    const info = decoder.getFrameInfo();
    checkFrame(codec, info, layout, place);
    const decoded = decoder.getDecodedBuffer();
    if (decoded.length < info.width * info.height * (info.bitsPerSample <= 8 ? 1 : 2)) {
      throw failed(place, `${codec.name} returned fewer samples than the frame holds`);
    }
    return copySamples(decoded, info);
  } catch (thrown) {
    // A C++ exception reaches JavaScript as a bare number: the codec's messages say more.
    if (typeof thrown !== 'number') throw thrown;
    throw failed(place, `${codec.name} could not decode the frame${said(codec)}`, thrown);
  } finally {
    decoder.delete();
  }
}

function checkFrame(
  codec: WasmCodec,
  info: WasmFrameInfo,
  layout: PixelLayout,
  place: ErrorPlace,
): void {
  if (info.width === 0 || info.height === 0) {
    throw failed(place, `${codec.name} could not decode the frame${said(codec)}`);
  }
  if (info.width !== layout.columns || info.height !== layout.rows) {
    const found = `${info.width} × ${info.height}`;
    throw failed(
      place,
      `the codestream is ${found}, the header says ${layout.columns} × ${layout.rows}`,
    );
  }
  if (info.componentCount !== 1) {
    throw failed(place, `the codestream has ${info.componentCount} components, not one grey one`);
  }
  if (info.bitsPerSample > layout.bitsAllocated) {
    throw failed(
      place,
      `${info.bitsPerSample}-bit samples do not fit ${layout.bitsAllocated} bits`,
    );
  }
}

// The decoded buffer is a view of wasm memory, freed with the decoder: copy it out. Signed
// JPEG 2000 samples come as Int16 and are kept as their bit patterns, which the rescale step
// reads by Pixel Representation.
function copySamples(decoded: Uint8Array, info: WasmFrameInfo): RawSamples {
  if (info.bitsPerSample <= 8) return new Uint8Array(decoded);

  const samples = new Uint16Array(info.width * info.height);
  new Uint8Array(samples.buffer).set(decoded.subarray(0, samples.byteLength));
  return samples;
}

function said(codec: WasmCodec): string {
  const last = codec.messages.filter((text) => /error/i.test(text)).pop();
  return last === undefined ? '' : ` (${last.trim()})`;
}
