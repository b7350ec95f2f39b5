/**
 * Reads the elements of a data set, every depth, into the model of dataset.ts (PS3.5 section 7).
 * Values are views of the input bytes; only big-endian numbers are copied, to turn them little
 * endian. Sequences and items of defined and undefined length, encapsulated Pixel Data
 * (PS3.5 A.4) and UN elements that hide a sequence (PS3.5 6.2.2) are all read the same way.
 */
import { CtbankError, type ErrorCode } from '../errors.js';
import type { DicomDataset, DicomElement } from './dataset.js';
import {
  ITEM,
  ITEM_DELIMITATION,
  SEQUENCE_DELIMITATION,
  UNDEFINED_LENGTH,
  hasLongLength,
  littleEndianCopy,
  swapUnitOf,
  vrFromBytes,
  type DatasetEncoding,
} from './dataset-encoding.js';
import { describeTag, implicitVr, lookupTag } from './dictionary.js';
import { TAGS } from './tags.js';
import type { Vr } from './vr.js';

const PIXEL_DATA = TAGS.PixelData.tag;
const PIXEL_REPRESENTATION = TAGS.PixelRepresentation.tag;
const META_GROUP = 0x0002;

// Sequences nest far less deeply in real data (structured reports reach a few dozen levels);
// the limit keeps a crafted file from exhausting the stack.
const MAX_SEQUENCE_DEPTH = 256;

/** Reads one buffer: the file meta group, then the data set, each in its own encoding. */
export class DatasetReader {
  /** The offset just past the last thing read. */
  position = 0;

  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  private readonly file: string;
  /** Said after offsets in error messages, e.g. that they count in an inflated data set. */
  private readonly offsetNote: string;
  private explicitVr = true;
  private littleEndian = true;
  // Pixel Representation seen so far: 1 makes the "US or SS" attributes SS (PS3.3 C.7.6.3).
  private pixelRepresentation = 0;
  private depth = 0;

  constructor(bytes: Uint8Array, file: string, offsetNote = '') {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.file = file;
    this.offsetNote = offsetNote;
  }

  /** The file meta group at `start`: explicit VR little endian, group 0002 (PS3.10 7.1). */
  readMeta(start: number): DicomElement[] {
    this.explicitVr = true;
    this.littleEndian = true;
    this.position = start;

    const elements: DicomElement[] = [];
    while (this.position + 8 <= this.bytes.length) {
      const at = this.position;
      if (this.view.getUint16(at, true) !== META_GROUP) break;
      elements.push(this.readElement(this.readTag(at), at));
    }
    return elements;
  }

  /** The data set from `start` to the end of the bytes. */
  readDataset(start: number, encoding: DatasetEncoding): DicomDataset {
    this.explicitVr = encoding.explicitVr;
    this.littleEndian = encoding.littleEndian;
    this.position = start;

    return { elements: this.readElements(this.bytes.length, false) };
  }

  // Reads elements up to `end`, or up to an Item Delimitation Item when `delimited`.
  private readElements(end: number, delimited: boolean): DicomElement[] {
    const elements: DicomElement[] = [];

    while (this.position < end) {
      const at = this.position;
      this.need(at, 8, end, undefined);
      const tag = this.readTag(at);

      if (tag === ITEM_DELIMITATION) {
        this.position = at + 8;
        if (delimited) return elements;
        continue; // a stray delimiter inside a defined-length item carries nothing
      }
      if (tag === SEQUENCE_DELIMITATION) {
        // An undefined-length item whose own delimiter is missing ends with its sequence.
        if (delimited) return elements;
        this.position = at + 8;
        continue;
      }
      elements.push(this.readElement(tag, at));
    }

    if (delimited) this.fail(end, 'an item of undefined length has no Item Delimitation Item');
    if (this.position > end) this.fail(end, 'an element runs past the end of its item');
    return elements;
  }

