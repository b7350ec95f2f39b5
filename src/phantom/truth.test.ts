import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import dicomParser from 'dicom-parser';

import { CONSOLIDATION_BIT, GGO_BIT, tAtZ, tOfSlice } from './anatomy-types.js';
import { buildPatientModel } from './patient-synthesis.js';
import { planSlice } from './slice-plan.js';
import { countLabels, createSliceImage, renderSlice } from './slice-renderer.js';
import { synthesizeDataset } from './synthesize-dataset.js';
import type { PatientTruth } from './truth.js';

const SEED = 12;
const SLICES = 20;

// Among the voxels whose label matches, the share whose written HU lies in [low, high] (0–1).
function share(
  labels: Uint8Array,
  hu: Int16Array,
  match: (label: number) => boolean,
  [low, high]: readonly [number, number],
): number {
  let total = 0;
  let inRange = 0;
  labels.forEach((label, i) => {
    if (!match(label)) return;
    total += 1;
    const value = hu[i] ?? 0;
    if (value >= low && value <= high) inRange += 1;
  });
  return total === 0 ? Number.NaN : inRange / total;
}

// NaN (no such voxel in the slice) passes both checks.
const mostly = (fraction: number): boolean => !(fraction <= 0.5);
const rarely = (fraction: number): boolean => !(fraction >= 0.01);

for (const missingSlice of [false, true]) {
  const name = missingSlice ? ' (one slice missing)' : '';
  void test(`truth volumes equal the label voxel counts of the written slices${name}`, async (t) => {
    const outDir = await mkdtemp(path.join(tmpdir(), 'ctbank-truth-'));
    t.after(() => rm(outDir, { recursive: true, force: true }));
    const options = { outDir, patients: 1, slices: SLICES, thickness: 3, seed: SEED } as const;
    const result = await synthesizeDataset({
      ...options,
      table: false,
      motion: false,
      missingSlice,
    });
    const written = result.patients[0];
    assert.ok(written);
    const truth = JSON.parse(await readFile(written.truthPath, 'utf8')) as PatientTruth;
    const model = buildPatientModel({
      seed: SEED,
      index: 0,
      idBase: 0,
      outDir,
      slices: SLICES,
      thicknessMm: 3,
      hasTable: false,
      hasMotion: false,
      missingSlice,
    });
    const { scan } = model.anatomy;
    const image = createSliceImage();
    const counts = new Float64Array(16);
    const dcm = (await readdir(written.dir, { recursive: true })).filter((f) => f.endsWith('.dcm'));

    for (let index = 0; index < SLICES; index++) {
      if (index === model.missingSliceIndex) continue;
      renderSlice(planSlice(model.anatomy, tOfSlice(scan, index)), scan.pixelMm, image);
      countLabels(image.labels, counts);

      // Lesion voxels always lie inside a lung.
      assert.ok(image.labels.every((label) => label < 4 || (label & 3) !== 0));
      // The written image agrees with the labels (noise, vessels and airways aside).
      const file = dcm.find((f) => path.basename(f) === `${index + 1}.dcm`) ?? '';
      const bytes = await readFile(path.join(written.dir, file));
      const pixel = dicomParser.parseDicom(bytes).elements['x7fe00010'];
      const stored = new Int16Array(
        bytes.buffer,
        bytes.byteOffset + (pixel?.dataOffset ?? 0),
        512 * 512,
      );
      const hu = stored.map((value) => value - 1024);
      const isGgo = (l: number): boolean => (l & GGO_BIT) !== 0;
      const isConsolidation = (l: number): boolean => (l & CONSOLIDATION_BIT) !== 0;
      const isClearLung = (l: number): boolean => l === 1 || l === 2;
      // Vessels and bronchi cross lesions, so only most lesion voxels have the lesion's HU,
      // but no lesion voxel looks like plain lung and no plain lung voxel looks like a lesion.
      const where = `slice ${index}`;
      assert.ok(mostly(share(image.labels, hu, isGgo, [-740, -360])), where);
      assert.ok(rarely(share(image.labels, hu, isGgo, [-900, -741])), where);
      assert.ok(mostly(share(image.labels, hu, isConsolidation, [-160, 140])), where);
      assert.ok(rarely(share(image.labels, hu, isConsolidation, [-899, -161])), where);
      assert.ok(rarely(share(image.labels, hu, isClearLung, [-700, -200])), where);
    }

    const voxelMl = (scan.pixelMm ** 2 * scan.sliceSpacingMm) / 1000;
    const voxels = (lung: number, bit: number): number =>
      counts.reduce((sum, count, label) => {
        const inLung = (label & 3) === lung;
        const hasBit =
          bit === 0 || (bit === GGO_BIT ? (label & 12) === GGO_BIT : (label & bit) !== 0);
        return inLung && hasBit ? sum + count : sum;
      }, 0);
    assert.deepEqual(truth.lungs.right.voxels, {
      lung: voxels(1, 0),
      ggo: voxels(1, GGO_BIT),
      consolidation: voxels(1, CONSOLIDATION_BIT),
    });
    assert.deepEqual(truth.lungs.left.voxels, {
      lung: voxels(2, 0),
      ggo: voxels(2, GGO_BIT),
      consolidation: voxels(2, CONSOLIDATION_BIT),
    });
    assert.equal(truth.filesWritten, missingSlice ? SLICES - 1 : SLICES);
    assert.ok(Math.abs(truth.voxelVolumeMl - voxelMl) < 1e-12);
    assert.ok(Math.abs(truth.lungMl - (voxels(1, 0) + voxels(2, 0)) * voxelMl) < 0.002);
    assert.ok(Math.abs(truth.rightLungMl + truth.leftLungMl - truth.lungMl) < 0.002);
    assert.ok(truth.ggoMl > 0 && truth.consolidationMl > 0, 'the patient has both lesion types');
    const lesionMl = truth.ggoMl + truth.consolidationMl;
    assert.ok(Math.abs(truth.involvementPercent - (lesionMl / truth.lungMl) * 100) < 0.01);
  });
}

