import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { readNpy } from '../testing/npy.js';
import { NO_SHARED_DATA, sharedData } from '../testing/paths.js';
import { assembleVolume } from '../volume/assemble-volume.js';
import { fileInstanceSources } from '../volume/instance-source.js';
import { quantifyVolume, type QuantResult } from './quantify-volume.js';
import { rocAuc } from './roc-auc.js';

const NORMAL = 'ct/covid-ct-md/Normal/normal001';
const P001 = 'ct/covid-ct-md/COVID-19/P001';
const SLICE_LABELS = 'ct/covid-ct-md/labels/Slice-level-labels-updated-1.npy';

async function quantifySeries(dir: string): Promise<QuantResult> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.dcm'));
  const assembled = await assembleVolume(fileInstanceSources(files.map((f) => path.join(dir, f))));
  assert.equal(assembled.status, 'volume');
  if (assembled.status !== 'volume') throw new Error('not a volume');
  return quantifyVolume(assembled.volume);
}

function assertPlausibleLungs(result: QuantResult): void {
  assert.ok(result.lungVolumeMl > 2000 && result.lungVolumeMl < 8000, `${result.lungVolumeMl} mL`);
  const ratio = result.leftLungVolumeMl / result.rightLungVolumeMl;
  assert.ok(ratio > 0.6 && ratio < 1.3, `left/right ${ratio.toFixed(2)}`);
}

test('reads the normal CT of COVID-CT-MD as CT-0 with plausible lungs', async (t) => {
  const dir = sharedData(NORMAL);
  if (dir === undefined) return t.skip(NO_SHARED_DATA);

  const result = await quantifySeries(dir);

  // Measured: 3.47 L (right 1.86, left 1.62), involvement 0.15 %.
  assertPlausibleLungs(result);
  assert.equal(result.severity, 'CT-0', `involvement ${result.total.involvementPercent} %`);
});

test("separates P001's radiologist-labelled slices by per-slice involvement", async (t) => {
  const dir = sharedData(P001);
  const labelsPath = sharedData(SLICE_LABELS);
  if (dir === undefined || labelsPath === undefined) return t.skip(NO_SHARED_DATA);

  const [result, labels] = await Promise.all([quantifySeries(dir), readNpy(labelsPath)]);
  assertPlausibleLungs(result);
  assert.notEqual(result.severity, 'CT-0');

  // Label row 0 is P001; its index i is the i-th slice by descending position (most cranial
  // first), padded to 200. Our slices ascend along the normal (+z, cranial, for this series).
  const width = labels.shape[1] ?? 200;
  const byDescending = [...result.slices].sort((a, b) => b.z - a.z);
  const scores = byDescending.map((slice) =>
    slice.lungMl > 0 ? (slice.ggoMl + slice.consolidationMl) / slice.lungMl : 0,
  );
  const positive = byDescending.map((_, i) => (labels.values[i] ?? 0) === 1);
  assert.ok(width >= byDescending.length);
  assert.equal(positive.filter(Boolean).length, 80);

  const auc = rocAuc(scores, positive);
  // Measured: AUC 0.876, lungs 6.13 L (right 3.09, left 3.03), involvement 1.6 %.
  assert.ok(auc >= 0.85, `AUC ${auc.toFixed(3)}`);
});
