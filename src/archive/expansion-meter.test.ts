import assert from 'node:assert/strict';
import { test } from 'node:test';

import { DEFAULT_ARCHIVE_LIMITS } from './archive-limits.js';
import { checkDeclaredExpansion, ExpansionMeter, formatBytes } from './expansion-meter.js';

const limits = {
  ...DEFAULT_ARCHIVE_LIMITS,
  maxExpansionRatio: 10,
  maxExpandedBytes: 1000,
  maxEntryBytes: 400,
};

void test('accepts declared sizes within both the ratio and the absolute limit', () => {
  assert.equal(checkDeclaredExpansion(1000, 100, limits), null);
  assert.equal(checkDeclaredExpansion(0, 0, limits), null);
});

void test('refuses declared sizes beyond the ratio or the absolute limit', () => {
  assert.match(
    checkDeclaredExpansion(1001, 1000, limits) ?? '',
    /declares 1\.0 kB, over the limit/,
  );
  assert.match(checkDeclaredExpansion(500, 40, limits) ?? '', /\(13:1\), over the limit of 10:1/);
  assert.match(checkDeclaredExpansion(1, 0, limits) ?? '', /over the limit of 10:1/);
});

void test('counts actual bytes per entry and per archive while extracting', () => {
  const meter = new ExpansionMeter(100, limits);

  meter.startEntry();
  assert.equal(meter.add(300), null);
  assert.equal(meter.add(101)?.scope, 'entry');

  meter.startEntry();
  assert.equal(meter.add(399), null);
  meter.startEntry();
  assert.deepEqual(meter.add(250), {
    scope: 'archive',
    reason: 'expands to 1.1 kB, over the limit of 1.0 kB',
  });
});

void test('formats sizes in decimal units', () => {
  assert.equal(formatBytes(999), '999 B');
  assert.equal(formatBytes(241_647_978), '241.6 MB');
  assert.equal(formatBytes(32 * 1024 ** 3), '34.4 GB');
});
