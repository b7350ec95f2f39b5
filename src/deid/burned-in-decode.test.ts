import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { hasCode } from '../errors.js';
import { NO_SHARED_DATA, sharedData } from '../testing/paths.js';
import { decodeUncompressedCtImage } from './burned-in-decode.js';

const PYDICOM = sharedData('dicom/pydicom/test_files');
const COVID_CT_MD = sharedData('ct/covid-ct-md/COVID-19/P001');

function decodeFile(file: string): ReturnType<typeof decodeUncompressedCtImage> {
  return decodeUncompressedCtImage(new Uint8Array(readFileSync(file)), file);
}

test(
  'decodes explicit little endian, big endian and implicit copies of one image alike',
  { skip: PYDICOM ? false : NO_SHARED_DATA },
  () => {
    const names = ['MR_small.dcm', 'MR_small_bigendian.dcm', 'MR_small_implicit.dcm'];
    const [first, ...others] = names.map((name) => decodeFile(path.join(PYDICOM ?? '', name)));

    assert.ok(first !== undefined);
    assert.equal(first.rows, 64);
    assert.deepEqual(first.pixelSpacingMm, [0.3125, 0.3125]);
    for (const other of others) assert.deepEqual(other.hu, first.hu);
  },
);

test('applies the rescale to HU', { skip: PYDICOM ? false : NO_SHARED_DATA }, () => {
  // CT_small.dcm: stored 175 at the first pixel, Rescale Intercept -1024, slope 1.
  const image = decodeFile(path.join(PYDICOM ?? '', 'CT_small.dcm'));

  assert.ok(image.hu instanceof Int16Array);
  assert.equal(image.hu[0], 175 - 1024);
});

test(
  'decodes Deflated Explicit VR Little Endian',
  { skip: PYDICOM ? false : NO_SHARED_DATA },
  () => {
    const image = decodeFile(path.join(PYDICOM ?? '', 'image_dfl.dcm'));

    assert.equal(image.rows * image.columns, image.hu.length);
  },
);

test(
  'refuses JPEG Lossless pixels with a typed error',
  { skip: COVID_CT_MD ? false : NO_SHARED_DATA },
  () => {
    const file = path.join(COVID_CT_MD ?? '', readdirSync(COVID_CT_MD ?? '').sort()[0] ?? '');

    assert.throws(
      () => decodeFile(file),
      (error: unknown) =>
        hasCode(error, 'PIXEL_DATA_UNSUPPORTED') && error.place.keyword === 'TransferSyntaxUID',
    );
  },
);
