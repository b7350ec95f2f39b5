/**
 * Cohen's κ (plain and linearly weighted, with the FCE 1969 standard error and interval) and
 * Fleiss' κ checked against scikit-learn and statsmodels on generated rating tables, plus the
 * edge cases where κ is 1 or undefined.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { SeededRandom } from '../phantom/seeded-random.js';
import { cohenKappa, contingencyTable } from './cohen-kappa.js';
import { fleissKappa } from './fleiss-kappa.js';

const PYTHON = '/usr/bin/python3';

// Reads JSON cases on stdin, prints the reference values of each as JSON.
const REFERENCE = `
import json, sys, warnings
import numpy as np
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import cohens_kappa, fleiss_kappa
warnings.simplefilter('ignore')
out = []
for case in json.load(sys.stdin):
    labels = list(range(case['k']))
    first, second = case['first'], case['second']
    table = np.zeros((case['k'], case['k']))
    for a, b in zip(first, second):
        table[a, b] += 1
    plain = cohens_kappa(table)
    linear = cohens_kappa(table, wt='linear')
    out.append({
        'sklearn': cohen_kappa_score(first, second, labels=labels),
        'sklearnLinear': cohen_kappa_score(first, second, labels=labels, weights='linear'),
        'kappa': plain.kappa, 'se': plain.std_kappa,
        'low': plain.kappa_low, 'high': plain.kappa_upp,
        'linear': linear.kappa, 'linearSe': linear.std_kappa,
        'fleiss': fleiss_kappa(np.array(case['counts']), method='fleiss'),
    })
print(json.dumps(out))
`;

interface Case {
  k: number;
  first: number[];
  second: number[];
  counts: number[][];
}

interface Reference {
  sklearn: number;
  sklearnLinear: number;
  kappa: number;
  se: number;
  low: number;
  high: number;
  linear: number;
  linearSe: number;
  fleiss: number;
}

function hasReference(): boolean {
  const probe = spawnSync(PYTHON, ['-c', 'import sklearn, statsmodels'], { encoding: 'utf8' });
  return probe.status === 0;
}

// A second reader who copies the first with probability `accuracy`, else rates at random;
// three readers per study for Fleiss' κ.
function generatedCase(random: SeededRandom, k: number, n: number, accuracy: number): Case {
  const first: number[] = [];
  const second: number[] = [];
  const counts: number[][] = [];
  for (let i = 0; i < n; i++) {
    const truth = random.int(0, k - 1);
    const rate = (): number => (random.chance(accuracy) ? truth : random.int(0, k - 1));
    const ratings = [truth, rate(), rate()];
    first.push(ratings[0] ?? 0);
    second.push(ratings[1] ?? 0);
    counts.push(Array.from({ length: k }, (_, c) => ratings.filter((r) => r === c).length));
  }
  return { k, first, second, counts };
}

function pairsOf(c: Case): [number, number][] {
  return c.first.map((a, i) => [a, c.second[i] ?? 0]);
}

const categories = (k: number): number[] => Array.from({ length: k }, (_, i) => i);

describe(
  'κ against scikit-learn and statsmodels',
  {
    skip: hasReference()
      ? false
      : 'python3-sklearn or python3-statsmodels is missing ' +
        '(scripts/ensure-dicom-tools.sh installs them)',
  },
  () => {
    test('agrees on generated tables to 1e-9', () => {
      const random = new SeededRandom('kappa-reference');
      const cases = [
        generatedCase(random, 2, 40, 0.8),
        generatedCase(random, 2, 200, 0.5),
        generatedCase(random, 3, 60, 0.7),
        generatedCase(random, 6, 120, 0.6),
        generatedCase(random, 6, 25, 0.3),
      ];
      const ran = spawnSync(PYTHON, ['-c', REFERENCE], {
        input: JSON.stringify(cases),
        encoding: 'utf8',
      });
      assert.equal(ran.status, 0, ran.stderr);
      const references = JSON.parse(ran.stdout) as Reference[];

      for (const [i, c] of cases.entries()) {
        const reference = references[i];
        assert.ok(reference !== undefined);
        const table = contingencyTable(pairsOf(c), categories(c.k));
        const plain = cohenKappa(table);
        const linear = cohenKappa(table, 'linear');
        const fleiss = fleissKappa(c.counts);
        assert.ok(plain.kappa !== null && linear.kappa !== null && fleiss.kappa !== null);

        const close = (actual: number, expected: number, what: string): void =>
          assert.ok(
            Math.abs(actual - expected) < 1e-9,
            `case ${i} ${what}: ${actual} ≠ ${expected}`,
          );
        close(plain.kappa, reference.sklearn, 'κ (sklearn)');
        close(plain.kappa, reference.kappa, 'κ (statsmodels)');
        close(plain.standardError, reference.se, 'SE');
        close(plain.ciLow, reference.low, 'CI low');
        close(plain.ciHigh, reference.high, 'CI high');
        close(linear.kappa, reference.sklearnLinear, 'linear κ (sklearn)');
        close(linear.kappa, reference.linear, 'linear κ (statsmodels)');
        close(linear.standardError, reference.linearSe, 'linear SE');
        close(fleiss.kappa, reference.fleiss, 'Fleiss κ');
      }
    });
  },
);

describe('κ edge cases', () => {
  test('is 1 with a zero-width interval when the readers always agree', () => {
    const result = cohenKappa(
      contingencyTable(
        [
          [0, 0],
          [1, 1],
          [1, 1],
          [0, 0],
        ],
        [0, 1],
      ),
    );

    assert.deepEqual(result, { kappa: 1, standardError: 0, ciLow: 1, ciHigh: 1 });
  });

  test('is null with a reason for a finding nobody marked', () => {
    const result = cohenKappa(
      contingencyTable(
        [
          [0, 0],
          [0, 0],
          [0, 0],
        ],
        [0, 1],
      ),
    );

    assert.equal(result.kappa, null);
    assert.match('reason' in result ? result.reason : '', /one category only/);
  });

  test('is null with a reason when there is nothing to compare', () => {
    const result = cohenKappa([
      [0, 0],
      [0, 0],
    ]);

    assert.equal(result.kappa, null);
    assert.match('reason' in result ? result.reason : '', /no study/);
  });

  test("Fleiss' κ is null when every read gives one category, 1 when all agree", () => {
    assert.equal(
      fleissKappa([
        [3, 0],
        [3, 0],
      ]).kappa,
      null,
    );
    assert.equal(
      fleissKappa([
        [3, 0],
        [0, 3],
      ]).kappa,
      1,
    );
    assert.equal(
      fleissKappa([
        [3, 0],
        [2, 0],
      ]).kappa,
      null,
      'unequal read counts',
    );
  });
});
