import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { DicomElement, DicomFile } from '../dicom/dataset.js';
import { parseDicomFile } from '../dicom/parse-dataset.js';
import { TAGS } from '../dicom/tags.js';
import { writeDicomFile } from '../dicom/write-dataset.js';
import { sharedData } from '../testing/paths.js';
import { auditDicomFile, auditRelativePath, type AuditFinding } from './audit.js';
import { originalIdentifiers, originalsOfFile } from './audit-originals.js';
import { ctInstance, sequence, text } from './ct-fixture.js';
import { deidentify, type DeidentifiedInstance } from './deidentify-dataset.js';
import { defaultDeidProfile } from './profile.js';
import { InMemoryPseudonymRegistry } from './pseudonym-registry.js';

const SECRET = Buffer.alloc(32, 9);
const PROFILE = defaultDeidProfile();

async function deidentified(file: DicomFile): Promise<DeidentifiedInstance> {
  const outcome = await deidentify(file, {
    secret: SECRET,
    profile: PROFILE,
    pseudonyms: new InMemoryPseudonymRegistry(),
  });
  assert.equal(outcome.status, 'deidentified', JSON.stringify(outcome));
  return outcome;
}

// Audits a de-identified copy with extra elements planted after de-identification.
function audit(
  original: DicomFile,
  result: DeidentifiedInstance,
  planted: DicomElement[] = [],
): AuditFinding[] {
  const plantedTags = new Set(planted.map((element) => element.tag));
  const elements = [
    ...result.file.dataset.elements.filter((element) => !plantedTags.has(element.tag)),
    ...planted,
  ].sort((a, b) => a.tag - b.tag);
  const bytes = writeDicomFile({ ...result.file, dataset: { elements } });

  return auditDicomFile(bytes, 'out.dcm', {
    profile: PROFILE,
    originals: originalIdentifiers(originalsOfFile(original, PROFILE)),
    expectedPseudonyms: new Set([result.identity.pseudonym]),
  });
}

const rules = (findings: AuditFinding[]): string[] =>
  findings.map((finding) => `${finding.keyword} ${finding.rule}`);

const ORIGINAL = ctInstance({}, [
  text(TAGS.InstitutionName.tag, 'LO', 'Lakeside University Medical Centre'),
  text(TAGS.AccessionNumber.tag, 'SH', 'A2020745507'),
  text(TAGS.ReferringPhysicianName.tag, 'PN', 'REZAEI^ALI^^DR'),
  text(TAGS.StudyDescription.tag, 'LO', 'CHEST ROUTINE'),
]);

test('finds nothing in its own de-identified output', async () => {
  const result = await deidentified(ORIGINAL);

  assert.deepEqual(audit(ORIGINAL, result), []);
});

test('reports an attribute the profile removes, and one it empties that has a value', async () => {
  const result = await deidentified(ORIGINAL);
  const findings = audit(ORIGINAL, result, [
    text(TAGS.InstitutionName.tag, 'LO', 'Northside Clinic'),
    text(TAGS.PatientBirthDate.tag, 'DA', '19800610'),
  ]);

  assert.ok(rules(findings).includes('InstitutionName removed-attribute-present'));
  assert.ok(rules(findings).includes('PatientBirthDate emptied-attribute-has-value'));
});

test('reports original values in kept text, at any depth, with the value masked', async () => {
  const result = await deidentified(ORIGINAL);
  const findings = audit(ORIGINAL, result, [
    text(TAGS.StudyDescription.tag, 'LO', 'CHEST for SEXTON'),
    sequence(TAGS.ProcedureCodeSequence.tag, [
      [text(TAGS.CodeMeaning.tag, 'LO', 'ordered at Lakeside University Medical Centre')],
    ]),
  ]);

  const found = findings.filter((finding) => finding.rule === 'original-value');
  const keywords = found.map((finding) => finding.keyword);
  assert.ok(keywords.includes('StudyDescription'), rules(findings).join('\n'));
  assert.ok(keywords.includes('ProcedureCodeSequence[0].CodeMeaning'), keywords.join('\n'));
  for (const finding of found) assert.match(finding.value, /^.?\*\*\*\d+$/);
});

