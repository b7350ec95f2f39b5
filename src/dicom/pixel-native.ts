/**
 * Raw samples of a native (uncompressed) frame, PS3.5 section 8.1.1. The parser already holds
 * Pixel Data little endian whatever the transfer syntax (big-endian OW is swapped on reading),
 * so one path serves Implicit and Explicit VR Little Endian, Deflated and Big Endian.
 */
import type { RawSamples } from './pixel-hu.js';
import type { PixelLayout } from './pixel-layout.js';

const MACHINE_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The samples of a native frame, a view of its bytes when alignment allows, else a copy. */
export function nativeSamples(frame: Uint8Array, layout: PixelLayout): RawSamples {
  if (layout.bitsAllocated === 8) return frame;

  const count = frame.length >>> 1;
  if (MACHINE_IS_LITTLE_ENDIAN && frame.byteOffset % 2 === 0) {
    return new Uint16Array(frame.buffer, frame.byteOffset, count);
  }

  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const samples = new Uint16Array(count);
  for (let i = 0; i < count; i++) samples[i] = view.getUint16(i * 2, true);
  return samples;
}
