import assert from 'node:assert/strict';
import { test } from 'node:test';

import { defaultConfig } from '../workspace/config.js';
import type { QcReport } from './check-series.js';
import { chooseSeries } from './choose-series.js';
import type { QcFlag } from './qc-flag.js';

const CONFIG = defaultConfig().qc;

function report(uid: string, fields: Partial<QcReport>): QcReport {
  return {
    seriesInstanceUid: uid,
    isVolume: true,
    sliceCount: 100,
    sliceThicknessMm: 3,
    axial: true,
    lungCoverage: 'complete',
    flags: [],
    ...fields,
  };
}

const WARN: QcFlag = { code: 'TABLE_IN_VIEW', severity: 'warn', message: 'table' };
const ERROR: QcFlag = { code: 'PIXELS_UNDECODABLE', severity: 'error', message: 'broken' };

void test('prefers the thinnest expected thickness among usable axial volumes', () => {
  const choice = chooseSeries(
    [
      report('thick', {}),
      report('thin', { sliceThicknessMm: 1.5, sliceCount: 200 }),
      report('odd', { sliceThicknessMm: 1 }),
    ],
    CONFIG,
  );

  assert.equal(choice?.seriesInstanceUid, 'thin');
  assert.match(choice?.reason ?? '', /^Chose thin of 3 series: .*1\.5 mm thick/);
});

void test('never prefers a series with an error flag, a coronal one or one with cut lungs', () => {
  const choice = chooseSeries(
    [
      report('broken', { sliceThicknessMm: 1.5, flags: [ERROR] }),
      report('coronal', { sliceThicknessMm: 1.5, axial: false }),
      report('cut', { sliceThicknessMm: 1.5, lungCoverage: 'cut' }),
      report('whole', { flags: [WARN] }),
    ],
    CONFIG,
  );

  assert.equal(choice?.seriesInstanceUid, 'whole');
});

void test('breaks ties by fewer warnings, then more slices', () => {
  const fewer = chooseSeries([report('a', { flags: [WARN] }), report('b', {})], CONFIG);
  const more = chooseSeries([report('a', {}), report('b', { sliceCount: 120 })], CONFIG);

  assert.equal(fewer?.seriesInstanceUid, 'b');
  assert.equal(more?.seriesInstanceUid, 'b');
});

void test('says so when no series is usable, and gives nothing for no series', () => {
  const choice = chooseSeries([report('a', { isVolume: false, flags: [ERROR] })], CONFIG);

  assert.match(choice?.reason ?? '', /^No series of the 1 is usable/);
  assert.equal(chooseSeries([], CONFIG), undefined);
});
