/**
 * Writes the model of dataset.ts as a Part 10 file (PS3.10 section 7): a zero preamble, `DICM`,
 * a regenerated meta group, then the data set in Explicit VR Little Endian, or in its original
 * encapsulated syntax when Pixel Data is encapsulated (the data set itself is explicit little
 * endian there too, PS3.5 A.4).
 *
 * Every sequence and item gets a defined length and every value an even length (PS3.5 7.5 and
 * 6.2). The sizes are measured first and the file is assembled in one zero-filled allocation, so
 * Pixel Data is copied once and no byte of earlier memory can reach the output. Group lengths
 * (gggg,0000) other than the meta group's are retired (PS3.5 7.2) and left out, as is any group
 * 0002 element found in the data set. A value too long for a 16-bit length field (over 65534
 * bytes) is written with VR UN and a 32-bit length, as PS3.5 6.2.2 prescribes (CP-1066); readers
 * that know the tag restore its VR, and parseDicomFile does.
 */
import { CtbankError } from '../errors.js';
import type { DicomElement, DicomFile } from './dataset.js';
import {
  ITEM,
  MAX_SHORT_LENGTH,
  SEQUENCE_DELIMITATION,
  UNDEFINED_LENGTH,
  datasetEncodingOf,
  hasLongLength,
  isNativeSyntax,
  paddingOf,
} from './dataset-encoding.js';
import { fileMetaElements, groupLengthElement } from './dataset-file-meta.js';
import { tagText } from './dictionary.js';
import { TAGS } from './tags.js';
import { EXPLICIT_VR_LITTLE_ENDIAN } from './transfer-syntax.js';
import type { Vr } from './vr.js';

/** Choices for {@link writeDicomFile}. */
export interface WriteOptions {
  /**
   * The transfer syntax to declare: Explicit VR Little Endian for native Pixel Data (or none),
   * an encapsulated syntax matching the fragments otherwise. Default: the one that fits.
   */
  readonly transferSyntaxUid?: string;
}

const PIXEL_DATA = TAGS.PixelData.tag;
const PREFIX_LENGTH = 132; // 128-byte preamble + "DICM"
const META_GROUP = 0x0002;
const EMPTY = new Uint8Array(0);

/** Encodes a parsed (and possibly edited) file as a Part 10 file. */
export function writeDicomFile(file: DicomFile, options: WriteOptions = {}): Uint8Array {
  const transferSyntaxUid = outputSyntax(file, options.transferSyntaxUid);
  const layout = new Layout(isNativeSyntax(transferSyntaxUid));

  const metaElements = fileMetaElements(file, transferSyntaxUid);
  const metaLength = layout.measure(metaElements, false);
  const groupLength = groupLengthElement(metaLength);
  const datasetLength = layout.measure(file.dataset.elements, true);

  const out = new Uint8Array(PREFIX_LENGTH + 12 + metaLength + datasetLength);
  out.set([0x44, 0x49, 0x43, 0x4d], 128); // "DICM"
  const encoder = new Encoder(out, layout, PREFIX_LENGTH);
  encoder.writeElement(groupLength);
  encoder.writeElements(metaElements, false);
  encoder.writeElements(file.dataset.elements, true);

  return out;
}

function outputSyntax(file: DicomFile, requested: string | undefined): string {
  const pixelData = file.dataset.elements.findLast((element) => element.tag === PIXEL_DATA);
  const encapsulated = pixelData?.fragments !== undefined;
  const syntax = requested ?? (encapsulated ? file.transferSyntaxUid : EXPLICIT_VR_LITTLE_ENDIAN);

  const isEncapsulatedSyntax = !isNativeSyntax(syntax) && !datasetEncodingOf(syntax).deflated;
  if (encapsulated ? isEncapsulatedSyntax : syntax === EXPLICIT_VR_LITTLE_ENDIAN) return syntax;

  const pixels = encapsulated
    ? 'encapsulated Pixel Data'
    : 'a data set without encapsulated pixels';
  throw new CtbankError('UNWRITABLE', `cannot write ${pixels} in transfer syntax ${syntax}`);
}

// Group lengths are retired outside the meta group; group 0002 belongs to the meta group only.
function isWritten(element: DicomElement, topLevel: boolean): boolean {
  if (element.tag % 0x10000 === 0) return false;
  return !(topLevel && Math.floor(element.tag / 0x10000) === META_GROUP);
}

function evenLength(length: number): number {
  return length + (length & 1);
}

/** The VR an element is written with: SQ for items, OB for fragments, UN for long values. */
function writtenVr(element: DicomElement, valueLength: number): Vr {
  if (element.items !== undefined) return 'SQ';
  if (element.fragments !== undefined) return 'OB';
  if (!hasLongLength(element.vr) && valueLength > MAX_SHORT_LENGTH) return 'UN';
  return element.vr;
}

/**
 * First pass: the length of every sequence and item, in the order the second pass writes them,
 * and the elements of each data set in ascending tag order (PS3.5 7.1).
 */
class Layout {
  /** Sequence and item lengths in depth-first order. */
  readonly lengths: number[] = [];
  private readonly native: boolean;
  private readonly reordered = new Map<readonly DicomElement[], readonly DicomElement[]>();

  constructor(native: boolean) {
    this.native = native;
  }

