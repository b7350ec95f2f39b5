import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DescriptorCleaner, dateForms } from './descriptor-cleaner.js';

const cleaner = new DescriptorCleaner(['SEXTON', 'CARMEN', 'ACC-0042', '12'], ['19990923']);

test('keeps clinical words and technical numbers', () => {
  assert.equal(
    cleaner.clean('CT CHEST 1.25 mm 512x512 W:1500 L:-600'),
    'CT CHEST 1.25 mm 512x512 W:1500 L:-600',
  );
  assert.equal(cleaner.clean('Series 12 lung'), 'Series 12 lung');
});

test('removes known names and IDs whole, in any case, and not inside other words', () => {
  assert.equal(cleaner.clean('thorax Sexton, Carmen ACC-0042'), 'thorax');
  assert.equal(cleaner.clean('CARMENSITA'), 'CARMENSITA');
});

test('removes a known date in the forms people write it', () => {
  for (const written of [
    '23/09/1999',
    '9/23/99',
    '1999-09-23',
    'Sep 23, 1999',
    '23 September 1999',
    'Sep1999',
  ]) {
    assert.equal(cleaner.clean(`scan ${written} done`), 'scan done', written);
  }
  assert.ok(dateForms('19990923').includes('23.09.1999'));
});

test('removes unknown dates, phone numbers, e-mail addresses and long digit runs', () => {
  const text = 'f/u 2021-04-05 tel +1 555 123 4567 mail a.b@example.org MRN 00123456';
  assert.equal(cleaner.clean(text), 'f/u tel mail MRN');
});
