import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';

import dicomParser, { type DataSet } from 'dicom-parser';

import { hasCode } from '../errors.js';
import {
  chooseArtefacts,
  synthesizeDataset,
  type SynthOptions,
  type SynthResult,
} from './synthesize-dataset.js';
import type { PatientTruth } from './truth.js';

interface Slice {
  readonly file: string;
  readonly bytes: Buffer;
  readonly dataSet: DataSet;
}

async function scratchDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ctbank-phantom-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function synthesize(
  t: TestContext,
  options: Omit<SynthOptions, 'outDir'>,
): Promise<SynthResult> {
  return synthesizeDataset({ outDir: await scratchDir(t), ...options });
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

// The slices of one patient, in InstanceNumber order.
async function readSlices(patientDir: string): Promise<Slice[]> {
  const files = (await filesUnder(patientDir)).filter((file) => file.endsWith('.dcm'));
  const slices = await Promise.all(
    files.map(async (file) => {
      const bytes = await readFile(file);
      return { file, bytes, dataSet: dicomParser.parseDicom(bytes) };
    }),
  );
  return slices.sort((a, b) => instanceNumber(a) - instanceNumber(b));
}

function instanceNumber(slice: Slice): number {
  return slice.dataSet.intString('x00200013') ?? -1;
}

async function readTruth(truthPath: string): Promise<PatientTruth> {
  return JSON.parse(await readFile(truthPath, 'utf8')) as PatientTruth;
}

async function datasetHash(dir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const file of await filesUnder(dir)) {
    hash.update(path.relative(dir, file));
    hash.update(await readFile(file));
  }
  return hash.digest('hex');
}

function item(dataSet: DataSet | undefined, tag: string, index = 0): DataSet | undefined {
  return dataSet?.elements[tag]?.items?.[index]?.dataSet;
}

void test('writes the same bytes for the same seed and different bytes for another seed', async (t) => {
  const options = { patients: 2, slices: 12, thickness: 3, seed: 5 } as const;

  const first = await synthesize(t, options);
  const again = await synthesize(t, options);
  const other = await synthesize(t, { ...options, seed: 6 });

  const hashOf = (result: SynthResult): Promise<string> =>
    datasetHash(path.dirname(result.patients[0]?.dir ?? ''));
  assert.equal(await hashOf(first), await hashOf(again));
  assert.notEqual(await hashOf(first), await hashOf(other));
});

void test('writes CT slices whose headers dicom-parser reads back as a helical chest CT', async (t) => {
  const result = await synthesize(t, { patients: 1, slices: 16, thickness: 1.5, seed: 11 });
  const patient = result.patients[0];
  assert.ok(patient);
  const slices = await readSlices(patient.dir);

  assert.equal(slices.length, 16);
  for (const [i, { dataSet }] of slices.entries()) {
    assert.equal(dataSet.string('x00020010'), '1.2.840.10008.1.2.1');
    assert.equal(dataSet.string('x00080016'), '1.2.840.10008.5.1.4.1.1.2');
    assert.equal(dataSet.string('x00020003'), dataSet.string('x00080018'));
    assert.equal(dataSet.string('x00080060'), 'CT');
    assert.equal(dataSet.uint16('x00280010'), 512);
    assert.equal(dataSet.uint16('x00280011'), 512);
    assert.equal(dataSet.uint16('x00280100'), 16);
    assert.ok([12, 16].includes(dataSet.uint16('x00280101') ?? 0));
    assert.equal(dataSet.floatString('x00281052'), -1024);
    assert.equal(dataSet.floatString('x00281053'), 1);
    assert.equal(dataSet.string('x00281054'), 'HU');
    assert.equal(dataSet.floatString('x00180050'), 1.5);
    assert.equal(dataSet.floatString('x00180088'), 1.5);
    assert.equal(dataSet.string('x00180015'), 'CHEST');
    assert.equal(dataSet.string('x00185100'), 'HFS');
    assert.equal(dataSet.string('x00200037'), '1\\0\\0\\0\\1\\0');
    assert.match(dataSet.string('x00081090') ?? '', /16/);
    assert.ok((dataSet.double('x00189311') ?? 0) > 0);
    assert.equal(dataSet.numStringValues('x00281050'), 2);
    assert.equal(dataSet.elements['x00180010'], undefined, 'no ContrastBolusAgent');
    const spacing = dataSet.floatString('x00280030') ?? 0;
    assert.ok(spacing > 0.55 && spacing < 1, `pixel spacing ${spacing}`);
    assert.equal(instanceNumber(slices[i] as Slice), i + 1);
    assert.equal(dataSet.floatString('x00201041'), dataSet.floatString('x00200032', 2));
  }

  const unique = (tag: string): Set<string | undefined> =>
    new Set(slices.map((s) => s.dataSet.string(tag)));
  assert.equal(unique('x0020000d').size, 1);
  assert.equal(unique('x0020000e').size, 1);
  assert.equal(unique('x00200052').size, 1);
  assert.equal(unique('x00080018').size, 16);
  for (const tag of ['x0020000d', 'x0020000e', 'x00200052', 'x00080018']) {
    for (const uid of unique(tag)) assert.match(uid ?? '', /^2\.25\.[1-9][0-9]{0,38}$/);
  }
  const z = slices.map((s) => s.dataSet.floatString('x00200032', 2) ?? 0);
  z.slice(1).forEach((value, i) => assert.ok(Math.abs((z[i] ?? 0) - value - 1.5) < 1e-6));
});

