import assert from 'node:assert/strict';
import { test } from 'node:test';

import { add, scale, type Vec3 } from './vector3.js';
import { patientAffine } from './volume-affine.js';

function apply(affine: readonly number[], [i, j, k]: Vec3): Vec3 {
  const row = (r: number): number =>
    (affine[r * 4] ?? 0) * i +
    (affine[r * 4 + 1] ?? 0) * j +
    (affine[r * 4 + 2] ?? 0) * k +
    (affine[r * 4 + 3] ?? 0);
  return [row(0), row(1), row(2)];
}

void test('moves column i along the row cosines by the column spacing (PS3.3 C.7.6.2.1.1)', () => {
  // A coronal plane: rows run along patient x, columns down along -z; rectangular pixels.
  const grid = {
    origin: [-300, 60, 1730] as Vec3,
    rowCosines: [1, 0, 0] as Vec3,
    columnCosines: [0, 0, -1] as Vec3,
    pixelSpacingMm: [0.5, 0.8] as const,
    sliceStepMm: [0, 3, 0] as Vec3,
  };
  const affine = patientAffine(grid);

  assert.deepEqual(apply(affine, [0, 0, 0]), grid.origin);
  assert.deepEqual(apply(affine, [10, 0, 0]), [-292, 60, 1730]);
  assert.deepEqual(apply(affine, [0, 10, 0]), [-300, 60, 1725]);
  assert.deepEqual(apply(affine, [0, 0, 2]), add(grid.origin, scale(grid.sliceStepMm, 2)));
  assert.deepEqual(affine.slice(12), [0, 0, 0, 1]);
});
