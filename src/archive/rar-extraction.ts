/**
 * The work of the RAR worker: a first pass over the headers (multi-volume parts, declared sizes),
 * then extraction entry by entry, each sent to the main thread as soon as it is unpacked.
 * Runs inside a worker thread because the wasm unrar cannot be interrupted on its own thread.
 */
import path from 'node:path';

import type { ErrorCode } from '../errors.js';
import { checkEntryPath } from './entry-path.js';
import { checkDeclaredExpansion, ExpansionMeter, formatBytes } from './expansion-meter.js';
import { RarDiskIo } from './rar-disk-io.js';
import type { FromWorker, RarJob } from './rar-messages.js';
import { ARCHIVE_FLAG, ERAR, FILE_FLAG, loadUnrar } from './unrar-module.js';
import type { RarArchive, RarFileInfo, Unrar } from './unrar-module.js';

/** How the extraction talks to the main thread. */
export interface WorkerChannel {
  send(message: FromWorker, transfer?: ArrayBuffer[]): void;
  /** Resolves when the consumer has room for another entry. */
  nextRequested(): Promise<void>;
}

// RAR host systems (unrar headers.hpp): Unix attributes are st_mode, Windows ones are
// FILE_ATTRIBUTE_* bits.
const HOST_WIN32 = 2;
const HOST_UNIX = 3;
const MODE_TYPE_MASK = 0o170000;
const MODE_REGULAR = 0o100000;
const MODE_DIRECTORY = 0o040000;
const MODE_SYMLINK = 0o120000;
const WINDOWS_REPARSE_POINT = 0x400;

const ERROR_TEXT = new Map<number, string>([
  [ERAR.NO_MEMORY, 'needs more memory than the extractor has (a damaged header?)'],
  [ERAR.BAD_DATA, 'is damaged (bad header or data checksum)'],
  [ERAR.BAD_ARCHIVE, 'is not a RAR archive the extractor can read'],
  [ERAR.UNKNOWN_FORMAT, 'uses an unknown RAR format'],
  [ERAR.EOPEN, 'cannot be opened'],
  [ERAR.EREAD, 'ends before its data does (truncated?)'],
  [ERAR.EREFERENCE, 'refers to another file that cannot be read'],
]);

/** A problem for an unrar error code; a missing volume explains read and open errors. */
function failure(errorCode: number, missingPart?: string): { code: ErrorCode; reason: string } {
  if (errorCode === ERAR.MISSING_PASSWORD || errorCode === ERAR.BAD_PASSWORD) {
    const reason = 'is password-protected; ctbank does not guess passwords';
    return { code: 'ARCHIVE_ENCRYPTED', reason };
  }

  if (missingPart !== undefined && (errorCode === ERAR.EREAD || errorCode === ERAR.EOPEN)) {
    const reason = `needs its missing part ${path.basename(missingPart)}`;
    return { code: 'ARCHIVE_MULTIVOLUME', reason };
  }
  const text = ERROR_TEXT.get(errorCode) ?? `cannot be read (unrar error ${errorCode})`;
  return { code: 'ARCHIVE_CORRUPT', reason: text };
}

type Listing =
  | { readonly kind: 'failed'; readonly errorCode: number }
  | {
      readonly kind: 'listed';
      readonly isVolume: boolean;
      readonly laterPart: boolean;
      readonly declaredBytes: number;
    };

/** Reads the headers only: is this a later volume, and how much does it declare? */
function listArchive(unrar: Unrar, job: RarJob): Listing {
  const { info, archive } = unrar.open(job.archivePath, true);
  try {
    if (info.errorCode !== ERAR.SUCCESS) return { kind: 'failed', errorCode: info.errorCode };

    let declaredBytes = 0;
    let first: RarFileInfo | null = null;
    for (;;) {
      // Damage found here is reported by the extraction pass, which reaches the same place.
      const header = archive.nextHeader();
      if (header.errorCode !== ERAR.SUCCESS) break;
      first ??= header;
      if ((header.flags & FILE_FLAG.DIRECTORY) === 0) declaredBytes += header.unpackedSize;
      if (archive.process(true) !== ERAR.SUCCESS) break;
    }

    const isVolume = (info.flags & ARCHIVE_FLAG.VOLUME) !== 0;
    const notFirst = (info.flags & ARCHIVE_FLAG.FIRST_VOLUME) === 0;
    const continued = first !== null && (first.flags & FILE_FLAG.SPLIT_BEFORE) !== 0;
    const laterPart = isVolume && (notFirst || continued);
    return { kind: 'listed', isVolume, laterPart, declaredBytes };
  } finally {
    archive.close();
  }
}

type Decision =
  | { readonly kind: 'directory' }
  | { readonly kind: 'refuse'; readonly code: ErrorCode; readonly reason: string }
  | { readonly kind: 'extract'; readonly path: string };

function refuse(code: ErrorCode, reason: string): Decision {
  return { kind: 'refuse', code, reason };
}

