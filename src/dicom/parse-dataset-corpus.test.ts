import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test, type TestContext } from 'node:test';

import { hasCode } from '../errors.js';
import { NO_SHARED_DATA, sharedData } from '../testing/paths.js';
import type { DicomDataset, DicomElement, DicomFile } from './dataset.js';
import { datasetDifferences } from './dataset-difference.js';
import { parseDicomFile } from './parse-dataset.js';
import { TAGS } from './tags.js';
import {
  DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
  EXPLICIT_VR_BIG_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
} from './transfer-syntax.js';

// Data Set Trailing Padding (PS3.6): some encodings of the same image carry it, others not.
const TRAILING_PADDING = 0xfffcfffc;

function load(t: TestContext, relative: string): DicomFile | undefined {
  const file = sharedData(relative);
  if (file === undefined) {
    t.skip(NO_SHARED_DATA);
    return undefined;
  }
  return parseDicomFile(readFileSync(file), relative);
}

function withoutPadding(dataset: DicomDataset): DicomDataset {
  return { elements: dataset.elements.filter((element) => element.tag !== TRAILING_PADDING) };
}

// The same image in two encodings must parse to the same model.
function assertSameContent(
  t: TestContext,
  reference: string,
  other: string,
): DicomFile | undefined {
  const left = load(t, reference);
  const right = load(t, other);
  if (left === undefined || right === undefined) return undefined;

  const options = { ignoreGroupLengths: true };
  const differences = datasetDifferences(
    withoutPadding(left.dataset),
    withoutPadding(right.dataset),
    options,
  );
  assert.deepEqual(differences, [], `${reference} vs ${other}`);
  return right;
}

function find(dataset: DicomDataset, tag: number): DicomElement | undefined {
  return dataset.elements.find((element) => element.tag === tag);
}

void test('reads an implicit VR file to the same model as its explicit VR twin', (t) => {
  const file = assertSameContent(
    t,
    'dicom/pydicom/test_files/MR_small.dcm',
    'dicom/pydicom/test_files/MR_small_implicit.dcm',
  );
  assert.equal(file?.transferSyntaxUid ?? IMPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN);
});

void test('reads big-endian files to the same little-endian model as their twins', (t) => {
  for (const [reference, other] of [
    ['dicom/pydicom/test_files/MR_small.dcm', 'dicom/pydicom/test_files/MR_small_bigendian.dcm'],
    ['dicom/pydicom-data/emri_small.dcm', 'dicom/pydicom-data/emri_small_big_endian.dcm'],
    ['dicom/pydicom-data/liver.dcm', 'dicom/pydicom-data/liver_expb.dcm'],
  ] as const) {
    const file = assertSameContent(t, reference, other);
    if (file === undefined) return;
    assert.equal(file.transferSyntaxUid, EXPLICIT_VR_BIG_ENDIAN);
  }
});

void test('reads files without a meta group, big and little endian alike', (t) => {
  const file = assertSameContent(
    t,
    'dicom/pydicom/test_files/ExplVR_LitEndNoMeta.dcm',
    'dicom/pydicom/test_files/ExplVR_BigEndNoMeta.dcm',
  );
  assert.equal(file?.meta.elements.length ?? 0, 0);
});

void test('inflates a deflated data set', (t) => {
  const file = load(t, 'dicom/pydicom/test_files/image_dfl.dcm');
  if (file === undefined) return;

  assert.equal(file.transferSyntaxUid, DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
  const pixels = find(file.dataset, TAGS.PixelData.tag);
  assert.ok((pixels?.value?.length ?? 0) > 0);
  assert.ok(file.dataset.elements.length > 20);
});

void test('reads a UN element of undefined length as an implicit VR sequence, three deep', (t) => {
  const file = load(t, 'dicom/pydicom/test_files/UN_sequence.dcm');
  if (file === undefined) return;

  const outer = find(file.dataset, 0x4453100c);
  assert.equal(outer?.vr, 'SQ');
  const series = find(outer?.items?.[0] ?? { elements: [] }, 0x00081115);
  const sop = find(series?.items?.[0] ?? { elements: [] }, 0x00081199);
  const uid = find(sop?.items?.[0] ?? { elements: [] }, TAGS.ReferencedSOPInstanceUID.tag);
  assert.equal(uid?.vr, 'UI');
  assert.match(Buffer.from(uid?.value ?? []).toString('latin1'), /^1\.2\.840\.113619\./);
});

void test('gives standard elements written as UN their dictionary VR, sequences included', (t) => {
  const unknown = load(t, 'dicom/pydicom-data/explicit_VR-UN.dcm');
  const badSequence = load(t, 'dicom/pydicom-data/bad_sequence.dcm');
  if (unknown === undefined || badSequence === undefined) return;

  assert.equal(find(unknown.dataset, TAGS.SOPInstanceUID.tag)?.vr, 'UI');
  assert.equal(find(unknown.dataset, TAGS.Rows.tag)?.vr, 'US');
  const phantomType = find(badSequence.dataset, 0x00189346); // CTDIPhantomTypeCodeSequence
  assert.equal(phantomType?.vr, 'SQ');
  assert.ok(find(phantomType?.items?.[0] ?? { elements: [] }, TAGS.CodeValue.tag));
});

void test('reads an implicit VR data set that its transfer syntax calls explicit', (t) => {
  const file = load(t, 'dicom/pydicom/test_files/SC_rgb_jpeg.dcm');
  if (file === undefined) return;

  assert.equal(find(file.dataset, TAGS.ImageType.tag)?.vr, 'CS');
  assert.ok((find(file.dataset, TAGS.PixelData.tag)?.fragments?.length ?? 0) > 1);
});

void test('reads real JPEG Lossless CT slices with their fragments', (t) => {
  const file = load(t, 'ct/covid-ct-md/COVID-19/P001/98C14734-ASSH_1.dcm');
  if (file === undefined) return;

  assert.equal(file.transferSyntaxUid, '1.2.840.10008.1.2.4.70');
  const fragments = find(file.dataset, TAGS.PixelData.tag)?.fragments ?? [];
  assert.ok(fragments.length >= 2, 'Basic Offset Table and at least one fragment');
});

void test('rejects the truncated files of the corpus with TRUNCATED and the element involved', (t) => {
  for (const [relative, keyword] of [
    ['dicom/pydicom/test_files/MR_truncated.dcm', 'PixelData'],
    ['dicom/pydicom/test_files/rtplan_truncated.dcm', 'BeamSequence'],
    ['dicom/pydicom-data/emri_small_jpeg_2k_lossless_too_short.dcm', 'PixelData'],
  ] as const) {
    const file = sharedData(relative);
    if (file === undefined) {
      t.skip(NO_SHARED_DATA);
      return;
    }
    assert.throws(
      () => parseDicomFile(readFileSync(file), relative),
      (error) => hasCode(error, 'TRUNCATED') && error.place.keyword === keyword,
      relative,
    );
  }
});
