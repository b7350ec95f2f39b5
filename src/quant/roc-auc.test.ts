import assert from 'node:assert/strict';
import { test } from 'node:test';

import { rocAuc } from './roc-auc.js';

test('gives 1 for perfect separation, 0.5 for ties, 0 for reversed', () => {
  assert.equal(rocAuc([0.1, 0.2, 0.8, 0.9], [false, false, true, true]), 1);
  assert.equal(rocAuc([1, 1, 1, 1], [false, true, false, true]), 0.5);
  assert.equal(rocAuc([0.9, 0.1], [false, true]), 0);
});
