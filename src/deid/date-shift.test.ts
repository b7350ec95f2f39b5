import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dateOffsetDays, shiftDate, shiftDateTime } from './date-shift.js';

test('shifts a date across month, year and leap day', () => {
  assert.equal(shiftDate('20200301', -1), '20200229');
  assert.equal(shiftDate('20210101', -1), '20201231');
  assert.equal(shiftDate('2020.03.15', -14), '20200301');
});

test('keeps the time and UTC offset of a date-time and its precision', () => {
  assert.equal(shiftDateTime('20200315235959.123456+0100', -1), '20200314235959.123456+0100');
  assert.equal(shiftDateTime('202003', -20), '202002'); // from 1 March
  assert.equal(shiftDateTime('2020', -400), '2018');
});

test('refuses values that are not dates', () => {
  for (const value of ['20200230', '2020-03-15', '', 'UNKNOWN', '2020031']) {
    assert.equal(shiftDate(value, -10), undefined, value);
  }
  assert.equal(shiftDateTime('20201345', -10), undefined);
});

test('derives one offset per patient and secret, within one to ten years back', () => {
  const secret = Buffer.alloc(32, 8);
  const offset = dateOffsetDays(secret, 'MRN-1');

  assert.equal(dateOffsetDays(secret, '  MRN-1 '), offset);
  assert.ok(offset >= -3650 && offset <= -365);
  assert.notEqual(dateOffsetDays(Buffer.alloc(32, 9), 'MRN-1'), offset);
});
