import assert from 'node:assert/strict';
import { test } from 'node:test';

import { syntheticUid } from './synthetic-uid.js';

void test('derives valid, stable and distinct 2.25 UIDs', () => {
  const study = syntheticUid('ctbank-phantom', 7, 0, 'study');

  assert.match(study, /^2\.25\.(0|[1-9][0-9]*)$/);
  assert.ok(study.length <= 64);
  assert.equal(syntheticUid('ctbank-phantom', 7, 0, 'study'), study);
  assert.notEqual(syntheticUid('ctbank-phantom', 8, 0, 'study'), study);
  assert.notEqual(syntheticUid('ctbank-phantom', 7, 0, 'series'), study);
});

void test('encodes a version-8 RFC-variant UUID', () => {
  const uid = syntheticUid('any', 'parts');

  const hex = BigInt(uid.slice('2.25.'.length)).toString(16).padStart(32, '0');

  assert.equal(hex[12], '8');
  assert.ok(['8', '9', 'a', 'b'].includes(hex[16] ?? ''));
});
