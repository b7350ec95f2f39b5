/**
 * Which decoder reads the Pixel Data of each transfer syntax (PS3.5 section 10 and Annex A,
 * PS3.6 Annex A). Native syntaxes need none; the encapsulated ones CT archives use each have
 * one codec. JPEG Baseline and Extended (.50, .51, lossy DCT) are not among them yet.
 */
import {
  DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
  EXPLICIT_VR_BIG_ENDIAN,
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
} from './transfer-syntax.js';

/** How one transfer syntax's pixels are decoded. */
export type PixelCodec = 'native' | 'jpeg-lossless' | 'jpeg-ls' | 'jpeg-2000' | 'rle';

/** A transfer syntax the decoder reads: its codec and whether it may lose information. */
export interface PixelSyntax {
  readonly codec: PixelCodec;
  readonly lossy: boolean;
}

const native: PixelSyntax = { codec: 'native', lossy: false };

const SYNTAXES: ReadonlyMap<string, PixelSyntax> = new Map([
  [IMPLICIT_VR_LITTLE_ENDIAN, native],
  [EXPLICIT_VR_LITTLE_ENDIAN, native],
  [DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, native],
  [EXPLICIT_VR_BIG_ENDIAN, native],
  // JPEG Lossless, Non-Hierarchical (Process 14), and its Selection Value 1 form.
  ['1.2.840.10008.1.2.4.57', { codec: 'jpeg-lossless', lossy: false }],
  ['1.2.840.10008.1.2.4.70', { codec: 'jpeg-lossless', lossy: false }],
  // JPEG-LS Lossless and Near-Lossless.
  ['1.2.840.10008.1.2.4.80', { codec: 'jpeg-ls', lossy: false }],
  ['1.2.840.10008.1.2.4.81', { codec: 'jpeg-ls', lossy: true }],
  // JPEG 2000 Lossless Only, and JPEG 2000 (lossless or lossy).
  ['1.2.840.10008.1.2.4.90', { codec: 'jpeg-2000', lossy: false }],
  ['1.2.840.10008.1.2.4.91', { codec: 'jpeg-2000', lossy: true }],
  ['1.2.840.10008.1.2.5', { codec: 'rle', lossy: false }],
] as const);

/** The codec of a transfer syntax, or undefined when its pixels are not decoded here. */
export function pixelSyntaxOf(transferSyntaxUid: string): PixelSyntax | undefined {
  return SYNTAXES.get(transferSyntaxUid);
}
