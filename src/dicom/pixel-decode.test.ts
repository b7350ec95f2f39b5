import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { hasCode, type ErrorCode } from '../errors.js';
import { NO_SHARED_DATA, sharedData, temporaryDir } from '../testing/paths.js';
import type { DicomFile } from './dataset.js';
import { parseDicomFile } from './parse-dataset.js';
import { pixelSyntaxOf } from './pixel-codecs.js';
import { decodeFrame, frameCountOf } from './pixel-decode.js';
import { elementOf, numberOf, textOf } from './pixel-element-values.js';

const PYDICOM_DATA = sharedData('dicom/pydicom-data');
const TEST_FILES = sharedData('dicom/pydicom/test_files');
const P001 = sharedData('ct/covid-ct-md/COVID-19/P001');
const CORPUS = PYDICOM_DATA !== undefined && TEST_FILES !== undefined;

// Damaged on purpose by their authors (see test_files/README.txt and the data README).
const DAMAGED: Readonly<Record<string, ErrorCode>> = {
  'emri_small_jpeg_2k_lossless_too_short.dcm': 'TRUNCATED',
  'MR_truncated.dcm': 'TRUNCATED',
  'JPEG2000-embedded-sequence-delimiter.dcm': 'PIXEL_DECODE_FAILED',
};

function parse(file: string): DicomFile {
  return parseDicomFile(new Uint8Array(readFileSync(file)), file);
}

async function decodeAll(file: string): Promise<Float64Array> {
  const parsed = parse(file);
  const frames: (Int16Array | Float32Array)[] = [];
  for (let frame = 0; frame < frameCountOf(parsed); frame++) {
    frames.push((await decodeFrame(parsed, frame, file)).hu);
  }
  return Float64Array.from(frames.flatMap((hu) => Array.from(hu)));
}

// A grey 8- or 16-bit image in a syntax the decoder reads: what a CT archive can hold.
function isCtLike(file: DicomFile): boolean {
  const dataset = file.dataset;
  return (
    pixelSyntaxOf(file.transferSyntaxUid) !== undefined &&
    elementOf(dataset, 'PixelData') !== undefined &&
    (numberOf(dataset, 'SamplesPerPixel') ?? 1) === 1 &&
    /^MONOCHROME[12]$/.test(textOf(dataset, 'PhotometricInterpretation') ?? 'MONOCHROME2') &&
    [8, 16].includes(numberOf(dataset, 'BitsAllocated') ?? 0)
  );
}

function corpusFiles(): string[] {
  return [PYDICOM_DATA ?? '', TEST_FILES ?? ''].flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.dcm'))
      .map((name) => path.join(dir, name)),
  );
}

function extremes(values: ArrayLike<number>): [min: number, max: number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    min = Math.min(min, values[i] ?? NaN);
    max = Math.max(max, values[i] ?? NaN);
  }
  return [min, max];
}

