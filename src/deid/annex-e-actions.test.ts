import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DicomElement } from '../dicom/dataset.js';
import { lookupTag } from '../dicom/dictionary.js';
import type { Vr } from '../dicom/vr.js';
import {
  ANNEX_E_OPTIONS,
  type ActionCode,
  type AnnexEOption,
  type AnnexERow,
} from './annex-e-row.js';
import { ANNEX_E_ROWS } from './annex-e-table.generated.js';
import { ctInstance, sequence, text } from './ct-fixture.js';
import { iodTypeOf } from './ct-iod-types.js';
import { deidentify, type DeidentifiedInstance } from './deidentify-dataset.js';
import { parseDeidProfile } from './profile.js';
import { InMemoryPseudonymRegistry } from './pseudonym-registry.js';
import { STRICTER_THAN_TABLE, resolveCombined } from './resolve-action.js';
import { readText } from './text-values.js';

// One fixture element per row of Table E.1-1, all in one CT instance; the test then checks
// the action each received under the Basic Profile alone and under each Option alone.

const SECRET = Buffer.alloc(32, 7);
const PRIVATE_CREATOR = 0x00090010;
const PRIVATE_ELEMENT = 0x00091001;
const BASIC = {
  retainPatientCharacteristics: false,
  longitudinalDates: 'remove',
  cleanDescriptors: false,
} as const;

interface Fixture {
  readonly row: AnnexERow;
  readonly element: DicomElement;
}

function sampleTag(row: AnnexERow): number {
  if (row.pattern.kind === 'exact') return row.pattern.tag;
  if (row.pattern.kind === 'mask') return (row.pattern.value | 0x00000010) >>> 0;
  return PRIVATE_ELEMENT;
}

function vrOf(row: AnnexERow, tag: number): Vr {
  const known = lookupTag(tag)?.vr;
  if (known !== undefined) return known;
  if (row.keyword.endsWith('Sequence')) return 'SQ';
  if (row.keyword.endsWith('UID')) return 'UI';
  if (row.keyword.endsWith('DateTime')) return 'DT';
  if (row.keyword.endsWith('Date')) return 'DA';
  if (row.keyword.endsWith('Time')) return 'TM';
  return 'LO';
}

// A value per VR; free text holds a clinical word plus the patient's family name, so that
// cleaning is visible as the name disappearing.
function fixtureElement(row: AnnexERow, index: number): DicomElement {
  const tag = sampleTag(row);
  const vr = vrOf(row, tag);
  const word = `W${index}`;
  const values: Partial<Record<Vr, string>> = {
    AE: word,
    AS: '045Y',
    CS: word,
    DA: '20200315',
    DT: '20200315101500',
    TM: '101500',
    DS: '1.5',
    IS: '7',
    UI: `1.2.826.0.1.3680043.2.1143.9.${index}`,
    UR: `http://example.org/${index}`,
    PN: 'SEXTON^CARMEN',
  };
  if (vr === 'SQ') return sequence(tag, [[text(0x00080100, 'SH', `C${index}`)]]);
  if (['LO', 'SH', 'ST', 'LT', 'UT', 'UC'].includes(vr)) return text(tag, vr, `${word} SEXTON`);

  const value = values[vr];
  return value !== undefined ? text(tag, vr, value) : { tag, vr, value: Uint8Array.of(1, 0, 0, 0) };
}

const CLEANS_TEXT: ReadonlySet<AnnexEOption> = new Set([
  'cleanDescriptors',
  'cleanStructuredContent',
  'cleanGraphics',
  'retainPatientCharacteristics',
]);

const FIXTURES: Fixture[] = ANNEX_E_ROWS.map((row, index) => ({
  row,
  element: fixtureElement(row, index),
}));

