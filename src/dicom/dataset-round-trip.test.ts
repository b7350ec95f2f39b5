import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { CtbankError } from '../errors.js';
import { NO_SHARED_DATA, SHARED_DATA, sharedData, temporaryDir } from '../testing/paths.js';
import type { DicomFile } from './dataset.js';
import { datasetDifferences } from './dataset-difference.js';
import { parseDicomFile } from './parse-dataset.js';
import { TAGS } from './tags.js';
import { EXPLICIT_VR_LITTLE_ENDIAN } from './transfer-syntax.js';
import { writeDicomFile } from './write-dataset.js';

// Files of the corpus that are not DICOM at all: notes, dumps, ground truth, a colour profile.
const NOT_DICOM_FILE = /\.(txt|json|dump|icc|gz|npy|csv)$|(^|\/)README$/;

// Broken on purpose, with the code each must give (see ../shared/data/README.md).
const BROKEN = new Map([
  ['dicom/pydicom/test_files/MR_truncated.dcm', 'TRUNCATED'],
  ['dicom/pydicom/test_files/rtplan_truncated.dcm', 'TRUNCATED'],
  ['dicom/pydicom-data/emri_small_jpeg_2k_lossless_too_short.dcm', 'TRUNCATED'],
  // Bytes were cut out of it and its last directory record still claims them.
  ['dicom/pydicom/test_files/dicomdirtests/DICOMDIR-nooffset', 'TRUNCATED'],
  // A stray byte before the data set: no reader (dcmtk included) finds an element at byte 0.
  ['dicom/pydicom/test_files/no_meta.dcm', 'NOT_DICOM'],
]);

const CT_SAMPLE_PER_FOLDER = 5;

