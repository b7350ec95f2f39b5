/**
 * End-to-end: `ctbank audit` proves a de-identified folder clean and catches what is planted
 * in it afterwards; `ctbank withdraw` takes a patient out of the public zone for good.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { parseDicomFile } from '../dicom/parse-dataset.js';
import { writeDicomFile } from '../dicom/write-dataset.js';
import { TAGS } from '../dicom/tags.js';
import { CLI, temporaryDir } from '../testing/paths.js';

function ctbank(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface AuditReport {
  files: number;
  originalsChecked: boolean;
  findings: { file: string; tag: string; keyword: string; rule: string; value: string }[];
}

async function deidentifiedPhantom(): Promise<{ workspace: string; out: string; input: string }> {
  const workspace = await temporaryDir();
  const input = await temporaryDir();
  assert.equal(ctbank(['synth', '--out', input, '--patients', '2', '--slices', '4']).status, 0);
  // DICOM only, as from a PACS export: the truth files would be rejected as not DICOM.
  for (const entry of await readdir(input, { recursive: true })) {
    if (entry.endsWith('truth.json')) await rm(path.join(input, entry));
  }
  const out = path.join(await temporaryDir(), 'out');

  const ran = ctbank(['deid', input, '--out', out, '--workspace', workspace, '--json']);
  assert.equal(ran.status, 0, ran.stderr);
  return { workspace, out, input };
}

// The phantom's planted identity, as written in its first slice.
async function firstOriginal(input: string): Promise<{ name: string; id: string }> {
  const folder = (await readdir(input, { withFileTypes: true })).find((e) => e.isDirectory());
  const file = path.join(input, folder?.name ?? '', '1.dcm');
  const parsed = parseDicomFile(await readFile(file), file);
  const text = (keyword: 'PatientName' | 'PatientID'): string => {
    const element = parsed.dataset.elements.find((e) => e.tag === TAGS[keyword].tag);
    return Buffer.from(element?.value ?? new Uint8Array())
      .toString('latin1')
      .trim();
  };
  return { name: text('PatientName'), id: text('PatientID') };
}

async function publicBlobs(workspace: string): Promise<number> {
  const entries = await readdir(path.join(workspace, 'public'), {
    recursive: true,
    withFileTypes: true,
  });
  return entries.filter((entry) => entry.isFile() && /^[0-9a-f]{64}$/.test(entry.name)).length;
}

test('audit finds a de-identified folder clean, and what is planted in it later', async () => {
  const { workspace, out, input } = await deidentifiedPhantom();

  const clean = ctbank(['audit', out, '--workspace', workspace, '--json']);
  const report = JSON.parse(clean.stdout) as AuditReport;
  assert.equal(clean.status, 0, clean.stdout);
  assert.equal(
    report.files,
    (await readdir(input, { recursive: true })).filter((e) => e.endsWith('.dcm')).length,
  );
  assert.equal(report.originalsChecked, true);
  assert.deepEqual(report.findings, []);

  // Plant the original name in a comment and the original ID in a folder name.
  const original = await firstOriginal(input);
  const patient = (await readdir(out)).sort()[0] ?? '';
  const series = (await readdir(path.join(out, patient)))[0] ?? '';
  const slice = path.join(out, patient, series, 'I0001.dcm');
  const parsed = parseDicomFile(await readFile(slice), slice);
  const comment = `reviewed with ${original.name.replace(/\^/g, ' ')} today`;
  const elements = parsed.dataset.elements.map((element) =>
    element.tag === TAGS.ImageComments.tag
      ? { ...element, value: new Uint8Array(Buffer.from(`${comment} `, 'latin1')) }
      : element,
  );
  await writeFile(slice, writeDicomFile({ ...parsed, dataset: { ...parsed.dataset, elements } }));
  await rename(path.join(out, patient), path.join(out, original.id));

  const dirty = ctbank(['audit', out, '--workspace', workspace, '--json']);
  const found = JSON.parse(dirty.stdout) as AuditReport;
  assert.equal(dirty.status, 1);
  const rules = found.findings.map((finding) => `${finding.keyword} ${finding.rule}`);
  assert.ok(rules.includes('ImageComments original-value'), rules.join('\n'));
  assert.ok(rules.includes('FolderName identifying-file-name'), rules.join('\n'));
  for (const finding of found.findings) {
    assert.ok(!finding.value.includes(original.id), 'values are masked');
    assert.match(finding.value, /^(.?\*\*\*\d+)?$/);
  }
});

test('withdraw removes a patient from the public zone and keeps it out', async () => {
  const { workspace, input } = await deidentifiedPhantom();
  const common = ['--workspace', workspace, '--json'];
  const before = JSON.parse(ctbank(['ls', 'patients', ...common]).stdout) as {
    patientId: string;
  }[];
  assert.deepEqual(
    before.map((p) => p.patientId),
    ['CT-0001', 'CT-0002'],
  );

  assert.equal(ctbank(['withdraw', 'CT-0001', ...common]).status, 2, 'a reason is required');
  assert.equal(ctbank(['withdraw', 'CT-0042', '--reason', 'typo', ...common]).status, 2);
  const blobsBefore = await publicBlobs(workspace);
  const withdrawn = ctbank(['withdraw', 'CT-0001', '--reason', 'consent withdrawn', ...common]);
  assert.equal(withdrawn.status, 0, withdrawn.stderr);
  const { instancesRemoved } = JSON.parse(withdrawn.stdout) as { instancesRemoved: number };
  const listed = JSON.parse(ctbank(['ls', 'patients', '--original', ...common]).stdout) as {
    instanceCount: number;
  }[];
  assert.ok(listed.some((patient) => patient.instanceCount === instancesRemoved));
  assert.equal(await publicBlobs(workspace), blobsBefore - instancesRemoved, 'files deleted');

  const after = JSON.parse(ctbank(['ls', 'patients', ...common]).stdout) as { patientId: string }[];
  assert.deepEqual(
    after.map((p) => p.patientId),
    ['CT-0002'],
  );

  // A new profile makes the stage run again: the withdrawn patient stays out.
  const profile = path.join(await temporaryDir(), 'profile.json');
  const current = JSON.parse(
    await readFile(path.join(workspace, 'deid-profile.json'), 'utf8'),
  ) as Record<string, unknown>;
  await writeFile(profile, JSON.stringify({ ...current, strict: true }));
  const out = path.join(await temporaryDir(), 'again');
  const again = ctbank(['deid', input, '--out', out, '--profile', profile, ...common]);
  const summary = JSON.parse(again.stdout) as {
    patients: number;
    quarantined: { reason: string }[];
  };
  assert.equal(summary.patients, 1);
  assert.deepEqual(await readdir(out), ['CT-0002']);
  const held = summary.quarantined.filter((q) => q.reason.startsWith('withdrawn'));
  assert.equal(held.length, instancesRemoved);
});
