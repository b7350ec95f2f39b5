/**
 * Typed reads of the element values that pixel decoding and volume assembly need, from the
 * whole-data-set model of dataset.ts. Numbers come from their text form (DS, IS: PS3.5 6.2) or
 * their binary form (US, SS, UL, SL, FL, FD), which the model already holds little endian.
 */
import type { DicomDataset, DicomElement } from './dataset.js';
import { TAGS, type Keyword } from './tags.js';

/** The element of a keyword in one data set (not in its sequences), or undefined. */
export function elementOf(dataset: DicomDataset, keyword: Keyword): DicomElement | undefined {
  const tag = TAGS[keyword].tag;
  return dataset.elements.find((element) => element.tag === tag);
}

/** The values of a text element split at `\`, padding removed; undefined when absent or empty. */
export function textsOf(dataset: DicomDataset, keyword: Keyword): string[] | undefined {
  const value = elementOf(dataset, keyword)?.value;
  if (value === undefined || value.length === 0) return undefined;

  // Only code strings, UIDs and numbers are read here: ASCII, so latin1 decodes them exactly.
  const text = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('latin1');
  return text.split('\\').map((part) => part.replace(/[\0 ]+$/, '').replace(/^ +/, ''));
}

/** The first value of a text element, or undefined. */
export function textOf(dataset: DicomDataset, keyword: Keyword): string | undefined {
  const first = textsOf(dataset, keyword)?.[0];
  return first === undefined || first === '' ? undefined : first;
}

/**
 * The values of a numeric element, text or binary; undefined when absent, empty or when any
 * value is not a finite number, so that callers never compute with a half-read vector.
 */
export function numbersOf(dataset: DicomDataset, keyword: Keyword): number[] | undefined {
  const element = elementOf(dataset, keyword);
  if (element?.value === undefined || element.value.length === 0) return undefined;

  const numbers =
    element.vr === 'DS' || element.vr === 'IS'
      ? (textsOf(dataset, keyword) ?? []).map((text) => (text === '' ? NaN : Number(text)))
      : binaryNumbers(element.vr, element.value);
  return numbers.length > 0 && numbers.every(Number.isFinite) ? numbers : undefined;
}

/** The first value of a numeric element, or undefined. */
export function numberOf(dataset: DicomDataset, keyword: Keyword): number | undefined {
  return numbersOf(dataset, keyword)?.[0];
}

/** The items of a sequence element, or an empty list. */
export function itemsOf(dataset: DicomDataset, keyword: Keyword): readonly DicomDataset[] {
  return elementOf(dataset, keyword)?.items ?? [];
}

function binaryNumbers(vr: DicomElement['vr'], value: Uint8Array): number[] {
  const view = new DataView(value.buffer, value.byteOffset, value.byteLength);
  const read = BINARY_READERS[vr];
  if (read === undefined) return [];

  const numbers: number[] = [];
  for (let at = 0; at + read.size <= value.length; at += read.size)
    numbers.push(read.get(view, at));
  return numbers;
}

interface BinaryReader {
  readonly size: number;
  readonly get: (view: DataView, at: number) => number;
}

const BINARY_READERS: Partial<Record<DicomElement['vr'], BinaryReader>> = {
  US: { size: 2, get: (view, at) => view.getUint16(at, true) },
  SS: { size: 2, get: (view, at) => view.getInt16(at, true) },
  UL: { size: 4, get: (view, at) => view.getUint32(at, true) },
  SL: { size: 4, get: (view, at) => view.getInt32(at, true) },
  FL: { size: 4, get: (view, at) => view.getFloat32(at, true) },
  FD: { size: 8, get: (view, at) => view.getFloat64(at, true) },
};
