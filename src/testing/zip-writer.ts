/**
 * A minimal ZIP writer for tests, written from PKWARE's APPNOTE.TXT (4.3.7 local file header,
 * 4.3.12 central directory header, 4.3.16 end of central directory). It writes entry names and
 * sizes exactly as given, so tests can build hostile archives: zip-slip names, sizes that lie,
 * the encryption flag, symbolic links. No ZIP64, so every size must fit in 32 bits.
 */
import { writeFile } from 'node:fs/promises';
import { crc32, deflateRawSync } from 'node:zlib';

/** One entry to write. */
export interface ZipWriterEntry {
  /** Written as-is, in UTF-8: may be absolute or contain '..'. */
  readonly name: string;
  readonly data: Buffer;
  /** 'store' (method 0, the default) or 'deflate' (method 8). */
  readonly method?: 'store' | 'deflate';
  /** The uncompressed size written in the headers, when it should differ from data.length. */
  readonly declaredSize?: number;
  /** Unix st_mode in the external attributes (default 0o100644, a regular file). */
  readonly unixMode?: number;
  /**
   * Sets general purpose bit 0 ("encrypted") and puts the 12-byte traditional-encryption header
   * (APPNOTE 6.1.3) before the data, without encrypting anything.
   */
  readonly encryptedFlag?: boolean;
}

const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY_SIGNATURE = 0x06054b50;
const VERSION_NEEDED = 20; // 2.0: deflate and folders
const VERSION_MADE_BY_UNIX = (3 << 8) | VERSION_NEEDED; // host 3 = Unix: attributes are st_mode
const FLAG_ENCRYPTED = 0x0001;
const FLAG_UTF8 = 0x0800;
const ENCRYPTION_HEADER_LENGTH = 12;
const DOS_DATE_2020_01_01 = ((2020 - 1980) << 9) | (1 << 5) | 1;

interface Prepared {
  readonly name: Buffer;
  readonly flags: number;
  readonly method: number;
  readonly crc: number;
  readonly packed: Buffer;
  readonly declaredSize: number;
  readonly externalAttributes: number;
}

function prepare(entry: ZipWriterEntry): Prepared {
  const deflate = entry.method === 'deflate';
  const data = deflate ? deflateRawSync(entry.data) : entry.data;
  const encrypted = entry.encryptedFlag === true;
  return {
    name: Buffer.from(entry.name, 'utf8'),
    flags: FLAG_UTF8 | (encrypted ? FLAG_ENCRYPTED : 0),
    method: deflate ? 8 : 0,
    crc: crc32(entry.data),
    packed: encrypted ? Buffer.concat([Buffer.alloc(ENCRYPTION_HEADER_LENGTH), data]) : data,
    declaredSize: entry.declaredSize ?? entry.data.length,
    externalAttributes: ((entry.unixMode ?? 0o100644) << 16) >>> 0,
  };
}

function localHeader(entry: Prepared): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(LOCAL_HEADER_SIGNATURE, 0);
  header.writeUInt16LE(VERSION_NEEDED, 4);
  header.writeUInt16LE(entry.flags, 6);
  header.writeUInt16LE(entry.method, 8);
  header.writeUInt16LE(0, 10); // time 00:00:00
  header.writeUInt16LE(DOS_DATE_2020_01_01, 12);
  header.writeUInt32LE(entry.crc, 14);
  header.writeUInt32LE(entry.packed.length, 18);
  header.writeUInt32LE(entry.declaredSize, 22);
  header.writeUInt16LE(entry.name.length, 26);
  header.writeUInt16LE(0, 28); // no extra field
  return Buffer.concat([header, entry.name]);
}

function centralHeader(entry: Prepared, localOffset: number): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(CENTRAL_HEADER_SIGNATURE, 0);
  header.writeUInt16LE(VERSION_MADE_BY_UNIX, 4);
  header.writeUInt16LE(VERSION_NEEDED, 6);
  header.writeUInt16LE(entry.flags, 8);
  header.writeUInt16LE(entry.method, 10);
  header.writeUInt16LE(0, 12);
  header.writeUInt16LE(DOS_DATE_2020_01_01, 14);
  header.writeUInt32LE(entry.crc, 16);
  header.writeUInt32LE(entry.packed.length, 20);
  header.writeUInt32LE(entry.declaredSize, 24);
  header.writeUInt16LE(entry.name.length, 28);
  // Extra field length, comment length, disk number, internal attributes: all 0 (30..37).
  header.writeUInt32LE(entry.externalAttributes, 38);
  header.writeUInt32LE(localOffset, 42);
  return Buffer.concat([header, entry.name]);
}

function endOfCentralDirectory(count: number, size: number, offset: number): Buffer {
  const record = Buffer.alloc(22);
  record.writeUInt32LE(END_OF_CENTRAL_DIRECTORY_SIGNATURE, 0);
  record.writeUInt16LE(count, 8);
  record.writeUInt16LE(count, 10);
  record.writeUInt32LE(size, 12);
  record.writeUInt32LE(offset, 16);
  return record;
}

/** Builds a whole ZIP archive in memory. */
export function buildZip(entries: readonly ZipWriterEntry[]): Buffer {
  const prepared = entries.map(prepare);
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;

  for (const entry of prepared) {
    offsets.push(offset);
    const local = localHeader(entry);
    parts.push(local, entry.packed);
    offset += local.length + entry.packed.length;
  }

  const central = Buffer.concat(prepared.map((entry, i) => centralHeader(entry, offsets[i] ?? 0)));
  const end = endOfCentralDirectory(prepared.length, central.length, offset);
  return Buffer.concat([...parts, central, end]);
}

/** Writes a ZIP archive built by buildZip to a file. */
export async function writeZip(
  filePath: string,
  entries: readonly ZipWriterEntry[],
): Promise<void> {
  await writeFile(filePath, buildZip(entries));
}
