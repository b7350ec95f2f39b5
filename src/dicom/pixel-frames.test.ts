import assert from 'node:assert/strict';
import { test } from 'node:test';

import { hasCode } from '../errors.js';
import { encapsulatedFrameBytes } from './pixel-frames.js';

const PLACE = { file: 'multi.dcm' };

function offsetTable(...offsets: number[]): Uint8Array {
  const table = new Uint8Array(offsets.length * 4);
  offsets.forEach((offset, index) => new DataView(table.buffer).setUint32(index * 4, offset, true));
  return table;
}

void test('finds frames through the Basic Offset Table, item headers counted', () => {
  // Frame 1 is two fragments of 4 and 2 bytes; frame 2 starts at (8 + 4) + (8 + 2) = 22.
  const fragments = [
    offsetTable(0, 22),
    Uint8Array.of(1, 2, 3, 4),
    Uint8Array.of(5, 6),
    Uint8Array.of(7, 8),
  ];

  assert.deepEqual(Array.from(encapsulatedFrameBytes(fragments, 2, 0, PLACE)), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(Array.from(encapsulatedFrameBytes(fragments, 2, 1, PLACE)), [7, 8]);
});

void test('joins every fragment of a single frame', () => {
  const fragments = [new Uint8Array(0), Uint8Array.of(1), Uint8Array.of(2)];

  assert.deepEqual(Array.from(encapsulatedFrameBytes(fragments, 1, 0, PLACE)), [1, 2]);
});

void test('finds frames by their JPEG start markers when the offset table is empty', () => {
  const soi = [0xff, 0xd8];
  const fragments = [
    new Uint8Array(0),
    Uint8Array.of(...soi, 1),
    Uint8Array.of(2),
    Uint8Array.of(...soi, 3),
  ];

  assert.deepEqual(Array.from(encapsulatedFrameBytes(fragments, 2, 0, PLACE)), [...soi, 1, 2]);
  assert.deepEqual(Array.from(encapsulatedFrameBytes(fragments, 2, 1, PLACE)), [...soi, 3]);
});

void test('fails with the file named when frames cannot be told apart', () => {
  const fragments = [new Uint8Array(0), Uint8Array.of(1), Uint8Array.of(2), Uint8Array.of(3)];

  assert.throws(
    () => encapsulatedFrameBytes(fragments, 2, 0, PLACE),
    (error: unknown) => hasCode(error, 'PIXEL_DECODE_FAILED') && error.place.file === 'multi.dcm',
  );
});
