/**
 * The original identifiers of the private mapping (names, IDs, accession numbers, dates,
 * institution and physician names, UIDs) and the matcher that finds them in de-identified text.
 * Text is compared word by word, case-insensitively: short values only as whole words, so
 * that an ID "1001" is not found in "LightSpeed10010"; long IDs (six or more characters with a
 * digit) also inside longer words; names by their PN components (family, given, middle), each
 * component whole, so that "VAN DER BERG" is not found in every "van"; dates in every common
 * written form (descriptor-cleaner.ts `dateForms`).
 */
import type { DicomDataset, DicomFile } from '../dicom/dataset.js';
import type { Vr } from '../dicom/vr.js';
import { isPrivateTag } from './annex-e-lookup.js';
import { ctIodOf } from './ct-iod-types.js';
import { datePart } from './date-shift.js';
import type { IdentityRecord } from './deidentify-dataset.js';
import { dateForms } from './descriptor-cleaner.js';
import { activeOptions, type DeidProfile } from './profile.js';
import { resolveAction, type Resolution } from './resolve-action.js';
import { encodingOfDataset, readText, readValues } from './text-values.js';

/** What an original value is, which decides how it is looked for. */
export type OriginalKind =
  /** A person name, in PN form (`FAMILY^GIVEN^MIDDLE`) or as words. */
  | 'name'
  /** An identifier: patient ID, accession number, phone number, serial number. */
  | 'id'
  /** A date, YYYYMMDD (a DT value is cut to its date). */
  | 'date'
  /** A UID the profile replaces. */
  | 'uid'
  /** A phrase found only whole: institution name, address, department. */
  | 'text';

/** One value of the private mapping. */
export interface OriginalValue {
  readonly value: string;
  readonly kind: OriginalKind;
}

/** The original identifiers of the patients whose files are audited. */
export interface OriginalIdentifiers {
  values(): Iterable<OriginalValue>;
}

/** Original identifiers held in a list. */
export function originalIdentifiers(values: Iterable<OriginalValue>): OriginalIdentifiers {
  const list = [...values];
  return { values: () => list };
}

const DICOM_ROOT = '1.2.840.10008.';
const WORD = /[\p{L}\p{N}]+/gu;
const DOTTED_NUMBER = /\d+(?:\.\d+)+/g;
const DIGIT = /\d/;

// Shorter IDs and phrases match too much (a Study ID "1" is every instance number, "120" a
// kVp); name components of one letter are initials.
const SHORTEST_ID = 3;
const SHORTEST_NUMERIC_ID = 4;
const SHORTEST_PHRASE = 4;
const SHORTEST_NAME_COMPONENT = 2;
// From this length an ID with a digit is also looked for inside longer words.
const SHORTEST_EMBEDDED = 6;
// PN components kept (PS3.5 6.2.1): family, given, middle; prefixes and suffixes ("DR", "JR")
// identify no one.
const NAME_COMPONENTS = 3;
const TITLES: ReadonlySet<string> = new Set(['dr', 'mr', 'mrs', 'ms', 'prof', 'jr', 'sr', 'md']);

interface Word {
  readonly lower: string;
  readonly start: number;
  readonly end: number;
}

// Compiled word matchers of recent sets of originals. The slices of a study share every
// original but their own UIDs (names, IDs, dates, institution), so a worker compiles those
// once per study rather than once per slice: the same values give the same matcher.
const WORD_CACHE_SIZE = 8;
type WordKind = Exclude<OriginalKind, 'uid'>;
interface WordOriginal {
  readonly value: string;
  readonly kind: WordKind;
}
const wordCache = new Map<string, WordOriginals>();

/** Finds original values in text and UIDs. */
export class OriginalsMatcher {
  private readonly sequences: ReadonlyMap<string, string[][]>;
  private readonly embedded: ReadonlySet<string>;
  private readonly uids = new Set<string>();

  constructor(originals: OriginalIdentifiers, pseudonyms: ReadonlySet<string>) {
    const skip = new Set([...pseudonyms].map((pseudonym) => pseudonym.toLowerCase()));
    const others: WordOriginal[] = [];
    for (const { value, kind } of originals.values()) {
      const trimmed = value.trim();
      if (trimmed === '' || skip.has(trimmed.toLowerCase())) continue;
      if (kind === 'uid') this.uids.add(trimmed);
      else others.push({ value: trimmed, kind });
    }

    const words = wordOriginalsOf(others);
    this.sequences = words.sequences;
    this.embedded = words.embedded;
  }

