/**
 * Guesses how a data set is encoded when the file does not say: files without the Part 10
 * preamble, or with a meta group that lacks (0002,0010). The first element of a data set is
 * read three ways (explicit little endian, explicit big endian, implicit little endian) and the
 * reading whose tag and VR make sense wins.
 */
import {
  EXPLICIT_VR_BIG_ENDIAN,
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
} from './transfer-syntax.js';

const KNOWN_VRS = new Set(
  (
    'AE AS AT CS DA DS DT FL FD IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL ' +
    'UN UR US UT UV'
  ).split(' '),
);

// The groups a data set plausibly starts with: the meta group, or group 0008 when there is
// none (PS3.5 section 7.1: elements are sorted by tag, and 0008 is the first standard group).
const PLAUSIBLE_FIRST_GROUPS = new Set([0x0002, 0x0008]);
const META_GROUP = 0x0002;

/** The transfer syntax a raw data set at byte 0 appears to use, or undefined when none fits. */
export function sniffRawDataSet(bytes: Uint8Array): string | undefined {
  if (bytes.length < 8) return undefined;

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const vr = String.fromCharCode(bytes[4] ?? 0, bytes[5] ?? 0);
  const groupLittle = view.getUint16(0, true);
  const groupBig = view.getUint16(0, false);

  if (PLAUSIBLE_FIRST_GROUPS.has(groupLittle) && KNOWN_VRS.has(vr))
    return EXPLICIT_VR_LITTLE_ENDIAN;
  if (PLAUSIBLE_FIRST_GROUPS.has(groupBig) && KNOWN_VRS.has(vr)) return EXPLICIT_VR_BIG_ENDIAN;
  if (PLAUSIBLE_FIRST_GROUPS.has(groupLittle) && view.getUint32(4, true) < bytes.length) {
    return IMPLICIT_VR_LITTLE_ENDIAN;
  }
  return undefined;
}

/**
 * The offset just past the file meta group (always explicit VR little endian, PS3.10 7.1)
 * starting at `start`, or undefined when the bytes there are not a meta group.
 */
export function metaGroupEnd(bytes: Uint8Array, start: number): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let position = start;

  while (position + 8 <= bytes.length && view.getUint16(position, true) === META_GROUP) {
    const vr = String.fromCharCode(bytes[position + 4] ?? 0, bytes[position + 5] ?? 0);
    const hasLongLength = vr === 'OB' || vr === 'UN' || vr === 'UT' || vr === 'SQ';
    if (!KNOWN_VRS.has(vr)) return undefined;

    const length = hasLongLength
      ? view.getUint32(position + 8, true)
      : view.getUint16(position + 6, true);
    position += (hasLongLength ? 12 : 8) + length;
  }
  return position === start ? undefined : position;
}
