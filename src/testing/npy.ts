/**
 * Reads a small NumPy .npy file (format 1.0–3.0, little-endian int32 or float64, C order), as
 * the radiologists' labels of the COVID-CT-MD collection are stored.
 */
import { readFile } from 'node:fs/promises';

/** An n-dimensional array: its shape and its values in C (row-major) order. */
export interface NpyArray {
  readonly shape: readonly number[];
  readonly values: Int32Array | Float64Array;
}

/** Reads an .npy file of dtype '<i4' or '<f8'. */
export async function readNpy(path: string): Promise<NpyArray> {
  const bytes = await readFile(path);
  if (bytes.subarray(0, 6).toString('latin1') !== '\x93NUMPY') {
    throw new Error(`${path}: not an .npy file`);
  }
  const major = bytes[6] ?? 1;
  // Version 1 has a 2-byte header length; versions 2 and 3 a 4-byte one.
  const lengthBytes = major === 1 ? 2 : 4;
  const headerLength = major === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const dataStart = 8 + lengthBytes + headerLength;
  const header = bytes.subarray(8 + lengthBytes, dataStart).toString('latin1');

  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1] ?? '';
  if (/'fortran_order':\s*True/.test(header)) throw new Error(`${path}: Fortran order`);
  const shape = shapeText
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map(Number);
  const count = shape.reduce((product, n) => product * n, 1);
  const data = bytes.buffer.slice(bytes.byteOffset + dataStart, bytes.byteOffset + bytes.length);

  if (descr === '<i4') return { shape, values: new Int32Array(data, 0, count) };
  if (descr === '<f8') return { shape, values: new Float64Array(data, 0, count) };
  throw new Error(`${path}: dtype ${descr ?? 'unknown'} is not read here`);
}
