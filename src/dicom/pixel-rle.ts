/**
 * RLE Lossless (1.2.840.10008.1.2.5), PS3.5 Annex G. Written here rather than taken from npm:
 * the format is a 64-byte header and a PackBits run coding over byte planes, some sixty lines,
 * and no small, well-kept npm decoder for it exists apart from viewer toolkits.
 */
import type { ErrorPlace } from '../errors.js';
import { pixelDecodeFailed as failed } from './pixel-errors.js';
import type { RawSamples } from './pixel-hu.js';
import type { PixelLayout } from './pixel-layout.js';

// G.5: sixteen 32-bit numbers, the segment count then up to fifteen segment offsets.
const HEADER_BYTES = 64;
const MAX_SEGMENTS = 15;

/** Decodes one RLE frame (one fragment) of a grey image into raw samples. */
export function decodeRle(frame: Uint8Array, layout: PixelLayout, place: ErrorPlace): RawSamples {
  if (frame.length < HEADER_BYTES) throw failed(place, 'an RLE frame is shorter than its header');

  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const segmentCount = view.getUint32(0, true);
  // G.2: one segment per byte of a sample, most significant byte first.
  const bytesPerSample = layout.bitsAllocated / 8;
  if (segmentCount !== bytesPerSample || segmentCount > MAX_SEGMENTS) {
    throw failed(
      place,
      `an RLE frame has ${segmentCount} segments for ${bytesPerSample}-byte samples`,
    );
  }

  const pixels = layout.rows * layout.columns;
  const planes: Uint8Array[] = [];
  for (let segment = 0; segment < segmentCount; segment++) {
    const start = view.getUint32(4 + segment * 4, true);
    const end = segment + 1 < segmentCount ? view.getUint32(8 + segment * 4, true) : frame.length;
    if (start < HEADER_BYTES || end > frame.length || end < start) {
      throw failed(place, `RLE segment ${segment + 1} lies outside its frame`);
    }
    planes.push(unpackSegment(frame.subarray(start, end), pixels, place));
  }

  const [high, low] = planes;
  if (low === undefined || high === undefined) return planes[0] ?? new Uint8Array(pixels);
  const samples = new Uint16Array(pixels);
  for (let i = 0; i < pixels; i++) samples[i] = ((high[i] ?? 0) << 8) | (low[i] ?? 0);
  return samples;
}

// G.3.1: a header byte n of 0..127 copies the next n + 1 bytes; -1..-127 repeats the next byte
// 1 - n times; -128 is skipped. A segment may end with padding past the bytes it needs.
function unpackSegment(segment: Uint8Array, length: number, place: ErrorPlace): Uint8Array {
  const out = new Uint8Array(length);
  let read = 0;
  let written = 0;

  while (written < length && read < segment.length) {
    const header = ((segment[read] ?? 0) << 24) >> 24;
    read += 1;
    if (header >= 0) {
      const count = Math.min(header + 1, length - written, segment.length - read);
      out.set(segment.subarray(read, read + count), written);
      read += header + 1;
      written += count;
    } else if (header !== -128) {
      const count = Math.min(1 - header, length - written);
      out.fill(segment[read] ?? 0, written, written + count);
      read += 1;
      written += count;
    }
  }

  if (written < length)
    throw failed(place, `an RLE segment decodes to ${written} of ${length} bytes`);
  return out;
}
