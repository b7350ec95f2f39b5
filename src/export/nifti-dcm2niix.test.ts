import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { synthesizeDataset } from '../phantom/synthesize-dataset.js';
import { NO_SHARED_DATA, sharedData, temporaryDir } from '../testing/paths.js';
import { NO_NIBABEL, compareInWorld, hasNibabel } from './nibabel-check.js';
import { exportNifti } from './nifti-export.js';
import { seriesFromPaths } from './path-series.js';

// ctbank's NIfTI against dcm2niix's on the same series (issue 4): the same voxel values and
// the same affine within 0.01 mm, compared in world coordinates, since dcm2niix flips rows.

const NO_DCM2NIIX = 'dcm2niix is missing (Debian package dcm2niix): test skipped';
const hasDcm2niix = spawnSync('dcm2niix', ['-h'], { encoding: 'utf8' }).error === undefined;

async function bothConversions(dicomDir: string): Promise<{ ours: string; theirs: string }> {
  const out = await temporaryDir('ctbank-nifti-');
  const found = await seriesFromPaths([dicomDir], path.join(out, 'scratch'));
  assert.equal(found.series.length, 1);
  const [result] = await exportNifti(found.series, { outDir: path.join(out, 'ours'), gzip: true });
  assert.equal(result?.status, 'written');

  const theirsDir = path.join(out, 'theirs');
  const converted = spawnSync(
    'sh',
    ['-c', `mkdir -p "$1" && dcm2niix -z n -b n -o "$1" -f x "$2"`, 'sh', theirsDir, dicomDir],
    {
      encoding: 'utf8',
      timeout: 300_000,
    },
  );
  assert.equal(converted.status, 0, converted.stdout + converted.stderr);
  const niftis = (await readdir(theirsDir)).filter((name) => name.endsWith('.nii'));
  assert.deepEqual(niftis, ['x.nii'], 'dcm2niix made one volume');

  return {
    ours: path.join(out, 'ours', result.status === 'written' ? result.file : ''),
    theirs: path.join(theirsDir, 'x.nii'),
  };
}

function assertSameInWorld(ours: string, theirs: string): void {
  const comparison = compareInWorld(ours, theirs);
  assert.equal(comparison.differingVoxels, 0, `of ${comparison.voxels} voxels`);
  assert.ok(comparison.cornerDistanceMm <= 0.01, `corners ${comparison.cornerDistanceMm} mm apart`);
  const rotation = comparison.indexMap.slice(0, 3).map((row) => row.slice(0, 3));
  for (const row of rotation) {
    assert.equal(row.filter((value) => Math.abs(value) === 1).length, 1, 'a signed permutation');
  }
}

test('the phantom series matches dcm2niix voxel for voxel and within 0.01 mm', async (t) => {
  if (!hasDcm2niix) return t.skip(NO_DCM2NIIX);
  if (!hasNibabel()) return t.skip(NO_NIBABEL);
  const input = await temporaryDir('ctbank-phantom-');
  const synth = await synthesizeDataset({
    outDir: input,
    patients: 1,
    slices: 24,
    thickness: 3,
    seed: 3,
  });
  const patient = synth.patients[0];
  assert.ok(patient !== undefined);
  await rm(patient.truthPath); // DICOM only, as dcm2niix is given it

  const { ours, theirs } = await bothConversions(patient.dir);
  assertSameInWorld(ours, theirs);
});

test('P001 (JPEG lossless, 148 slices) matches dcm2niix voxel for voxel', async (t) => {
  const p001 = sharedData('ct/covid-ct-md/COVID-19/P001');
  if (p001 === undefined) return t.skip(NO_SHARED_DATA);
  if (!hasDcm2niix) return t.skip(NO_DCM2NIIX);
  if (!hasNibabel()) return t.skip(NO_NIBABEL);

  const { ours, theirs } = await bothConversions(p001);
  assertSameInWorld(ours, theirs);
});
