import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { hasCode } from '../errors.js';
import { temporaryDir } from '../testing/paths.js';
import type { DicomElement, DicomFile } from './dataset.js';
import { IMPLEMENTATION_VERSION_NAME } from './dataset-file-meta.js';
import { parseDicomFile } from './parse-dataset.js';
import { CTBANK_IMPLEMENTATION_CLASS_UID } from './part10-writer.js';
import { TAGS } from './tags.js';
import { EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN } from './transfer-syntax.js';
import { writeDicomFile } from './write-dataset.js';

const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
const JPEG_LOSSLESS_SV1 = '1.2.840.10008.1.2.4.70';
const SOP_INSTANCE_UID = '2.25.1234567';

const bytes = (value: string): Uint8Array => Buffer.from(value, 'latin1');
// The text of a value, without the NUL that pads a UID (PS3.5 9.1).
const text = (element: DicomElement | undefined): string =>
  Buffer.from(element?.value ?? [])
    .toString('latin1')
    .replace(/\0$/, '');

function element(keyword: keyof typeof TAGS, value: Uint8Array): DicomElement {
  return { tag: TAGS[keyword].tag, vr: TAGS[keyword].vr, value };
}

// A small CT-like model, three sequences deep, as a de-identifier would hand it over.
function model(pixelData: DicomElement, transferSyntaxUid = IMPLICIT_VR_LITTLE_ENDIAN): DicomFile {
  const codeItem = { elements: [element('CodeMeaning', bytes('CT CHEST'))] };
  const nested: DicomElement = {
    tag: TAGS.RequestAttributesSequence.tag,
    vr: 'SQ',
    items: [
      {
        elements: [
          {
            tag: TAGS.ScheduledProtocolCodeSequence.tag,
            vr: 'SQ',
            items: [
              { elements: [{ tag: TAGS.ProcedureCodeSequence.tag, vr: 'SQ', items: [codeItem] }] },
            ],
          },
        ],
      },
    ],
  };
  return {
    meta: { elements: [{ tag: 0x00020016, vr: 'AE', value: bytes('OLD_SCANNER ') }] },
    dataset: {
      elements: [
        element('SOPClassUID', bytes(CT_IMAGE_STORAGE)),
        element('SOPInstanceUID', bytes(SOP_INSTANCE_UID + '\0')),
        element('PatientID', bytes('ABC')),
        nested,
        pixelData,
      ],
    },
    transferSyntaxUid,
  };
}

const nativePixels = element('PixelData', new Uint8Array(32).fill(9));

function find(elements: readonly DicomElement[], tag: number): DicomElement | undefined {
  return elements.find((candidate) => candidate.tag === tag);
}

void test('writes a zero preamble, DICM and a regenerated meta group with its length and UIDs', () => {
  const written = writeDicomFile(model(nativePixels));
  const again = parseDicomFile(written, 'written.dcm');

  assert.ok(written.subarray(0, 128).every((byte) => byte === 0));
  assert.equal(Buffer.from(written.subarray(128, 132)).toString('latin1'), 'DICM');
  const meta = again.meta.elements;
  assert.deepEqual(
    meta.map((candidate) => candidate.tag),
    [0x00020000, 0x00020001, 0x00020002, 0x00020003, 0x00020010, 0x00020012, 0x00020013],
  );
  // The group length counts the bytes from after itself (offset 144) to the data set's start,
  // where SOP Class UID (0008,0016) comes first.
  const groupLength = new DataView(written.buffer, written.byteOffset).getUint32(140, true);
  assert.deepEqual([...written.subarray(144 + groupLength, 148 + groupLength)], [8, 0, 0x16, 0]);
  assert.equal(text(find(meta, TAGS.MediaStorageSOPClassUID.tag)), CT_IMAGE_STORAGE);
  assert.equal(text(find(meta, TAGS.MediaStorageSOPInstanceUID.tag)), SOP_INSTANCE_UID);
  assert.equal(text(find(meta, TAGS.TransferSyntaxUID.tag)), EXPLICIT_VR_LITTLE_ENDIAN);
  assert.equal(text(find(meta, TAGS.ImplementationClassUID.tag)), CTBANK_IMPLEMENTATION_CLASS_UID);
  assert.equal(text(find(meta, TAGS.ImplementationVersionName.tag)), IMPLEMENTATION_VERSION_NAME);
  assert.deepEqual([...(find(meta, TAGS.FileMetaInformationVersion.tag)?.value ?? [])], [0, 1]);
  assert.deepEqual(writeDicomFile(model(nativePixels)), written, 'the same model, the same bytes');
});

