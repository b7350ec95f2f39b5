import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DicomDataset, DicomElement, DicomFile } from '../dicom/dataset.js';
import { TAGS } from '../dicom/tags.js';
import { ctInstance, sequence, text } from './ct-fixture.js';
import { dateOffsetDays } from './date-shift.js';
import { deidTag } from './deid-dictionary.js';
import { deidentify, type DeidContext, type DeidentifiedInstance } from './deidentify-dataset.js';
import { defaultDeidProfile, parseDeidProfile } from './profile.js';
import { InMemoryPseudonymRegistry } from './pseudonym-registry.js';
import { readText } from './text-values.js';

const SECRET = Buffer.alloc(32, 1);

function context(overrides: Partial<DeidContext> = {}): DeidContext {
  return {
    secret: SECRET,
    profile: defaultDeidProfile(),
    pseudonyms: new InMemoryPseudonymRegistry(),
    ...overrides,
  };
}

async function deidentified(file: DicomFile, ctx = context()): Promise<DeidentifiedInstance> {
  const outcome = await deidentify(file, ctx);
  assert.equal(outcome.status, 'deidentified', JSON.stringify(outcome));
  return outcome;
}

function find(dataset: DicomDataset, tag: number): DicomElement | undefined {
  return dataset.elements.find((element) => element.tag === tag);
}

function value(dataset: DicomDataset, tag: number, encoding = 'latin1'): string | undefined {
  const element = find(dataset, tag);
  return element === undefined ? undefined : readText(element, encoding);
}

function item(dataset: DicomDataset, tag: number, index = 0): DicomDataset {
  const found = find(dataset, tag)?.items?.[index];
  assert.ok(found, `no item ${index} of ${tag.toString(16)}`);
  return found;
}

test('replaces Patient ID and Name by the pseudonym and reports the mapping', async () => {
  const result = await deidentified(ctInstance({ patientId: '  MRN-7781 ' }));

  assert.equal(value(result.file.dataset, TAGS.PatientID.tag), 'CT-0001');
  assert.equal(value(result.file.dataset, TAGS.PatientName.tag), 'CT-0001');
  assert.equal(value(result.file.dataset, TAGS.PatientBirthDate.tag), '');
  assert.equal(result.identity.originalPatientId, 'MRN-7781');
  assert.equal(result.identity.pseudonym, 'CT-0001');
});

test('writes the markers of the profile and options applied (CID 7050)', async () => {
  const { file } = await deidentified(ctInstance());
  const codes = find(file.dataset, deidTag('DeidentificationMethodCodeSequence'))?.items ?? [];

  assert.equal(value(file.dataset, deidTag('PatientIdentityRemoved')), 'YES');
  assert.deepEqual(
    codes.map((code) => value(code, TAGS.CodeValue.tag)),
    ['113100', '113105', '113107', '113108'],
  );
  assert.ok(codes.every((code) => value(code, TAGS.CodingSchemeDesignator.tag) === 'DCM'));
  assert.match(value(file.dataset, deidTag('DeidentificationMethod')) ?? '', /Annex E/);
  assert.equal(value(file.dataset, deidTag('LongitudinalTemporalInformationModified')), 'MODIFIED');
});

test('replaces instance UIDs with 2.25 UIDs and keeps SOP Class and the file meta in step', async () => {
  const { file, identity } = await deidentified(ctInstance());
  const sop = value(file.dataset, TAGS.SOPInstanceUID.tag) ?? '';
  const meta = file.meta.elements.find((e) => e.tag === TAGS.MediaStorageSOPInstanceUID.tag);

  assert.match(sop, /^2\.25\.\d+$/);
  assert.equal(meta === undefined ? '' : readText(meta, 'latin1'), sop);
  assert.equal(value(file.dataset, TAGS.SOPClassUID.tag), '1.2.840.10008.5.1.4.1.1.2');
  assert.ok(identity.uids.some((uid) => uid.replacement === sop));
});

test('gives different UIDs under a different secret and the same under the same', async () => {
  const uid = async (secret: Buffer) =>
    value(
      (await deidentified(ctInstance(), context({ secret }))).file.dataset,
      TAGS.SOPInstanceUID.tag,
    );

  assert.equal(await uid(SECRET), await uid(Buffer.alloc(32, 1)));
  assert.notEqual(await uid(SECRET), await uid(Buffer.alloc(32, 2)));
});

