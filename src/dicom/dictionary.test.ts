import assert from 'node:assert/strict';
import { test } from 'node:test';

import { describeTag, implicitVr, lookupTag, tagText } from './dictionary.js';
import { TAGS } from './tags.js';

void test('knows the VR and keyword of every attribute ctbank names in TAGS', () => {
  for (const [keyword, { tag, vr }] of Object.entries(TAGS)) {
    const entry = lookupTag(tag);
    assert.equal(entry?.keyword, keyword, tagText(tag));
    assert.equal(entry.vr, vr, keyword);
  }
});

void test('covers the whole PS3.6 dictionary, retired attributes included', () => {
  assert.equal(lookupTag(0x00189346)?.keyword, 'CTDIPhantomTypeCodeSequence');
  assert.equal(lookupTag(0x0040a730)?.vr, 'SQ'); // Content Sequence, structured reports
  const retired = lookupTag(0x00080040); // Data Set Type, retired in 2008
  assert.equal(retired?.retired, true);
  assert.equal(retired.keyword, 'DataSetType');
});

void test('resolves repeating groups: overlays 60xx and curves 50xx', () => {
  assert.equal(lookupTag(0x60003000)?.keyword, 'OverlayData');
  assert.equal(lookupTag(0x601e3000)?.keyword, 'OverlayData');
  assert.equal(implicitVr(0x60020010), 'US'); // Overlay Rows
  assert.equal(lookupTag(0x50020005)?.keyword, 'CurveDimensions');
  assert.equal(lookupTag(0x60013000), undefined, 'odd groups are private, not overlays');
});

void test('gives Implicit VR the VR to use for private, group-length and ambiguous tags', () => {
  assert.equal(implicitVr(0x00090010), 'LO'); // private creator
  assert.equal(implicitVr(0x000900ff), 'LO');
  assert.equal(implicitVr(0x00091010), 'UN');
  assert.equal(implicitVr(0x00080000), 'UL'); // group length
  assert.equal(implicitVr(0x00980099), 'UN'); // not in the standard
  assert.equal(implicitVr(TAGS.PixelData.tag), 'OW');
  assert.equal(implicitVr(0x00280106), 'US');
  assert.equal(lookupTag(0x00280106)?.alternativeVr, 'SS');
});

void test('names tags by keyword, or in (gggg,eeee) form when unknown', () => {
  assert.equal(describeTag(TAGS.PatientName.tag), 'PatientName');
  assert.equal(describeTag(0x00291010), '(0029,1010)');
  assert.equal(tagText(0xfffee000), '(FFFE,E000)');
});
