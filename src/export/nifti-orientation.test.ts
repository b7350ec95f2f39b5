import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lpsToRas, qformOf, quaternionOf, rotationOf, type Matrix3 } from './nifti-orientation.js';

function rotationAbout(axis: readonly [number, number, number], degrees: number): Matrix3 {
  const [x, y, z] = axis.map((v) => v / Math.hypot(...axis)) as [number, number, number];
  const t = (degrees * Math.PI) / 180;
  const c = Math.cos(t);
  const s = Math.sin(t);
  const k = 1 - c;
  return [
    [c + x * x * k, x * y * k - z * s, x * z * k + y * s],
    [y * x * k + z * s, c + y * y * k, y * z * k - x * s],
    [z * x * k - y * s, z * y * k + x * s, c + z * z * k],
  ];
}

function assertMatrixClose(actual: Matrix3, expected: Matrix3): void {
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) {
      const difference = Math.abs((actual[r]?.[c] ?? NaN) - (expected[r]?.[c] ?? NaN));
      assert.ok(difference < 1e-12, `[${r}][${c}] ${actual[r]?.[c]} ≠ ${expected[r]?.[c]}`);
    }
  }
}

test('a rotation goes to a quaternion and back, on every branch of the square root', () => {
  const rotations: Matrix3[] = [
    rotationAbout([1, 0, 0], 0),
    rotationAbout([0, 0, 1], 180), // trace −1: the z branch
    rotationAbout([1, 0, 0], 180),
    rotationAbout([0, 1, 0], 170),
    rotationAbout([1, 2, 3], 37),
    rotationAbout([-2, 1, 0.5], 250),
  ];
  for (const rotation of rotations) {
    const quaternion = quaternionOf(rotation);
    assert.ok(Math.hypot(...quaternion) <= 1 + 1e-12);
    assertMatrixClose(rotationOf(quaternion), rotation);
  }
});

test('an axial LPS grid becomes RAS with both in-plane axes flipped and qfac 1', () => {
  // Columns along +x (patient left), rows along +y (posterior), slices along +z, 0.7/0.7/1.5 mm.
  const lps = [0.7, 0, 0, -180, 0, 0.7, 0, -160, 0, 0, 1.5, -300, 0, 0, 0, 1];
  const ras = lpsToRas(lps);
  assert.deepEqual(ras, [-0.7, -0, -0, 180, -0, -0.7, -0, 160, 0, 0, 1.5, -300, 0, 0, 0, 1]);

  const qform = qformOf(ras);
  assert.equal(qform.qfac, 1);
  assert.deepEqual(qform.offsetMm, [180, 160, -300]);
  qform.pixdimMm.forEach((value, i) => assert.ok(Math.abs(value - [0.7, 0.7, 1.5][i]!) < 1e-12));
  // RAS diag(−1, −1, 1) is a half turn about z: quaternion (0, 0, 1).
  qform.quaternion.forEach((value, i) => assert.ok(Math.abs(value - [0, 0, 1][i]!) < 1e-12));
});

test('slices stacked against the normal give qfac −1 and a positive slice spacing', () => {
  const lps = [0.7, 0, 0, 0, 0, 0.7, 0, 0, 0, 0, -2, 0, 0, 0, 0, 1];
  const qform = qformOf(lpsToRas(lps));
  assert.equal(qform.qfac, -1);
  assert.ok(Math.abs(qform.pixdimMm[2] - 2) < 1e-12);
});

test('a tilted gantry keeps its spacing along the normal in the qform', () => {
  // 20° tilt: the slice step (3 mm along it) leans into y; the normal spacing is 3 × cos 20°.
  const tilt = (20 * Math.PI) / 180;
  const lps = [1, 0, 0, 0, 0, 1, 3 * Math.sin(tilt), 0, 0, 0, 3 * Math.cos(tilt), 0, 0, 0, 0, 1];
  const qform = qformOf(lpsToRas(lps));
  assert.ok(Math.abs(qform.pixdimMm[2] - 3 * Math.cos(tilt)) < 1e-12);
});
