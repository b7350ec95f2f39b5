import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DicomElement, DicomFile } from '../dicom/dataset.js';
import { TAGS } from '../dicom/tags.js';
import { ctInstance, sequence, text } from './ct-fixture.js';
import { deidTag } from './deid-dictionary.js';
import { deidentify, type DeidentifiedInstance, type DeidOutcome } from './deidentify-dataset.js';
import { parseDeidProfile, type DeidProfile, describeProfileDefaults } from './profile.js';
import { InMemoryPseudonymRegistry } from './pseudonym-registry.js';
import { readText } from './text-values.js';

const SECRET = Buffer.alloc(32, 3);

function run(file: DicomFile, profile: Partial<DeidProfile> = {}): Promise<DeidOutcome> {
  return deidentify(file, {
    secret: SECRET,
    profile: parseDeidProfile(profile),
    pseudonyms: new InMemoryPseudonymRegistry(),
  });
}

async function deidentified(file: DicomFile, profile: Partial<DeidProfile> = {}) {
  const outcome = await run(file, profile);
  assert.equal(outcome.status, 'deidentified', JSON.stringify(outcome));
  return outcome;
}

function tags(result: DeidentifiedInstance): number[] {
  return result.file.dataset.elements.map((element) => element.tag);
}

const PRIVATE: DicomElement[] = [
  text(0x00190010, 'LO', 'ACME 1.0'),
  text(0x00190011, 'LO', 'OTHER'),
  text(0x0019100a, 'LO', 'reconstruction 3'),
  text(0x0019100b, 'LO', 'SEXTON CARMEN'),
  text(0x0019110a, 'LO', 'another vendor'),
];

test('removes every private element and creator by default', async () => {
  const result = await deidentified(ctInstance({}, PRIVATE));

  assert.ok(tags(result).every((tag) => ((tag >>> 16) & 1) === 0));
  assert.equal(result.changes.filter((change) => change.rule === 'private').length, 5);
});

test('keeps allow-listed private elements with their creator under Retain Safe Private', async () => {
  const profile = {
    retainSafePrivate: true,
    safePrivateAllowList: [{ creator: 'ACME 1.0', tag: '0019,xx0A' }],
  };
  const result = await deidentified(ctInstance({}, PRIVATE), profile);
  const kept = tags(result).filter((tag) => ((tag >>> 16) & 1) === 1);
  const codes = result.file.dataset.elements.find(
    (element) => element.tag === deidTag('DeidentificationMethodCodeSequence'),
  )?.items;

  assert.deepEqual(kept, [0x00190010, 0x0019100a]);
  assert.equal(codes?.length, 5); // Basic, Clean Desc., Modified Dates, Patient Chars., Safe Private
});

test('rejects an allow-list without the Retain Safe Private Option', () => {
  assert.throws(() =>
    parseDeidProfile({ safePrivateAllowList: [{ creator: 'ACME', tag: '0019,xx0A' }] }),
  );
  assert.throws(() =>
    parseDeidProfile({
      retainSafePrivate: true,
      safePrivateAllowList: [{ creator: 'A', tag: '0018,xx0A' }],
    }),
  );
});

test('reports an unknown attribute and keeps it', async () => {
  const result = await deidentified(ctInstance({}, [text(0x00185101, 'CS', 'PA')]));

  assert.ok(tags(result).includes(0x00185101));
  assert.deepEqual(result.unknownAttributes, [
    { path: 'ViewPosition', tag: 0x00185101, vr: 'CS', outcome: 'kept' },
  ]);
});

test('cleans known names and identifier shapes out of unknown free text', async () => {
  const unknownText = text(0x00181401, 'LO', 'SEXTON reconstruction 20200315');
  const result = await deidentified(ctInstance({}, [unknownText]));
  const kept = result.file.dataset.elements.find((element) => element.tag === unknownText.tag);

  assert.equal(kept === undefined ? undefined : readText(kept, 'latin1'), 'reconstruction');
  assert.equal(result.unknownAttributes[0]?.outcome, 'text-cleaned');
});

test('removes unknown attributes in strict mode', async () => {
  const result = await deidentified(ctInstance({}, [text(0x00185101, 'CS', 'PA')]), {
    strict: true,
  });

  assert.ok(!tags(result).includes(0x00185101));
  assert.equal(result.unknownAttributes[0]?.outcome, 'removed');
  assert.ok(tags(result).includes(TAGS.PixelData.tag));
});