function walk(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

// Every file of dicom/ and deid/, and the first few of each CT series folder.
function corpus(): string[] {
  const files = [...walk(path.join(SHARED_DATA, 'dicom')), ...walk(path.join(SHARED_DATA, 'deid'))];
  const perFolder = new Map<string, string[]>();
  for (const file of walk(path.join(SHARED_DATA, 'ct'))) {
    const folder = path.dirname(file);
    perFolder.set(folder, [...(perFolder.get(folder) ?? []), file]);
  }
  for (const inFolder of perFolder.values()) files.push(...inFolder.slice(0, CT_SAMPLE_PER_FOLDER));

  return files.filter((file) => !NOT_DICOM_FILE.test(file));
}

function pixelHash(file: DicomFile): string | undefined {
  const pixels = file.dataset.elements.find((element) => element.tag === TAGS.PixelData.tag);
  if (pixels === undefined) return undefined;

  const hash = createHash('sha256');
  for (const part of pixels.fragments ?? [pixels.value ?? new Uint8Array(0)]) hash.update(part);
  return hash.digest('hex');
}

// Odd-length values and fragments gain one padding byte; hash the original lengths only.
function trimmedPixelHash(written: DicomFile, original: DicomFile): string | undefined {
  const before = original.dataset.elements.find((element) => element.tag === TAGS.PixelData.tag);
  const after = written.dataset.elements.find((element) => element.tag === TAGS.PixelData.tag);
  if (before === undefined || after === undefined) return undefined;

  const hash = createHash('sha256');
  const left = before.fragments ?? [before.value ?? new Uint8Array(0)];
  const right = after.fragments ?? [after.value ?? new Uint8Array(0)];
  right.forEach((part, i) => hash.update(part.subarray(0, left[i]?.length ?? part.length)));
  return hash.digest('hex');
}

interface RoundTrip {
  readonly relative: string;
  readonly written: Uint8Array;
}

// Parses, writes and parses again every file; returns the failures and the written files.
function roundTripCorpus(): { failures: string[]; written: RoundTrip[] } {
  const failures: string[] = [];
  const written: RoundTrip[] = [];

  for (const file of corpus()) {
    const relative = path.relative(SHARED_DATA, file);
    const expected = BROKEN.get(relative);
    try {
      const original = parseDicomFile(readFileSync(file), relative);
      if (expected !== undefined) {
        failures.push(`${relative}: parsed, expected ${expected}`);
        continue;
      }
      const bytes = writeDicomFile(original);
      const again = parseDicomFile(bytes, `${relative} (written)`);

      const options = { ignoreGroupLengths: true, allowPadding: true } as const;
      const differences = datasetDifferences(original.dataset, again.dataset, options);
      failures.push(...differences.slice(0, 5).map((line) => `${relative}: ${line}`));
      if (pixelHash(original) !== trimmedPixelHash(again, original)) {
        failures.push(`${relative}: pixel data differs`);
      }
      const encapsulated = original.dataset.elements.some(
        (element) => element.fragments !== undefined,
      );
      const syntax = encapsulated ? original.transferSyntaxUid : EXPLICIT_VR_LITTLE_ENDIAN;
      if (again.transferSyntaxUid !== syntax) {
        failures.push(`${relative}: written as ${again.transferSyntaxUid}, expected ${syntax}`);
      }
      written.push({ relative, written: bytes });
    } catch (thrown) {
      const code = thrown instanceof CtbankError ? thrown.code : String(thrown);
      if (code !== expected) failures.push(`${relative}: ${code} ${String(thrown)}`);
    }
  }
  return { failures, written };
}

void test('round-trips every parseable corpus file with the same tags, VRs, values and pixels', (t) => {
  if (sharedData('dicom') === undefined) {
    t.skip(NO_SHARED_DATA);
    return;
  }

  const { failures, written } = roundTripCorpus();

  assert.deepEqual(failures, []);
  assert.equal(written.length, corpus().length - BROKEN.size);
});

void test('rejects the files that are not DICOM with NOT_DICOM', (t) => {
  if (sharedData('dicom') === undefined) {
    t.skip(NO_SHARED_DATA);
    return;
  }
  const others = walk(path.join(SHARED_DATA, 'dicom')).filter((file) => NOT_DICOM_FILE.test(file));

  for (const file of others) {
    assert.throws(
      () => parseDicomFile(readFileSync(file), file),
      (error) => error instanceof CtbankError && error.code === 'NOT_DICOM',
      file,
    );
  }
});

interface Dump {
  readonly status: number;
  readonly problems: string[];
}

function dcmdump(file: string): Promise<Dump> {
  return new Promise((resolve) => {
    execFile('dcmdump', [file], { maxBuffer: 64 << 20 }, (error, _stdout, stderr) => {
      const problems = stderr
        .split('\n')
        .filter((line) => line.startsWith('W:') || line.startsWith('E:'))
        .map((line) => line.split(file).join('FILE'));
      resolve({ status: error === null ? 0 : Number(error.code ?? 1), problems });
    });
  });
}

void test('dcmdump reads every written file with no warning the original did not have', async (t) => {
  if (spawnSync('dcmdump', ['--version']).error !== undefined) {
    t.skip('dcmdump (Debian package dcmtk) is not installed');
    return;
  }
  if (sharedData('dicom') === undefined) {
    t.skip(NO_SHARED_DATA);
    return;
  }
  const dir = await temporaryDir('ctbank-round-trip-');
  t.after(() => rm(dir, { recursive: true, force: true }));

  const { written } = roundTripCorpus();
  const failures: string[] = [];
  const check = async ({ relative, written: bytes }: RoundTrip, index: number): Promise<void> => {
    const out = path.join(dir, `${index}.dcm`);
    await writeFile(out, bytes);
    const dump = await dcmdump(out);
    if (dump.status === 0 && dump.problems.length === 0) return;

    // Warnings about the content itself (an illegal group, say) are the original's too.
    const original = await dcmdump(path.join(SHARED_DATA, relative));
    const own = dump.problems.filter((line) => !original.problems.includes(line));
    if (dump.status !== 0 || own.length > 0) failures.push(`${relative}: ${own.join(' | ')}`);
  };

  // Two at a time: the machine has two cores.
  for (let i = 0; i < written.length; i += 2) {
    await Promise.all(written.slice(i, i + 2).map((entry, j) => check(entry, i + j)));
  }
  assert.deepEqual(failures, []);
});