test(
  'reports names, phone numbers, ID-like strings and dates in text it was never ' + 'told',
  async () => {
    const result = await deidentified(ORIGINAL);
    const findings = audit(ORIGINAL, result, [
      text(TAGS.ImageComments.tag, 'LT', 'Seen by Dr. John Miller on 12/03/2021, MRN 88123456'),
      text(TAGS.StudyDescription.tag, 'LO', 'call +1-555-5308-9867'),
    ]);

    const found = new Set(findings.map((finding) => finding.rule));
    for (const rule of ['person-name-in-text', 'date-in-text', 'id-like-string-in-text']) {
      assert.ok(found.has(rule as AuditFinding['rule']), `${rule}: ${rules(findings).join('\n')}`);
    }
    assert.ok(found.has('phone-number-in-text'), rules(findings).join('\n'));
  },
);

test('reports private elements and a preamble that is not empty', async () => {
  const result = await deidentified(ORIGINAL);
  const planted = [text(0x00190010, 'LO', 'ACME 1.0'), text(0x00191001, 'LO', 'recon')];
  const bytes = writeDicomFile({
    ...result.file,
    dataset: {
      elements: [...result.file.dataset.elements, ...planted].sort((a, b) => a.tag - b.tag),
    },
  });
  bytes.set(Buffer.from('SEXTON CARMEN', 'latin1'), 0);

  const findings = auditDicomFile(bytes, 'out.dcm', { profile: PROFILE });
  assert.ok(rules(findings).includes('Preamble preamble-not-empty'));
  assert.equal(findings.filter((finding) => finding.rule === 'private-element').length, 2);
});

test('accepts shifted dates, its own UIDs and the pseudonym', async () => {
  const result = await deidentified(ORIGINAL);
  const findings = audit(ORIGINAL, result);

  assert.deepEqual(findings, []);
  const studyDate = result.file.dataset.elements.find((e) => e.tag === TAGS.StudyDate.tag);
  assert.notEqual(Buffer.from(studyDate?.value ?? []).toString('latin1'), '20200315');
});

test('reports a file it cannot parse', () => {
  const findings = auditDicomFile(Buffer.from('not a dicom file at all'), 'x.dcm', {
    profile: PROFILE,
  });

  assert.deepEqual(rules(findings), ['NOT_DICOM unparseable']);
});

test('judges every segment of a file path', () => {
  const findings = auditRelativePath('SEXTON_CARMEN/MRN-7781/I0001.dcm', {
    profile: PROFILE,
    originals: originalIdentifiers(originalsOfFile(ORIGINAL, PROFILE)),
  });

  assert.deepEqual(
    findings.map((finding) => finding.keyword),
    ['FolderName', 'FolderName'],
  );
  assert.deepEqual(auditRelativePath('CT-0001/S2/I0001.dcm', { profile: PROFILE }), []);
});

const corpus = sharedData('deid/jsl-pseudo-phi');

test(
  'finds the pseudo-PHI in the JSL originals and nothing in their de-identified copies',
  { skip: corpus === undefined ? 'the shared data folder is absent' : false },
  async () => {
    const files = readdirSync(corpus ?? '')
      .filter((name) => name.includes('CT_') && name.endsWith('.dcm'))
      .map((name) => path.join(corpus ?? '', name));
    assert.equal(files.length, 3);

    for (const file of files) {
      const original = parseDicomFile(readFileSync(file), file);
      const options = {
        profile: PROFILE,
        originals: originalIdentifiers(originalsOfFile(original, PROFILE)),
      };
      const before = auditDicomFile(readFileSync(file), file, options);
      assert.ok(before.length > 10, `${file}: ${before.length} findings in the original`);

      const result = await deidentified(original);
      const after = auditDicomFile(writeDicomFile(result.file), file, {
        ...options,
        expectedPseudonyms: new Set([result.identity.pseudonym]),
      });
      assert.deepEqual(rules(after), [], file);
    }
  },
);
