import assert from 'node:assert/strict';
import { test } from 'node:test';

import { hasCode } from '../errors.js';
import type { PixelLayout } from './pixel-layout.js';
import { decodeRle } from './pixel-rle.js';

const LAYOUT: PixelLayout = {
  rows: 2,
  columns: 2,
  numberOfFrames: 1,
  bitsAllocated: 16,
  bitsStored: 16,
  highBit: 15,
  signed: false,
  photometricInterpretation: 'MONOCHROME2',
};

// An RLE frame (PS3.5 G.5): the 64-byte header with segment offsets, then the segments.
function rleFrame(segments: readonly (readonly number[])[]): Uint8Array {
  const header = new Uint8Array(64);
  const view = new DataView(header.buffer);
  view.setUint32(0, segments.length, true);
  let offset = 64;
  segments.forEach((segment, index) => {
    view.setUint32(4 + index * 4, offset, true);
    offset += segment.length;
  });
  return Uint8Array.from([...header, ...segments.flat()]);
}

void test('joins the high and low byte segments of 16-bit samples', () => {
  // High bytes 01 01 03 FF: a run of two, then a literal of two. Low bytes 02 02 04 FF: a no-op
  // header (-128), then a literal of four, then a padding byte.
  const frame = rleFrame([
    [0xff, 0x01, 0x01, 0x03, 0xff],
    [0x80, 0x03, 0x02, 0x02, 0x04, 0xff, 0x00],
  ]);

  assert.deepEqual(
    Array.from(decodeRle(frame, LAYOUT, { file: 'f' })),
    [0x0102, 0x0102, 0x0304, 0xffff],
  );
});

void test('rejects a segment that decodes to too few bytes', () => {
  const frame = rleFrame([
    [0x00, 0x01],
    [0x00, 0x02],
  ]);

  assert.throws(
    () => decodeRle(frame, LAYOUT, { file: 'short.dcm', sopInstanceUid: '1.2.3' }),
    (error: unknown) =>
      hasCode(error, 'PIXEL_DECODE_FAILED') &&
      error.place.file === 'short.dcm' &&
      error.place.sopInstanceUid === '1.2.3',
  );
});

void test('rejects a segment count that does not match the sample size', () => {
  const frame = rleFrame([[0xfd, 0x07]]);

  assert.throws(() => decodeRle(frame, LAYOUT, { file: 'f' }), /1 segments for 2-byte samples/);
});
