import assert from 'node:assert/strict';
import { test } from 'node:test';

import { phantomVolume, type PhantomSpec } from '../testing/phantom-volume.js';
import { severityOf } from './involvement.js';
import { quantifyVolume } from './quantify-volume.js';

// Downsampled phantoms (80 slices of 3 mm, apex to base) keep the run short on two cores.
// Seed 1: mixed lesions, two against the pleura; seed 3: juxta-pleural consolidation; seed 4:
// the table in view.
const CASES: readonly (PhantomSpec & { readonly name: string })[] = [
  { name: 'mixed lesions', seed: 1, slices: 80, thicknessMm: 3, hasTable: false },
  { name: 'juxta-pleural consolidation', seed: 3, slices: 80, thicknessMm: 3, hasTable: false },
  { name: 'table in view', seed: 4, slices: 80, thicknessMm: 3, hasTable: true },
];

for (const spec of CASES) {
  test(`matches the phantom's truth: ${spec.name}`, async () => {
    const phantom = await phantomVolume(spec);
    const result = quantifyVolume(phantom.volume);

    let both = 0;
    let found = 0;
    let truth = 0;
    let sameSide = 0;
    for (let p = 0; p < result.lungMask.length; p++) {
      const label = result.lungMask[p] ?? 0;
      const expected = phantom.lungMask[p] ?? 0;
      if (label !== 0) found++;
      if (expected !== 0) truth++;
      if (label !== 0 && expected !== 0) both++;
      if (label !== 0 && label === expected) sameSide++;
    }
    const dice = (2 * both) / (found + truth);
    const sideDice = (2 * sameSide) / (found + truth);
    assert.ok(dice >= 0.95, `lung Dice ${dice.toFixed(3)}`);
    assert.ok(sideDice >= 0.95, `Dice with right and left told apart ${sideDice.toFixed(3)}`);

    const volumeError = Math.abs(result.lungVolumeMl - phantom.truth.lungMl) / phantom.truth.lungMl;
    assert.ok(volumeError <= 0.03, `lung volume off by ${(100 * volumeError).toFixed(1)} %`);

    const involvementError = Math.abs(
      result.total.involvementPercent - phantom.truth.involvementPercent,
    );
    assert.ok(
      involvementError <= 2,
      `involvement ${result.total.involvementPercent.toFixed(2)} % against ` +
        `${phantom.truth.involvementPercent} %`,
    );
    const expected = severityOf(phantom.truth.involvementPercent, result.healthyBaselinePercent);
    assert.equal(result.severity, expected);
    assert.deepEqual(
      result.findings.filter((finding) => finding.severity !== 'info'),
      [],
    );
  });
}
