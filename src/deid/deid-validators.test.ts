import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parseDicomFile } from '../dicom/parse-dataset.js';
import { writeDicomFile } from '../dicom/write-dataset.js';
import { sharedData, temporaryDir } from '../testing/paths.js';
import { deidentify } from './deidentify-dataset.js';
import { defaultDeidProfile } from './profile.js';
import { InMemoryPseudonymRegistry } from './pseudonym-registry.js';

// De-identified real CT files are read back by dcmtk's dcmdump and by pydicom, and checked by
// dicom3tools' dciodvfy: the output may carry the input's own IOD errors, but no new ones.

function firstFile(relativeFolder: string, pick: (name: string) => boolean): string | undefined {
  const folder = sharedData(relativeFolder);
  const name = folder === undefined ? undefined : readdirSync(folder).sort().find(pick);
  return folder === undefined || name === undefined ? undefined : path.join(folder, name);
}

const CT_FILES = [
  firstFile('deid/jsl-pseudo-phi', (name) => name.includes('CT_') && name.endsWith('.dcm')),
  firstFile('ct/covid-19-ny-sbu', (name) => name.endsWith('.dcm')),
  firstFile('ct/covid-ct-md/COVID-19/P001', (name) => name.endsWith('_1.dcm')),
  firstFile('ct/dcmqi-ct-3slice', (name) => name.endsWith('.dcm')),
  firstFile('dicom/pydicom-data', (name) => name === 'eCT_Supplemental.dcm'),
  firstFile('dicom/pydicom/test_files', (name) => name === 'CT_small.dcm'),
];

function run(
  command: string,
  args: string[],
): { status: number | null; output: string } | undefined {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
  if (result.error !== undefined) return undefined; // not installed
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function pydicomPython(): string | undefined {
  return ['python3', '/usr/bin/python3'].find(
    (python) => run(python, ['-c', 'import pydicom'])?.status === 0,
  );
}

async function deidentifiedCopies(): Promise<{ input: string; output: string }[]> {
  const folder = await temporaryDir('ctbank-deid-');
  const context = {
    secret: Buffer.alloc(32, 4),
    profile: defaultDeidProfile(),
    pseudonyms: new InMemoryPseudonymRegistry(),
  };

  const copies: { input: string; output: string }[] = [];
  for (const [index, input] of CT_FILES.entries()) {
    if (input === undefined) continue;
    const outcome = await deidentify(parseDicomFile(readFileSync(input), input), context);
    assert.equal(outcome.status, 'deidentified', input);
    const output = path.join(folder, `${index}.dcm`);
    writeFileSync(output, writeDicomFile(outcome.file));
    copies.push({ input, output });
  }
  return copies;
}

const errorsOf = (report: string): Set<string> =>
  new Set(report.split('\n').filter((line) => line.startsWith('Error')));

test('adds no dciodvfy error to real CT files', async (t) => {
  if (CT_FILES.includes(undefined)) return t.skip('../shared/data is absent');
  if (run('dciodvfy', []) === undefined)
    return t.skip('dciodvfy (Debian dicom3tools) is not installed');

  for (const { input, output } of await deidentifiedCopies()) {
    const before = errorsOf(run('dciodvfy', [input])?.output ?? '');
    const after = [...errorsOf(run('dciodvfy', [output])?.output ?? '')];
    assert.deepEqual(
      after.filter((error) => !before.has(error)),
      [],
      input,
    );
  }
});

test('writes files dcmdump reads without error', async (t) => {
  if (CT_FILES.includes(undefined)) return t.skip('../shared/data is absent');
  if (run('dcmdump', ['--version']) === undefined)
    return t.skip('dcmdump (Debian dcmtk) is not installed');

  for (const { input, output } of await deidentifiedCopies()) {
    const dump = run('dcmdump', ['-q', output]);
    assert.equal(dump?.status, 0, `${input}: ${dump?.output ?? ''}`);
    assert.match(run('dcmdump', [output])?.output ?? '', /PatientIdentityRemoved/);
  }
});

test('writes files pydicom reads with the markers in place', async (t) => {
  if (CT_FILES.includes(undefined)) return t.skip('../shared/data is absent');
  const python = pydicomPython();
  if (python === undefined) return t.skip('pydicom (Debian python3-pydicom) is not installed');

  const script = [
    'import sys, pydicom',
    'for name in sys.argv[1:]:',
    '    ds = pydicom.dcmread(name)',
    '    assert ds.PatientIdentityRemoved == "YES", name',
    '    assert ds.PatientID.startswith("CT-"), name',
    '    assert ds.file_meta.MediaStorageSOPInstanceUID == ds.SOPInstanceUID, name',
    '    ds.PixelData',
  ].join('\n');
  const outputs = (await deidentifiedCopies()).map((copy) => copy.output);
  const result = run(python, ['-c', script, ...outputs]);
  assert.equal(result?.status, 0, result?.output);
});