test('maps references across series to the same new UIDs', async () => {
  const ctx = context();
  const seriesA = { seriesUid: '1.2.3.100', sopUid: '1.2.3.100.1' };
  const referenceToA = sequence(0x00081115, [
    [
      text(TAGS.SeriesInstanceUID.tag, 'UI', seriesA.seriesUid),
      sequence(0x0008114a, [
        [
          text(TAGS.ReferencedSOPClassUID.tag, 'UI', '1.2.840.10008.5.1.4.1.1.2'),
          text(TAGS.ReferencedSOPInstanceUID.tag, 'UI', seriesA.sopUid),
        ],
      ]),
    ],
  ]);
  const a = await deidentified(ctInstance(seriesA), ctx);
  const b = await deidentified(
    ctInstance({ seriesUid: '1.2.3.200', sopUid: '1.2.3.200.1' }, [referenceToA]),
    ctx,
  );

  const reference = item(b.file.dataset, 0x00081115);
  const instance = item(reference, 0x0008114a);
  assert.equal(
    value(reference, TAGS.SeriesInstanceUID.tag),
    value(a.file.dataset, TAGS.SeriesInstanceUID.tag),
  );
  assert.equal(
    value(instance, TAGS.ReferencedSOPInstanceUID.tag),
    value(a.file.dataset, TAGS.SOPInstanceUID.tag),
  );
  assert.equal(value(instance, TAGS.ReferencedSOPClassUID.tag), '1.2.840.10008.5.1.4.1.1.2');
});

test('gives the same patient in two studies one pseudonym and one date offset', async () => {
  const ctx = context();
  const first = await deidentified(ctInstance({ studyUid: '1.2.9.1', studyDate: '20200301' }), ctx);
  const other = await deidentified(ctInstance({ patientId: 'OTHER-1', studyUid: '1.2.9.3' }), ctx);
  const second = await deidentified(
    ctInstance({ studyUid: '1.2.9.2', studyDate: '20200315' }),
    ctx,
  );

  assert.equal(first.identity.pseudonym, 'CT-0001');
  assert.equal(other.identity.pseudonym, 'CT-0002');
  assert.equal(second.identity.pseudonym, 'CT-0001');
  assert.equal(first.identity.dateOffsetDays, second.identity.dateOffsetDays);
  assert.ok(first.identity.dateOffsetDays <= -365 && first.identity.dateOffsetDays >= -3650);

  const day = (result: DeidentifiedInstance) => {
    const date = value(result.file.dataset, TAGS.StudyDate.tag) ?? '';
    return Date.UTC(+date.slice(0, 4), +date.slice(4, 6) - 1, +date.slice(6, 8)) / 86_400_000;
  };
  assert.equal(day(second) - day(first), 14);
  assert.equal(first.identity.trueStudyDate, '20200301');
});

test('never derives a zero date offset', () => {
  for (let i = 0; i < 2000; i++) assert.notEqual(dateOffsetDays(SECRET, `P${i}`), 0);
});

test('gives identical output in two runs', async () => {
  const file = ctInstance({}, [text(TAGS.StudyDescription.tag, 'LO', 'CT CHEST SEXTON')]);
  const once = await deidentify(file, context());
  const twice = await deidentify(file, context());

  assert.deepEqual(once, twice);
});

test('writes ages over 89 as 090Y and keeps the true age for the private zone', async () => {
  const result = await deidentified(ctInstance({}, [text(TAGS.PatientAge.tag, 'AS', '093Y')]));

  assert.equal(value(result.file.dataset, TAGS.PatientAge.tag), '090Y');
  assert.equal(result.identity.trueAge, '093Y');
});

test('computes a missing age from birth date and study date', async () => {
  const young = await deidentified(ctInstance({ studyDate: '20200315' }));
  const old = await deidentified(
    ctInstance({ studyDate: '20200315' }, [text(TAGS.PatientBirthDate.tag, 'DA', '19250101')]),
  );

  assert.equal(value(young.file.dataset, TAGS.PatientAge.tag), '039Y');
  assert.equal(value(old.file.dataset, TAGS.PatientAge.tag), '090Y');
  assert.equal(old.identity.trueAge, '095Y');
});

test('replaces an invalid age by the computed one and reports it', async () => {
  const result = await deidentified(ctInstance({}, [text(TAGS.PatientAge.tag, 'AS', 'old')]));

  assert.equal(value(result.file.dataset, TAGS.PatientAge.tag), '039Y');
  assert.deepEqual(
    result.findings.map((finding) => finding.code),
    ['invalid-age'],
  );
});

