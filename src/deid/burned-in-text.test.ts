import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { CLI, NO_SHARED_DATA, sharedData, temporaryDir } from '../testing/paths.js';
import { decodeUncompressedCtImage } from './burned-in-decode.js';
import { createTextReader, type TextReader } from './burned-in-ocr.js';
import { screenPixels } from './burned-in-screen.js';
import {
  blankRegions,
  screenForBurnedInText,
  type CtImage,
  type TextRegion,
} from './burned-in-text.js';

const PSEUDO_PHI = sharedData('deid/jsl-pseudo-phi');
const NY_SBU = sharedData('ct/covid-19-ny-sbu');
const DCMQI = sharedData('ct/dcmqi-ct-3slice');

interface TruthItem {
  text: string;
  bbox: [number, number, number, number];
}
interface Truth {
  annotation: { key: TruthItem; value: TruthItem }[];
}

function dicomFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(folder, name))
    .filter((file) => file.endsWith('.dcm') && statSync(file).isFile())
    .sort();
}

function decode(file: string): CtImage {
  return decodeUncompressedCtImage(new Uint8Array(readFileSync(file)), file);
}

// Share of a truth box [x0, y0, x1, y1) that lies inside at least one region.
function coverage(box: TruthItem['bbox'], regions: readonly TextRegion[]): number {
  const [x0, y0, x1, y1] = box;
  let inside = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const hit = regions.some(
        (r) => x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height,
      );
      if (hit) inside++;
    }
  }
  return inside / ((x1 - x0) * (y1 - y0));
}

const tokens = (text: string): string[] => text.toUpperCase().match(/[A-Z0-9]{3,}/g) ?? [];

describe(
  'burned-in text in the Pseudo-PHI CT slices',
  { skip: PSEUDO_PHI ? false : NO_SHARED_DATA },
  () => {
    let reader: TextReader;
    const slices =
      PSEUDO_PHI === undefined ? [] : dicomFiles(PSEUDO_PHI).filter((f) => /CT_/.test(f));

    before(async () => {
      reader = await createTextReader();
    });
    after(async () => {
      await reader.terminate();
    });

    test('finds the burned-in name, ID and birth date where the ground truth puts them', async (t) => {
      assert.equal(slices.length, 3);
      const readTokens = new Set<string>();

      for (const file of slices) {
        const image = decode(file);
        const started = performance.now();
        const result = await screenForBurnedInText(image, { reader });
        t.diagnostic(
          `${path.basename(file).slice(-7)}: ${(performance.now() - started).toFixed(0)} ms`,
        );
        assert.equal(result.suspicious, true, result.reason);

        // Every truth box inside the slice (some run past its lower edge) is covered.
        const truth = JSON.parse(readFileSync(file.replace(/\.dcm$/, '.json'), 'utf8')) as Truth;
        const items = truth.annotation.flatMap((pair) => [pair.key, pair.value]);
        for (const item of items.filter((i) => i.bbox[3] <= image.rows)) {
          assert.ok(coverage(item.bbox, result.regions) >= 0.9, `${item.text} not covered`);
        }

        // OCR reads several of the true values in every slice.
        const read = new Set(tokens(result.regions.map((r) => r.text).join(' ')));
        const truthTokens = items.flatMap((i) => tokens(i.text));
        const found = truthTokens.filter((token) => read.has(token));
        assert.ok(found.length >= 3, `only ${found.join(', ')} read in ${file}`);
        for (const token of read) readTokens.add(token);
      }

      for (const token of ['SEXTON', 'CARMEN', '3209648408', '1932']) {
        assert.ok(readTokens.has(token), `${token} never read`);
      }
    });

    test('blanked regions leave nothing for the screen to find', async () => {
      for (const file of slices) {
        const image = decode(file);
        const found = await screenForBurnedInText(image, { ocr: false });
        blankRegions(image, found.regions, -1024);

        assert.equal(screenPixels(image).length, 0);
        const region = found.regions[0];
        assert.ok(region !== undefined);
        assert.equal(image.hu[region.y * image.columns + region.x], -1024);
      }
    });
  },
);

test(
  'does not flag the real uncompressed chest CTs',
  { skip: NY_SBU ? false : NO_SHARED_DATA },
  async () => {
    const files = [...dicomFiles(NY_SBU ?? ''), ...(DCMQI ? dicomFiles(DCMQI) : [])];
    assert.ok(files.length >= 5);

    for (const file of files) {
      const result = await screenForBurnedInText(decode(file));
      assert.equal(result.suspicious, false, `${file}: ${result.reason}`);
    }
  },
);

test('does not flag phantom slices, the patient table included', async () => {
  const out = await temporaryDir('ctbank-burned-in-');
  try {
    for (const extra of [[], ['--table', '--seed', '7']]) {
      const folder = path.join(out, extra.length === 0 ? 'plain' : 'table');
      const args = [CLI, 'synth', '--out', folder, '--patients', '2', '--slices', '20', ...extra];
      const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);

      const files = dicomFiles(folder);
      assert.ok(files.length >= 30);
      for (const file of files) {
        const result = await screenForBurnedInText(decode(file));
        assert.equal(result.suspicious, false, `${file}: ${result.reason}`);
      }
    }
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});
