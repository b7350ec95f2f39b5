import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import dicomParser from 'dicom-parser';

import { hasCode } from '../errors.js';
import { EXPLICIT_VR_LITTLE_ENDIAN, encodePart10, type WriteElement } from './part10-writer.js';

const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
const SOP_INSTANCE_UID = '2.25.1234567890123456789';

// A dataset with one sequence of each encoding, nested two deep, a private block and pixels.
function sampleDataset(): WriteElement[] {
  const pixels = new Int16Array([-1024, 0, 40, 700]);
  return [
    { tag: 0x7fe00010, vr: 'OW', value: new Uint8Array(pixels.buffer) },
    { tag: 0x00100010, vr: 'PN', value: 'DOE^JANE' },
    { tag: 0x00080016, vr: 'UI', value: CT_IMAGE_STORAGE },
    { tag: 0x00080018, vr: 'UI', value: SOP_INSTANCE_UID },
    { tag: 0x00280010, vr: 'US', value: 2 },
    { tag: 0x00280011, vr: 'US', value: 2 },
    { tag: 0x00200032, vr: 'DS', value: ['-180.5', '-200', '-52.5'] },
    { tag: 0x00189311, vr: 'FD', value: 1.375 },
    { tag: 0x00130010, vr: 'LO', value: 'ACME HIS 1.0' },
    { tag: 0x00131010, vr: 'LO', value: 'MRN-42' },
    {
      tag: 0x00400275,
      vr: 'SQ',
      undefinedLength: true,
      items: [
        {
          undefinedLength: true,
          elements: [
            { tag: 0x00401001, vr: 'SH', value: 'RP77' },
            {
              tag: 0x00400008,
              vr: 'SQ',
              items: [{ elements: [{ tag: 0x00080104, vr: 'LO', value: 'CT CHEST DOE' }] }],
            },
          ],
        },
      ],
    },
    {
      tag: 0x00101002,
      vr: 'SQ',
      items: [
        { elements: [{ tag: 0x00100020, vr: 'LO', value: 'OTHER-1' }] },
        { elements: [{ tag: 0x00100020, vr: 'LO', value: 'OTHER-22' }], undefinedLength: true },
      ],
    },
  ];
}

function encodeSample(): Uint8Array {
  return encodePart10(
    { sopClassUid: CT_IMAGE_STORAGE, sopInstanceUid: SOP_INSTANCE_UID },
    sampleDataset(),
  );
}

void test('writes a Part 10 file that dicom-parser reads back, nested sequences included', () => {
  const bytes = encodeSample();
  const dataSet = dicomParser.parseDicom(bytes);

  assert.equal(dataSet.string('x00020010'), EXPLICIT_VR_LITTLE_ENDIAN);
  assert.equal(dataSet.string('x00020002'), CT_IMAGE_STORAGE);
  assert.equal(dataSet.string('x00020003'), SOP_INSTANCE_UID);
  assert.equal(dataSet.string('x00100010'), 'DOE^JANE');
  assert.equal(dataSet.uint16('x00280010'), 2);
  assert.equal(dataSet.string('x00200032', 2), '-52.5');
  assert.equal(dataSet.double('x00189311'), 1.375);
  assert.equal(dataSet.string('x00131010'), 'MRN-42');

  const request = dataSet.elements['x00400275']?.items?.[0]?.dataSet;
  assert.equal(request?.string('x00401001'), 'RP77');
  const code = request?.elements['x00400008']?.items?.[0]?.dataSet;
  assert.equal(code?.string('x00080104'), 'CT CHEST DOE');
  const others = dataSet.elements['x00101002']?.items ?? [];
  assert.deepEqual(
    others.map((item) => item.dataSet?.string('x00100020')),
    ['OTHER-1', 'OTHER-22'],
  );

  const pixelElement = dataSet.elements['x7fe00010'];
  assert.ok(pixelElement);
  const pixels = new Int16Array(bytes.slice(pixelElement.dataOffset).buffer, 0, 4);
  assert.deepEqual([...pixels], [-1024, 0, 40, 700]);
});

void test('writes the preamble, DICM prefix and elements in ascending tag order', () => {
  const bytes = encodeSample();

  assert.equal(Buffer.from(bytes.subarray(128, 132)).toString('latin1'), 'DICM');
  const dataSet = dicomParser.parseDicom(bytes);
  const inFileOrder = Object.entries(dataSet.elements)
    .sort(([, a], [, b]) => a.dataOffset - b.dataOffset)
    .map(([tag]) => tag);
  assert.deepEqual(inFileOrder, [...inFileOrder].sort());
});

void test('pads odd-length text with a space and odd-length UIDs with NUL', () => {
  const bytes = encodePart10({ sopClassUid: CT_IMAGE_STORAGE, sopInstanceUid: '2.25.17' }, [
    { tag: 0x00100020, vr: 'LO', value: 'ABC' },
    { tag: 0x00080018, vr: 'UI', value: '2.25.17' },
  ]);
  const dataSet = dicomParser.parseDicom(bytes);

  const id = dataSet.elements['x00100020'];
  assert.equal(id?.length, 4);
  assert.equal(bytes[(id?.dataOffset ?? 0) + 3], 0x20);
  const uid = dataSet.elements['x00080018'];
  assert.equal(uid?.length, 8);
  assert.equal(bytes[(uid?.dataOffset ?? 0) + 7], 0x00);
});

void test('rejects a short-length value over 65535 bytes and a duplicate tag', () => {
  const meta = { sopClassUid: CT_IMAGE_STORAGE, sopInstanceUid: SOP_INSTANCE_UID };

  assert.throws(
    () => encodePart10(meta, [{ tag: 0x00100010, vr: 'PN', value: 'X'.repeat(70_000) }]),
    (error) => hasCode(error, 'INTERNAL'),
  );
  assert.throws(
    () =>
      encodePart10(meta, [
        { tag: 0x00100010, vr: 'PN', value: 'A' },
        { tag: 0x00100010, vr: 'PN', value: 'B' },
      ]),
    (error) => hasCode(error, 'INTERNAL'),
  );
});

void test('dcmdump reads the file without errors or warnings', async (t) => {
  const probe = spawnSync('dcmdump', ['--version'], { encoding: 'utf8' });
  if (probe.error !== undefined) {
    t.skip('dcmdump (dcmtk) is not installed');
    return;
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'ctbank-writer-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'sample.dcm');
  await writeFile(file, encodeSample());

  const dump = spawnSync('dcmdump', ['-q', file], { encoding: 'utf8' });

  assert.equal(dump.status, 0, dump.stderr);
  assert.equal(dump.stderr, '');
  assert.match(dump.stdout, /\(0040,0275\) SQ \(Sequence with undefined length #=1\)/);
  assert.match(dump.stdout, /\(0010,1002\) SQ \(Sequence with explicit length #=2\)/);
  assert.match(dump.stdout, /CT CHEST DOE/);
});
