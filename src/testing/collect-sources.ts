/**
 * Test support for the archive layer: drains readSources into plain lists, reading every file.
 */
import { readSources, type ReadSourcesOptions } from '../archive/read-sources.js';
import type { ErrorCode } from '../errors.js';

/** One file of the stream, with its bytes read. */
export interface CollectedFile {
  readonly path: string;
  readonly size: number;
  readonly bytes: Buffer;
  readonly diskPath: string | undefined;
}

/** One problem of the stream. */
export interface CollectedProblem {
  readonly path: string;
  readonly code: ErrorCode;
  readonly reason: string;
}

/** Everything readSources yielded, in order. */
export interface CollectedSources {
  readonly files: CollectedFile[];
  readonly problems: CollectedProblem[];
}

/** Runs readSources to the end and reads every file it yields. */
export async function collectSources(
  paths: readonly string[],
  options: ReadSourcesOptions,
): Promise<CollectedSources> {
  const files: CollectedFile[] = [];
  const problems: CollectedProblem[] = [];

  for await (const item of readSources(paths, options)) {
    if (item.kind === 'problem') {
      problems.push({ path: item.path, code: item.code, reason: item.reason });
      continue;
    }
    const bytes = await item.read();
    files.push({ path: item.path, size: item.size, bytes, diskPath: item.diskPath });
  }
  return { files, problems };
}
