import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { parseDicomFile } from '../dicom/parse-dataset.js';
import { synthesizeDataset } from '../phantom/synthesize-dataset.js';
import { NO_SHARED_DATA, sharedData, temporaryDir } from '../testing/paths.js';
import { assembleVolume, type VolumeResult } from './assemble-volume.js';
import { fileInstanceSources, type InstanceSource } from './instance-source.js';
import { readSliceHeaders } from './slice-header.js';
import { stackSlices } from './slice-stack.js';
import type { Volume } from './volume.js';

const P001 = sharedData('ct/covid-ct-md/COVID-19/P001');
const ENHANCED_CT = sharedData('dicom/pydicom-data/eCT_Supplemental.dcm');
const NY_SBU = sharedData('ct/covid-19-ny-sbu');

function filesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.dcm'))
    .map((name) => path.join(dir, name));
}

function volumeOf(result: VolumeResult): Volume {
  assert.equal(result.status, 'volume', result.status === 'volume' ? '' : result.problem.message);
  return result.status === 'volume' ? result.volume : assert.fail();
}

async function phantomSeries(slices: number, missingSlice: boolean): Promise<string[]> {
  const outDir = await temporaryDir();
  const written = await synthesizeDataset({
    outDir,
    patients: 1,
    slices,
    thickness: 3,
    seed: 11,
    missingSlice,
  });
  const dir = written.patients[0]?.dir ?? '';
  return filesIn(path.join(dir, 'SERIES_2'));
}

void test('finds the phantom slice left out, with the positions around it', async () => {
  const files = await phantomSeries(12, true);
  const result = await assembleVolume(fileInstanceSources(files));
  const volume = volumeOf(result);

  assert.equal(volume.sliceCount, 11);
  assert.equal(volume.sliceSpacingMm, 3);
  const gap = result.findings.find((finding) => finding.code === 'MISSING_SLICES');
  assert.ok(gap !== undefined, 'a missing-slice finding');
  const numbers = volume.slices.map((slice) => slice.instanceNumber ?? 0);
  const skipped = numbers.findIndex(
    (number, index) => index > 0 && Math.abs(number - (numbers[index - 1] ?? 0)) === 2,
  );
  const around = [volume.slices[skipped - 1]?.positionMm, volume.slices[skipped]?.positionMm];
  assert.deepEqual(gap.positionsMm, around);
});

void test('builds the phantom volume in HU on an axial grid', async () => {
  const volume = volumeOf(await assembleVolume(fileInstanceSources(await phantomSeries(6, false))));

  assert.equal(volume.hu.length, volume.columns * volume.rows * 6);
  assert.ok(volume.hu instanceof Int16Array);
  assert.deepEqual(volume.sliceNormal, [0, 0, 1]);
  assert.equal(volume.affine[11], volume.origin[2]);
  assert.equal(volume.affine[10], 3);
  // Air outside the body, at the corner voxel of the first slice.
  assert.ok((volume.hu[0] ?? 0) < -900);
});

void test('reports undecodable pixels as a problem naming the instance', async () => {
  // One instance claims RLE (a 19-character UID, like the Explicit VR Little Endian it replaces)
  // while its Pixel Data stays native: it parses, but its pixels cannot be decoded.
  const files = await phantomSeries(4, false);
  const broken = files[1] ?? '';
  const sources: InstanceSource[] = fileInstanceSources(files).map((source) =>
    source.name !== broken
      ? source
      : {
          name: source.name,
          read: async () => {
            const bytes = Buffer.from(await readFile(source.name));
            const at = bytes.indexOf('1.2.840.10008.1.2.1\0');
            bytes.write('1.2.840.10008.1.2.5\0', at, 'latin1');
            return new Uint8Array(bytes);
          },
        },
  );
  const result = await assembleVolume(sources);

  assert.equal(result.status, 'not-a-volume');
  assert.ok(result.status === 'not-a-volume');
  assert.equal(result.problem.code, 'PIXELS_UNDECODABLE');
  assert.equal(result.problem.errorCode, 'PIXEL_DECODE_FAILED');
  assert.deepEqual(result.problem.sources, [broken]);
});

