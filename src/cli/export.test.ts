/**
 * End-to-end: synthetic patients through `ctbank deid` into a workspace, then `ctbank export
 * --format nifti` of its public zone, read back by nibabel; and an export of PATHs.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { NO_NIBABEL, hasNibabel, readWithNibabel } from '../export/nibabel-check.js';
import type { NiftiSidecar } from '../export/nifti-sidecar.js';
import { CLI, temporaryDir } from '../testing/paths.js';

function ctbank(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface ExportSummary {
  series: number;
  written: number;
  skipped: unknown[];
  rejected: { path: string; code: string }[];
  files: { status: string; file: string; sidecar: string; sliceCount: number }[];
}

async function phantomInput(): Promise<string> {
  const input = await temporaryDir();
  const made = ctbank(['synth', '--out', input, '--patients', '2', '--slices', '12']);
  assert.equal(made.status, 0, made.stderr);
  for (const entry of await readdir(input, { recursive: true })) {
    if (entry.endsWith('truth.json')) await rm(path.join(input, entry));
  }
  return input;
}

test(
  'export writes every public series as NIfTI that nibabel reads, under ' + 'pseudonyms',
  async (t) => {
    const input = await phantomInput();
    const workspace = await temporaryDir();
    const deid = ctbank([
      'deid',
      input,
      '--out',
      path.join(workspace, 'deid-out'),
      '--workspace',
      workspace,
    ]);
    assert.equal(deid.status, 0, deid.stderr);
    const out = path.join(await temporaryDir(), 'nifti');

    const exported = ctbank([
      'export',
      '--format',
      'nifti',
      '--gzip',
      '--out',
      out,
      '--workspace',
      workspace,
      '--json',
    ]);

    assert.equal(exported.status, 0, exported.stderr);
    const summary = JSON.parse(exported.stdout) as ExportSummary;
    assert.equal(summary.written, 2);
    assert.deepEqual(
      summary.files.map((file) => file.file.split('/')[0]),
      ['CT-0001', 'CT-0002'],
    );
    for (const file of summary.files) {
      assert.match(file.file, /^CT-000\d\/\d+_\d{8}\.nii\.gz$/);
      const sidecar = JSON.parse(
        await readFile(path.join(out, file.sidecar), 'utf8'),
      ) as NiftiSidecar;
      assert.match(sidecar.seriesInstanceUid, /^2\.25\./, 'the de-identified UID');
      assert.equal(sidecar.modality, 'CT');
      // The phantom may leave a slice out of a patient (a missing-slice artefact).
      assert.ok(file.sliceCount >= 11, `${file.sliceCount} slices`);
      assert.deepEqual(sidecar.dimensions, [512, 512, file.sliceCount]);
      if (!hasNibabel()) continue;
      const image = readWithNibabel(path.join(out, file.file));
      assert.deepEqual(image.shape, sidecar.dimensions);
      assert.equal(image.dtype, 'int16');
      assert.ok(image.min <= -1000 && image.max > 0, `HU ${image.min}..${image.max}`);
      const spacing = [
        sidecar.pixelSpacingMm[1],
        sidecar.pixelSpacingMm[0],
        sidecar.sliceSpacingMm,
      ];
      image.zooms.forEach((zoom, i) => assert.ok(Math.abs(zoom - (spacing[i] ?? 0)) < 1e-4));
    }
    if (!hasNibabel()) t.diagnostic(NO_NIBABEL);
  },
);

test('export of PATHs needs no workspace and reports what is not DICOM', async () => {
  const input = await phantomInput();
  await rm(path.join(input, (await readdir(input))[1] ?? ''), { recursive: true });
  await writeFile(path.join(input, 'notes.txt'), 'not DICOM');
  const out = path.join(await temporaryDir(), 'nifti');
  const workspace = path.join(await temporaryDir(), 'never-made');

  const exported = ctbank([
    'export',
    '--format',
    'nifti',
    '--out',
    out,
    input,
    '--workspace',
    workspace,
    '--json',
  ]);

  assert.equal(exported.status, 1, 'a rejected file is a finding');
  const summary = JSON.parse(exported.stdout) as ExportSummary;
  assert.equal(summary.written, 1);
  assert.deepEqual(
    summary.rejected.map((file) => path.basename(file.path)),
    ['notes.txt'],
  );
  assert.match(summary.files[0]?.file ?? '', /\.nii$/);
  await assert.rejects(readdir(workspace), 'no workspace was created');
  assert.equal(ctbank(['export', '--out', out, input]).status, 2, '--format is required');
});
