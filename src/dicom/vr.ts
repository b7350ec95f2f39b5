/**
 * Value representations (PS3.5 section 6.2), grouped by how their values are encoded.
 */

/** Value representations whose value is text, joined with `\` when multi-valued (PS3.5 §6.2). */
export type StringVr =
  | 'AE'
  | 'AS'
  | 'CS'
  | 'DA'
  | 'DS'
  | 'DT'
  | 'IS'
  | 'LO'
  | 'LT'
  | 'PN'
  | 'SH'
  | 'ST'
  | 'TM'
  | 'UC'
  | 'UI'
  | 'UR'
  | 'UT';

/** Value representations whose value is binary numbers; AT is a tag written as two uint16. */
export type NumberVr = 'AT' | 'FD' | 'FL' | 'SL' | 'SS' | 'UL' | 'US';

/** Value representations whose value is raw little-endian bytes. */
export type BytesVr = 'OB' | 'OD' | 'OF' | 'OL' | 'OW' | 'UN';

/** The 64-bit VRs of PS3.5 2019 and later, which the phantom writer never writes. */
export type LongVr = 'OV' | 'SV' | 'UV';

/** Every value representation of PS3.5 section 6.2. */
export type Vr = StringVr | NumberVr | BytesVr | LongVr | 'SQ';