void test('leaves an unreadable instance out with a finding and builds the rest', async () => {
  const files = await phantomSeries(4, false);
  const notDicom: InstanceSource = {
    name: 'notes.txt',
    read: () => Promise.resolve(Buffer.from('hello')),
  };
  const result = await assembleVolume([...fileInstanceSources(files), notDicom]);

  assert.equal(volumeOf(result).sliceCount, 4);
  const left = result.findings.find((finding) => finding.code === 'INSTANCE_UNREADABLE');
  assert.deepEqual(left?.sources, ['notes.txt']);
  assert.equal(left?.errorCode, 'NOT_DICOM');
});

void test(
  'assembles P001 into 148 slices 2 mm apart, whatever the file names say',
  { skip: P001 ? false : NO_SHARED_DATA },
  async () => {
    const result = await assembleVolume(fileInstanceSources(filesIn(P001 ?? '')));
    const volume = volumeOf(result);

    assert.deepEqual(result.findings, []);
    assert.equal(volume.sliceCount, 148);
    assert.ok(volume.hu instanceof Int16Array);
    assert.ok(Math.abs(volume.sliceSpacingMm - 2) < 1e-9);
    assert.equal(volume.gantryTiltDegrees, 0);
    const positions = volume.slices.map((slice) => slice.positionMm);
    assert.ok(positions.every((z, k) => k === 0 || z > (positions[k - 1] ?? Infinity)));
    assert.ok(Math.abs((positions[0] ?? 0) + 346.1) < 1e-9);
    assert.ok(Math.abs((positions[147] ?? 0) + 52.1) < 1e-9);
    // Instance Number falls as the position rises; the top slice is file _1 (InstanceNumber 1).
    assert.equal(volume.slices[147]?.instanceNumber, 1);
    assert.equal(path.basename(volume.slices[147]?.source ?? ''), '98C14734-ASSH_1.dcm');
    const top = volume.hu.subarray(147 * 512 * 512);
    assert.equal(top[256 * 512 + 256], 451);
    assert.equal(top[100 * 512 + 300], -984);
  },
);

void test(
  'places the frames of an Enhanced CT by their functional groups',
  { skip: ENHANCED_CT ? false : NO_SHARED_DATA },
  async () => {
    // Two frames 10 mm apart on a normal pointing to the feet (row cosines -1, 0, 0).
    const volume = volumeOf(await assembleVolume(fileInstanceSources([ENHANCED_CT ?? ''])));

    assert.equal(volume.sliceCount, 2);
    assert.deepEqual(volume.sliceNormal, [0, 0, -1]);
    assert.equal(volume.sliceSpacingMm, 10);
    assert.deepEqual(
      volume.slices.map((slice) => [slice.frameIndex, slice.positionMm]),
      [
        [1, 149],
        [0, 159],
      ],
    );
    assert.deepEqual(volume.pixelSpacingMm, [0.388672, 0.388672]);
  },
);

void test(
  'gives each single slice of COVID-19-NY-SBU a too-few-slices problem',
  { skip: NY_SBU ? false : NO_SHARED_DATA },
  async () => {
    for (const file of filesIn(NY_SBU ?? '')) {
      const result = await assembleVolume(fileInstanceSources([file]));

      assert.equal(result.status, 'not-a-volume', file);
      assert.ok(result.status === 'not-a-volume');
      assert.equal(result.problem.code, 'TOO_FEW_SLICES');
      assert.equal(result.problem.severity, 'error');
    }
  },
);

void test(
  'refuses to stack the 616 × 616 coronal slice with 512 × 512 axial ones',
  { skip: NY_SBU ? false : NO_SHARED_DATA },
  () => {
    const names = ['A067967_coronal_19001006-064.dcm', 'A002304_axial_19001231-076.dcm'];
    const headers = names.flatMap((name, index) => {
      const file = path.join(NY_SBU ?? '', name);
      return readSliceHeaders(
        parseDicomFile(new Uint8Array(readFileSync(file)), file),
        file,
        index,
      );
    });
    const result = stackSlices(headers);

    assert.equal(headers[0]?.rows, 616);
    assert.deepEqual(headers[0]?.imageOrientationPatient, [
      [1, 0, 0],
      [0, 0, -1],
    ]);
    assert.ok(!result.ok);
    assert.equal(result.problem.code, 'MIXED_SIZES');
  },
);
