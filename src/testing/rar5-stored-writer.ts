/**
 * A small writer of RAR5 archives whose files are STORED (method 0, no compression), for tests
 * and the ingest benchmark. Written from rarlab's "RAR 5.0 archive format" technote: signature,
 * main archive header, one file header + data area per entry, end-of-archive header. Every
 * header starts with the CRC32 of the bytes that follow it, then its size as a vint.
 */
import { open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';

import { CtbankError } from '../errors.js';

/** One file to pack: its path inside the archive ('/' separated), its bytes, its mtime. */
export interface Rar5Entry {
  readonly name: string;
  readonly data: Buffer;
  /** Omitted: the header carries no modification time (the field is optional in RAR5). */
  readonly mtime?: Date;
}

// Technote, "General archive layout": RAR 5.0 signature.
const SIGNATURE = Buffer.from([0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00]);

// Technote, "General archive block format": header types and flags.
const HEADER_TYPE_MAIN = 1;
const HEADER_TYPE_FILE = 2;
const HEADER_TYPE_END = 5;
const HEADER_FLAG_DATA_AREA = 0x0002;

// Technote, "File header and service header".
const FILE_FLAG_MTIME = 0x0002;
const FILE_FLAG_CRC32 = 0x0004;
const COMPRESSION_STORED = 0; // version 0, not solid, method 0 (store), smallest dictionary
const HOST_OS_UNIX = 1;
const UNIX_MODE_REGULAR_0644 = 0o100644; // attributes are the st_mode bits when host OS is Unix

// A vint carries 7 bits per byte, so 10 bytes hold 64 bits; JS numbers stay exact to 2^53.
const VINT_MAX = Number.MAX_SAFE_INTEGER;
const UINT32_LIMIT = 2 ** 32;

/** Encodes a non-negative integer as a RAR5 vint: 7 bits per byte, low bits first. */
export function encodeVint(value: number): Buffer {
  if (!Number.isSafeInteger(value) || value < 0 || value > VINT_MAX) {
    throw new CtbankError('INTERNAL', `vint out of range: ${value}`);
  }

  const bytes: number[] = [];
  let rest = value;
  do {
    const low = rest % 128;
    rest = Math.floor(rest / 128);
    bytes.push(rest > 0 ? low | 0x80 : low);
  } while (rest > 0);
  return Buffer.from(bytes);
}

function uint32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value >>> 0);
  return buffer;
}

/** Frames header fields (from header type on) with their CRC32 and header size. */
function header(fields: readonly Buffer[]): Buffer {
  const body = Buffer.concat(fields);
  const sized = Buffer.concat([encodeVint(body.length), body]);
  return Buffer.concat([uint32(crc32(sized)), sized]);
}

function mainHeader(): Buffer {
  const archiveFlags = 0; // single volume, not solid, no recovery record, not locked
  return header([encodeVint(HEADER_TYPE_MAIN), encodeVint(0), encodeVint(archiveFlags)]);
}

function fileHeader(entry: Rar5Entry): Buffer {
  const name = Buffer.from(entry.name, 'utf8');
  if (name.length === 0) throw new CtbankError('USAGE', 'a RAR entry needs a name');

  const seconds = entry.mtime === undefined ? undefined : Math.floor(entry.mtime.getTime() / 1000);
  if (seconds !== undefined && !(seconds >= 0 && seconds < UINT32_LIMIT)) {
    throw new CtbankError('USAGE', `mtime outside the RAR5 uint32 range`, { file: entry.name });
  }

  const fileFlags = FILE_FLAG_CRC32 | (seconds === undefined ? 0 : FILE_FLAG_MTIME);
  const size = encodeVint(entry.data.length);
  return header([
    encodeVint(HEADER_TYPE_FILE),
    encodeVint(HEADER_FLAG_DATA_AREA),
    size, // data size: stored, so packed = unpacked
    encodeVint(fileFlags),
    size, // unpacked size
    encodeVint(UNIX_MODE_REGULAR_0644),
    ...(seconds === undefined ? [] : [uint32(seconds)]),
    uint32(crc32(entry.data)),
    encodeVint(COMPRESSION_STORED),
    encodeVint(HOST_OS_UNIX),
    encodeVint(name.length),
    name,
  ]);
}

function endOfArchiveHeader(): Buffer {
  const endFlags = 0; // last volume
  return header([encodeVint(HEADER_TYPE_END), encodeVint(0), encodeVint(endFlags)]);
}

/**
 * Writes a stored RAR5 archive to outPath, one entry at a time, so only one entry's bytes are in
 * memory; the file appears under its name only once complete.
 */
export async function writeRar5Stored(
  outPath: string,
  entries: Iterable<Rar5Entry> | AsyncIterable<Rar5Entry>,
): Promise<void> {
  const partialPath = `${outPath}.partial`;
  const handle = await open(partialPath, 'w');

  try {
    try {
      await handle.writev([SIGNATURE, mainHeader()]);
      for await (const entry of entries) {
        await handle.writev([fileHeader(entry), entry.data]);
      }
      await handle.write(endOfArchiveHeader());
    } finally {
      await handle.close();
    }
  } catch (error) {
    await rm(partialPath, { force: true });
    throw error;
  }

  await rename(partialPath, outPath);
}

/**
 * Yields every regular file under folder, depth first in code-unit order of names, as entries
 * named by their '/' separated path relative to folder, with their mtimes.
 */
export async function* readFolderEntries(folder: string, prefix = ''): AsyncGenerator<Rar5Entry> {
  const dirents = await readdir(folder, { withFileTypes: true });
  dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  for (const dirent of dirents) {
    const full = path.join(folder, dirent.name);
    const name = prefix === '' ? dirent.name : `${prefix}/${dirent.name}`;
    if (dirent.isDirectory()) {
      yield* readFolderEntries(full, name);
    } else if (dirent.isFile()) {
      const [data, info] = await Promise.all([readFile(full), stat(full)]);
      yield { name, data, mtime: info.mtime };
    }
  }
}
