import assert from 'node:assert/strict';
import { test } from 'node:test';

import { CtbankError, hasCode } from '../errors.js';
import type { DicomDataset, DicomElement } from './dataset.js';
import { parseDicomFile } from './parse-dataset.js';
import { encodePart10, type WriteElement } from './part10-writer.js';
import {
  EXPLICIT_VR_BIG_ENDIAN,
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
} from './transfer-syntax.js';

const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

// Tags used below (PS3.6); raw numbers keep the fixtures readable as bytes.
const PATIENT_NAME = 0x00100010;
const REQUEST_ATTRIBUTES = 0x00400275;
const SCHEDULED_PROTOCOL_CODES = 0x00400008;
const PROCEDURE_CODES = 0x00081032;
const CODE_MEANING = 0x00080104;
const PIXEL_DATA = 0x7fe00010;

// A data set with a sequence nested three deep, mixing both length encodings.
function threeDeep(): WriteElement[] {
  return [
    { tag: 0x00080016, vr: 'UI', value: CT_IMAGE_STORAGE },
    { tag: 0x00080018, vr: 'UI', value: '2.25.42' },
    { tag: PATIENT_NAME, vr: 'PN', value: 'DOE^JANE' },
    { tag: 0x00130010, vr: 'LO', value: 'ACME 1.0' },
    { tag: 0x00131010, vr: 'LO', value: 'MRN-42' },
    {
      tag: REQUEST_ATTRIBUTES,
      vr: 'SQ',
      undefinedLength: true,
      items: [
        {
          undefinedLength: true,
          elements: [
            {
              tag: SCHEDULED_PROTOCOL_CODES,
              vr: 'SQ',
              items: [
                {
                  elements: [
                    {
                      tag: PROCEDURE_CODES,
                      vr: 'SQ',
                      undefinedLength: true,
                      items: [{ elements: [{ tag: CODE_MEANING, vr: 'LO', value: 'CT CHEST' }] }],
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
    { tag: PIXEL_DATA, vr: 'OW', value: new Uint8Array(64).fill(7) },
  ];
}

function sample(): Uint8Array {
  return encodePart10({ sopClassUid: CT_IMAGE_STORAGE, sopInstanceUid: '2.25.42' }, threeDeep());
}

function find(dataset: DicomDataset, tag: number): DicomElement {
  const element = dataset.elements.find((candidate) => candidate.tag === tag);
  assert.ok(element, `no element ${tag.toString(16)}`);
  return element;
}

function text(element: DicomElement): string {
  return Buffer.from(element.value ?? []).toString('latin1');
}

function item(element: DicomElement, index = 0): DicomDataset {
  const found = element.items?.[index];
  assert.ok(found, `no item ${index}`);
  return found;
}

void test('reads a sequence nested three deep, with defined and undefined lengths', () => {
  const file = parseDicomFile(sample(), 'three-deep.dcm');

  const first = item(find(file.dataset, REQUEST_ATTRIBUTES));
  const second = item(find(first, SCHEDULED_PROTOCOL_CODES));
  const third = item(find(second, PROCEDURE_CODES));
  assert.equal(text(find(third, CODE_MEANING)), 'CT CHEST');
  assert.equal(find(file.dataset, REQUEST_ATTRIBUTES).vr, 'SQ');
  assert.equal(file.transferSyntaxUid, EXPLICIT_VR_LITTLE_ENDIAN);
});

void test('keeps private elements as written and values as views of the input', () => {
  const bytes = sample();
  const file = parseDicomFile(bytes, 'sample.dcm');

  const creator = find(file.dataset, 0x00130010);
  assert.equal(creator.vr, 'LO');
  assert.equal(text(find(file.dataset, 0x00131010)), 'MRN-42');
  assert.equal(find(file.dataset, PIXEL_DATA).value?.buffer, bytes.buffer);
  assert.equal(creator.value?.buffer, bytes.buffer);
});

// --- hand-made encodings the phantom writer does not produce -------------------------------

function u16(value: number, littleEndian: boolean): number[] {
  return littleEndian ? [value & 0xff, value >>> 8] : [value >>> 8, value & 0xff];
}

function u32(value: number, littleEndian: boolean): number[] {
  const bytes = [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, value >>> 24];
  return littleEndian ? bytes : bytes.reverse();
}

function tagBytes(tag: number, littleEndian = true): number[] {
  return [...u16(tag >>> 16, littleEndian), ...u16(tag & 0xffff, littleEndian)];
}

function implicit(tag: number, value: number[]): number[] {
  return [...tagBytes(tag), ...u32(value.length, true), ...value];
}

function implicitSequence(tag: number, items: number[][]): number[] {
  const body = items.flatMap((elements) => [
    ...tagBytes(0xfffee000),
    ...u32(0xffffffff, true),
    ...elements,
    ...tagBytes(0xfffee00d),
    ...u32(0, true),
  ]);
  return [...tagBytes(tag), ...u32(0xffffffff, true), ...body, ...tagBytes(0xfffee0dd), 0, 0, 0, 0];
}

function explicitBigEndian(tag: number, vr: string, value: number[]): number[] {
  const long = vr === 'OB' || vr === 'OW' || vr === 'SQ' || vr === 'UN';
  const length = long ? [0, 0, ...u32(value.length, false)] : u16(value.length, false);
  return [...tagBytes(tag, false), vr.charCodeAt(0), vr.charCodeAt(1), ...length, ...value];
}

function ascii(value: string): number[] {
  return [...Buffer.from(value, 'latin1')];
}

// Preamble, DICM and a meta group holding only the transfer syntax.
function part10(transferSyntaxUid: string, body: number[]): Uint8Array {
  const uid = ascii(
    transferSyntaxUid.length % 2 === 0 ? transferSyntaxUid : transferSyntaxUid + '\0',
  );
  const meta = [...tagBytes(0x00020010), 0x55, 0x49, ...u16(uid.length, true), ...uid];
  return Uint8Array.from([...new Array<number>(128).fill(0), ...ascii('DICM'), ...meta, ...body]);
}

void test('reads implicit VR with VRs from the dictionary, private creators as LO, others UN', () => {
  const body = [
    ...implicit(PATIENT_NAME, ascii('DOE^JO')),
    ...implicit(0x00190010, ascii('ACME')),
    ...implicit(0x00191001, [1, 2, 3, 4]),
    ...implicitSequence(0x00191002, [implicit(CODE_MEANING, ascii('NESTED'))]),
    ...implicit(0x00280103, [1, 0]), // Pixel Representation: signed
    ...implicit(0x00280106, [0x00, 0xfc]), // Smallest Image Pixel Value: US or SS
    ...implicit(PIXEL_DATA, [1, 0, 2, 0]),
  ];
  const file = parseDicomFile(part10(IMPLICIT_VR_LITTLE_ENDIAN, body), 'implicit.dcm');

  const vrs = file.dataset.elements.map((element) => element.vr);
  assert.deepEqual(vrs, ['PN', 'LO', 'UN', 'SQ', 'US', 'SS', 'OW']);
  const nested = item(find(file.dataset, 0x00191002));
  assert.equal(text(find(nested, CODE_MEANING)), 'NESTED');
  assert.equal(file.transferSyntaxUid, IMPLICIT_VR_LITTLE_ENDIAN);
});

void test('turns every number of a big-endian data set little endian and leaves bytes alone', () => {
  const body = [
    ...explicitBigEndian(0x00181063, 'DS', ascii('33.3')),
    ...explicitBigEndian(0x00280009, 'AT', [0x00, 0x18, 0x10, 0x63]),
    ...explicitBigEndian(0x00280010, 'US', [0x02, 0x00]),
    ...explicitBigEndian(0x00189311, 'FD', [0x3f, 0xf6, 0, 0, 0, 0, 0, 0]), // 1.375
    ...explicitBigEndian(0x00291010, 'OB', [1, 2, 3, 4]),
    ...explicitBigEndian(PIXEL_DATA, 'OW', [0x01, 0x02, 0x03, 0x04]),
  ];
  const file = parseDicomFile(part10(EXPLICIT_VR_BIG_ENDIAN, body), 'big-endian.dcm');

  const value = (tag: number): number[] => [...(find(file.dataset, tag).value ?? [])];
  assert.equal(text(find(file.dataset, 0x00181063)), '33.3');
  assert.deepEqual(value(0x00280009), [0x18, 0x00, 0x63, 0x10]);
  assert.deepEqual(value(0x00280010), [0x00, 0x02]);
  const fd = find(file.dataset, 0x00189311).value ?? new Uint8Array(8);
  assert.equal(new DataView(fd.buffer, fd.byteOffset).getFloat64(0, true), 1.375);
  assert.deepEqual(value(0x00291010), [1, 2, 3, 4]);
  assert.deepEqual(value(PIXEL_DATA), [0x02, 0x01, 0x04, 0x03]);
});

void test('reads a data set without preamble or meta group, guessing its encoding', () => {
  const full = parseDicomFile(sample(), 'with-meta.dcm');
  const withoutMeta = sample().subarray(132 + 12 + metaLength(sample()));

  const bare = parseDicomFile(withoutMeta, 'bare.dcm');

  assert.equal(bare.meta.elements.length, 0);
  assert.equal(bare.transferSyntaxUid, EXPLICIT_VR_LITTLE_ENDIAN);
  assert.deepEqual(
    bare.dataset.elements.map((element) => element.tag),
    full.dataset.elements.map((element) => element.tag),
  );
});

function metaLength(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset).getUint32(140, true);
}

void test('reports every cut of a file as TRUNCATED, with the file, keyword and offset', () => {
  const bytes = sample();

  for (let end = 132; end < bytes.length; end++) {
    try {
      parseDicomFile(bytes.subarray(0, end), 'cut.dcm');
    } catch (thrown) {
      assert.ok(hasCode(thrown, 'TRUNCATED'), `cut at ${end}: ${String(thrown)}`);
      assert.equal(thrown.place.file, 'cut.dcm');
      assert.equal(typeof thrown.place.offset, 'number');
    }
  }
  assert.throws(
    () => parseDicomFile(bytes.subarray(0, bytes.length - 10), 'cut.dcm'),
    (error) => error instanceof CtbankError && error.place.keyword === 'PixelData',
  );
});

void test('rejects an empty file, bytes that are not DICOM and an explicit element with no VR', () => {
  assert.throws(
    () => parseDicomFile(new Uint8Array(0), 'empty'),
    (e) => hasCode(e, 'EMPTY_FILE'),
  );
  const notDicom = Buffer.from('just some text, long enough to be looked at');
  assert.throws(
    () => parseDicomFile(notDicom, 'text'),
    (e) => hasCode(e, 'NOT_DICOM'),
  );

  const bad = part10(EXPLICIT_VR_LITTLE_ENDIAN, [
    ...tagBytes(0x00080005),
    ...ascii('CS'),
    ...u16(2, true),
    ...ascii('AB'),
    ...tagBytes(PATIENT_NAME),
    0x00,
    0x01,
    ...u16(2, true),
    ...ascii('AB'),
  ]);
  assert.throws(
    () => parseDicomFile(bad, 'bad-vr.dcm'),
    (e) => hasCode(e, 'MALFORMED_ELEMENT') && e.place.keyword === 'PatientName',
  );
});

void test('rejects sequences nested deeper than any real file, before the stack runs out', () => {
  const level = [...tagBytes(0x00081115), ...u32(0xffffffff, true)];
  const open = [...level, ...tagBytes(0xfffee000), ...u32(0xffffffff, true)];
  const body = new Array<number[]>(10_000).fill(open).flat();

  assert.throws(
    () => parseDicomFile(part10(IMPLICIT_VR_LITTLE_ENDIAN, body), 'deep.dcm'),
    (error) => hasCode(error, 'MALFORMED_ELEMENT') && /deeper/.test(error.message),
  );
});
