/**
 * Clean Pixel Data (PS3.15 E.3.1): the text blocks OCR confirmed in a slice are overwritten
 * with air, the slice is screened and read again to prove no text is left, and the new stored
 * values are handed back to be written in place of the original Pixel Data. Only native
 * (uncompressed) single-frame slices can be blanked: re-encoding a compressed stream would
 * change every pixel, so a compressed slice with text stays quarantined.
 */
import type { DicomFile } from '../dicom/dataset.js';
import { TAGS } from '../dicom/tags.js';
import { hasCode } from '../errors.js';
import type { LazyReader } from './burned-in-confirm.js';
import { decodeUncompressedCtImage } from './burned-in-decode.js';
import { blankRegions, screenForBurnedInText } from './burned-in-text.js';
import { readText } from './text-values.js';

/** Blanked Pixel Data, or why the slice cannot be blanked. */
export type BlankResult =
  | { readonly status: 'blanked'; readonly pixelData: Uint8Array; readonly regions: number }
  | { readonly status: 'not-blankable'; readonly detail: string };

// The blanked boxes read as the slice's own air (its most common value below this, in HU),
// so they look like the background around them; a slice without such air gets water-free air.
const AIR_BELOW_HU = -900;
const DEFAULT_AIR_HU = -1000;

/** Overwrites the confirmed text of one native slice and checks that none is left. */
export async function blankBurnedInText(
  bytes: Uint8Array,
  file: DicomFile,
  sourcePath: string,
  ocr: LazyReader,
): Promise<BlankResult> {
  const image = nativeImage(bytes, sourcePath);
  const layout = storedLayout(file);
  if (image === undefined || layout === undefined) {
    return { status: 'not-blankable', detail: 'compressed or unusual pixels cannot be blanked' };
  }

  const found = await screenForBurnedInText(image, { reader: await ocr.get() });
  blankRegions(image, found.regions, airValueOf(image.hu));
  const again = await screenForBurnedInText(image, { reader: await ocr.get() });
  if (again.suspicious) {
    return { status: 'not-blankable', detail: `text remains after blanking: ${again.reason}` };
  }

  const pixelData = encodeStored(image.hu, layout);
  return { status: 'blanked', pixelData, regions: found.regions.length };
}

function airValueOf(hu: Int16Array | Float32Array): number {
  const counts = new Map<number, number>();
  for (const value of hu) {
    if (value < AIR_BELOW_HU) counts.set(value, (counts.get(value) ?? 0) + 1);
  }

  let air = DEFAULT_AIR_HU;
  let most = 0;
  for (const [value, count] of counts) {
    if (count > most) [air, most] = [value, count];
  }
  return air;
}

interface StoredLayout {
  readonly signed: boolean;
  readonly slope: number;
  readonly intercept: number;
  readonly bitsStored: number;
}

function nativeImage(bytes: Uint8Array, sourcePath: string) {
  try {
    return decodeUncompressedCtImage(bytes, sourcePath);
  } catch (thrown) {
    if (hasCode(thrown, 'PIXEL_DATA_UNSUPPORTED')) return undefined;
    throw thrown;
  }
}

// 16-bit single-sample pixels only (PS3.3 C.7.6.3), the layout of nearly every CT.
function storedLayout(file: DicomFile): StoredLayout | undefined {
  const element = (keyword: keyof typeof TAGS) =>
    file.dataset.elements.find((candidate) => candidate.tag === TAGS[keyword].tag);
  const us = (keyword: 'BitsAllocated' | 'BitsStored' | 'PixelRepresentation') => {
    const value = element(keyword)?.value;
    return value === undefined || value.length < 2
      ? undefined
      : (value[0] ?? 0) | ((value[1] ?? 0) << 8);
  };
  const ds = (keyword: 'RescaleSlope' | 'RescaleIntercept', fallback: number) => {
    const found = element(keyword);
    const parsed = Number.parseFloat(found === undefined ? '' : readText(found, 'latin1'));
    return Number.isFinite(parsed) ? parsed : fallback;
  };
  if (us('BitsAllocated') !== 16) return undefined;

  return {
    signed: us('PixelRepresentation') === 1,
    slope: ds('RescaleSlope', 1) || 1,
    intercept: ds('RescaleIntercept', 0),
    bitsStored: us('BitsStored') ?? 16,
  };
}

// Back from HU to stored values, clamped to what Bits Stored can hold, little endian.
function encodeStored(hu: Int16Array | Float32Array, layout: StoredLayout): Uint8Array {
  const out = new DataView(new ArrayBuffer(hu.length * 2));
  const max = layout.signed ? 2 ** (layout.bitsStored - 1) - 1 : 2 ** layout.bitsStored - 1;
  const min = layout.signed ? -(2 ** (layout.bitsStored - 1)) : 0;

  for (let index = 0; index < hu.length; index++) {
    const stored = Math.round(((hu[index] ?? 0) - layout.intercept) / layout.slope);
    const clamped = Math.min(max, Math.max(min, stored));
    if (layout.signed) out.setInt16(index * 2, clamped, true);
    else out.setUint16(index * 2, clamped, true);
  }
  return new Uint8Array(out.buffer);
}
