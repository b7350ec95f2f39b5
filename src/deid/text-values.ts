/**
 * Reading and writing the text values of elements in the data set's Specific Character Set
 * (PS3.5 6.1 and 6.2): only PN, LO, SH, ST, LT, UT and UC use it; the other string VRs are
 * ASCII. Writing supports UTF-8 and every single-byte character set; text outside ASCII in a
 * multi-byte ISO 2022 set cannot be written back, and the caller removes it instead.
 */
import { TextDecoder, TextEncoder } from 'node:util';
import { decodeText, encodingOf } from '../dicom/character-set.js';
import type { DicomDataset, DicomElement } from '../dicom/dataset.js';
import type { Vr } from '../dicom/vr.js';

const SPECIFIC_CHARACTER_SET = 0x00080005;

// VRs whose bytes follow Specific Character Set (PS3.5 6.1.2.3).
const CHARSET_VRS: ReadonlySet<Vr> = new Set(['PN', 'LO', 'SH', 'ST', 'LT', 'UT', 'UC']);

// VRs with a single value whose backslash is a character, not a separator (PS3.5 6.4).
const SINGLE_VALUE_VRS: ReadonlySet<Vr> = new Set(['LT', 'ST', 'UT', 'UR']);

/** The VRs of free text, which descriptor cleaning works on. */
export const FREE_TEXT_VRS: ReadonlySet<Vr> = new Set(['LO', 'SH', 'ST', 'LT', 'UT', 'UC']);

const MULTI_BYTE = new Set(['iso-2022-jp', 'euc-kr', 'gb18030', 'gbk', 'shift_jis']);
const utf8 = new TextEncoder();
const singleByteMaps = new Map<string, Map<string, number>>();

/** The encoding of a data set or item: its own Specific Character Set, else the parent's. */
export function encodingOfDataset(dataset: DicomDataset, inherited: string): string {
  const element = dataset.elements.find((candidate) => candidate.tag === SPECIFIC_CHARACTER_SET);
  if (element?.value === undefined) return inherited;

  return encodingOf(decodeText(element.value, 'latin1'));
}

/** The whole decoded value of a text element, padding trimmed; '' when it has none. */
export function readText(element: DicomElement, encoding: string): string {
  if (element.value === undefined || element.value.length === 0) return '';

  return decodeText(element.value, CHARSET_VRS.has(element.vr) ? encoding : 'latin1');
}

/** The values of a text element, split at backslashes where the VR allows several. */
export function readValues(element: DicomElement, encoding: string): string[] {
  const text = readText(element, encoding);
  if (text === '') return [];
  if (SINGLE_VALUE_VRS.has(element.vr)) return [text];

  return text.split('\\').map((value) => value.trim());
}

/** True when a VR's value follows the Specific Character Set. */
export function usesCharacterSet(vr: Vr): boolean {
  return CHARSET_VRS.has(vr);
}

/**
 * The bytes of a text value padded to even length (NUL for UI, space otherwise, PS3.5 6.2),
 * or undefined when the character set cannot represent the text.
 */
export function encodeText(text: string, vr: Vr, encoding: string): Uint8Array | undefined {
  const bytes = CHARSET_VRS.has(vr) ? encodeIn(text, encoding) : encodeIn(text, 'ascii');
  if (bytes === undefined) return undefined;
  if (bytes.length % 2 === 0) return bytes;

  const padded = new Uint8Array(bytes.length + 1);
  padded.set(bytes);
  padded[bytes.length] = vr === 'UI' ? 0x00 : 0x20;
  return padded;
}

/** Joins values with the VR's separator and encodes them (see {@link encodeText}). */
export function encodeValues(
  values: readonly string[],
  vr: Vr,
  encoding: string,
): Uint8Array | undefined {
  return encodeText(values.join('\\'), vr, encoding);
}

function encodeIn(text: string, encoding: string): Uint8Array | undefined {
  const ascii = asciiBytes(text);
  if (ascii !== undefined) return ascii;
  if (encoding === 'ascii' || MULTI_BYTE.has(encoding)) return undefined;
  if (encoding === 'utf-8') return utf8.encode(text);

  const map = singleByteMap(encoding);
  const bytes: number[] = [];
  for (const char of text) {
    const byte = map.get(char);
    if (byte === undefined) return undefined;
    bytes.push(byte);
  }
  return Uint8Array.from(bytes);
}

function asciiBytes(text: string): Uint8Array | undefined {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) return undefined;
    bytes[i] = code;
  }
  return bytes;
}

// Inverts a single-byte decoder, so that text decodes back to exactly the bytes written.
function singleByteMap(encoding: string): Map<string, number> {
  let map = singleByteMaps.get(encoding);
  if (map !== undefined) return map;

  map = new Map();
  const decoder = new TextDecoder(encoding);
  for (let byte = 0xff; byte >= 0; byte--) {
    const char = decoder.decode(Uint8Array.of(byte));
    if (char !== '\ufffd') map.set(char, byte);
  }
  singleByteMaps.set(encoding, map);
  return map;
}
