/**
 * Finds the bytes of one frame in Pixel Data: a slice of a native value (PS3.5 8.1.1), or the
 * fragments of an encapsulated value that make up the frame (PS3.5 A.4), located by the Basic
 * Offset Table, by one fragment per frame, or by the codec markers that open each frame.
 */
import type { ErrorPlace } from '../errors.js';
import type { DicomElement } from './dataset.js';
import { pixelDecodeFailed as failed } from './pixel-errors.js';
import type { PixelLayout } from './pixel-layout.js';

const ITEM_HEADER_BYTES = 8;

/** The bytes of frame `frameIndex` of native Pixel Data. */
export function nativeFrameBytes(
  pixelData: DicomElement,
  layout: PixelLayout,
  frameIndex: number,
  place: ErrorPlace,
): Uint8Array {
  const value = pixelData.value;
  const frameBytes = layout.rows * layout.columns * (layout.bitsAllocated / 8);
  const start = frameIndex * frameBytes;
  if (value === undefined || value.length < start + frameBytes) {
    const held = value?.length ?? 0;
    throw failed(
      place,
      `Pixel Data holds ${held} bytes; frame ${frameIndex + 1} needs up to ${start + frameBytes}`,
    );
  }

  return value.subarray(start, start + frameBytes);
}

/** The codestream of frame `frameIndex` of encapsulated Pixel Data (fragments joined). */
export function encapsulatedFrameBytes(
  fragments: readonly Uint8Array[],
  frameCount: number,
  frameIndex: number,
  place: ErrorPlace,
): Uint8Array {
  const [offsetTable = new Uint8Array(0), ...data] = fragments;
  if (data.length === 0) throw failed(place, 'encapsulated Pixel Data holds no fragment');

  const groups = frameGroups(offsetTable, data, frameCount);
  const group = groups?.[frameIndex];
  if (groups === undefined || group === undefined) {
    const why = `cannot tell where frame ${frameIndex + 1} of ${frameCount} starts`;
    throw failed(place, `${why} among ${data.length} fragments`);
  }

  return join(data.slice(group.first, group.end));
}

interface FragmentGroup {
  readonly first: number;
  readonly end: number;
}

function frameGroups(
  offsetTable: Uint8Array,
  data: readonly Uint8Array[],
  frameCount: number,
): FragmentGroup[] | undefined {
  if (frameCount === 1) return [{ first: 0, end: data.length }];

  const byTable = groupsFromOffsetTable(offsetTable, data);
  if (byTable?.length === frameCount) return byTable;

  if (data.length === frameCount) return data.map((_, index) => ({ first: index, end: index + 1 }));

  const byMarkers = groupsFromMarkers(data);
  return byMarkers.length === frameCount ? byMarkers : undefined;
}

// Offsets in the Basic Offset Table count bytes from the first fragment's item header, headers
// included (PS3.5 A.4).
function groupsFromOffsetTable(
  offsetTable: Uint8Array,
  data: readonly Uint8Array[],
): FragmentGroup[] | undefined {
  if (offsetTable.length === 0 || offsetTable.length % 4 !== 0) return undefined;

  const view = new DataView(offsetTable.buffer, offsetTable.byteOffset, offsetTable.byteLength);
  const starts: number[] = [];
  let position = 0;
  const fragmentAt = new Map<number, number>();
  data.forEach((fragment, index) => {
    fragmentAt.set(position, index);
    position += ITEM_HEADER_BYTES + fragment.length;
  });

  for (let at = 0; at < offsetTable.length; at += 4) {
    const index = fragmentAt.get(view.getUint32(at, true));
    if (index === undefined) return undefined;
    starts.push(index);
  }
  return groupsFromStarts(starts, data.length);
}

// A fragment that opens with a JPEG SOI (FFD8) or a JPEG 2000 SOC (FF4F) starts a frame.
function groupsFromMarkers(data: readonly Uint8Array[]): FragmentGroup[] {
  const starts: number[] = [];
  data.forEach((fragment, index) => {
    const opensFrame = fragment[0] === 0xff && (fragment[1] === 0xd8 || fragment[1] === 0x4f);
    if (opensFrame) starts.push(index);
  });
  return starts[0] === 0 ? groupsFromStarts(starts, data.length) : [];
}

function groupsFromStarts(starts: readonly number[], fragmentCount: number): FragmentGroup[] {
  return starts.map((first, index) => ({ first, end: starts[index + 1] ?? fragmentCount }));
}

function join(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1 && parts[0] !== undefined) return parts[0];

  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}
