import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../testing/paths.js';
import { annexRowFor } from './annex-e-lookup.js';
import { ANNEX_E_OPTIONS, BASIC_ACTIONS } from './annex-e-row.js';
import { ANNEX_E_ROWS } from './annex-e-table.generated.js';

const TSV = path.resolve(REPO_ROOT, '../shared/deid/annex-e.tsv');
const FLAG: Readonly<Record<string, boolean | null>> = { Y: true, N: false, '': null };

function tsvRows(): string[][] {
  const lines = readFileSync(TSV, 'utf8').split('\n');
  return lines
    .slice(1)
    .filter((line) => line.length > 0)
    .map((line) => line.split('\t'));
}

test('the generated table matches annex-e.tsv row for row', (t) => {
  if (!existsSync(TSV)) return t.skip(`${TSV} is absent`);
  const rows = tsvRows();

  assert.equal(ANNEX_E_ROWS.length, rows.length);
  rows.forEach((cells, index) => {
    const row = ANNEX_E_ROWS[index];
    const [tag, keyword, name, basic, ...rest] = cells;
    assert.ok(row, `row ${index + 2}`);
    assert.equal(row.tag, tag);
    assert.equal(row.keyword, keyword);
    assert.equal(row.name, name);
    assert.equal(row.basic, basic);

    ANNEX_E_OPTIONS.forEach((option, column) => {
      const cell = rest[column] ?? '';
      assert.equal(row.options[option] ?? '', cell, `${tag} ${option}`);
    });
    assert.equal(row.retired, FLAG[rest[10] ?? '']);
    assert.equal(row.inStandardCompositeIod, FLAG[rest[11] ?? '']);
    assert.equal(row.source, rest[12]);
  });
});

test('every row cites an edition of PS3.15 and has a known basic action', () => {
  for (const row of ANNEX_E_ROWS) {
    assert.match(row.source, /^PS3\.15-20\d\d[a-z]/);
    assert.ok(BASIC_ACTIONS.includes(row.basic), row.tag);
  }
});

test('each tag pattern finds its own row', () => {
  for (const row of ANNEX_E_ROWS) {
    const sample =
      row.pattern.kind === 'exact'
        ? row.pattern.tag
        : row.pattern.kind === 'mask'
          ? (row.pattern.value | 0x00020000) >>> 0
          : 0x00091001;
    assert.equal(annexRowFor(sample), row, row.tag);
  }
});

test('masks match curves and overlays in every group of their range', () => {
  assert.equal(annexRowFor(0x501e0010)?.keyword, 'CurveData');
  assert.equal(annexRowFor(0x60003000)?.keyword, 'OverlayData');
  assert.equal(annexRowFor(0x601e4000)?.keyword, 'OverlayComments');
  assert.equal(annexRowFor(0x60000010), undefined);
});

test('any odd group is governed by the private-attributes row', () => {
  for (const tag of [0x00090010, 0x00191001, 0x60011000, 0x7fe10010]) {
    assert.equal(annexRowFor(tag)?.tag, 'gggg,eeee');
  }
});
