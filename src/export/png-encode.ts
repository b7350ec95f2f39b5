/**
 * A PNG encoder for 8-bit RGB images (ISO/IEC 15948, the PNG specification): signature, IHDR,
 * one IDAT of zlib-compressed scanlines (filter type 0), IEND, each chunk with its CRC-32.
 */
import { crc32, deflateSync } from 'node:zlib';
import { CtbankError } from '../errors.js';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const RGB = 2; // colour type 2: truecolour, three samples per pixel

/** Encodes width × height pixels of RGB (row by row, top first) as a PNG file. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Uint8Array {
  if (rgb.length !== width * height * 3) {
    throw new CtbankError('UNWRITABLE', `${rgb.length} bytes are not ${width} × ${height} RGB`);
  }

  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, RGB, 0, 0, 0], 8); // bit depth 8, deflate, adaptive filtering, no interlace

  // Each scanline starts with its filter type byte; 0 (None) keeps the encoder trivial.
  const stride = width * 3;
  const scanlines = new Uint8Array((stride + 1) * height);
  for (let row = 0; row < height; row++) {
    scanlines.set(rgb.subarray(row * stride, (row + 1) * stride), row * (stride + 1) + 1);
  }

  return concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines, { level: 6 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

// Length, type, data, then the CRC-32 of type and data (PNG §5.3).
function chunk(type: string, data: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(12 + data.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) bytes[4 + i] = type.charCodeAt(i);
  bytes.set(data, 8);
  view.setUint32(8 + data.length, crc32(bytes.subarray(4, 8 + data.length)));
  return bytes;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
