/**
 * End-to-end: `ctbank deid` and `ctbank reidentify` as real processes on real and phantom data.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import dicomParser from 'dicom-parser';
import { CLI, NO_SHARED_DATA, sharedData, temporaryDir } from '../testing/paths.js';

function ctbank(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

const pseudoPhi = sharedData('deid/jsl-pseudo-phi');
const stonyBrook = sharedData('ct/covid-19-ny-sbu');

test(
  'deid writes pseudonymous folders, quarantines burned-in text, and repeats byte for byte',
  {
    skip: pseudoPhi === undefined || stonyBrook === undefined ? NO_SHARED_DATA : false,
    timeout: 240_000,
  },
  async () => {
    const workspace = await temporaryDir();
    const phantom = await temporaryDir();
    assert.equal(ctbank(['synth', '--out', phantom, '--patients', '1', '--slices', '6']).status, 0);
    const inputs = [pseudoPhi ?? '', stonyBrook ?? '', phantom];
    const first = path.join(await temporaryDir(), 'out');
    const second = path.join(await temporaryDir(), 'out');

    const ran = ctbank(['deid', ...inputs, '--out', first, '--workspace', workspace, '--json']);
    const summary = JSON.parse(ran.stdout) as {
      patients: number;
      written: number;
      quarantined: { path: string; reason: string }[];
    };
    assert.equal(summary.patients, 4, 'three Stony Brook patients and the phantom');
    const reasons = summary.quarantined.map((q) => `${path.basename(q.path)} ${q.reason}`);
    assert.equal(reasons.filter((r) => r.includes('burned-in-text')).length, 3, reasons.join('\n'));
    assert.ok(
      reasons.some((r) => r.includes('unexpected-modality')),
      'the CR is not CT',
    );

    ctbank(['deid', ...inputs, '--out', second, '--workspace', workspace, '--json']);
    const files = await listFiles(first);
    assert.equal(files.length, summary.written);
    const secondFiles = await listFiles(second);
    assert.deepEqual(
      secondFiles.map((f) => path.relative(second, f)),
      files.map((f) => path.relative(first, f)),
    );
    for (const [i, file] of files.entries()) {
      assert.deepEqual(await readFile(file), await readFile(secondFiles[i] ?? ''), file);
    }

    for (const file of files) {
      assert.match(path.relative(first, file), /^CT-\d{4}\/S\d+\/I\d{4}(-\d+)?\.dcm$/);
      const dataSet = dicomParser.parseDicom(await readFile(file));
      assert.equal(dataSet.string('x00120062'), 'YES');
      assert.match(dataSet.string('x00100020') ?? '', /^CT-\d{4}$/);
    }

    const asked = ctbank(['reidentify', 'CT-0001', '--workspace', workspace, '--json']);
    const answer = JSON.parse(asked.stdout) as { originalPatientId: string | null };
    assert.notEqual(answer.originalPatientId, null);
    assert.equal(ctbank(['reidentify', 'CT-9999', '--workspace', workspace]).status, 1);
  },
);
