import assert from 'node:assert/strict';
import { test } from 'node:test';

import { toHu } from './pixel-hu.js';
import type { PixelLayout } from './pixel-layout.js';

const CT_12_BIT: PixelLayout = {
  rows: 1,
  columns: 4,
  numberOfFrames: 1,
  bitsAllocated: 16,
  bitsStored: 12,
  highBit: 11,
  signed: true,
  photometricInterpretation: 'MONOCHROME2',
};

void test('sign-extends Bits Stored and ignores the bits above High Bit', () => {
  // 0xF800 and 0x0800 differ only above bit 11: both are -2048 in 12-bit two's complement.
  const raw = Uint16Array.from([0x0000, 0x07ff, 0x0800, 0xf800]);

  assert.deepEqual(
    Array.from(toHu(raw, CT_12_BIT, { slope: 1, intercept: 0 })),
    [0, 2047, -2048, -2048],
  );
});

void test('reads unsigned stored values as they are', () => {
  const raw = Uint16Array.from([0, 1024, 4095, 0xf000]);
  const hu = toHu(raw, { ...CT_12_BIT, signed: false }, { slope: 1, intercept: -1024 });

  assert.ok(hu instanceof Int16Array);
  assert.deepEqual(Array.from(hu), [-1024, 0, 3071, -1024]);
});

void test('gives Float32 for a fractional rescale or values beyond Int16', () => {
  const raw = Uint16Array.from([0, 10, 65535, 2]);
  const unsigned16 = { ...CT_12_BIT, bitsStored: 16, highBit: 15, signed: false };

  const fractional = toHu(raw, unsigned16, { slope: 0.5, intercept: -1024.5 });
  assert.ok(fractional instanceof Float32Array);
  assert.deepEqual(Array.from(fractional), [-1024.5, -1019.5, 31743, -1023.5]);

  const wide = toHu(raw, unsigned16, { slope: 1, intercept: 0 });
  assert.ok(wide instanceof Float32Array);
  assert.equal(wide[2], 65535);
});
