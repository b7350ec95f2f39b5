import assert from 'node:assert/strict';
import { test } from 'node:test';

import { checkEntryPath } from './entry-path.js';

void test('normalises separators, dot segments and doubled slashes of entry paths', () => {
  assert.deepEqual(checkEntryPath('P001\\1.dcm'), {
    ok: true,
    path: 'P001/1.dcm',
    isDirectory: false,
  });
  assert.deepEqual(checkEntryPath('./a//b/./c.dcm'), {
    ok: true,
    path: 'a/b/c.dcm',
    isDirectory: false,
  });
  assert.deepEqual(checkEntryPath('series/'), { ok: true, path: 'series', isDirectory: true });
});

void test('refuses absolute entry paths', () => {
  for (const name of ['/etc/passwd', 'C:/Windows/x.dcm', 'c:x.dcm', '\\\\server\\share\\x.dcm']) {
    const checked = checkEntryPath(name);
    assert.equal(checked.ok, false, name);
    if (!checked.ok) assert.equal(checked.code, 'ARCHIVE_PATH_ESCAPE', name);
  }
});

void test("refuses entry paths that climb out with '..'", () => {
  for (const name of ['../evil.dcm', 'a/../../evil.dcm', 'a\\..\\..\\evil.dcm', 'a/..']) {
    const checked = checkEntryPath(name);
    assert.equal(checked.ok, false, name);
    if (!checked.ok) assert.equal(checked.code, 'ARCHIVE_PATH_ESCAPE', name);
  }
});

void test('refuses empty names and names with NUL bytes as corrupt', () => {
  for (const name of ['', '.', 'a\0b.dcm']) {
    const checked = checkEntryPath(name);
    assert.equal(checked.ok, false, JSON.stringify(name));
    if (!checked.ok) assert.equal(checked.code, 'ARCHIVE_CORRUPT');
  }
});