  /** The encoded length of the elements of one data set or item. */
  measure(elements: readonly DicomElement[], topLevel: boolean): number {
    let length = 0;
    for (const element of this.ordered(elements)) {
      if (isWritten(element, topLevel)) length += this.measureElement(element);
    }
    return length;
  }

  /** The elements in ascending tag order: the same array when they already are. */
  ordered(elements: readonly DicomElement[]): readonly DicomElement[] {
    const known = this.reordered.get(elements);
    if (known !== undefined) return known;

    for (let i = 1; i < elements.length; i++) {
      if ((elements[i]?.tag ?? 0) < (elements[i - 1]?.tag ?? 0)) {
        const sorted = [...elements].sort((a, b) => a.tag - b.tag);
        this.reordered.set(elements, sorted);
        return sorted;
      }
    }
    return elements;
  }

  private measureElement(element: DicomElement): number {
    if (element.items !== undefined) {
      const slot = this.lengths.push(0) - 1;
      let body = 0;
      for (const item of element.items) {
        const itemSlot = this.lengths.push(0) - 1;
        const itemLength = this.measure(item.elements, false);
        this.lengths[itemSlot] = itemLength;
        body += 8 + itemLength;
      }
      this.lengths[slot] = body;
      return 12 + body;
    }

    if (element.fragments !== undefined) {
      if (this.native) {
        const where = tagText(element.tag);
        throw new CtbankError('UNWRITABLE', `${where} holds fragments in a native syntax`);
      }
      let body = 8; // the Sequence Delimitation Item
      for (const fragment of element.fragments) body += 8 + evenLength(fragment.length);
      return 12 + body;
    }

    if (element.vr === 'SQ' && element.value !== undefined && element.value.length > 0) {
      throw new CtbankError('UNWRITABLE', `${tagText(element.tag)} is SQ but holds bytes`);
    }
    const length = evenLength(element.value?.length ?? 0);
    return (hasLongLength(writtenVr(element, length)) ? 12 : 8) + length;
  }
}

/** Second pass: writes elements into the output at the lengths the layout measured. */
class Encoder {
  private readonly out: Uint8Array;
  private readonly layout: Layout;
  private position: number;
  private nextLength = 0;

  constructor(out: Uint8Array, layout: Layout, position: number) {
    this.out = out;
    this.layout = layout;
    this.position = position;
  }

  writeElements(elements: readonly DicomElement[], topLevel: boolean): void {
    for (const element of this.layout.ordered(elements)) {
      if (isWritten(element, topLevel)) this.writeElement(element);
    }
  }

  writeElement(element: DicomElement): void {
    if (element.items !== undefined) {
      this.writeHeader(element.tag, 'SQ', this.takeLength());
      for (const item of element.items) {
        this.writeItemHeader(ITEM, this.takeLength());
        this.writeElements(item.elements, false);
      }
      return;
    }

    if (element.fragments !== undefined) {
      this.writeHeader(element.tag, 'OB', UNDEFINED_LENGTH);
      for (const fragment of element.fragments) {
        this.writeItemHeader(ITEM, evenLength(fragment.length));
        this.writeValue(fragment, 0x00);
      }
      this.writeItemHeader(SEQUENCE_DELIMITATION, 0);
      return;
    }

    const value = element.value ?? EMPTY;
    const length = evenLength(value.length);
    this.writeHeader(element.tag, writtenVr(element, length), length);
    this.writeValue(value, paddingOf(element.vr));
  }

  private takeLength(): number {
    const length = this.layout.lengths[this.nextLength];
    this.nextLength += 1;
    if (length === undefined) throw new CtbankError('INTERNAL', 'sequence lengths out of step');
    return length;
  }

  private writeHeader(tag: number, vr: Vr, length: number): void {
    const out = this.out;
    const at = this.position;
    writeTag(out, at, tag);
    out[at + 4] = vr.charCodeAt(0);
    out[at + 5] = vr.charCodeAt(1);

    if (hasLongLength(vr)) {
      // bytes at + 6 and at + 7 are reserved and stay zero (PS3.5 7.1.2)
      writeUint32(out, at + 8, length);
      this.position = at + 12;
    } else {
      out[at + 6] = length & 0xff;
      out[at + 7] = length >>> 8;
      this.position = at + 8;
    }
  }

  private writeItemHeader(tag: number, length: number): void {
    writeTag(this.out, this.position, tag);
    writeUint32(this.out, this.position + 4, length);
    this.position += 8;
  }

  private writeValue(value: Uint8Array, padding: number): void {
    const out = this.out;
    let at = this.position;
    if (value.length > 16) {
      out.set(value, at);
      at += value.length;
    } else {
      // Short values: a loop beats set() (header writing about 10 % faster on phantom CT slices).
      for (let i = 0; i < value.length; i++) out[at++] = value[i] ?? 0;
    }
    if (value.length % 2 === 1) out[at++] = padding;
    this.position = at;
  }
}

function writeTag(out: Uint8Array, at: number, tag: number): void {
  out[at] = (tag >>> 16) & 0xff;
  out[at + 1] = tag >>> 24;
  out[at + 2] = tag & 0xff;
  out[at + 3] = (tag >>> 8) & 0xff;
}

function writeUint32(out: Uint8Array, at: number, value: number): void {
  out[at] = value & 0xff;
  out[at + 1] = (value >>> 8) & 0xff;
  out[at + 2] = (value >>> 16) & 0xff;
  out[at + 3] = value >>> 24;
}
