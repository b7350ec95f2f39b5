import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lookupTag } from '../dicom/dictionary.js';
import { annexRowFor } from './annex-e-lookup.js';
import { typedKeywords } from './ct-iod-types.js';
import { annexRowByKeyword } from './annex-e-lookup.js';
import { deidAttributes } from './deid-dictionary.js';

test('names every attribute of the deid dictionary as PS3.6 does', () => {
  for (const attribute of deidAttributes()) {
    const standard = lookupTag(attribute.tag);
    assert.equal(standard?.keyword, attribute.keyword, attribute.keyword);
    assert.ok(
      standard?.vr === attribute.vr || standard?.alternativeVr === attribute.vr,
      `${attribute.keyword}: ${attribute.vr} is not ${standard?.vr}`,
    );
  }
});

test('keeps no attribute that Table E.1-1 lists', () => {
  for (const attribute of deidAttributes()) {
    assert.equal(annexRowFor(attribute.tag), undefined, attribute.keyword);
  }
});

test('records IOD types only for attributes with a combined code in Table E.1-1', () => {
  for (const keyword of typedKeywords()) {
    assert.match(annexRowByKeyword(keyword)?.basic ?? '', /\//, keyword);
  }
});
