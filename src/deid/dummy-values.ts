/**
 * The D action (PS3.15 Table E.1-1a): a non-zero-length dummy value consistent with the VR.
 * The dummies say plainly that a value was removed and carry nothing from the original.
 */
import type { Vr } from '../dicom/vr.js';
import { encodeText } from './text-values.js';

// Text dummies within each VR's length and character limits (PS3.5 6.2).
const TEXT_DUMMIES: Readonly<Partial<Record<Vr, string>>> = {
  AE: 'ANONYMOUS',
  AS: '000Y',
  CS: 'ANONYMIZED',
  DA: '19000101',
  DS: '0',
  DT: '19000101000000',
  IS: '0',
  LO: 'ANONYMIZED',
  LT: 'ANONYMIZED',
  PN: 'ANONYMIZED',
  SH: 'ANONYMIZED',
  ST: 'ANONYMIZED',
  TM: '000000',
  UC: 'ANONYMIZED',
  UR: 'urn:ctbank:anonymized',
  UT: 'ANONYMIZED',
};

// Eight zero bytes are one value of every binary and number VR (the widest is 8 bytes).
const ZERO_VALUE_LENGTH = 8;

/** The dummy value bytes for a VR other than SQ and UI (which the engine replaces itself). */
export function dummyValue(vr: Vr): Uint8Array {
  const text = TEXT_DUMMIES[vr];
  if (text !== undefined) return encodeText(text, vr, 'ascii') ?? new Uint8Array(0);

  return new Uint8Array(ZERO_VALUE_LENGTH);
}
