/**
 * Reads a ZIP archive on disk with yauzl: the central directory is listed and checked first
 * (names, encryption, declared sizes), then the regular entries are read one at a time, in sorted
 * path order, each into memory.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';

import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';

import { messageOf } from '../errors.js';
import type { ArchiveLimits } from './archive-limits.js';
import { BusyClock } from './busy-clock.js';
import { checkEntryPath } from './entry-path.js';
import { checkDeclaredExpansion, ExpansionMeter, formatBytes } from './expansion-meter.js';
import { entryDisplayPath, problem } from './source-item.js';
import type { ArchiveEntry, SourceProblem } from './source-item.js';

/** An archive to read: where it is on disk and how to name it in the stream. */
export interface ArchiveSource {
  readonly diskPath: string;
  readonly displayPath: string;
}

// APPNOTE.TXT 4.4.2: the high byte of "version made by" is the host; for Unix (3) and OS X (19)
// the high 16 bits of the external attributes are st_mode.
const HOSTS_WITH_UNIX_MODE = new Set([3, 19]);
const MODE_TYPE_MASK = 0o170000;
const MODE_REGULAR = 0o100000;
const MODE_DIRECTORY = 0o040000;
const MODE_SYMLINK = 0o120000;
const MSDOS_DIRECTORY_ATTRIBUTE = 0x10;

type Listed =
  | { readonly kind: 'read'; readonly path: string; readonly entry: Entry }
  | { readonly kind: 'skip'; readonly path: string; readonly problem: SourceProblem | null };

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Decides what to do with one central-directory entry, before any data is read. */
function classify(entry: Entry, source: ArchiveSource, limits: ArchiveLimits): Listed {
  const name = yauzl.getFileNameLowLevel(
    entry.generalPurposeBitFlag,
    entry.fileNameRaw,
    entry.extraFields,
    false,
  );
  const archiveName = path.basename(source.displayPath);
  const where = entryDisplayPath(source.displayPath, name);
  const refuse = (code: SourceProblem['code'], reason: string): Listed => ({
    kind: 'skip',
    path: name,
    problem: problem(where, code, `'${name}' in ${archiveName} ${reason}`),
  });

  const checked = checkEntryPath(name);
  if (!checked.ok) return refuse(checked.code, checked.reason);

  const mode = HOSTS_WITH_UNIX_MODE.has(entry.versionMadeBy >>> 8)
    ? (entry.externalFileAttributes >>> 16) & MODE_TYPE_MASK
    : 0;
  const isDirectory =
    checked.isDirectory ||
    mode === MODE_DIRECTORY ||
    (mode === 0 && (entry.externalFileAttributes & MSDOS_DIRECTORY_ATTRIBUTE) !== 0);
  if (isDirectory) return { kind: 'skip', path: checked.path, problem: null };

  if (mode !== 0 && mode !== MODE_REGULAR) {
    const what = mode === MODE_SYMLINK ? 'a symbolic link' : 'not a regular file';
    return refuse('ARCHIVE_ENTRY_SKIPPED', `is ${what}: skipped`);
  }
  if (entry.isEncrypted()) {
    return refuse('ARCHIVE_ENCRYPTED', 'is password-protected; ctbank does not guess passwords');
  }
  if (!entry.canDecodeFileData()) {
    return refuse('ARCHIVE_CORRUPT', `uses compression method ${entry.compressionMethod}`);
  }
  if (entry.uncompressedSize > limits.maxEntryBytes) {
    const size = formatBytes(entry.uncompressedSize);
    return refuse('ARCHIVE_TOO_LARGE', `declares ${size}, over the per-entry limit`);
  }
  return { kind: 'read', path: checked.path, entry };
}

async function listEntries(zipfile: ZipFile): Promise<Entry[]> {
  const entries: Entry[] = [];
  for await (const entry of zipfile.eachEntry()) entries.push(entry);
  return entries;
}

