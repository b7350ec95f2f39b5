/**
 * End-to-end: `ctbank quantify` on a phantom folder, a RAR of it and real single slices, and the
 * quantify stage of `ctbank run` storing figures, Segmentation objects and the PNG report.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { openCatalog } from '../catalog/open-catalog.js';
import { decodeNaturalPart10 } from '../export/dcmjs-adapter.js';
import { readFolderEntries, writeRar5Stored } from '../testing/rar5-stored-writer.js';
import { CLI, NO_SHARED_DATA, sharedData, temporaryDir } from '../testing/paths.js';

function ctbank(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Summary {
  seriesInstanceUid: string;
  sliceCount: number;
  quantified: boolean;
  lungVolumeMl: number | null;
  leftLungVolumeMl: number | null;
  rightLungVolumeMl: number | null;
  ggoPercent: number | null;
  consolidationPercent: number | null;
  involvementPercent: number | null;
  severity: string | null;
  flags: { code: string; severity: string; message: string }[];
  slices: { index: number; z: number; lungMl: number; ggoMl: number; consolidationMl: number }[];
}

interface Truth {
  lungMl: number;
  involvementPercent: number;
  seriesInstanceUid: string;
}

// A phantom patient as a PACS export would have it: DICOM only, the truth kept aside.
async function phantom(slices: number, seed: number): Promise<{ dir: string; truth: Truth }> {
  const dir = await temporaryDir();
  const ran = ctbank([
    'synth',
    '--out',
    dir,
    '--patients',
    '1',
    '--slices',
    String(slices),
    '--seed',
    String(seed),
  ]);
  assert.equal(ran.status, 0, ran.stderr);
  const [patient] = await readdir(dir);
  const truthFile = path.join(dir, patient ?? '', 'truth.json');
  const truth = JSON.parse(await readFile(truthFile, 'utf8')) as Truth;
  await rm(truthFile);
  return { dir, truth };
}

test(
  'quantify prints each series with its figures, flags and slices, and writes ' + 'masks',
  async () => {
    const { dir, truth } = await phantom(60, 3);
    const masks = await temporaryDir();

    const ran = ctbank(['quantify', dir, '--json', '--masks', masks]);
    assert.equal(ran.status, 0, ran.stderr);
    const [series] = JSON.parse(ran.stdout) as Summary[];
    assert.equal(series?.seriesInstanceUid, truth.seriesInstanceUid);
    assert.equal(series?.quantified, true);
    assert.ok(Math.abs((series?.lungVolumeMl ?? 0) / truth.lungMl - 1) < 0.03, 'lung volume');
    assert.ok(Math.abs((series?.involvementPercent ?? 0) - truth.involvementPercent) < 2);
    assert.match(series?.severity ?? '', /^CT-[0-4]$/);
    assert.equal(series?.slices.length, series?.sliceCount);
    const z = series?.slices.map((slice) => slice.z) ?? [];
    assert.deepEqual(
      z,
      [...z].sort((a, b) => a - b),
      'slices ascend along the normal',
    );
    assert.deepEqual(
      series?.slices.map((slice) => slice.index),
      z.map((_, index) => index),
    );

    const written = (await readdir(masks, { recursive: true })).filter((f) =>
      f.endsWith('.nii.gz'),
    );
    assert.equal(written.filter((f) => f.includes('lung')).length, 1);
    assert.equal(written.filter((f) => f.includes('infection')).length, 1);

    // The same patient as one stored RAR5 archive gives the same figures.
    const rar = path.join(await temporaryDir(), 'patient.rar');
    await writeRar5Stored(rar, readFolderEntries(dir));
    const fromRar = JSON.parse(ctbank(['quantify', rar, '--json']).stdout) as Summary[];
    assert.equal(fromRar[0]?.lungVolumeMl, series?.lungVolumeMl);
  },
);

const stonyBrook = sharedData('ct/covid-19-ny-sbu');

test(
  'quantify gives single slices a QC error instead of figures, and goes on',
  { skip: stonyBrook === undefined ? NO_SHARED_DATA : false },
  () => {
    const ran = ctbank(['quantify', stonyBrook ?? '', '--json']);
    assert.equal(ran.status, 1);
    const series = JSON.parse(ran.stdout) as Summary[];
    assert.equal(series.length, 5);
    for (const one of series) {
      assert.equal(one.quantified, false);
      assert.equal(one.lungVolumeMl, null);
      const error = one.flags.find((flag) => flag.severity === 'error');
      assert.equal(error?.code, 'TOO_FEW_SLICES');
    }
  },
);

test('the quantify stage stores figures, Segmentation objects and a PNG report', async () => {
  const { dir } = await phantom(48, 5);
  const workspace = await temporaryDir();
  assert.equal(ctbank(['ingest', dir, '--workspace', workspace]).status, 0);
  const ran = ctbank(['run', '--workspace', workspace, '--json']);
  assert.equal(ran.status, 0, ran.stderr);

  const status = JSON.parse(ctbank(['status', '--workspace', workspace, '--json']).stdout) as {
    stages: Record<string, { status: string }>;
  }[];
  assert.equal(status[0]?.stages['quantify']?.status, 'done');

  const catalog = await openCatalog({ sqliteFile: path.join(workspace, 'catalog.sqlite') });
  try {
    const quality = await catalog.db.selectFrom('series_quality').selectAll().execute();
    assert.equal(quality.length, 1);
    assert.equal(quality[0]?.chosen, 1);
    const [row] = await catalog.db.selectFrom('series_quantification').selectAll().execute();
    assert.ok(row !== undefined && row.lung_ml > 500);

    for (const sha256 of [row.lung_seg_sha256, row.infection_seg_sha256]) {
      const bytes = await readFile(blobPath(workspace, sha256 ?? ''));
      const seg = decodeNaturalPart10(new Uint8Array(bytes));
      assert.equal(seg['Modality'], 'SEG');
      assert.equal((seg['SegmentSequence'] as unknown[]).length, 2);
    }
    const [report] = await catalog.db.selectFrom('study_reports').selectAll().execute();
    const png = await readFile(blobPath(workspace, report?.png_sha256 ?? ''));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  } finally {
    await catalog.close();
  }

  // Nothing changed: running again does not redo the stage.
  const again = JSON.parse(ctbank(['run', '--workspace', workspace, '--json']).stdout) as {
    ran: number;
  };
  assert.equal(again.ran, 0);
});

function blobPath(workspace: string, sha256: string): string {
  return path.join(workspace, 'public', 'blobs', 'sha256', sha256.slice(0, 2), sha256);
}
