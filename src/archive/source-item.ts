/**
 * What the archive layer hands to ingest: one stream of files found in the input, and of
 * problems (rejected inputs), each named by its display path.
 */
import type { ErrorCode } from '../errors.js';

/**
 * A file found in the input. `path` is the display path: the file on disk, or the archive's path,
 * `!`, and the entry's path inside it, e.g. `/in/P001.rar!/P001/1.dcm`.
 */
export interface SourceFile {
  readonly kind: 'file';
  readonly path: string;
  /** Bytes. */
  readonly size: number;
  /** The file's bytes: read from disk on each call for plain files, held in memory for entries. */
  read(): Promise<Buffer>;
  /** Set for plain files on disk only. */
  readonly diskPath?: string;
}

/** Something in the input that was rejected, with a stable code and a plain reason. */
export interface SourceProblem {
  readonly kind: 'problem';
  readonly path: string;
  readonly code: ErrorCode;
  readonly reason: string;
}

/** One item of the stream returned by readSources. */
export type SourceItem = SourceFile | SourceProblem;

/** An entry extracted from an archive, held in memory, before it becomes a SourceFile. */
export interface ArchiveEntry {
  readonly kind: 'entry';
  readonly path: string;
  readonly bytes: Buffer;
}

/** Builds a problem item. */
export function problem(path: string, code: ErrorCode, reason: string): SourceProblem {
  return { kind: 'problem', path, code, reason };
}

/** The display path of an entry inside an archive. */
export function entryDisplayPath(archivePath: string, entryPath: string): string {
  return `${archivePath}!/${entryPath}`;
}