/** Yields the regular entries of a ZIP archive, and a problem for everything refused. */
export async function* readZipEntries(
  source: ArchiveSource,
  limits: ArchiveLimits,
): AsyncGenerator<ArchiveEntry | SourceProblem> {
  const archiveName = path.basename(source.displayPath);
  const clock = new BusyClock(limits.timeoutMs);
  clock.resume();

  let zipfile: ZipFile;
  let entries: Entry[];
  let packedBytes: number;
  try {
    packedBytes = (await stat(source.diskPath)).size;
    zipfile = await yauzl.openPromise(source.diskPath, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false, // names are decoded and checked here, so a bad one skips one entry
      validateEntrySizes: true,
    });
  } catch (error) {
    const reason = `${archiveName} is not a readable ZIP archive: ${messageOf(error)}`;
    yield problem(source.displayPath, 'ARCHIVE_CORRUPT', reason);
    return;
  }

  try {
    try {
      entries = await listEntries(zipfile);
    } catch (error) {
      const reason = `${archiveName} has a damaged central directory: ${messageOf(error)}`;
      yield problem(source.displayPath, 'ARCHIVE_CORRUPT', reason);
      return;
    }

    const declared = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
    const refusal = checkDeclaredExpansion(declared, packedBytes, limits);
    if (refusal !== null) {
      yield problem(source.displayPath, 'ARCHIVE_TOO_LARGE', `${archiveName} ${refusal}`);
      return;
    }

    const listed = entries.map((entry) => classify(entry, source, limits));
    listed.sort((a, b) => compareCodeUnits(a.path, b.path));
    const meter = new ExpansionMeter(packedBytes, limits);

    for (const item of listed) {
      if (item.kind === 'skip') {
        if (item.problem !== null) yield item.problem;
        continue;
      }

      const where = entryDisplayPath(source.displayPath, item.path);
      const outcome = await readEntry(zipfile, item.entry, meter, clock, limits);
      if (outcome.kind === 'bytes') {
        clock.pause();
        yield { kind: 'entry', path: where, bytes: outcome.bytes };
        clock.resume();
        continue;
      }

      if (outcome.scope === 'entry') {
        yield problem(where, outcome.code, `'${item.path}' in ${archiveName} ${outcome.reason}`);
        continue;
      }
      yield problem(source.displayPath, outcome.code, `${archiveName} ${outcome.reason}`);
      return;
    }
  } finally {
    clock.stop();
    zipfile.close();
  }
}

type ReadOutcome =
  | { readonly kind: 'bytes'; readonly bytes: Buffer }
  | {
      readonly kind: 'refused';
      readonly scope: 'entry' | 'archive';
      readonly code: 'ARCHIVE_CORRUPT' | 'ARCHIVE_TOO_LARGE' | 'ARCHIVE_TIMEOUT';
      readonly reason: string;
    };

/** Reads one entry into memory, counting bytes and time as they come. */
async function readEntry(
  zipfile: ZipFile,
  entry: Entry,
  meter: ExpansionMeter,
  clock: BusyClock,
  limits: ArchiveLimits,
): Promise<ReadOutcome> {
  const chunks: Buffer[] = [];
  meter.startEntry();

  try {
    const stream = await zipfile.openReadStreamPromise(entry);
    for await (const chunk of stream) {
      if (!Buffer.isBuffer(chunk)) throw new TypeError('yauzl yielded a non-Buffer chunk');

      const refusal = meter.add(chunk.length);
      if (refusal !== null) {
        stream.destroy();
        return { kind: 'refused', code: 'ARCHIVE_TOO_LARGE', ...refusal };
      }
      if (clock.expired()) {
        stream.destroy();
        const reason = `took longer than the limit of ${limits.timeoutMs} ms to read: stopped`;
        return { kind: 'refused', scope: 'archive', code: 'ARCHIVE_TIMEOUT', reason };
      }
      chunks.push(chunk);
    }
  } catch (error) {
    const reason = `cannot be read: ${messageOf(error)}`;
    return { kind: 'refused', scope: 'entry', code: 'ARCHIVE_CORRUPT', reason };
  }

  return { kind: 'bytes', bytes: Buffer.concat(chunks) };
}
