/**
 * Spearman's ρ (ties by mean rank) and Pearson's r checked against scipy.stats on generated
 * lobe counts and involvement figures with many ties, plus the cases where they are undefined.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { SeededRandom } from '../phantom/seeded-random.js';
import { correlate } from './correlation.js';

const PYTHON = '/usr/bin/python3';

// Reads JSON cases (each a list of [x, y] pairs) on stdin, prints ρ and r of each as JSON.
const REFERENCE = `
import json, sys
from scipy.stats import pearsonr, spearmanr
out = []
for pairs in json.load(sys.stdin):
    x = [p[0] for p in pairs]
    y = [p[1] for p in pairs]
    out.append({'rho': float(spearmanr(x, y).statistic), 'r': float(pearsonr(x, y).statistic)})
print(json.dumps(out))
`;

function hasScipy(): boolean {
  return spawnSync(PYTHON, ['-c', 'import scipy.stats'], { encoding: 'utf8' }).status === 0;
}

// Lobes 0–5 rising with involvement plus noise; involvement rounded to `step` % so that the
// continuous side has ties too.
function generatedPairs(random: SeededRandom, n: number, noise: number, step: number) {
  return Array.from({ length: n }, (): [number, number] => {
    const involvement = random.uniform(0, 60);
    const lobes = Math.max(0, Math.min(5, Math.round(involvement / 12 + random.normal(0, noise))));
    return [lobes, Math.round(involvement / step) * step];
  });
}

describe(
  'correlation against scipy.stats',
  {
    skip: hasScipy()
      ? false
      : 'python3-scipy is missing (scripts/ensure-dicom-tools.sh installs it)',
  },
  () => {
    test('ρ and r agree with spearmanr and pearsonr to 1e-12 on tied data', () => {
      const random = new SeededRandom('correlation-reference');
      const cases = [
        generatedPairs(random, 5, 0.5, 1),
        generatedPairs(random, 30, 1, 5),
        generatedPairs(random, 200, 0.3, 0.1),
        generatedPairs(random, 60, 3, 10),
      ];
      const ran = spawnSync(PYTHON, ['-c', REFERENCE], {
        input: JSON.stringify(cases),
        encoding: 'utf8',
      });
      assert.equal(ran.status, 0, ran.stderr);
      const references = JSON.parse(ran.stdout) as { rho: number; r: number }[];

      for (const [i, pairs] of cases.entries()) {
        const result = correlate(pairs);
        const reference = references[i];
        assert.ok(reference !== undefined && result.rho !== null, `case ${i} is defined`);
        assert.equal(result.n, pairs.length);
        assert.ok(Math.abs(result.rho - reference.rho) < 1e-12, `case ${i} ρ ${result.rho}`);
        assert.ok(Math.abs(result.r - reference.r) < 1e-12, `case ${i} r ${result.r}`);
      }
    });
  },
);

describe('correlation edge cases', () => {
  test('gives ρ 3/√10 for a hand-worked tied sample', () => {
    // Ranks of x: 1, 2.5, 2.5, 4; of y: 1, 3, 2, 4.
    const result = correlate([
      [1, 5],
      [2, 10],
      [2, 8],
      [4, 30],
    ]);

    assert.ok(result.rho !== null);
    assert.ok(Math.abs(result.rho - 3 / Math.sqrt(10)) < 1e-12);
  });

  test('is null with a reason below three pairs', () => {
    const result = correlate([
      [1, 2],
      [2, 4],
    ]);

    assert.deepEqual(result, {
      n: 2,
      rho: null,
      r: null,
      reason: 'fewer than three studies have both values',
    });
  });

  test('is null with a reason when one variable is constant, even a float mean of it', () => {
    const lobes = correlate([
      [3, 1],
      [3, 7],
      [3, 2],
    ]);
    const involvement = correlate([
      [1, 0.1],
      [2, 0.1],
      [4, 0.1],
    ]);

    assert.equal(lobes.rho, null);
    assert.match('reason' in lobes ? lobes.reason : '', /constant/);
    assert.equal(involvement.r, null);
  });

  test('is exactly 1 for a monotone sample and leaves out non-finite figures', () => {
    const result = correlate([
      [0, 0],
      [1, 10],
      [2, 20],
      [5, Number.NaN],
      [3, 30],
    ]);

    assert.deepEqual(result, { n: 4, rho: 1, r: 1 });
  });
});
