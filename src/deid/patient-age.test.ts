import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ageBetween, publishableAge } from './patient-age.js';

test('computes the age in the largest unit that reaches one', () => {
  assert.equal(ageBetween('19800610', '20200315'), '039Y');
  assert.equal(ageBetween('19800315', '20200315'), '040Y');
  assert.equal(ageBetween('20200101', '20200315'), '002M');
  assert.equal(ageBetween('20200301', '20200315'), '002W');
  assert.equal(ageBetween('20200312', '20200315'), '003D');
  assert.equal(ageBetween('20200316', '20200315'), undefined);
});

test('writes every age over 89 years as 090Y', () => {
  assert.equal(publishableAge('089Y'), '089Y');
  assert.equal(publishableAge('090Y'), '090Y');
  assert.equal(publishableAge('104Y'), '090Y');
  assert.equal(publishableAge('93'), '090Y');
  assert.equal(publishableAge('045'), '045Y');
  assert.equal(publishableAge('old'), undefined);
});
