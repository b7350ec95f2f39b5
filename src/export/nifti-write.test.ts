import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { temporaryDir } from '../testing/paths.js';
import { add, cross, normalize, scale, type Vec3 } from '../volume/vector3.js';
import type { Volume } from '../volume/volume.js';
import { patientAffine } from '../volume/volume-affine.js';
import { NO_NIBABEL, hasNibabel, readWithNibabel } from './nibabel-check.js';
import { NIFTI1_VOXEL_OFFSET } from './nifti-header.js';
import { maskImage, volumeImage } from './nifti-image.js';
import { lpsToRas } from './nifti-orientation.js';
import { writeNifti } from './nifti-write.js';

const nibabel = hasNibabel();

// An oblique phantom grid: 13 columns, 7 rows, 5 slices, HU a known function of (i, j, k).
function phantomVolume(options: { tiltMm?: number } = {}): Volume {
  const [columns, rows, sliceCount] = [13, 7, 5];
  const rowCosines = normalize([0.9, 0.3, 0.1]);
  const columnCosines = normalize(cross(cross(rowCosines, [0, 1, 0.2]), rowCosines));
  const sliceNormal = cross(rowCosines, columnCosines);
  // A tilted gantry moves each slice along the column direction too (PS3.3 C.7.6.2.1.1).
  const sliceStepMm = add(scale(sliceNormal, 2.5), scale(columnCosines, options.tiltMm ?? 0));
  const grid = {
    origin: [-120.5, 33.25, -410] as Vec3,
    rowCosines,
    columnCosines,
    pixelSpacingMm: [0.8, 0.6] as const,
    sliceStepMm,
  };
  const hu = new Int16Array(columns * rows * sliceCount);
  for (let k = 0; k < sliceCount; k++) {
    for (let j = 0; j < rows; j++) {
      for (let i = 0; i < columns; i++)
        hu[(k * rows + j) * columns + i] = i - 10 * j + 300 * k - 1024;
    }
  }
  return {
    columns,
    rows,
    sliceCount,
    hu,
    pixelSpacingMm: grid.pixelSpacingMm,
    sliceSpacingMm: 2.5,
    rowCosines,
    columnCosines,
    sliceNormal,
    sliceStepMm,
    origin: grid.origin,
    affine: patientAffine(grid),
    gantryTiltDegrees: 0,
    lossy: false,
    slices: [],
  };
}

function sha256OfFloat64(values: ArrayLike<number>): string {
  return createHash('sha256')
    .update(new Uint8Array(Float64Array.from(values).buffer))
    .digest('hex');
}

function assertClose(actual: number[][], expected: readonly number[], tolerance: number): void {
  actual.flat().forEach((value, index) => {
    const difference = Math.abs(value - (expected[index] ?? NaN));
    assert.ok(difference <= tolerance, `element ${index}: ${value} vs ${expected[index]}`);
  });
}

test('a .nii holds the 352-byte header and the voxels as they are in the volume', async () => {
  const volume = phantomVolume();
  const file = path.join(await temporaryDir(), 'ct.nii');

  const written = await writeNifti(file, volumeImage(volume), { gzip: false });

  const bytes = await readFile(file);
  assert.equal(written, bytes.length);
  assert.equal(bytes.length, NIFTI1_VOXEL_OFFSET + volume.hu.byteLength);
  assert.equal(bytes.readInt32LE(0), 348);
  assert.equal(bytes.toString('latin1', 344, 348), 'n+1\0');
  assert.deepEqual(bytes.subarray(NIFTI1_VOXEL_OFFSET), Buffer.from(volume.hu.buffer));
});

test('nibabel reads the volume back: voxels, sform, qform, spacing and units', async (t) => {
  if (!nibabel) return t.skip(NO_NIBABEL);
  const volume = phantomVolume();
  const folder = await temporaryDir();

  for (const name of ['ct.nii', 'ct.nii.gz']) {
    const file = path.join(folder, name);
    await writeNifti(file, volumeImage(volume), { gzip: name.endsWith('.gz') });
    const image = readWithNibabel(file);

    assert.deepEqual(image.shape, [13, 7, 5]);
    assert.equal(image.dtype, 'int16');
    assert.equal(image.voxelsSha256, sha256OfFloat64(volume.hu));
    assert.deepEqual([image.sformCode, image.qformCode], [1, 1]);
    assertClose(image.sform, lpsToRas(volume.affine), 1e-4);
    assertClose(image.qform, lpsToRas(volume.affine), 1e-4);
    image.zooms.forEach((zoom, i) => assert.ok(Math.abs(zoom - [0.6, 0.8, 2.5][i]!) < 1e-6));
    assert.deepEqual(image.units, ['mm', 'unknown']);
  }
});

test('a gzip of several members reads back whole, by zlib and by nibabel', async (t) => {
  const volume = phantomVolume();
  const file = path.join(await temporaryDir(), 'ct.nii.gz');

  await writeNifti(file, volumeImage(volume), { gzip: true, gzipPartBytes: 100 });

  const compressed = await readFile(file);
  let members = 0;
  for (let at = 0; at + 1 < compressed.length; at++) {
    if (compressed[at] === 0x1f && compressed[at + 1] === 0x8b && compressed[at + 2] === 8) {
      members += 1;
    }
  }
  assert.ok(members >= 10, `${members} members`);
  const plain = gunzipSync(compressed);
  assert.deepEqual(plain.subarray(NIFTI1_VOXEL_OFFSET), Buffer.from(volume.hu.buffer));
  if (!nibabel) return t.skip(NO_NIBABEL);
  assert.equal(readWithNibabel(file).voxelsSha256, sha256OfFloat64(volume.hu));
});

test('a label mask is uint8 with the label intent on the same grid', async (t) => {
  if (!nibabel) return t.skip(NO_NIBABEL);
  const volume = phantomVolume();
  const mask = new Uint8Array(volume.hu.length).map((_, index) => index % 3);
  const file = path.join(await temporaryDir(), 'lung.nii.gz');

  await writeNifti(file, maskImage(volume, mask, 'lung'), { gzip: true });

  const image = readWithNibabel(file);
  assert.equal(image.dtype, 'uint8');
  assert.equal(image.intent, 'label');
  assert.equal(image.voxelsSha256, sha256OfFloat64(mask));
  assertClose(image.sform, lpsToRas(volume.affine), 1e-4);
});

test(
  'a tilted gantry keeps its shear in the sform and the normal spacing in the ' + 'qform',
  async (t) => {
    if (!nibabel) return t.skip(NO_NIBABEL);
    const volume = phantomVolume({ tiltMm: 0.9 });
    const file = path.join(await temporaryDir(), 'tilted.nii');

    await writeNifti(file, volumeImage(volume), { gzip: false });

    const image = readWithNibabel(file);
    assertClose(image.sform, lpsToRas(volume.affine), 1e-4);
    assert.ok(Math.abs((image.zooms[2] ?? 0) - 2.5) < 1e-5, `${image.zooms[2]}`);
  },
);

test('a mask of the wrong size is refused', () => {
  assert.throws(() => maskImage(phantomVolume(), new Uint8Array(4), 'lung'), /4 voxels/);
});
