/**
 * End-to-end: with Clean Pixel Data in the profile, the JSL slices' burned-in name, ID and birth
 * date are blanked instead of quarantined, the method codes say so, and nothing is left to read.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import dicomParser from 'dicom-parser';
import { decodeUncompressedCtImage } from '../deid/burned-in-decode.js';
import { screenForBurnedInText } from '../deid/burned-in-text.js';
import { CLI, NO_SHARED_DATA, sharedData, temporaryDir } from '../testing/paths.js';

const pseudoPhi = sharedData('deid/jsl-pseudo-phi');

function ctbank(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// The smallest share of pixels that differ from any of the original slices.
function changedShare(hu: ArrayLike<number>, originals: readonly ArrayLike<number>[]): number {
  const shares = originals.map((original) => {
    let differing = 0;
    for (let index = 0; index < hu.length; index++) {
      if (hu[index] !== original[index]) differing += 1;
    }
    return differing / hu.length;
  });
  return Math.min(...shares);
}

test(
  'blanks burned-in text under Clean Pixel Data and publishes the slices',
  { skip: pseudoPhi === undefined ? NO_SHARED_DATA : false, timeout: 300_000 },
  async () => {
    const workspace = await temporaryDir();
    const profile = path.join(await temporaryDir(), 'profile.json');
    await writeFile(profile, JSON.stringify({ cleanPixelData: true }));
    const out = path.join(await temporaryDir(), 'out');

    const ran = ctbank([
      'deid',
      pseudoPhi ?? '',
      '--out',
      out,
      '--profile',
      profile,
      '--workspace',
      workspace,
      '--json',
    ]);
    const summary = JSON.parse(ran.stdout) as {
      written: number;
      quarantined: { reason: string }[];
    };
    assert.equal(summary.written, 3, ran.stderr);
    assert.ok(summary.quarantined.every((q) => q.reason.startsWith('unexpected-modality')));

    const files = (await readdir(out, { recursive: true })).filter((f) => f.endsWith('.dcm'));
    const originals = (await readdir(pseudoPhi ?? ''))
      .filter((name) => name.includes('CT_') && name.endsWith('.dcm'))
      .map((name) => {
        const file = path.join(pseudoPhi ?? '', name);
        return decodeUncompressedCtImage(new Uint8Array(readFileSync(file)), file).hu;
      });
    const changed: number[] = [];
    for (const name of files) {
      const file = path.join(out, name);
      const bytes = await readFile(file);
      const dataSet = dicomParser.parseDicom(bytes);
      assert.match(dataSet.string('x00120063') ?? '', /Clean Pixel Data/i, 'method text');

      const image = decodeUncompressedCtImage(new Uint8Array(bytes), file);
      const again = await screenForBurnedInText(image, {});
      assert.equal(again.suspicious, false, `${name}: ${again.reason}`);
      changed.push(changedShare(image.hu, originals));
    }
    // Only the text boxes change: at most about an eighth of a slice in these files.
    assert.equal(changed.length, 3);
    for (const share of changed) assert.ok(share > 0 && share < 0.15, `changed ${share}`);
    assert.equal(ctbank(['audit', out, '--workspace', workspace]).status, 0);
  },
);
