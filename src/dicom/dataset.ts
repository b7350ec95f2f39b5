/**
 * The in-memory model of a whole DICOM data set, every element at every depth, as the
 * de-identifier and the audit need it (PS3.5 section 7). Values stay as bytes in Explicit VR
 * Little Endian form, so that an element nobody changes is written back byte for byte and large
 * values (Pixel Data) are views into the file, never copies.
 */
import type { Vr } from './vr.js';

/** One element. Exactly one of `value`, `items` or `fragments` is set. */
export interface DicomElement {
  /** (group << 16) | element, e.g. 0x00100010. */
  readonly tag: number;
  /**
   * The VR as written, or as the dictionary gives it for Implicit VR; 'UN' when unknown. A
   * standard element written as UN gets its dictionary VR back (PS3.5 6.2.2), a UN sequence of
   * undefined length is SQ, and encapsulated Pixel Data is OB.
   */
  readonly vr: Vr;
  /** The value bytes, little endian, without padding removed. */
  readonly value?: Uint8Array;
  /** Sequence items (VR SQ). */
  readonly items?: readonly DicomDataset[];
  /**
   * Encapsulated Pixel Data (PS3.5 A.4): the Basic Offset Table item first (possibly empty),
   * then every fragment, each without its item header.
   */
  readonly fragments?: readonly Uint8Array[];
}

/** A data set or sequence item: elements in ascending tag order. */
export interface DicomDataset {
  readonly elements: readonly DicomElement[];
}

/** A whole Part 10 file. */
export interface DicomFile {
  /** The File Meta Information group (0002,xxxx), as read. */
  readonly meta: DicomDataset;
  /** Everything after the meta group. */
  readonly dataset: DicomDataset;
  /** The transfer syntax the data set was encoded in. */
  readonly transferSyntaxUid: string;
}