  private readElement(tag: number, at: number): DicomElement {
    let vr: Vr;
    let length: number;
    let valueStart: number;

    if (this.explicitVr) {
      const written = vrFromBytes(this.bytes[at + 4] ?? 0, this.bytes[at + 5] ?? 0);
      if (written === undefined) {
        throw this.error(
          'MALFORMED_ELEMENT',
          'has no valid VR in an explicit VR data set',
          tag,
          at,
        );
      }
      vr = written;
      if (hasLongLength(vr)) {
        this.need(at, 12, this.bytes.length, tag);
        length = this.view.getUint32(at + 8, this.littleEndian);
        valueStart = at + 12;
      } else {
        length = this.view.getUint16(at + 6, this.littleEndian);
        valueStart = at + 8;
      }
    } else {
      vr = this.implicitVrOf(tag);
      length = this.view.getUint32(at + 4, this.littleEndian);
      valueStart = at + 8;
    }

    if (length === UNDEFINED_LENGTH) return this.readUndefinedLength(tag, vr, at, valueStart);

    const valueEnd = valueStart + length;
    if (valueEnd > this.bytes.length) {
      throw this.error('TRUNCATED', `needs ${length} bytes, the file ends first`, tag, at);
    }
    this.position = valueEnd;

    if (vr === 'SQ') return { tag, vr, items: this.readItems(tag, valueStart, valueEnd) };
    if (vr === 'UN' && this.explicitVr) return this.readUnknown(tag, valueStart, valueEnd);

    const value = this.valueOf(vr, valueStart, valueEnd);
    if (tag === PIXEL_REPRESENTATION && value.length >= 2) {
      this.pixelRepresentation = (value[0] ?? 0) | ((value[1] ?? 0) << 8);
    }
    return { tag, vr, value };
  }

  private readUndefinedLength(tag: number, vr: Vr, at: number, valueStart: number): DicomElement {
    if (tag === PIXEL_DATA) {
      // Encapsulated Pixel Data is OB whatever VR the header claims (PS3.5 A.4).
      return { tag, vr: 'OB', fragments: this.readFragments(tag, valueStart) };
    }
    if (vr === 'SQ' || !this.explicitVr) {
      return { tag, vr: 'SQ', items: this.readItems(tag, valueStart, undefined) };
    }
    if (vr === 'UN') {
      // A sequence in UN with undefined length is Implicit VR Little Endian (PS3.5 6.2.2).
      const items = this.inImplicitLittleEndian(() => this.readItems(tag, valueStart, undefined));
      return { tag, vr: 'SQ', items };
    }
    throw this.error('MALFORMED_ELEMENT', `has undefined length with VR ${vr}`, tag, at);
  }

  // Items from `start` to `end`, or to a Sequence Delimitation Item when `end` is undefined.
  private readItems(tag: number, start: number, end: number | undefined): DicomDataset[] {
    if (this.depth >= MAX_SEQUENCE_DEPTH) {
      const message = `nests sequences deeper than ${MAX_SEQUENCE_DEPTH} levels`;
      throw this.error('MALFORMED_ELEMENT', message, tag, start);
    }
    this.depth += 1;
    try {
      return this.readItemList(tag, start, end);
    } finally {
      this.depth -= 1;
    }
  }

  private readItemList(tag: number, start: number, end: number | undefined): DicomDataset[] {
    const items: DicomDataset[] = [];
    const limit = end ?? this.bytes.length;
    this.position = start;

    while (end === undefined || this.position < end) {
      const at = this.position;
      this.need(at, 8, limit, tag);
      const itemTag = this.readTag(at);
      const length = this.view.getUint32(at + 4, this.littleEndian);

      if (itemTag === SEQUENCE_DELIMITATION) {
        this.position = at + 8;
        if (end === undefined) return items;
        continue;
      }
      if (itemTag !== ITEM) {
        throw this.error('MALFORMED_ELEMENT', 'holds something other than an item', tag, at);
      }

      this.position = at + 8;
      if (length === UNDEFINED_LENGTH) {
        items.push({ elements: this.readElements(limit, true) });
        continue;
      }
      this.need(at + 8, length, limit, tag);
      items.push({ elements: this.readElements(at + 8 + length, false) });
    }
    return items;
  }