  /** The pieces of the text that are original values, as written there. */
  find(text: string): string[] {
    const words = wordsOf(text);
    const found: string[] = [];

    for (let index = 0; index < words.length; index++) {
      const word = words[index] as Word;
      const length = this.sequenceAt(words, index);
      if (length > 0) {
        const last = words[index + length - 1] as Word;
        found.push(text.slice(word.start, last.end));
        index += length - 1;
        continue;
      }
      if (this.isEmbedded(word.lower)) found.push(text.slice(word.start, word.end));
    }

    for (const match of text.matchAll(DOTTED_NUMBER)) {
      if (this.uids.has(match[0])) found.push(match[0]);
    }
    return found;
  }

  /** True when the UID is one the mapping lists. */
  isOriginalUid(uid: string): boolean {
    return this.uids.has(uid.trim());
  }

  // The number of words of the longest original starting at the index, 0 for none.
  private sequenceAt(words: readonly Word[], index: number): number {
    const following = this.sequences.get((words[index] as Word).lower);
    if (following === undefined) return 0;

    for (const rest of following) {
      const matches = rest.every((word, offset) => words[index + 1 + offset]?.lower === word);
      if (matches) return rest.length + 1;
    }
    return 0;
  }

  private isEmbedded(word: string): boolean {
    for (const id of this.embedded) {
      if (word.length > id.length && word.includes(id)) return true;
    }
    return false;
  }
}

// The compiled matcher of one set of originals other than UIDs, from the cache when the
// same values in the same order were compiled lately.
function wordOriginalsOf(originals: readonly WordOriginal[]): WordOriginals {
  const key = originals.map(({ kind, value }) => `${kind}\u0000${value}`).join('\u0001');
  const known = wordCache.get(key);
  if (known !== undefined) return known;

  const compiled = new WordOriginals(originals);
  if (wordCache.size >= WORD_CACHE_SIZE) wordCache.delete(wordCache.keys().next().value ?? '');
  wordCache.set(key, compiled);
  return compiled;
}

// Names, IDs, dates and phrases as word sequences, and the IDs also found inside words.
class WordOriginals {
  // First word → the words that must follow it (an empty list: the word alone).
  readonly sequences = new Map<string, string[][]>();
  readonly embedded = new Set<string>();

  constructor(originals: readonly WordOriginal[]) {
    for (const { value, kind } of originals) this.add(value, kind);
    for (const following of this.sequences.values()) following.sort((a, b) => b.length - a.length);
  }

  private add(value: string, kind: WordKind): void {
    switch (kind) {
      case 'name':
        for (const component of nameComponents(value)) this.addWords(component);
        return;
      case 'date':
        for (const form of dateFormsOf(value)) this.addWords(lowerWords(form));
        return;
      case 'id':
        this.addId(value);
        return;
      case 'text':
        if (value.length >= SHORTEST_PHRASE) this.addWords(lowerWords(value));
        return;
    }
  }

  private addId(value: string): void {
    const words = lowerWords(value);
    const characters = words.join('');
    const numeric = /^\d+$/.test(characters);
    if (characters.length < (numeric ? SHORTEST_NUMERIC_ID : SHORTEST_ID)) return;

    this.addWords(words);

    for (const word of words) {
      if (word.length >= SHORTEST_EMBEDDED && DIGIT.test(word)) this.embedded.add(word);
    }
  }

  private addWords(words: readonly string[]): void {
    const [first, ...rest] = words;
    if (first === undefined) return;

    const following = this.sequences.get(first) ?? [];
    if (!following.some((known) => known.join(' ') === rest.join(' '))) following.push(rest);
    this.sequences.set(first, following);
  }
}

function wordsOf(text: string): Word[] {
  return [...text.matchAll(WORD)].map((match) => ({
    lower: match[0].toLowerCase(),
    start: match.index,
    end: match.index + match[0].length,
  }));
}

function lowerWords(text: string): string[] {
  return [...text.matchAll(WORD)].map((match) => match[0].toLowerCase());
}

// The family, given and middle components of every component group, each as its words; a
// name written without carets is one family-name component (PS3.5 6.2.1.1).
function nameComponents(name: string): string[][] {
  const components = name.split('=').flatMap((group) => group.split('^').slice(0, NAME_COMPONENTS));

  return components
    .map(lowerWords)
    .filter((words) => words.join('').length >= SHORTEST_NAME_COMPONENT)
    .filter((words) => !(words.length === 1 && TITLES.has(words[0] ?? '')));
}

