/**
 * How a data set is laid out in bytes: the traits of each VR (PS3.5 sections 6.2 and 7.1.2),
 * the data-structure tags of sequences and encapsulated pixel data (PS3.5 7.5 and A.4), and
 * what each transfer syntax means for the data set's own encoding (PS3.5 section 10).
 */
import {
  DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
  EXPLICIT_VR_BIG_ENDIAN,
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
} from './transfer-syntax.js';
import type { Vr } from './vr.js';

/** Item (FFFE,E000), which opens a sequence item or a pixel data fragment. */
export const ITEM = 0xfffee000;
/** Item Delimitation Item (FFFE,E00D), closing an item of undefined length. */
export const ITEM_DELIMITATION = 0xfffee00d;
/** Sequence Delimitation Item (FFFE,E0DD), closing a sequence or encapsulated pixel data. */
export const SEQUENCE_DELIMITATION = 0xfffee0dd;
/** The 32-bit length that means "undefined, look for a delimiter". */
export const UNDEFINED_LENGTH = 0xffffffff;
/** The largest even value a 16-bit length field can hold. */
export const MAX_SHORT_LENGTH = 0xfffe;

interface VrTraits {
  /** Explicit VR header with 2 reserved bytes and a 32-bit length (PS3.5 table 7.1-1). */
  readonly longLength: boolean;
  /** The byte that pads a value to even length: space for text, NUL otherwise (PS3.5 6.2). */
  readonly padding: number;
  /** Size of the numbers that big endian reverses; 0 for text and bytes. */
  readonly swapUnit: 0 | 2 | 4 | 8;
}

const SPACE = 0x20;
const NUL = 0x00;
const text = { longLength: false, padding: SPACE, swapUnit: 0 } as const;
const longText = { longLength: true, padding: SPACE, swapUnit: 0 } as const;
const short = (swapUnit: 2 | 4 | 8): VrTraits => ({ longLength: false, padding: NUL, swapUnit });
const long = (swapUnit: 0 | 2 | 4 | 8): VrTraits => ({ longLength: true, padding: NUL, swapUnit });

const TRAITS: Readonly<Record<Vr, VrTraits>> = {
  AE: text,
  AS: text,
  AT: short(2), // a tag is two 16-bit numbers
  CS: text,
  DA: text,
  DS: text,
  DT: text,
  FD: short(8),
  FL: short(4),
  IS: text,
  LO: text,
  LT: text,
  OB: long(0),
  OD: long(8),
  OF: long(4),
  OL: long(4),
  OV: long(8),
  OW: long(2),
  PN: text,
  SH: text,
  SL: short(4),
  SQ: long(0),
  SS: short(2),
  ST: text,
  SV: long(8),
  TM: text,
  UC: longText,
  UI: { longLength: false, padding: NUL, swapUnit: 0 },
  UL: short(4),
  UN: long(0),
  UR: longText,
  US: short(2),
  UT: longText,
  UV: long(8),
};

// The two VR characters as an index into a 26 × 26 table of upper-case pairs.
const BY_LETTERS: (Vr | undefined)[] = new Array<Vr | undefined>(26 * 26).fill(undefined);
for (const vr of Object.keys(TRAITS) as Vr[]) {
  BY_LETTERS[(vr.charCodeAt(0) - 0x41) * 26 + vr.charCodeAt(1) - 0x41] = vr;
}

/** The VR spelt by two bytes of an explicit VR header, or undefined when they spell none. */
export function vrFromBytes(first: number, second: number): Vr | undefined {
  const a = first - 0x41;
  const b = second - 0x41;
  if (a < 0 || a >= 26 || b < 0 || b >= 26) return undefined;
  return BY_LETTERS[a * 26 + b];
}

/** True when the VR has a 32-bit length in explicit VR (PS3.5 7.1.2). */
export function hasLongLength(vr: Vr): boolean {
  return TRAITS[vr].longLength;
}

/** The byte that pads an odd-length value of this VR. */
export function paddingOf(vr: Vr): number {
  return TRAITS[vr].padding;
}

/** The size of the numbers a big-endian value of this VR holds (0: bytes or text). */
export function swapUnitOf(vr: Vr): 0 | 2 | 4 | 8 {
  return TRAITS[vr].swapUnit;
}

/** A copy of big-endian numbers of `unit` bytes each, turned little endian; a tail is kept. */
export function littleEndianCopy(bytes: Uint8Array, unit: 2 | 4 | 8): Uint8Array {
  const swapped = new Uint8Array(bytes.length);
  const whole = bytes.length - (bytes.length % unit);

  if (unit === 2) {
    // The common case (OW pixels, US): a tight loop, no inner one.
    for (let i = 0; i < whole; i += 2) {
      swapped[i] = bytes[i + 1] ?? 0;
      swapped[i + 1] = bytes[i] ?? 0;
    }
  } else {
    for (let i = 0; i < whole; i += unit) {
      for (let j = 0; j < unit; j++) swapped[i + j] = bytes[i + unit - 1 - j] ?? 0;
    }
  }
  swapped.set(bytes.subarray(whole), whole);
  return swapped;
}

/** How the data set after the file meta group is encoded. */
export interface DatasetEncoding {
  readonly explicitVr: boolean;
  readonly littleEndian: boolean;
  /** Raw deflate over the whole data set (PS3.5 A.5). */
  readonly deflated: boolean;
}

// JPIP Referenced Deflate (PS3.5 A.7): a deflated data set whose pixel data is referenced.
const JPIP_REFERENCED_DEFLATE = '1.2.840.10008.1.2.4.95';

/**
 * The data set encoding of a transfer syntax. Every syntax other than the three native ones and
 * the deflated ones is an encapsulated syntax, whose data set is Explicit VR Little Endian.
 */
export function datasetEncodingOf(transferSyntaxUid: string): DatasetEncoding {
  if (transferSyntaxUid === IMPLICIT_VR_LITTLE_ENDIAN) {
    return { explicitVr: false, littleEndian: true, deflated: false };
  }
  if (transferSyntaxUid === EXPLICIT_VR_BIG_ENDIAN) {
    return { explicitVr: true, littleEndian: false, deflated: false };
  }
  const deflated =
    transferSyntaxUid === DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN ||
    transferSyntaxUid === JPIP_REFERENCED_DEFLATE;
  return { explicitVr: true, littleEndian: true, deflated };
}

/** True for the syntaxes whose Pixel Data is native (not encapsulated). */
export function isNativeSyntax(transferSyntaxUid: string): boolean {
  return (
    transferSyntaxUid === IMPLICIT_VR_LITTLE_ENDIAN ||
    transferSyntaxUid === EXPLICIT_VR_LITTLE_ENDIAN ||
    transferSyntaxUid === EXPLICIT_VR_BIG_ENDIAN ||
    transferSyntaxUid === DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN
  );
}