void test('pads odd values with the padding of their VR and gives every sequence a length', () => {
  const file = model(element('PixelData', Uint8Array.of(1, 2, 3)));
  const written = writeDicomFile(file);
  const again = parseDicomFile(written, 'written.dcm');

  assert.equal(text(find(again.dataset.elements, TAGS.PatientID.tag)), 'ABC ');
  assert.deepEqual(
    [...(find(again.dataset.elements, TAGS.PixelData.tag)?.value ?? [])],
    [1, 2, 3, 0],
  );
  const undefinedLength = Buffer.from([0xff, 0xff, 0xff, 0xff]);
  assert.equal(Buffer.from(written).indexOf(undefinedLength), -1);
});

void test('writes a value too long for a 16-bit length as UN and reads it back with its VR', () => {
  const long = new Uint8Array(70_000).fill(0x41);
  const file = model(nativePixels);
  const withLong: DicomFile = {
    ...file,
    dataset: {
      elements: [...file.dataset.elements, element('ImageComments', long)].sort(
        (a, b) => a.tag - b.tag,
      ),
    },
  };
  const written = writeDicomFile(withLong);

  const at = Buffer.from(written).indexOf(Buffer.from([0x20, 0x00, 0x00, 0x40]));
  assert.equal(Buffer.from(written.subarray(at + 4, at + 6)).toString('latin1'), 'UN');
  const again = find(parseDicomFile(written, 'long.dcm').dataset.elements, TAGS.ImageComments.tag);
  assert.equal(again?.vr, 'LT');
  assert.equal(again?.value?.length, long.length);
});

void test('keeps encapsulated pixel data in its own syntax, odd fragments padded', () => {
  const fragments = [new Uint8Array(0), Uint8Array.of(0xff, 0xd8, 0xff, 0xd9, 0x00)];
  const encapsulated: DicomElement = { tag: TAGS.PixelData.tag, vr: 'OB', fragments };

  const again = parseDicomFile(writeDicomFile(model(encapsulated, JPEG_LOSSLESS_SV1)), 'jpeg.dcm');

  assert.equal(again.transferSyntaxUid, JPEG_LOSSLESS_SV1);
  const read = find(again.dataset.elements, TAGS.PixelData.tag)?.fragments ?? [];
  assert.deepEqual(
    read.map((fragment) => [...fragment]),
    [[], [0xff, 0xd8, 0xff, 0xd9, 0x00, 0x00]],
  );
});

void test('rejects a transfer syntax that does not fit the pixel data with UNWRITABLE', () => {
  const encapsulated: DicomElement = {
    tag: TAGS.PixelData.tag,
    vr: 'OB',
    fragments: [new Uint8Array(2)],
  };
  const unwritable = (error: unknown): boolean => hasCode(error, 'UNWRITABLE');

  assert.throws(
    () => writeDicomFile(model(nativePixels), { transferSyntaxUid: JPEG_LOSSLESS_SV1 }),
    unwritable,
  );
  assert.throws(
    () =>
      writeDicomFile(model(encapsulated, JPEG_LOSSLESS_SV1), {
        transferSyntaxUid: EXPLICIT_VR_LITTLE_ENDIAN,
      }),
    unwritable,
  );
  assert.throws(() => writeDicomFile(model(encapsulated, IMPLICIT_VR_LITTLE_ENDIAN)), unwritable);
});

void test('writes elements in tag order, without group lengths or meta elements in the data set', () => {
  const file = model(nativePixels);
  const shuffled: DicomFile = {
    ...file,
    dataset: {
      elements: [
        ...[...file.dataset.elements].reverse(),
        { tag: 0x00080000, vr: 'UL', value: new Uint8Array(4) },
        { tag: TAGS.TransferSyntaxUID.tag, vr: 'UI', value: bytes('1.2.3\0') },
      ],
    },
  };

  const again = parseDicomFile(writeDicomFile(shuffled), 'shuffled.dcm');

  const tags = again.dataset.elements.map((candidate) => candidate.tag);
  assert.deepEqual(
    tags,
    [...tags].sort((a, b) => a - b),
  );
  assert.deepEqual(
    tags,
    file.dataset.elements.map((candidate) => candidate.tag),
  );
});

void test('dcmdump reads a written three-deep file with defined lengths and no warning', async (t) => {
  if (spawnSync('dcmdump', ['--version']).error !== undefined) {
    t.skip('dcmdump (Debian package dcmtk) is not installed');
    return;
  }
  const dir = await temporaryDir('ctbank-write-');
  t.after(() => rm(dir, { recursive: true, force: true }));
  const out = path.join(dir, 'nested.dcm');
  await writeFile(out, writeDicomFile(model(nativePixels)));

  const dump = spawnSync('dcmdump', [out], { encoding: 'utf8' });

  assert.equal(dump.status, 0, dump.stderr);
  assert.equal(dump.stderr, '');
  assert.equal(dump.stdout.match(/Sequence with explicit length/g)?.length, 3);
  assert.match(dump.stdout, /CT CHEST/);
  assert.doesNotMatch(dump.stdout, /OLD_SCANNER/);
});
