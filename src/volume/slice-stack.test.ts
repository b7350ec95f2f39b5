import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { SliceHeader } from './slice-header.js';
import { stackSlices, type StackResult } from './slice-stack.js';
import type { Vec3 } from './vector3.js';

const AXIAL: readonly [Vec3, Vec3] = [
  [1, 0, 0],
  [0, 1, 0],
];

function slice(
  index: number,
  position: Vec3 | undefined,
  extra: Partial<SliceHeader> = {},
): SliceHeader {
  return {
    source: `${index}.dcm`,
    instanceIndex: index,
    frameIndex: 0,
    instanceNumber: index + 1,
    hasPixelData: true,
    imageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
    rows: 4,
    columns: 4,
    ...(position === undefined ? {} : { imagePositionPatient: position }),
    imageOrientationPatient: AXIAL,
    pixelSpacingMm: [0.7, 0.7],
    sliceThicknessMm: 5,
    ...extra,
  };
}

function axialSeries(zs: readonly number[]): SliceHeader[] {
  return zs.map((z, index) => slice(index, [-100, -120, z]));
}

function stackOf(result: StackResult): Extract<StackResult, { ok: true }>['stack'] {
  assert.ok(result.ok, result.ok ? '' : result.problem.message);
  return result.stack;
}

void test('orders slices by position along the normal, with spacing from positions', () => {
  // Given out of order, 5 mm thick but 2.5 mm apart (overlapping reconstruction).
  const stack = stackOf(stackSlices(axialSeries([-5, 2.5, -2.5, 0, 5])));

  assert.deepEqual(
    stack.slices.map((s) => s.positionMm),
    [-5, -2.5, 0, 2.5, 5],
  );
  assert.equal(stack.sliceSpacingMm, 2.5);
  assert.deepEqual(stack.sliceStepMm, [0, 0, 2.5]);
  assert.deepEqual(stack.origin, [-100, -120, -5]);
});

void test('projects an oblique series on its own normal', () => {
  // Rotated 30° about the patient x axis: the normal is (0, -sin 30°, cos 30°).
  const c = Math.cos(Math.PI / 6);
  const s = Math.sin(Math.PI / 6);
  const orientation: readonly [Vec3, Vec3] = [
    [1, 0, 0],
    [0, c, s],
  ];
  const headers = [2, 0, 1].map((k) =>
    slice(k, [0, -s * 3 * k, c * 3 * k], { imageOrientationPatient: orientation }),
  );
  const stack = stackOf(stackSlices(headers));

  assert.deepEqual(
    stack.slices.map((one) => one.header.instanceIndex),
    [0, 1, 2],
  );
  assert.ok(Math.abs(stack.sliceSpacingMm - 3) < 1e-9);
  assert.equal(stack.gantryTiltDegrees, 0);
});

void test('measures gantry tilt from positions and shears the step', () => {
  // Each 2 mm step along z also moves 2 × tan 15° mm along y: a 15° tilted gantry.
  const shift = 2 * Math.tan((15 * Math.PI) / 180);
  const headers = [0, 1, 2, 3].map((k) => slice(k, [0, -100 + shift * k, 2 * k]));
  const result = stackSlices(headers);
  const stack = stackOf(result);

  assert.ok(Math.abs(stack.gantryTiltDegrees - 15) < 1e-6);
  assert.ok(Math.abs((stack.sliceStepMm[1] ?? 0) - shift) < 1e-9);
  assert.equal(stack.sliceSpacingMm, 2);
  assert.ok(result.findings.some((finding) => finding.code === 'GANTRY_TILT'));
});

void test('reports a missing slice, a duplicate and an irregular step with their positions', () => {
  // 2 mm spacing; 6 → 10 skips one slice, 10 appears twice, 14 → 15.2 is irregular.
  const result = stackSlices(axialSeries([0, 2, 4, 6, 10, 10, 12, 14, 15.2, 17.2, 19.2, 21.2]));
  const findings = new Map(result.findings.map((finding) => [finding.code, finding]));

  assert.ok(result.ok);
  assert.equal(stackOf(result).slices.length, 12, 'nothing is dropped or filled in');
  assert.deepEqual(findings.get('MISSING_SLICES')?.positionsMm, [6, 10]);
  assert.match(findings.get('MISSING_SLICES')?.message ?? '', /^1 slice\(s\) missing/);
  assert.deepEqual(findings.get('DUPLICATE_POSITIONS')?.positionsMm, [10]);
  assert.deepEqual(findings.get('IRREGULAR_SPACING')?.positionsMm, [14, 15.2]);
});

void test('keeps rounding of positions inside the regular spacing', () => {
  // 0.625 mm slices with positions written to two decimals.
  const zs = Array.from({ length: 9 }, (_, k) => Math.round(k * 0.625 * 100) / 100);

  assert.deepEqual(stackSlices(axialSeries(zs)).findings, []);
});

void test('leaves localizers and instances without pixels out', () => {
  const headers = [
    ...axialSeries([0, 2, 4]),
    slice(3, [0, 0, 0], { imageType: ['ORIGINAL', 'PRIMARY', 'LOCALIZER'], rows: 512 }),
    slice(4, [0, 0, 0], { hasPixelData: false }),
  ];
  const result = stackSlices(headers);

  assert.equal(stackOf(result).slices.length, 3);
  assert.deepEqual(
    result.findings.map((finding) => [finding.code, finding.sources]),
    [
      ['NOT_AN_IMAGE', ['4.dcm']],
      ['LOCALIZER_EXCLUDED', ['3.dcm']],
    ],
  );
});

void test('refuses what cannot be one volume, naming the slices', () => {
  const problem = (headers: SliceHeader[]): string | undefined => {
    const result = stackSlices(headers);
    return result.ok ? undefined : result.problem.code;
  };
  const coronal: readonly [Vec3, Vec3] = [
    [1, 0, 0],
    [0, 0, -1],
  ];

  assert.equal(problem(axialSeries([0])), 'TOO_FEW_SLICES');
  assert.equal(problem(axialSeries([3, 3, 3])), 'TOO_FEW_SLICES');
  assert.equal(problem([...axialSeries([0, 2]), slice(2, [0, 0, 4], { rows: 8 })]), 'MIXED_SIZES');
  assert.equal(
    problem([...axialSeries([0, 2]), slice(2, [0, 0, 4], { imageOrientationPatient: coronal })]),
    'MIXED_ORIENTATIONS',
  );
  assert.equal(
    problem([...axialSeries([0, 2]), slice(2, [0, 0, 4], { pixelSpacingMm: [0.8, 0.8] })]),
    'MIXED_PIXEL_SPACING',
  );

  const result = stackSlices([...axialSeries([0, 2]), slice(2, undefined)]);
  assert.ok(!result.ok);
  assert.equal(result.problem.code, 'GEOMETRY_MISSING');
  assert.deepEqual(result.problem.sources, ['2.dcm']);
});
