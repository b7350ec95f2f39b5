import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { DicomFile } from '../dicom/dataset.js';
import { parseDicomFile } from '../dicom/parse-dataset.js';
import { TAGS } from '../dicom/tags.js';
import { writeDicomFile } from '../dicom/write-dataset.js';
import { sharedData } from '../testing/paths.js';
import { ctInstance, sequence, text } from './ct-fixture.js';
import { deidTag } from './deid-dictionary.js';
import { deidentify, type DeidContext, type DeidentifiedInstance } from './deidentify-dataset.js';
import { defaultDeidProfile } from './profile.js';
import { InMemoryPseudonymRegistry } from './pseudonym-registry.js';
import { readText } from './text-values.js';

const SECRET = Buffer.alloc(32, 5);

function context(): DeidContext {
  return {
    secret: SECRET,
    profile: defaultDeidProfile(),
    pseudonyms: new InMemoryPseudonymRegistry(),
  };
}

function textOf(file: DicomFile, tag: number): string {
  const element = file.dataset.elements.find((candidate) => candidate.tag === tag);
  return element === undefined ? '' : readText(element, 'latin1');
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

// Header values of the real test files that name the (pseudo) patient or the site.
const IDENTIFYING_KEYWORDS = [
  'PatientName',
  'PatientID',
  'PatientBirthDate',
  'AccessionNumber',
  'InstitutionName',
  'InstitutionAddress',
  'ReferringPhysicianName',
  'PatientTelephoneNumbers',
  'PatientAddress',
  'StudyDate',
  'StudyInstanceUID',
  'SeriesInstanceUID',
  'SOPInstanceUID',
] as const;

function identifyingValues(file: DicomFile): string[] {
  return IDENTIFYING_KEYWORDS.flatMap((keyword) => textOf(file, TAGS[keyword].tag).split(/[\^\\]/))
    .map((value) => value.trim())
    .filter((value) => value.length >= 4);
}

test('round-trips a de-identified instance through the Part 10 writer and parser', async () => {
  const nested = sequence(0x00081115, [
    [text(TAGS.SeriesInstanceUID.tag, 'UI', '1.2.826.0.1.3680043.2.1143.1.1')],
  ]);
  const input = parseDicomFile(writeDicomFile(ctInstance({}, [nested])), 'fixture.dcm');
  const outcome = (await deidentify(input, context())) as DeidentifiedInstance;
  const bytes = writeDicomFile(outcome.file);
  const output = parseDicomFile(bytes, 'output.dcm');
  const written = Buffer.from(bytes).toString('latin1');

  assert.equal(textOf(output, TAGS.PatientID.tag), 'CT-0001');
  assert.equal(textOf(output, deidTag('PatientIdentityRemoved')), 'YES');
  for (const original of ['SEXTON', 'CARMEN', 'MRN-7781', '19800610', '20200315', '2.1143.1']) {
    assert.ok(!written.includes(original), original);
  }
});

test('writes byte-identical files in two runs', async () => {
  const input = ctInstance({}, [text(TAGS.StudyDescription.tag, 'LO', 'CT CHEST')]);
  const first = writeDicomFile(((await deidentify(input, context())) as DeidentifiedInstance).file);
  const second = writeDicomFile(
    ((await deidentify(input, context())) as DeidentifiedInstance).file,
  );

  assert.deepEqual(first, second);
});

test('removes the pseudo-PHI of the JSL CT slices from every header and keeps the pixels', async (t) => {
  const folder = sharedData('deid/jsl-pseudo-phi');
  if (folder === undefined) return t.skip('../shared/data is absent');

  const ctx = context();
  const slices = filesUnder(folder).filter((file) => file.endsWith('.dcm') && file.includes('CT_'));
  assert.equal(slices.length, 3);

  for (const slice of slices) {
    const input = parseDicomFile(readFileSync(slice), slice);
    const outcome = await deidentify(input, ctx);
    assert.equal(outcome.status, 'deidentified', slice);
    const bytes = writeDicomFile(outcome.file);
    const written = Buffer.from(bytes).toString('latin1');

    for (const value of identifyingValues(input)) assert.ok(!written.includes(value), value);
    const pixels = (file: DicomFile) =>
      createHash('sha256')
        .update(file.dataset.elements.find((e) => e.tag === TAGS.PixelData.tag)?.value ?? '')
        .digest('hex');
    assert.equal(pixels(parseDicomFile(bytes, 'out.dcm')), pixels(input));
  }
});

test('quarantines the JSL chest X-ray as an unexpected modality', async (t) => {
  const folder = sharedData('deid/jsl-pseudo-phi');
  if (folder === undefined) return t.skip('../shared/data is absent');

  const xray = filesUnder(folder).find((file) => file.endsWith('.dcm') && file.includes('XR_'));
  assert.ok(xray);
  const outcome = await deidentify(parseDicomFile(readFileSync(xray), xray), context());
  assert.equal(
    outcome.status === 'quarantined' ? outcome.reason : outcome.status,
    'unexpected-modality',
  );
});

test('de-identifies or quarantines every parsable file of the shared DICOM corpus', async (t) => {
  const folders = ['dicom', 'deid', 'ct/covid-19-ny-sbu', 'ct/dcmqi-ct-3slice'].map(sharedData);
  if (folders.some((folder) => folder === undefined)) return t.skip('../shared/data is absent');

  const ctx = {
    ...context(),
    profile: { ...defaultDeidProfile(), expectedModalities: ['CT', 'MR'] },
  };
  const tally = { deidentified: 0, quarantined: 0, unparsable: 0 };
  for (const file of folders.flatMap((folder) => filesUnder(folder ?? ''))) {
    let input: DicomFile;
    try {
      input = parseDicomFile(readFileSync(file), file);
    } catch {
      tally.unparsable += 1; // the ingest stage quarantines these; nothing to de-identify
      continue;
    }
    const outcome = await deidentify(input, ctx);
    tally[outcome.status] += 1;
    if (outcome.status === 'quarantined') continue;

    const output = parseDicomFile(writeDicomFile(outcome.file), `${file} (de-identified)`);
    const odd = output.dataset.elements.filter((element) => ((element.tag >>> 16) & 1) === 1);
    assert.deepEqual(odd, [], file);
    assert.equal(textOf(output, deidTag('PatientIdentityRemoved')), 'YES', file);
    const name = textOf(input, TAGS.PatientName.tag).split('^')[0]?.trim() ?? '';
    const written = Buffer.from(writeDicomFile(output)).toString('latin1');
    if (name.length >= 6) assert.ok(!written.includes(name), `${file}: ${name}`);
  }
  t.diagnostic(JSON.stringify(tally));
  assert.ok(tally.deidentified >= 10);
});