  // The Basic Offset Table item and every fragment, up to the Sequence Delimitation Item.
  private readFragments(tag: number, start: number): Uint8Array[] {
    const fragments: Uint8Array[] = [];
    let at = start;

    for (;;) {
      this.need(at, 8, this.bytes.length, tag);
      const itemTag = this.readTag(at);
      const length = this.view.getUint32(at + 4, this.littleEndian);

      if (itemTag === SEQUENCE_DELIMITATION) break;
      if (itemTag !== ITEM || length === UNDEFINED_LENGTH) {
        throw this.error('MALFORMED_ELEMENT', 'has a fragment that is not a defined item', tag, at);
      }
      this.need(at + 8, length, this.bytes.length, tag);
      fragments.push(this.bytes.subarray(at + 8, at + 8 + length));
      at += 8 + length;
    }

    this.position = at + 8;
    return fragments;
  }

  // An explicit UN element: a standard one gets its dictionary VR back, and when that is SQ its
  // value is read as an Implicit VR Little Endian sequence (PS3.5 6.2.2); a private creator is
  // LO (PS3.5 7.8.1); other private elements stay UN.
  private readUnknown(tag: number, start: number, end: number): DicomElement {
    const isPrivate = Math.floor(tag / 0x10000) % 2 === 1;
    const entry = isPrivate ? undefined : lookupTag(tag);
    if (entry === undefined) {
      const vr = isPrivate ? implicitVr(tag) : 'UN';
      return { tag, vr, value: this.valueOf(vr, start, end) };
    }

    if (entry.vr === 'SQ') {
      const items = this.inImplicitLittleEndian(() => this.readItems(tag, start, end));
      this.position = end;
      return { tag, vr: 'SQ', items };
    }
    const vr = this.refineAmbiguous(entry.vr, entry.alternativeVr);
    return { tag, vr, value: this.valueOf(vr, start, end) };
  }

  private implicitVrOf(tag: number): Vr {
    const vr = implicitVr(tag);
    if (vr !== 'US') return vr;
    return this.refineAmbiguous(vr, lookupTag(tag)?.alternativeVr);
  }

  private refineAmbiguous(vr: Vr, alternativeVr: Vr | undefined): Vr {
    return alternativeVr === 'SS' && this.pixelRepresentation === 1 ? 'SS' : vr;
  }

  private inImplicitLittleEndian<T>(read: () => T): T {
    const { explicitVr, littleEndian } = this;
    this.explicitVr = false;
    this.littleEndian = true;
    try {
      return read();
    } finally {
      this.explicitVr = explicitVr;
      this.littleEndian = littleEndian;
    }
  }

  // A view of the value, or for big endian a copy with every number turned little endian.
  private valueOf(vr: Vr, start: number, end: number): Uint8Array {
    const view = this.bytes.subarray(start, end);
    const unit = this.littleEndian ? 0 : swapUnitOf(vr);
    if (unit === 0) return view;

    return littleEndianCopy(view, unit);
  }

  private readTag(at: number): number {
    const group = this.view.getUint16(at, this.littleEndian);
    const element = this.view.getUint16(at + 2, this.littleEndian);
    return group * 0x10000 + element;
  }

  // Throws unless `count` bytes from `at` lie within `end`: TRUNCATED when the file ends first.
  private need(at: number, count: number, end: number, tag: number | undefined): void {
    if (at + count <= end) return;

    const truncated = at + count > this.bytes.length;
    const what = truncated ? 'the file ends' : 'its sequence or item ends';
    const code: ErrorCode = truncated ? 'TRUNCATED' : 'MALFORMED_ELEMENT';
    throw this.error(code, `needs ${count} more bytes, ${what} first`, tag, at);
  }

  private fail(at: number, message: string): never {
    const code: ErrorCode = at >= this.bytes.length ? 'TRUNCATED' : 'MALFORMED_ELEMENT';
    throw this.error(code, message, undefined, at);
  }

  private error(
    code: ErrorCode,
    message: string,
    tag: number | undefined,
    at: number,
  ): CtbankError {
    const keyword = tag === undefined ? undefined : describeTag(tag);
    const subject = keyword === undefined ? 'the data set' : keyword;
    return new CtbankError(
      code,
      `${this.file}: ${subject} ${message} (offset ${at}${this.offsetNote})`,
      keyword === undefined
        ? { file: this.file, offset: at }
        : { file: this.file, keyword, offset: at },
    );
  }
}
