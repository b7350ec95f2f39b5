import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatCsv, parseCsv } from './csv-table.js';

void test('reads quoted fields with commas, quotes and line breaks, keeping line numbers', () => {
  const table = parseCsv('\uFEFFstudy,reader,note\r\n1.2,ann,"a, ""b""\nc"\r\n\r\n1.3,bob\n');

  assert.deepEqual(table.columns, ['study', 'reader', 'note']);
  assert.deepEqual(table.rows, [
    { line: 2, cells: { study: '1.2', reader: 'ann', note: 'a, "b"\nc' } },
    { line: 5, cells: { study: '1.3', reader: 'bob', note: '' } },
  ]);
});

void test('writes what it reads back unchanged', () => {
  const rows = [
    { a: 'x,y', b: 'say "hi"' },
    { a: '', b: 'line\nbreak' },
  ];
  const parsed = parseCsv(formatCsv(['a', 'b'], rows));

  assert.deepEqual(
    parsed.rows.map((row) => row.cells),
    rows,
  );
});