test('handles unknown dates, names and UIDs by their VR', async () => {
  const extra = [
    text(0x00140102, 'DA', '20200101'),
    text(0x00089123, 'UI', '1.2.3.4.5'),
    text(0x00181600, 'PN', 'DOE^JOHN'),
  ];
  const result = await deidentified(ctInstance({}, extra));
  const outcomes = Object.fromEntries(result.unknownAttributes.map((u) => [u.path, u.outcome]));

  assert.deepEqual(outcomes, {
    SecondaryReviewDate: 'date-shifted',
    CreatorVersionUID: 'uid-replaced',
    ShutterShape: 'removed',
  });
});

test('removes overlays, curves and icon images', async () => {
  const extra = [
    { tag: 0x60000010, vr: 'US', value: Uint8Array.of(2, 0) } as const,
    { tag: 0x60003000, vr: 'OW', value: Uint8Array.of(1, 0) } as const,
    { tag: 0x50000005, vr: 'US', value: Uint8Array.of(1, 0) } as const,
    sequence(0x00880200, [[{ tag: TAGS.Rows.tag, vr: 'US', value: Uint8Array.of(1, 0) }]]),
  ];
  const result = await deidentified(ctInstance({}, extra), { cleanGraphics: true });

  for (const tag of [0x60000010, 0x60003000, 0x50000005, 0x00880200]) {
    assert.ok(!tags(result).includes(tag), tag.toString(16));
  }
});

test('keeps station names out and manufacturer and model in by default', async () => {
  const extra = [
    text(0x00081010, 'SH', 'CTSTATION7'),
    text(0x00181000, 'LO', 'SN 123'),
    text(0x00081090, 'LO', 'Somatom Scope'),
  ];
  const result = await deidentified(ctInstance({}, extra));

  assert.ok(!tags(result).includes(0x00081010));
  assert.ok(!tags(result).includes(0x00181000));
  assert.ok(tags(result).includes(0x00081090));
  assert.ok(tags(result).includes(TAGS.Manufacturer.tag));
});

const QUARANTINES: [string, DicomElement[], string][] = [
  [
    'secondary capture',
    [text(TAGS.SOPClassUID.tag, 'UI', '1.2.840.10008.5.1.4.1.1.7')],
    'secondary-capture',
  ],
  [
    'a dose report',
    [text(TAGS.SOPClassUID.tag, 'UI', '1.2.840.10008.5.1.4.1.1.88.67')],
    'dose-report',
  ],
  ['a dose screen', [text(TAGS.SeriesDescription.tag, 'LO', 'Dose Report')], 'dose-report'],
  ['a localizer', [text(TAGS.ImageType.tag, 'CS', 'ORIGINAL\\PRIMARY\\LOCALIZER')], 'localizer'],
  ['burned-in annotation', [text(0x00280301, 'CS', 'YES')], 'burned-in-annotation'],
  ['an MR image', [text(TAGS.Modality.tag, 'CS', 'MR')], 'unexpected-modality'],
  [
    'a CT raw data object',
    [text(TAGS.SOPClassUID.tag, 'UI', '1.2.840.10008.5.1.4.1.1.66')],
    'unexpected-sop-class',
  ],
  ['no Patient ID', [text(TAGS.PatientID.tag, 'LO', '  ')], 'missing-patient-id'],
  ['an empty SOP Instance UID', [text(TAGS.SOPInstanceUID.tag, 'UI', '')], 'missing-uid'],
];

for (const [what, extra, reason] of QUARANTINES) {
  test(`quarantines ${what}`, async () => {
    const outcome = await run(ctInstance({}, extra));

    assert.equal(outcome.status, 'quarantined');
    assert.equal(outcome.status === 'quarantined' ? outcome.reason : '', reason);
  });
}

test('lets other modalities through when the profile expects them', async () => {
  const outcome = await run(ctInstance({}, [text(TAGS.Modality.tag, 'CS', 'PT')]), {
    expectedModalities: ['CT', 'PT'],
  });
  assert.equal(outcome.status, 'deidentified');
});

test('documents every default with its reason', () => {
  const defaults = describeProfileDefaults();

  assert.ok(defaults.every((entry) => entry.reason.length > 20));
  assert.deepEqual(
    Object.fromEntries(defaults.map((entry) => [entry.field, entry.value])),
    JSON.parse(JSON.stringify(parseDeidProfile({}))),
  );
});

test('keeps the value bytes of untouched elements, Pixel Data included', async () => {
  const file = ctInstance();
  const result = await deidentified(file);
  const pixels = (f: DicomFile) => f.dataset.elements.find((e) => e.tag === TAGS.PixelData.tag);

  assert.equal(pixels(result.file), pixels(file));
  assert.equal(
    readText(
      result.file.dataset.elements.find((e) => e.tag === TAGS.Modality.tag)!,
      'latin1',
    ),
    'CT',
  );
});