void test('lists lesion centres in patient coordinates on lesion voxels of their lung', async (t) => {
  const outDir = await mkdtemp(path.join(tmpdir(), 'ctbank-truth-'));
  t.after(() => rm(outDir, { recursive: true, force: true }));
  const options = { outDir, patients: 1, slices: 60, thickness: 3, seed: SEED } as const;
  const result = await synthesizeDataset({ ...options, table: false, motion: false });
  const truth = JSON.parse(
    await readFile(result.patients[0]?.truthPath ?? '', 'utf8'),
  ) as PatientTruth;
  const model = buildPatientModel({
    seed: SEED,
    index: 0,
    idBase: 0,
    outDir,
    slices: 60,
    thicknessMm: 3,
    hasTable: false,
    hasMotion: false,
    missingSlice: false,
  });
  const { scan } = model.anatomy;
  const image = createSliceImage();
  const topLeft = (centre: number): number => centre - (scan.pixelMm * 511) / 2;

  assert.ok(truth.lesions.length > 0);
  for (const lesion of truth.lesions) {
    const [x, y, z] = lesion.centreMm;
    // The plane through the centre itself, which need not be one of the written slices.
    renderSlice(planSlice(model.anatomy, tAtZ(scan, z)), scan.pixelMm, image);
    const column = Math.round((x - topLeft(model.acquisition.centreX)) / scan.pixelMm);
    const row = Math.round((y - topLeft(model.acquisition.centreY)) / scan.pixelMm);
    const label = image.labels[row * 512 + column] ?? 0;

    assert.ok((label & (GGO_BIT | CONSOLIDATION_BIT)) !== 0, `lesion at ${lesion.centreMm.join()}`);
    assert.equal(label & 3, lesion.lung === 'right' ? 1 : 2);
  }
});
