/**
 * The full PS3.6 data dictionary by tag: the VR an Implicit VR Little Endian data set leaves
 * out, and the keyword for messages. The data come from dcmjs (untyped), wrapped here and
 * nowhere else; the lookup table is built once, on first use (about 30 ms).
 */
import { createRequire } from 'node:module';
import { CtbankError } from '../errors.js';
import type { Vr } from './vr.js';

/** One standard attribute. */
export interface DictionaryEntry {
  /** The PS3.6 keyword, e.g. `PatientName`; retired attributes keep theirs. */
  readonly keyword: string;
  /** The VR to use when the data set does not say (Implicit VR). */
  readonly vr: Vr;
  /** PS3.6 lists two VRs ("US or SS", "OB or OW", "US or OW"): the other one. */
  readonly alternativeVr?: Vr;
  /** Value multiplicity as PS3.6 writes it, e.g. `1`, `1-n`, `2-2n`. */
  readonly vm: string;
  readonly retired: boolean;
}

const VRS: ReadonlySet<string> = new Set<Vr>([
  'AE', 'AS', 'AT', 'CS', 'DA', 'DS', 'DT', 'FD', 'FL', 'IS', 'LO', 'LT', 'OB', 'OD', 'OF', 'OL',
  'OV', 'OW', 'PN', 'SH', 'SL', 'SQ', 'SS', 'ST', 'SV', 'TM', 'UC', 'UI', 'UL', 'UN', 'UR', 'US',
  'UT', 'UV',
]); // prettier-ignore

// dcmjs writes the ambiguous VRs of PS3.6 in lower case. Implicit VR pixel and overlay data are OW
// (PS3.5 A.1 and 8.1.2); "US or SS" defaults to US and is refined by Pixel Representation by the
// parser; LUT Data is OW because its length may pass the 16-bit limit of US; offsets are UL.
const AMBIGUOUS: Readonly<Record<string, { vr: Vr; alternativeVr?: Vr }>> = {
  ox: { vr: 'OW', alternativeVr: 'OB' },
  xs: { vr: 'US', alternativeVr: 'SS' },
  lt: { vr: 'OW', alternativeVr: 'US' },
  up: { vr: 'UL' },
};

const RETIRED_PREFIX = 'RETIRED_';

// Repeating groups (PS3.6 section 7.6): curves 50xx, overlays 60xx, variable pixel data 7Fxx.
// dcmjs lists each under its first group.
const REPEATING_GROUP_BASES: ReadonlySet<number> = new Set([0x5000, 0x6000, 0x7f00]);

let table: Map<number, DictionaryEntry> | undefined;

/** The standard attribute with this tag, repeating groups included; undefined for private tags. */
export function lookupTag(tag: number): DictionaryEntry | undefined {
  const entries = table ?? (table = buildTable());
  const exact = entries.get(tag);
  if (exact !== undefined) return exact;

  const group = Math.floor(tag / 0x10000);
  const base = group & 0xff00;
  if (group % 2 !== 0 || !REPEATING_GROUP_BASES.has(base)) return undefined;
  return entries.get(base * 0x10000 + (tag % 0x10000));
}

/**
 * The VR of an element in an Implicit VR data set (PS3.5 section 7.1.3): the dictionary's for
 * standard tags, UL for group lengths, LO for private creators (PS3.5 7.8.1), UN for other
 * private and for unknown tags.
 */
export function implicitVr(tag: number): Vr {
  const element = tag % 0x10000;
  if (element === 0) return 'UL';

  const group = Math.floor(tag / 0x10000);
  if (group % 2 === 1) return element >= 0x10 && element <= 0xff ? 'LO' : 'UN';
  return lookupTag(tag)?.vr ?? 'UN';
}

/** The keyword of a tag, or its `(gggg,eeee)` form when the dictionary does not know it. */
export function describeTag(tag: number): string {
  return lookupTag(tag)?.keyword ?? tagText(tag);
}

/** A tag in the usual `(GGGG,EEEE)` notation. */
export function tagText(tag: number): string {
  const hex = tag.toString(16).toUpperCase().padStart(8, '0');
  return `(${hex.slice(0, 4)},${hex.slice(4)})`;
}

function buildTable(): Map<number, DictionaryEntry> {
  const entries = new Map<number, DictionaryEntry>();

  for (const raw of dcmjsEntries()) {
    const entry = toEntry(raw);
    if (entry !== undefined) entries.set(entry.tag, entry.entry);
  }
  return entries;
}

interface RawEntry {
  readonly tag: string;
  readonly vr: string;
  readonly vm: string;
  readonly name: string;
}

// `(GGGG,EEEE)` with hex digits, as dcmjs keys its entries.
function parseTag(text: string): number | undefined {
  if (text.length !== 11 || text[0] !== '(' || text[5] !== ',' || text[10] !== ')') {
    return undefined;
  }
  const value = Number.parseInt(text.slice(1, 5) + text.slice(6, 10), 16);
  return Number.isNaN(value) ? undefined : value;
}

function toEntry(raw: RawEntry): { tag: number; entry: DictionaryEntry } | undefined {
  const tag = parseTag(raw.tag);
  const resolved = VRS.has(raw.vr) ? { vr: raw.vr as Vr } : AMBIGUOUS[raw.vr];
  if (tag === undefined || resolved === undefined) return undefined; // item tags ('na')

  const retired = raw.name.startsWith(RETIRED_PREFIX);
  const keyword = retired ? raw.name.slice(RETIRED_PREFIX.length) : raw.name;
  const entry: DictionaryEntry =
    resolved.alternativeVr === undefined
      ? { keyword, vr: resolved.vr, vm: raw.vm, retired }
      : { keyword, vr: resolved.vr, alternativeVr: resolved.alternativeVr, vm: raw.vm, retired };
  return { tag, entry };
}

// dcmjs 0.51 keeps the dictionary behind a lazy Proxy that cannot be enumerated; its `nameMap`
// (keyword to entry) is a plain object holding every standard entry, repeating groups included.
function dcmjsEntries(): RawEntry[] {
  const dcmjs: unknown = createRequire(import.meta.url)('dcmjs');
  const nameMap = property(property(property(dcmjs, 'data'), 'DicomMetaDictionary'), 'nameMap');
  if (typeof nameMap !== 'object' || nameMap === null) {
    throw new CtbankError('INTERNAL', 'dcmjs no longer exposes data.DicomMetaDictionary.nameMap');
  }
  return Object.values(nameMap).filter(isRawEntry);
}

// A property of an object or class (DicomMetaDictionary is a class) from untyped code.
function property(value: unknown, key: string): unknown {
  const holder = (typeof value === 'object' && value !== null) || typeof value === 'function';
  return holder ? (value as Record<string, unknown>)[key] : undefined;
}

function isRawEntry(value: unknown): value is RawEntry {
  return (
    typeof property(value, 'tag') === 'string' &&
    typeof property(value, 'vr') === 'string' &&
    typeof property(value, 'vm') === 'string' &&
    typeof property(value, 'name') === 'string'
  );
}