/** Decides from the header alone whether an entry is extracted. */
function decide(header: RarFileInfo, job: RarJob): Decision {
  const checked = checkEntryPath(header.name);
  if (!checked.ok) return refuse(checked.code, checked.reason);

  const mode = header.hostOs === HOST_UNIX ? header.attributes & MODE_TYPE_MASK : 0;
  const isDirectory = (header.flags & FILE_FLAG.DIRECTORY) !== 0 || mode === MODE_DIRECTORY;
  if (isDirectory || checked.isDirectory) return { kind: 'directory' };

  if ((header.flags & FILE_FLAG.ENCRYPTED) !== 0) {
    const { code, reason } = failure(ERAR.MISSING_PASSWORD);
    return refuse(code, reason);
  }

  const isWindowsLink =
    header.hostOs === HOST_WIN32 && (header.attributes & WINDOWS_REPARSE_POINT) !== 0;
  if (mode === MODE_SYMLINK || isWindowsLink) {
    return refuse('ARCHIVE_ENTRY_SKIPPED', 'is a link: skipped');
  }
  if (mode !== 0 && mode !== MODE_REGULAR) {
    return refuse('ARCHIVE_ENTRY_SKIPPED', 'is not a regular file: skipped');
  }

  if (header.unpackedSize > job.limits.maxEntryBytes) {
    const size = formatBytes(header.unpackedSize);
    return refuse('ARCHIVE_TOO_LARGE', `declares ${size}, over the per-entry limit`);
  }
  return { kind: 'extract', path: checked.path };
}

/** Reads one archive and reports its entries and problems through channel. */
export async function runRarJob(job: RarJob, channel: WorkerChannel): Promise<void> {
  const io = new RarDiskIo(job.archivePath);
  const unrar = await loadUnrar(io);
  io.attachHeap(() => unrar.heap());
  const archiveProblem = (code: ErrorCode, reason: string) => {
    channel.send({
      type: 'problem',
      entryName: null,
      code,
      reason: `${job.archiveName} ${reason}`,
    });
  };

  const listing = listArchive(unrar, job);
  if (listing.kind === 'failed') {
    const { code, reason } = failure(listing.errorCode, io.failedOpens[0]);
    const headers = code === 'ARCHIVE_ENCRYPTED' ? ' (its file names are encrypted)' : '';
    return archiveProblem(code, `${reason}${headers}`);
  }
  if (listing.laterPart) return channel.send({ type: 'later-part' });
  if (listing.isVolume) channel.send({ type: 'volumes', paths: [...io.opened.keys()] });

  const missing = io.failedOpens[0];
  if (missing !== undefined) {
    const { code, reason } = failure(ERAR.EOPEN, missing);
    return archiveProblem(code, reason);
  }

  const packedBytes = [...io.opened.values()].reduce((sum, size) => sum + size, 0);
  const refusal = checkDeclaredExpansion(listing.declaredBytes, packedBytes, job.limits);
  if (refusal !== null) return archiveProblem('ARCHIVE_TOO_LARGE', refusal);

  const { info, archive } = unrar.open(job.archivePath, false);
  try {
    if (info.errorCode !== ERAR.SUCCESS) {
      const { code, reason } = failure(info.errorCode, io.failedOpens[0]);
      return archiveProblem(code, reason);
    }
    await extractEntries(archive, io, job, channel, new ExpansionMeter(packedBytes, job.limits));
  } finally {
    archive.close();
  }
}

/** Extracts entry after entry until the end, or until something stops the archive. */
async function extractEntries(
  archive: RarArchive,
  io: RarDiskIo,
  job: RarJob,
  channel: WorkerChannel,
  meter: ExpansionMeter,
): Promise<void> {
  const sendProblem = (entryName: string | null, code: ErrorCode, reason: string) => {
    const subject = entryName === null ? job.archiveName : `'${entryName}' in ${job.archiveName}`;
    channel.send({ type: 'problem', entryName, code, reason: `${subject} ${reason}` });
  };
  const stopped = '; the rest of the archive was not read';

  for (;;) {
    const header = archive.nextHeader();
    if (header.errorCode === ERAR.END_ARCHIVE) return;
    if (header.errorCode !== ERAR.SUCCESS) {
      const { code, reason } = failure(header.errorCode, io.failedOpens[0]);
      return sendProblem(null, code, reason);
    }

    const decision = decide(header, job);
    if (decision.kind !== 'extract') {
      if (decision.kind === 'refuse') sendProblem(header.name, decision.code, decision.reason);
      // Skipping still decodes in a solid archive, so it can fail too (e.g. a password).
      const skipped = archive.process(true);
      if (skipped !== ERAR.SUCCESS) {
        const { code, reason } = failure(skipped, io.failedOpens[0]);
        return sendProblem(null, code, `${reason}${stopped}`);
      }
      continue;
    }

    io.expectEntry(header.unpackedSize, meter, job.limits.maxEntryBytes);
    const result = archive.process(false);
    const output = io.takeEntry();

    if (output.refusal !== null) {
      const entryName = output.refusal.scope === 'entry' ? header.name : null;
      return sendProblem(entryName, 'ARCHIVE_TOO_LARGE', `${output.refusal.reason}${stopped}`);
    }
    if (result !== ERAR.SUCCESS) {
      const { code, reason } = failure(result, io.failedOpens[0]);
      return sendProblem(header.name, code, `${reason}${stopped}`);
    }
    if (!output.created) {
      // unrar makes no file for hard links and file references: nothing to hand on.
      sendProblem(header.name, 'ARCHIVE_ENTRY_SKIPPED', 'is a link, not a regular file: skipped');
      continue;
    }
    if (output.bytes.length !== header.unpackedSize) {
      const sizes = `declares ${header.unpackedSize} bytes but unpacks to ${output.bytes.length}`;
      sendProblem(header.name, 'ARCHIVE_CORRUPT', `is damaged: it ${sizes}`);
      continue;
    }

    const data = output.bytes;
    channel.send({ type: 'entry', name: decision.path, data }, [data.buffer as ArrayBuffer]);
    await channel.nextRequested();
  }
}
