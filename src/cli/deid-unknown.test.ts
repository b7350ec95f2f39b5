/**
 * End-to-end: attributes Table E.1-1 does not list are reported by `ctbank deid` per study, with
 * what was done and in how many instances; strict mode removes them.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { CLI, NO_SHARED_DATA, sharedData, temporaryDir } from '../testing/paths.js';

const threeSlices = sharedData('ct/dcmqi-ct-3slice');
const hasDcmodify = spawnSync('dcmodify', ['--version']).error === undefined;

function ctbank(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Reported {
  unknownAttributes: {
    path: string;
    tag: string;
    vr: string;
    outcome: string;
    instances: number;
  }[];
}

test(
  'reports attributes the table does not know, and removes them in strict mode',
  {
    skip:
      threeSlices === undefined
        ? NO_SHARED_DATA
        : hasDcmodify
          ? false
          : 'dcmtk is missing (scripts/ensure-dicom-tools.sh installs it)',
  },
  async () => {
    // Receive Coil Name (0018,1250) is an MR attribute: neither Table E.1-1 nor the CT
    // dictionary lists it.
    const input = await temporaryDir();
    for (const name of await readdir(threeSlices ?? '')) {
      const file = path.join(input, name);
      await copyFile(path.join(threeSlices ?? '', name), file);
      assert.equal(spawnSync('dcmodify', ['-nb', '-i', '(0018,1250)=BODY COIL', file]).status, 0);
    }

    const loose = JSON.parse(
      ctbank([
        'deid',
        input,
        '--out',
        await temporaryDir(),
        '--workspace',
        await temporaryDir(),
        '--json',
      ]).stdout,
    ) as Reported;
    const coil = loose.unknownAttributes.find((attribute) => attribute.tag === '(0018,1250)');
    assert.deepEqual(coil && { vr: coil.vr, instances: coil.instances }, {
      vr: 'SH',
      instances: 3,
    });
    assert.notEqual(coil?.outcome, 'removed');

    const profile = path.join(await temporaryDir(), 'strict.json');
    await writeFile(profile, JSON.stringify({ strict: true }));
    const strict = JSON.parse(
      ctbank([
        'deid',
        input,
        '--out',
        await temporaryDir(),
        '--workspace',
        await temporaryDir(),
        '--profile',
        profile,
        '--json',
      ]).stdout,
    ) as Reported;
    const removed = strict.unknownAttributes.find((attribute) => attribute.tag === '(0018,1250)');
    assert.equal(removed?.outcome, 'removed');
  },
);