void test('plants identifying data in top-level, nested and private elements', async (t) => {
  const result = await synthesize(t, { patients: 1, slices: 4, thickness: 3, seed: 3 });
  const patient = result.patients[0];
  assert.ok(patient);
  const [slice] = await readSlices(patient.dir);
  const truth = await readTruth(patient.truthPath);
  const header = slice?.dataSet;
  const family = truth.patientName.split('^')[0] ?? '';

  assert.equal(header?.string('x00100010'), truth.patientName);
  assert.equal(header?.string('x00100020'), truth.patientId);
  for (const tag of ['x00100030', 'x00080080', 'x00080081', 'x00080090', 'x00081050']) {
    assert.ok((header?.string(tag) ?? '') !== '', `${tag} is filled`);
  }
  for (const tag of ['x00081070', 'x00080050', 'x00081010', 'x00181000']) {
    assert.ok((header?.string(tag) ?? '') !== '', `${tag} is filled`);
  }
  assert.equal(header?.string('x00101010'), `${String(truth.age).padStart(3, '0')}Y`);
  assert.match(item(header, 'x00101002')?.string('x00100020') ?? '', /^NHID-\d+$/);
  const request = item(header, 'x00400275');
  assert.equal(request?.string('x00080050'), header?.string('x00080050'));
  assert.match(request?.string('x00401002') ?? '', new RegExp(family, 'i'));
  const protocol = item(request, 'x00400008');
  assert.match(protocol?.string('x00080104') ?? '', /ordered by \w+\^/);
  assert.match(item(header, 'x00081110')?.string('x00081155') ?? '', /^2\.25\./);
  const procedure = item(header, 'x00081032')?.string('x00080104') ?? '';
  assert.ok(procedure.includes(header?.string('x00080080') ?? '?'));
  assert.match(header?.string('x00081030') ?? '', new RegExp(family));
  assert.match(header?.text('x00204000') ?? '', new RegExp(family, 'i'));
  assert.ok((header?.string('x00130010') ?? '') !== '', 'private creator');
  assert.equal(header?.string('x00131010'), truth.patientId);
  assert.equal(header?.string('x00291001'), header?.string('x00080050'));
});

void test('leaves a gap in positions and instance numbers where the missing slice was', async (t) => {
  const result = await synthesize(t, {
    patients: 1,
    slices: 12,
    thickness: 3,
    seed: 9,
    missingSlice: true,
  });
  const patient = result.patients[0];
  assert.ok(patient);
  const truth = await readTruth(patient.truthPath);
  const slices = await readSlices(patient.dir);
  const missing = truth.missingSliceIndex ?? -1;

  assert.equal(patient.files, 11);
  assert.equal(slices.length, 11);
  assert.ok(missing >= 1 && missing <= 10);
  assert.ok(!slices.some((s) => instanceNumber(s) === missing + 1));
  const z = slices.map((s) => s.dataSet.floatString('x00200032', 2) ?? 0);
  const steps = z.slice(1).map((value, i) => Math.round(((z[i] ?? 0) - value) * 1000) / 1000);
  assert.deepEqual(
    steps.filter((step) => step !== 3),
    [6],
  );
});

void test('applies forced table, motion and missing-slice flags to every patient', async (t) => {
  const on = await synthesize(t, {
    patients: 2,
    slices: 12,
    thickness: 3,
    seed: 4,
    table: true,
    motion: true,
    missingSlice: true,
  });
  const off = await synthesize(t, {
    patients: 2,
    slices: 12,
    thickness: 3,
    seed: 4,
    table: false,
    motion: false,
    missingSlice: false,
  });

  for (const patient of on.patients) {
    const truth = await readTruth(patient.truthPath);
    assert.ok(truth.hasTable && truth.hasMotion && truth.missingSliceIndex !== null);
    assert.ok(truth.motionSliceIndices.length >= 1);
  }
  for (const patient of off.patients) {
    const truth = await readTruth(patient.truthPath);
    assert.ok(!truth.hasTable && !truth.hasMotion && truth.missingSliceIndex === null);
    assert.equal(patient.files, 12);
  }
});

