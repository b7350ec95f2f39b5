/**
 * The archive layer's entry point: turns what a hospital hands over (folders, files, ZIP and RAR
 * archives, archives inside folders and one level of archive inside an archive) into one stream
 * of files and problems, in sorted path order. Problems in the input never stop the stream.
 */
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { CtbankError, messageOf } from '../errors.js';
import { silentLogger, type Logger } from '../log.js';
import { resolveLimits, type ArchiveLimits } from './archive-limits.js';
import { archiveKindByName, archiveKindOf, MAGIC_LENGTH, readHead } from './archive-kind.js';
import type { ArchiveKind } from './archive-kind.js';
import { walkFolder } from './folder-walk.js';
import { readRarEntries } from './rar-entries.js';
import { problem } from './source-item.js';
import type { ArchiveEntry, SourceFile, SourceItem } from './source-item.js';
import { readZipEntries, type ArchiveSource } from './zip-entries.js';

export { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from './archive-limits.js';
export type { SourceFile, SourceItem, SourceProblem } from './source-item.js';

/** How readSources reads: limits, a scratch folder for nested archives, a logger, a signal. */
export interface ReadSourcesOptions {
  readonly limits?: Partial<ArchiveLimits>;
  /** Nested archives are written here (in a fresh subfolder, removed at the end); nothing else. */
  readonly scratchDir: string;
  readonly logger?: Logger;
  readonly signal?: AbortSignal;
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The state of one readSources call: limits, scratch files, multi-volume bookkeeping. */
class SourceRun {
  readonly limits: ArchiveLimits;
  readonly logger: Logger;
  readonly signal: AbortSignal | undefined;
  /** Later volumes already read through their first part, by disk path. */
  readonly claimedVolumes = new Set<string>();
  /** Later volumes met on their own, by disk path: a problem unless a first part claims them. */
  readonly laterParts = new Map<string, string>();

  #scratchDir: string;
  #runDir: string | null = null;
  #nestedCount = 0;

  constructor(options: ReadSourcesOptions) {
    this.limits = resolveLimits(options.limits);
    this.logger = (options.logger ?? silentLogger()).child({ module: 'archive' });
    this.signal = options.signal;
    this.#scratchDir = options.scratchDir;
  }

  /** Writes bytes to a fresh file in this run's scratch folder, named by us, never by an entry. */
  async writeScratch(kind: ArchiveKind, bytes: Buffer): Promise<string> {
    try {
      if (this.#runDir === null) {
        await mkdir(this.#scratchDir, { recursive: true });
        this.#runDir = await mkdtemp(path.join(this.#scratchDir, 'archive-'));
      }
      this.#nestedCount += 1;
      const file = path.join(this.#runDir, `nested-${this.#nestedCount}.${kind}`);
      await writeFile(file, bytes);
      return file;
    } catch (error) {
      const message = `cannot write a nested archive to the scratch folder ${this.#scratchDir}`;
      throw new CtbankError('WORKSPACE', message, { file: this.#scratchDir }, error);
    }
  }

  async close(): Promise<void> {
    if (this.#runDir !== null) await rm(this.#runDir, { recursive: true, force: true });
  }
}

/** Reads the given files and folders as one stream of files and problems, in sorted order. */
export async function* readSources(
  paths: readonly string[],
  options: ReadSourcesOptions,
): AsyncGenerator<SourceItem> {
  const run = new SourceRun(options);
  const inputs = [...new Set(paths.map((input) => path.resolve(input)))].sort(compareCodeUnits);

  try {
    for (const input of inputs) yield* readInput(input, run);

    for (const [diskPath, displayPath] of run.laterParts) {
      if (run.claimedVolumes.has(diskPath)) continue;
      const reason =
        `${path.basename(displayPath)} is a later part of a multi-volume RAR: ` +
        'give its first part (e.g. .part1.rar), with all parts in the same folder';
      yield problem(displayPath, 'ARCHIVE_MULTIVOLUME', reason);
    }
  } finally {
    await run.close();
  }
}

/** One path given by the caller: a folder is walked (links inside it are not followed). */
async function* readInput(input: string, run: SourceRun): AsyncGenerator<SourceItem> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(input)).isDirectory();
  } catch (error) {
    yield problem(input, 'READ_FAILED', `cannot read ${input}: ${messageOf(error)}`);
    return;
  }

  if (!isDirectory) {
    yield* readDiskFile(input, run);
    return;
  }
  for await (const item of walkFolder(input)) {
    if (item.kind === 'file') yield* readDiskFile(item.path, run);
    if (item.kind === 'unreadable') {
      yield problem(
        item.path,
        'READ_FAILED',
        `cannot read the folder ${item.path}: ${item.reason}`,
      );
    }
    if (item.kind === 'not-regular') {
      const reason = `${path.basename(item.path)} is ${item.what}, not a regular file: skipped`;
      yield problem(item.path, 'ARCHIVE_ENTRY_SKIPPED', reason);
    }
  }
}

/** A file on disk: an archive (by its magic bytes) is opened, anything else is passed on. */
async function* readDiskFile(diskPath: string, run: SourceRun): AsyncGenerator<SourceItem> {
  run.signal?.throwIfAborted();
  if (run.claimedVolumes.has(diskPath)) {
    run.logger.debug({ path: diskPath }, 'volume already read through its first part');
    return;
  }

  let head: Buffer;
  let size: number;
  try {
    ({ head, size } = readHead(diskPath));
  } catch (error) {
    yield problem(diskPath, 'READ_FAILED', `cannot read ${diskPath}: ${messageOf(error)}`);
    return;
  }

  const kind = archiveKindOf(head, diskPath);
  if (kind !== null) {
    yield* readArchive({ diskPath, displayPath: diskPath }, kind, 0, run);
    return;
  }

  const promised = archiveKindByName(diskPath);
  if (promised !== null) {
    const reason =
      `${path.basename(diskPath)} is named like a ${promised.toUpperCase()} archive ` +
      'but does not start with its signature';
    yield problem(diskPath, 'ARCHIVE_CORRUPT', reason);
    return;
  }
  yield diskFile(diskPath, size);
}

function diskFile(diskPath: string, size: number): SourceFile {
  return {
    kind: 'file',
    path: diskPath,
    size,
    diskPath,
    async read() {
      try {
        return await readFile(diskPath);
      } catch (error) {
        throw new CtbankError('READ_FAILED', `cannot read ${diskPath}`, { file: diskPath }, error);
      }
    },
  };
}

/** One archive, at nesting depth 0 (on disk) or deeper (an entry written to scratch). */
async function* readArchive(
  source: ArchiveSource,
  kind: ArchiveKind,
  depth: number,
  run: SourceRun,
): AsyncGenerator<SourceItem> {
  run.logger.debug({ path: source.displayPath, kind, depth }, 'opening archive');
  const items =
    kind === 'zip'
      ? readZipEntries(source, run.limits)
      : readRarEntries(source, run.limits, run.signal);

  let reported = false;
  for await (const item of items) {
    run.signal?.throwIfAborted();
    reported ||= item.kind !== 'volumes';
    if (item.kind === 'problem') {
      run.logger.debug({ path: item.path, code: item.code }, item.reason);
      yield item;
    } else if (item.kind === 'entry') {
      yield* readEntry(item, depth, run);
    } else if (item.kind === 'volumes') {
      for (const volume of item.diskPaths) run.claimedVolumes.add(volume);
    } else if (depth === 0) {
      run.laterParts.set(source.diskPath, source.displayPath);
    } else {
      const reason =
        `${path.basename(source.displayPath)} is a later part of a multi-volume RAR ` +
        'whose other parts are not beside it';
      yield problem(source.displayPath, 'ARCHIVE_MULTIVOLUME', reason);
    }
  }

  if (!reported) {
    const reason = `${path.basename(source.displayPath)} holds no files`;
    yield problem(source.displayPath, 'ARCHIVE_EMPTY', reason);
  }
}

/** An archive entry: passed on, or opened as a nested archive if the depth allows. */
async function* readEntry(
  entry: ArchiveEntry,
  depth: number,
  run: SourceRun,
): AsyncGenerator<SourceItem> {
  const kind = archiveKindOf(entry.bytes.subarray(0, MAGIC_LENGTH), entry.path);
  if (kind === null) {
    const { bytes } = entry;
    yield {
      kind: 'file',
      path: entry.path,
      size: bytes.length,
      read: () => Promise.resolve(bytes),
    };
    return;
  }

  if (depth + 1 > run.limits.maxNestingDepth) {
    const limit = run.limits.maxNestingDepth;
    const reason =
      `${path.basename(entry.path)} is an archive nested deeper than the limit of ${limit}: ` +
      'not opened';
    yield problem(entry.path, 'ARCHIVE_NESTING', reason);
    return;
  }

  const scratch = await run.writeScratch(kind, entry.bytes);
  try {
    yield* readArchive({ diskPath: scratch, displayPath: entry.path }, kind, depth + 1, run);
  } finally {
    await rm(scratch, { force: true });
  }
}
