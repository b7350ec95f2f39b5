import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { synthesizeDataset } from '../phantom/synthesize-dataset.js';
import { temporaryDir } from '../testing/paths.js';
import { assembleVolume } from '../volume/assemble-volume.js';
import { fileInstanceSources } from '../volume/instance-source.js';
import type { Volume } from '../volume/volume.js';
import { decodeNaturalPart10 } from './dcmjs-adapter.js';
import { SEGMENTATION_STORAGE, writeSegmentation } from './dicom-seg.js';
import { INFECTION_LABELS, LUNG_LABELS } from './seg-segments.js';
import { segSourceOf } from './seg-source.js';

// Segmentations of a phantom series, read back by dcmjs and pydicom and checked by dciodvfy.

async function phantomSeries(): Promise<{ volume: Volume; files: string[] }> {
  const dir = await temporaryDir('ctbank-seg-');
  const synth = await synthesizeDataset({
    outDir: dir,
    patients: 1,
    slices: 6,
    thickness: 3,
    seed: 5,
  });
  const folder = synth.patients[0]?.dir ?? '';
  const files = (await readdir(folder, { recursive: true })).filter((name) =>
    name.endsWith('.dcm'),
  );
  const paths = files.map((name) => path.join(folder, name));
  const assembled = await assembleVolume(fileInstanceSources(paths));
  assert.equal(assembled.status, 'volume', JSON.stringify(assembled.findings));
  return {
    volume: assembled.status === 'volume' ? assembled.volume : ({} as Volume),
    files: paths,
  };
}

// Right lung in the image's left half (patient's right), left lung in the other half.
function lungMask(volume: Volume): Uint8Array {
  const mask = new Uint8Array(volume.columns * volume.rows * volume.sliceCount);
  for (let k = 0; k < volume.sliceCount; k++) {
    for (let j = 200; j < 300; j++) {
      for (let i = 100; i < 400; i++)
        mask[(k * volume.rows + j) * volume.columns + i] = i < 250 ? 1 : 2;
    }
  }
  return mask;
}

async function writtenSegmentation(): Promise<{
  file: string;
  bytes: Uint8Array;
  volume: Volume;
  mask: Uint8Array;
  files: string[];
}> {
  const { volume, files } = await phantomSeries();
  const source = await segSourceOf(fileInstanceSources(files.slice(0, 1))[0]!);
  const mask = lungMask(volume);
  const bytes = writeSegmentation({
    volume,
    source,
    mask,
    labels: LUNG_LABELS,
    contentLabel: 'LUNG',
    seriesDescription: 'ctbank lung segmentation',
    seriesNumber: 901,
  });
  const file = path.join(await temporaryDir('ctbank-seg-'), 'lung.dcm');
  await writeFile(file, bytes);
  return { file, bytes, volume, mask, files };
}

test('dcmjs reads the lung segmentation back: segments, codes, frames and references', async () => {
  const { bytes, volume } = await writtenSegmentation();

  const dataset = decodeNaturalPart10(bytes);
  assert.equal(dataset['SOPClassUID'], SEGMENTATION_STORAGE);
  assert.equal(dataset['SegmentationType'], 'BINARY');
  assert.equal(dataset['NumberOfFrames'], volume.sliceCount * 2);
  const segments = dataset['SegmentSequence'] as {
    SegmentLabel: string;
    SegmentedPropertyTypeCodeSequence: { CodeValue: string } | { CodeValue: string }[];
  }[];
  assert.deepEqual(
    segments.map((segment) => segment.SegmentLabel),
    ['Right lung', 'Left lung'],
  );
  const typeCode = (segment: (typeof segments)[number]): string => {
    const sequence = segment.SegmentedPropertyTypeCodeSequence;
    return Array.isArray(sequence) ? (sequence[0]?.CodeValue ?? '') : sequence.CodeValue;
  };
  assert.deepEqual(segments.map(typeCode), ['3341006', '44029006']);

  const frames = dataset['PerFrameFunctionalGroupsSequence'] as unknown[];
  assert.equal(frames.length, volume.sliceCount * 2);
  const referenced = dataset['ReferencedSeriesSequence'] as
    | { ReferencedInstanceSequence: { ReferencedSOPInstanceUID: string }[] }[]
    | { ReferencedInstanceSequence: { ReferencedSOPInstanceUID: string }[] };
  const instances =
    (Array.isArray(referenced) ? referenced[0] : referenced)?.ReferencedInstanceSequence ?? [];
  assert.deepEqual(
    instances.map((item) => item.ReferencedSOPInstanceUID),
    volume.slices.map((slice) => slice.sopInstanceUid),
  );
  const pixelData = dataset['PixelData'] as ArrayBuffer[];
  assert.equal(
    pixelData[0]?.byteLength,
    (volume.rows * volume.columns * volume.sliceCount * 2) / 8,
  );
});

test('pydicom unpacks the frames to exactly the mask', async (t) => {
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import pydicom, numpy'], {
    encoding: 'utf8',
  });
  if (probe.status !== 0) return t.skip('pydicom is missing (python3-pydicom): test skipped');
  const { file, mask } = await writtenSegmentation();

  const script = `
import json, sys, pydicom, numpy as np
ds = pydicom.dcmread(sys.argv[1])
frames = ds.pixel_array
segments = np.array([
    int(f.SegmentIdentificationSequence[0].ReferencedSegmentNumber)
    for f in ds.PerFrameFunctionalGroupsSequence
])
ones = [int(frames[segments == s].sum()) for s in (1, 2)]
print(json.dumps({"shape": list(frames.shape), "ones": ones}))`;
  const result = spawnSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const read = JSON.parse(result.stdout) as { shape: number[]; ones: number[] };
  const count = (value: number): number => mask.reduce((sum, v) => sum + (v === value ? 1 : 0), 0);
  assert.deepEqual(read.ones, [count(1), count(2)]);
});

test('dciodvfy finds no errors in the lung and infection segmentations', async (t) => {
  if (spawnSync('dciodvfy', ['-'], { encoding: 'utf8' }).error !== undefined) {
    return t.skip('dciodvfy is missing (dicom3tools): test skipped');
  }
  const { file, volume, files } = await writtenSegmentation();
  const source = await segSourceOf(fileInstanceSources(files.slice(0, 1))[0]!);
  const infection = path.join(path.dirname(file), 'infection.dcm');
  const mask = lungMask(volume).map((value) => (value === 2 ? 1 : 0));
  await writeFile(
    infection,
    writeSegmentation({
      volume,
      source,
      mask,
      labels: INFECTION_LABELS,
      contentLabel: 'INFECTION',
      seriesDescription: 'ctbank infection',
      seriesNumber: 902,
    }),
  );

  for (const segmentation of [file, infection]) {
    const result = spawnSync('dciodvfy', [segmentation], { encoding: 'utf8' });
    const errors = `${result.stdout}${result.stderr}`
      .split('\n')
      .filter((line) => line.startsWith('Error'));
    assert.deepEqual(errors, [], `${result.stdout}${result.stderr}`);
  }
});