void test('mixes artefacts across a dataset when the flags are not given', () => {
  const base = { outDir: 'unused', slices: 40, thickness: 3, seed: 2 } as const;

  const mix = chooseArtefacts({ ...base, patients: 10 });
  const single = chooseArtefacts({ ...base, patients: 1 });

  const tables = mix.filter((a) => a.hasTable).length;
  assert.ok(tables >= 1 && tables <= 9);
  assert.equal(mix.filter((a) => a.hasMotion).length, 1);
  assert.equal(mix.filter((a) => a.missingSlice).length, 1);
  assert.ok(!mix.some((a) => a.hasMotion && a.missingSlice));
  assert.ok(!(single[0]?.hasMotion ?? true) && !(single[0]?.missingSlice ?? true));
  assert.deepEqual(chooseArtefacts({ ...base, patients: 10 }), mix);
});

void test('draws the couch below the body only when the table is in view', async (t) => {
  const options = { patients: 1, slices: 5, thickness: 3, seed: 21, motion: false } as const;
  const withTable = await synthesize(t, { ...options, table: true });
  const without = await synthesize(t, { ...options, table: false });

  // The lowest image row holding anything denser than -300 HU: the couch lies under the body.
  const lowestDenseRow = async (result: SynthResult): Promise<number> => {
    const slice = (await readSlices(result.patients[0]?.dir ?? ''))[2];
    assert.ok(slice);
    const element = slice.dataSet.elements['x7fe00010'];
    const pixels = new Int16Array(
      slice.bytes.buffer,
      slice.bytes.byteOffset + (element?.dataOffset ?? 0),
      512 * 512,
    );
    let lowest = -1;
    pixels.forEach((stored, i) => {
      if (stored - 1024 > -300) lowest = Math.max(lowest, Math.floor(i / 512));
    });
    return lowest;
  };
  assert.ok((await lowestDenseRow(withTable)) > (await lowestDenseRow(without)) + 5);
});

void test('reports progress after every file and totals that match the disk', async (t) => {
  const outDir = await scratchDir(t);
  const progress: number[] = [];

  const result = await synthesizeDataset(
    { outDir, patients: 2, slices: 6, thickness: 3, seed: 1, missingSlice: false },
    (written) => progress.push(written),
  );

  assert.equal(result.files, 12);
  assert.deepEqual(
    progress,
    Array.from({ length: 12 }, (_, i) => i + 1),
  );
  const dcm = (await filesUnder(outDir)).filter((file) => file.endsWith('.dcm'));
  const sizes = await Promise.all(dcm.map(async (file) => (await readFile(file)).length));
  assert.equal(
    result.bytes,
    sizes.reduce((sum, size) => sum + size, 0),
  );
  assert.ok(result.seconds > 0);
});

void test('rejects options it cannot honour with a usage error', async () => {
  const good = { outDir: path.join(tmpdir(), 'never-written'), patients: 1, slices: 5, seed: 1 };

  const invalid: SynthOptions[] = [
    { ...good, thickness: 2 as 3 },
    { ...good, thickness: 3, patients: 0 },
    { ...good, thickness: 3, slices: 2, missingSlice: true },
    { ...good, thickness: 3, seed: 1.5 },
  ];
  for (const options of invalid) {
    await assert.rejects(synthesizeDataset(options), (error) => hasCode(error, 'USAGE'));
  }
});

void test('dcmdump reads a phantom slice without errors or warnings', async (t) => {
  if (spawnSync('dcmdump', ['--version']).error !== undefined) {
    t.skip('dcmdump (dcmtk) is not installed');
    return;
  }
  const result = await synthesize(t, { patients: 1, slices: 3, thickness: 3, seed: 8 });
  const [slice] = (await filesUnder(result.patients[0]?.dir ?? '')).filter((f) =>
    f.endsWith('.dcm'),
  );
  assert.ok(slice !== undefined);

  const dump = spawnSync('dcmdump', ['-q', slice], { encoding: 'utf8' });

  assert.equal(dump.status, 0, dump.stderr);
  assert.equal(dump.stderr, '');
  assert.match(dump.stdout, /RequestAttributesSequence/);
});