// The written forms of a date, less those made of one- and two-digit numbers only ("8 4 32"):
// compared word by word they would match any three small numbers in a description.
function dateFormsOf(value: string): string[] {
  const date = datePart(value);
  if (date === undefined) return [];

  return dateForms(date).filter((form) => lowerWords(form).some((word) => !/^\d{1,2}$/.test(word)));
}

/**
 * The original identifiers of one instance as received, for auditing its de-identified copy:
 * every person name, every date, every UID the profile replaces, and the values of the
 * identifiers the profile removes, empties or dummies (IDs, institution, addresses, stations),
 * leaving out descriptors, which the profile cleans rather than removes.
 */
export function originalsOfFile(file: DicomFile, profile: DeidProfile): OriginalValue[] {
  const options = activeOptions(profile);
  const sopClass = file.dataset.elements.find((element) => element.tag === SOP_CLASS_UID);
  const iod = ctIodOf(sopClass === undefined ? undefined : readText(sopClass, 'latin1'));
  const resolve = (tag: number, vr: Vr, depth: number): Resolution =>
    resolveAction(tag, vr, { depth, iod }, profile, options);

  const found: OriginalValue[] = [];
  collect(file.dataset, 'latin1', 0, resolve, found);
  return found;
}

/** The originals the identity mapping of the private zone holds: patient IDs, dates, UIDs. */
export function originalsOfIdentity(records: Iterable<IdentityRecord>): OriginalValue[] {
  const found: OriginalValue[] = [];
  for (const record of records) {
    found.push({ value: record.originalPatientId, kind: 'id' });
    if (record.trueStudyDate !== null) found.push({ value: record.trueStudyDate, kind: 'date' });
    for (const uid of record.uids) found.push({ value: uid.original, kind: 'uid' });
  }
  return found;
}

const SOP_CLASS_UID = 0x00080016;
const IDENTIFIER_VRS: ReadonlySet<Vr> = new Set(['LO', 'SH', 'ST', 'LT', 'UT', 'UC', 'AE']);
const WHITESPACE = /\s/;
const COLLECTED_VRS: ReadonlySet<Vr> = new Set(['PN', 'DA', 'DT', 'UI', ...IDENTIFIER_VRS]);

function collect(
  dataset: DicomDataset,
  inherited: string,
  depth: number,
  resolve: (tag: number, vr: Vr, depth: number) => Resolution,
  found: OriginalValue[],
): void {
  const encoding = encodingOfDataset(dataset, inherited);

  for (const element of dataset.elements) {
    if (isPrivateTag(element.tag)) continue;
    for (const item of element.items ?? []) collect(item, encoding, depth + 1, resolve, found);
    if (element.value === undefined || element.value.length === 0) continue;
    // Decoding every value would decode Pixel Data too (half a megabyte per CT slice).
    if (!COLLECTED_VRS.has(element.vr)) continue;

    const values = readValues(element, encoding);
    if (element.vr === 'PN') {
      found.push(...values.map((value) => ({ value, kind: 'name' as const })));
    } else if (element.vr === 'DA' || element.vr === 'DT') {
      found.push(...values.map((value) => ({ value, kind: 'date' as const })));
    } else if (element.vr === 'UI') {
      if (resolve(element.tag, element.vr, depth).action !== 'U') continue;
      const uids = values.filter((uid) => !uid.startsWith(DICOM_ROOT));
      found.push(...uids.map((value) => ({ value, kind: 'uid' as const })));
    } else if (
      IDENTIFIER_VRS.has(element.vr) &&
      isIdentifier(resolve(element.tag, element.vr, depth))
    ) {
      found.push(
        ...values.map(
          (value) => ({ value, kind: WHITESPACE.test(value) ? 'text' : 'id' }) as const,
        ),
      );
    }
  }
}

// The table removes, empties or dummies it, and it is not a descriptor the profile cleans.
function isIdentifier(resolution: Resolution): boolean {
  const byTable = ['basic', 'iod-type', 'policy'].includes(resolution.rule);
  const removed = ['X', 'Z', 'D'].includes(resolution.action);
  const descriptor = resolution.row?.options.cleanDescriptors !== undefined;

  return byTable && removed && !descriptor;
}
