/**
 * The File Meta Information group ctbank writes (PS3.10 section 7.1): regenerated for every
 * file, never copied, so that nothing an earlier writer put there (source AE titles, private
 * information, stale UIDs) survives.
 */
import type { DicomElement, DicomFile } from './dataset.js';
import { CTBANK_IMPLEMENTATION_CLASS_UID } from './part10-writer.js';
import { TAGS } from './tags.js';

/**
 * ctbank's Implementation Version Name (0002,0013), 16 characters at most (PS3.7 D.3.3.2.2).
 * The Implementation Class UID is the phantom writer's `CTBANK_IMPLEMENTATION_CLASS_UID`, one
 * UID for one implementation: the random (version 4) UUID 3681cc12-b890-46ba-96fc-7984f66e298f
 * written as one decimal integer under `2.25` (ITU-T X.667), so no organisation root is needed.
 */
export const IMPLEMENTATION_VERSION_NAME = 'CTBANK_0_1';

const NUL = 0x00;
const SPACE = 0x20;

/**
 * The meta elements after the group length: version 00\01, the SOP class and instance taken
 * from the data set, the transfer syntax and ctbank's implementation. The SOP class falls back
 * to the old meta (a DICOMDIR has none in its data set); the instance never does, so that an
 * old UID cannot slip through a de-identified data set's meta.
 */
export function fileMetaElements(file: DicomFile, transferSyntaxUid: string): DicomElement[] {
  const sopClass =
    topLevelValue(file.dataset.elements, TAGS.SOPClassUID.tag) ??
    topLevelValue(file.meta.elements, TAGS.MediaStorageSOPClassUID.tag);
  const sopInstance = topLevelValue(file.dataset.elements, TAGS.SOPInstanceUID.tag);

  return [
    { tag: TAGS.FileMetaInformationVersion.tag, vr: 'OB', value: Uint8Array.of(0x00, 0x01) },
    { tag: TAGS.MediaStorageSOPClassUID.tag, vr: 'UI', value: uidValue(sopClass) },
    { tag: TAGS.MediaStorageSOPInstanceUID.tag, vr: 'UI', value: uidValue(sopInstance) },
    { tag: TAGS.TransferSyntaxUID.tag, vr: 'UI', value: uidValue(latin1(transferSyntaxUid)) },
    {
      tag: TAGS.ImplementationClassUID.tag,
      vr: 'UI',
      value: uidValue(latin1(CTBANK_IMPLEMENTATION_CLASS_UID)),
    },
    {
      tag: TAGS.ImplementationVersionName.tag,
      vr: 'SH',
      value: latin1(IMPLEMENTATION_VERSION_NAME),
    },
  ];
}

/** File Meta Information Group Length (0002,0000): the byte count of the elements after it. */
export function groupLengthElement(length: number): DicomElement {
  const value = new Uint8Array(4);
  new DataView(value.buffer).setUint32(0, length, true);
  return { tag: TAGS.FileMetaInformationGroupLength.tag, vr: 'UL', value };
}

function topLevelValue(elements: readonly DicomElement[], tag: number): Uint8Array | undefined {
  return elements.find((element) => element.tag === tag)?.value;
}

// A UID value as bytes: trailing padding of either kind dropped, then NUL to even (PS3.5 9.1).
function uidValue(bytes: Uint8Array | undefined): Uint8Array {
  if (bytes === undefined) return new Uint8Array(0);

  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === NUL || bytes[end - 1] === SPACE)) end -= 1;
  const padded = new Uint8Array(end + (end % 2));
  padded.set(bytes.subarray(0, end));
  return padded;
}

function latin1(text: string): Uint8Array {
  return Buffer.from(text, 'latin1');
}