test('removes the age when Retain Patient Characteristics is off', async () => {
  const profile = parseDeidProfile({ retainPatientCharacteristics: false });
  const result = await deidentified(
    ctInstance({}, [text(TAGS.PatientAge.tag, 'AS', '039Y')]),
    context({ profile }),
  );

  assert.equal(find(result.file.dataset, TAGS.PatientAge.tag), undefined);
  assert.equal(value(result.file.dataset, TAGS.PatientSex.tag), '');
});

test('cleans ISO_IR 100 names out of descriptors', async () => {
  const latin1 = [
    text(TAGS.SpecificCharacterSet.tag, 'CS', 'ISO_IR 100'),
    text(TAGS.PatientName.tag, 'PN', 'Müller^Jürgen'),
    text(TAGS.StudyDescription.tag, 'LO', 'Thorax nativ Müller Jürgen'),
  ];
  const { file } = await deidentified(ctInstance({}, latin1));

  assert.equal(value(file.dataset, TAGS.StudyDescription.tag), 'Thorax nativ');
  assert.equal(value(file.dataset, TAGS.PatientName.tag), 'CT-0001');
});

test('cleans ISO_IR 192 (UTF-8) names out of descriptors', async () => {
  const utf8 = [
    text(TAGS.SpecificCharacterSet.tag, 'CS', 'ISO_IR 192'),
    text(TAGS.PatientName.tag, 'PN', '山田^太郎=やまだ^たろう', 'utf-8'),
    text(TAGS.ImageComments.tag, 'LT', 'lung window 山田太郎 やまだ', 'utf-8'),
    text(TAGS.SeriesDescription.tag, 'LO', 'Thorax Ærø 山田', 'utf-8'),
  ];
  const { file } = await deidentified(ctInstance({}, utf8));

  assert.equal(value(file.dataset, TAGS.ImageComments.tag, 'utf-8'), 'lung window');
  assert.equal(value(file.dataset, TAGS.SeriesDescription.tag, 'utf-8'), 'Thorax Ærø');
});

test('cleans names, IDs and dates in every written form out of descriptors', async () => {
  const extra = [
    text(TAGS.AccessionNumber.tag, 'SH', 'ACC5521'),
    text(TAGS.StudyDescription.tag, 'LO', 'CT CHEST ACC5521 sexton, carmen 15.03.2020'),
    text(TAGS.ImageComments.tag, 'LT', 'born June 10, 1980; call 555-123-4567; id 88123456'),
  ];
  const { file } = await deidentified(ctInstance({}, extra));

  assert.equal(value(file.dataset, TAGS.StudyDescription.tag), 'CT CHEST');
  assert.equal(value(file.dataset, TAGS.ImageComments.tag), 'born ; call ; id');
  assert.equal(value(file.dataset, TAGS.AccessionNumber.tag), '');
});

test('applies the profile in sequences three deep', async () => {
  const deep = sequence(0x00081115, [
    [
      sequence(0x0008114a, [
        [
          sequence(0x0040a170, [
            [
              text(TAGS.CodeValue.tag, 'SH', '121311'),
              text(TAGS.InstitutionName.tag, 'LO', 'General Hospital'),
              text(TAGS.ReferringPhysicianName.tag, 'PN', 'HOUSE^GREGORY'),
              text(TAGS.StudyDate.tag, 'DA', '20200315'),
              text(0x00190010, 'LO', 'ACME 1.0'),
              text(0x00191001, 'LO', 'secret'),
            ],
          ]),
        ],
      ]),
    ],
  ]);
  const { file, identity } = await deidentified(ctInstance({}, [deep]));
  const third = item(item(item(file.dataset, 0x00081115), 0x0008114a), 0x0040a170);
  const shifted = value(third, TAGS.StudyDate.tag);

  assert.deepEqual(
    third.elements.map((element) => element.tag),
    [TAGS.StudyDate.tag, TAGS.ReferringPhysicianName.tag, TAGS.CodeValue.tag],
  );
  assert.equal(value(third, TAGS.ReferringPhysicianName.tag), '');
  assert.equal(shifted, value(file.dataset, TAGS.StudyDate.tag));
  assert.notEqual(shifted, '20200315');
  assert.ok(identity.dateOffsetDays < 0);
});