async function run(option: AnnexEOption | undefined): Promise<DeidentifiedInstance> {
  const extra: Record<string, unknown> = {};
  if (option === 'retainLongFullDates') extra['longitudinalDates'] = 'full';
  else if (option === 'retainLongModifiedDates') extra['longitudinalDates'] = 'modified';
  else if (option !== undefined) extra[option] = true;
  if (option === 'retainSafePrivate') {
    extra['safePrivateAllowList'] = [{ creator: 'ACME 1.0', tag: '0009,xx01' }];
  }

  const creator = text(PRIVATE_CREATOR, 'LO', 'ACME 1.0');
  const file = ctInstance({}, [creator, ...FIXTURES.map((fixture) => fixture.element)]);
  const outcome = await deidentify(file, {
    secret: SECRET,
    profile: parseDeidProfile({ ...BASIC, ...extra }),
    pseudonyms: new InMemoryPseudonymRegistry(),
  });
  assert.equal(outcome.status, 'deidentified');
  return outcome;
}

/** The action the table asks for: the Option's override, else the Basic code for a CT image. */
function expectedAction(row: AnnexERow, option: AnnexEOption | undefined): ActionCode {
  if (row.pattern.kind === 'mask') return 'X'; // overlays and curves go whatever the options
  if (row.pattern.kind === 'private') return option === 'retainSafePrivate' ? 'K' : 'X';
  const stricter = STRICTER_THAN_TABLE[row.keyword];
  if (stricter !== undefined) return stricter;

  const override = option === undefined ? undefined : row.options[option];
  if (override !== undefined) return override;
  return resolveCombined(row.basic, iodTypeOf(row.keyword, 'ct'));
}

/** Checks that the output element shows the expected action; returns a message if not. */
function check(
  fixture: Fixture,
  expected: ActionCode,
  output: DicomElement | undefined,
  option?: AnnexEOption,
) {
  const { row, element } = fixture;
  const before = element.value === undefined ? '' : readText(element, 'latin1');
  const after = output?.value === undefined ? '' : readText(output, 'latin1');
  const label = `${row.tag} ${row.keyword} ${element.vr}: expected ${expected}`;

  if (row.keyword === 'PatientID' || row.keyword === 'PatientName') {
    return assert.equal(after, 'CT-0001', label);
  }
  // Binary values cannot be cleaned of text: a C on one removes it.
  const binary = ['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'UN'].includes(element.vr);
  const textClean = expected === 'C' && option !== undefined && CLEANS_TEXT.has(option);
  if (expected === 'X' || (textClean && binary)) return assert.equal(output, undefined, label);
  assert.ok(output !== undefined, `${label}, got X`);

  if (element.items !== undefined) {
    const count = output.items?.length;
    if (expected === 'Z') return assert.equal(count, 0, label);
    if (expected === 'D') return assert.deepEqual(output.items, [{ elements: [] }], label);
    return assert.equal(count, 1, label); // K, C and U clean the items recursively
  }
  if (expected === 'Z') return assert.equal(output.value?.length, 0, label);
  if (expected === 'K') return assert.deepEqual(output.value, element.value, label);
  if (element.vr === 'UI' && (expected === 'U' || expected === 'D')) {
    return assert.match(after, /^2\.25\.\d+$/, label);
  }
  if (
    expected === 'C' &&
    (option === 'retainLongModifiedDates' || option === 'retainLongFullDates')
  ) {
    if (element.vr === 'DA' || element.vr === 'DT') return assert.notEqual(after, before, label);
    return assert.equal(after, before, label); // a whole-day shift leaves TM and the rest
  }
  if (expected === 'C' && option !== 'retainDeviceIdentity' && option !== 'retainSafePrivate') {
    if (element.vr === 'PN') return assert.equal(after, '', label);
    if (['LO', 'SH', 'ST', 'LT', 'UT', 'UC'].includes(element.vr)) {
      return assert.equal(after, before.replace(' SEXTON', ''), label);
    }
    return assert.equal(after, before, label);
  }
  // D, and C meaning a dummy: a value that is not the original.
  assert.ok((output.value?.length ?? 0) > 0, label);
  assert.notDeepEqual(output.value, element.value, label);
}

for (const option of [undefined, ...ANNEX_E_OPTIONS]) {
  test(`every row of Table E.1-1 gets its action under ${option ?? 'the Basic Profile'}`, async () => {
    const outcome = await run(option);
    const byTag = new Map(outcome.file.dataset.elements.map((element) => [element.tag, element]));

    for (const fixture of FIXTURES) {
      const expected = expectedAction(fixture.row, option);
      check(fixture, expected, byTag.get(fixture.element.tag), option);
    }
  });
}