function maxDifference(a: Float64Array, b: Float64Array): number {
  assert.equal(a.length, b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return max;
}

void test(
  'decodes every grey image of the pydicom corpora in every syntax it reads',
  { skip: CORPUS ? false : NO_SHARED_DATA },
  async () => {
    const decoded: string[] = [];

    for (const file of corpusFiles()) {
      const damaged = DAMAGED[path.basename(file)];
      if (damaged !== undefined) {
        await assert.rejects(decodeAll(file), (error: unknown) => hasCode(error, damaged));
        continue;
      }
      let parsed: DicomFile;
      try {
        parsed = parse(file);
      } catch {
        continue; // not a data set the parser reads: the parser's tests cover those
      }
      if (!isCtLike(parsed)) continue;

      const hu = await decodeAll(file);
      const pixels =
        (numberOf(parsed.dataset, 'Rows') ?? 0) * (numberOf(parsed.dataset, 'Columns') ?? 0);
      assert.equal(hu.length, pixels * frameCountOf(parsed), file);
      decoded.push(parsed.transferSyntaxUid);
    }

    // Native LE, implicit, big endian, deflated, JPEG Lossless, JPEG-LS (both), J2K (both), RLE.
    for (const syntax of ['1.2.840.10008.1.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.2']) {
      assert.ok(decoded.includes(syntax), syntax);
    }
    for (const suffix of ['1.99', '4.70', '4.80', '4.81', '4.90', '4.91', '5']) {
      assert.ok(decoded.includes(`1.2.840.10008.1.2.${suffix}`), suffix);
    }
  },
);

void test(
  'decodes each compressed copy to the same values as its uncompressed twin',
  { skip: CORPUS ? false : NO_SHARED_DATA },
  async () => {
    const data = (name: string): string => path.join(PYDICOM_DATA ?? '', name);
    const files = (name: string): string => path.join(TEST_FILES ?? '', name);
    const twins: [string, string][] = [
      // J2K lossless with Bits Stored 16 in the header and 14-bit signed samples in the codestream.
      [data('693_J2KR.dcm'), data('693_UNCR.dcm')],
      ...['RLE', 'big_endian', 'jpeg_2k_lossless', 'jpeg_ls_lossless'].map(
        (kind): [string, string] => [data(`emri_small_${kind}.dcm`), data('emri_small.dcm')],
      ),
      ...['RLE', 'bigendian', 'expb', 'implicit', 'jp2klossless', 'jpeg_ls_lossless', 'padded'].map(
        (kind): [string, string] => [files(`MR_small_${kind}.dcm`), files('MR_small.dcm')],
      ),
    ];

    for (const [compressed, reference] of twins) {
      assert.equal(
        maxDifference(await decodeAll(compressed), await decodeAll(reference)),
        0,
        compressed,
      );
    }

    // Lossy JPEG 2000 against the lossless copy of the same MR: close, not equal.
    const lossy = await decodeAll(data('MR2_J2KI.dcm'));
    const lossless = await decodeAll(data('MR2_J2KR.dcm'));
    assert.ok(maxDifference(lossy, lossless) < 200);
  },
);

void test('applies the rescale to HU', { skip: CORPUS ? false : NO_SHARED_DATA }, async () => {
  // CT_small.dcm: stored 175 at the first pixel, Rescale Intercept -1024, slope 1.
  const file = path.join(TEST_FILES ?? '', 'CT_small.dcm');
  const frame = await decodeFrame(parse(file), 0, file);

  assert.ok(frame.hu instanceof Int16Array);
  assert.equal(frame.hu[0], 175 - 1024);
  assert.deepEqual(frame.rescale, { slope: 1, intercept: -1024 });
});

void test(
  'takes an enhanced CT frame rescale from its functional groups',
  { skip: CORPUS ? false : NO_SHARED_DATA },
  async () => {
    // eCT_Supplemental.dcm has no top-level rescale: only the shared Pixel Value Transformation.
    const file = path.join(PYDICOM_DATA ?? '', 'eCT_Supplemental.dcm');
    const parsed = parse(file);

    assert.equal(frameCountOf(parsed), 2);
    const second = await decodeFrame(parsed, 1, file);
    assert.deepEqual(second.rescale, { slope: 1, intercept: -1024 });
    assert.equal(extremes(second.hu)[0], -1024);
  },
);

void test(
  'refuses what it does not decode with typed errors naming the file and instance',
  { skip: CORPUS ? false : NO_SHARED_DATA },
  async () => {
    const lossyJpeg = path.join(TEST_FILES ?? '', 'JPEG-lossy.dcm');
    await assert.rejects(
      decodeFrame(parse(lossyJpeg), 0, lossyJpeg),
      (error: unknown) =>
        hasCode(error, 'PIXEL_DATA_UNSUPPORTED') &&
        error.place.keyword === 'TransferSyntaxUID' &&
        error.place.file === lossyJpeg &&
        error.place.sopInstanceUid !== undefined,
    );

    const colour = path.join(TEST_FILES ?? '', 'SC_rgb_rle.dcm');
    await assert.rejects(
      decodeFrame(parse(colour), 0, colour),
      (error: unknown) =>
        hasCode(error, 'PIXEL_DATA_UNSUPPORTED') && error.place.keyword === 'SamplesPerPixel',
    );

    const broken = path.join(TEST_FILES ?? '', 'JPEG2000-embedded-sequence-delimiter.dcm');
    await assert.rejects(
      decodeFrame(parse(broken), 0, broken),
      (error: unknown) =>
        hasCode(error, 'PIXEL_DECODE_FAILED') &&
        error.place.file === broken &&
        error.place.sopInstanceUid !== undefined,
    );
  },
);

void test(
  "decodes P001's first slice (JPEG Lossless SV1) to -1024..1490 HU",
  { skip: P001 ? false : NO_SHARED_DATA },
  async () => {
    // InstanceNumber 1; pixel values read with dcmdjpeg and pydicom 2.3.1 (row, column).
    const file = path.join(P001 ?? '', '98C14734-ASSH_1.dcm');
    const frame = await decodeFrame(parse(file), 0, file);
    const at = (row: number, column: number): number =>
      frame.hu[row * frame.columns + column] ?? NaN;

    assert.deepEqual(extremes(frame.hu), [-1024, 1490]);
    assert.equal(at(256, 256), 451);
    assert.equal(at(100, 300), -984);
    assert.equal(at(400, 120), -864);
    assert.equal(frame.lossy, false);
  },
);

const DCMTK_DECODERS: readonly (readonly [tool: string, file: string | undefined])[] = [
  ['dcmdjpeg', P001 && path.join(P001, '98C14734-ASSH_55.dcm')],
  ['dcmdjpeg', PYDICOM_DATA && path.join(PYDICOM_DATA, 'bad_sequence.dcm')],
  ['dcmdjpls', PYDICOM_DATA && path.join(PYDICOM_DATA, 'JLSL_16_15_1_1F.dcm')],
  ['dcmdjpls', TEST_FILES && path.join(TEST_FILES, 'JPEGLSNearLossless_16.dcm')],
  ['dcmdrle', PYDICOM_DATA && path.join(PYDICOM_DATA, 'emri_small_RLE.dcm')],
];

void test(
  'decodes to what dcmtk decodes the same file to',
  { skip: CORPUS && P001 ? false : NO_SHARED_DATA },
  async (t) => {
    if (spawnSync('dcmdjpeg', ['--version']).error !== undefined) {
      t.skip('dcmtk (Debian package dcmtk) is not installed');
      return;
    }
    const dir = await temporaryDir();

    for (const [tool, file] of DCMTK_DECODERS) {
      assert.ok(file !== undefined);
      const output = path.join(dir, `${tool}-${path.basename(file)}`);
      const run = spawnSync(tool, [file, output]);
      assert.equal(run.status, 0, `${tool} ${file}: ${run.stderr.toString()}`);

      assert.equal(maxDifference(await decodeAll(file), await decodeAll(output)), 0, file);
    }
  },
);
