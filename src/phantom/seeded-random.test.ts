import assert from 'node:assert/strict';
import { test } from 'node:test';

import { gaussianTable, SeededRandom } from './seeded-random.js';

function draws(label: string, count: number): number[] {
  const random = new SeededRandom(label);
  return Array.from({ length: count }, () => random.next());
}

void test('repeats its sequence for the same label and changes it for another', () => {
  assert.deepEqual(draws('seed/1', 50), draws('seed/1', 50));
  assert.notDeepEqual(draws('seed/1', 50), draws('seed/2', 50));
  assert.ok(draws('seed/1', 1000).every((value) => value >= 0 && value < 1));
});

void test('forks independent streams that are themselves reproducible', () => {
  const a = new SeededRandom('seed/1').fork('noise');
  const b = new SeededRandom('seed/1').fork('noise');
  const c = new SeededRandom('seed/1').fork('anatomy');

  assert.equal(a.nextUint32(), b.nextUint32());
  assert.notEqual(a.nextUint32(), c.nextUint32());
});

void test('draws normal values and noise tables with the asked mean and spread', () => {
  const random = new SeededRandom('normal');
  const values = Array.from({ length: 20_000 }, () => random.normal(-550, 30));
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const sd = Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length);

  assert.ok(Math.abs(mean + 550) < 1, `mean ${mean}`);
  assert.ok(Math.abs(sd - 30) < 1, `sd ${sd}`);
  const table = gaussianTable(random, 1 << 16, 20);
  const tableSd = Math.sqrt(table.reduce((sum, v) => sum + v * v, 0) / table.length);
  assert.ok(Math.abs(tableSd - 20) < 0.5, `table sd ${tableSd}`);
});

void test('draws whole numbers in a closed range and shuffles without losing items', () => {
  const random = new SeededRandom('ints');
  const ints = Array.from({ length: 2000 }, () => random.int(3, 6));

  assert.deepEqual([...new Set(ints)].sort(), [3, 4, 5, 6]);
  assert.deepEqual(random.shuffle([1, 2, 3, 4, 5]).sort(), [1, 2, 3, 4, 5]);
  assert.throws(() => random.pick([]));
});
