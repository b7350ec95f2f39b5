/**
 * Parallel gzip: the bytes are cut into parts, each compressed as a gzip member of its own on
 * libuv's thread pool (node:zlib's asynchronous calls), so that every core compresses at once.
 * Members written one after another make one valid gzip file (RFC 1952 §2.2), which zlib,
 * Python's gzip (nibabel) and gunzip read as the concatenation of the parts.
 */
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/** How parts are cut and compressed. */
export interface GzipOptions {
  /** zlib level, 1 (fastest) to 9 (smallest). */
  readonly level: number;
  /** Bytes per member; a few MB keeps both cores busy to the end. */
  readonly partBytes?: number;
  /** Members compressed at once; default one per core. */
  readonly parallel?: number;
}

const DEFAULT_PART_BYTES = 4 << 20;

/**
 * The gzip members of the pieces' bytes in order, compressing up to `parallel` parts ahead of
 * the one handed out, so that a writer can stream them while the next ones compress.
 */
export async function* gzipMembers(
  pieces: readonly Uint8Array[],
  options: GzipOptions,
): AsyncGenerator<Buffer> {
  const partBytes = options.partBytes ?? DEFAULT_PART_BYTES;
  const parallel = Math.max(1, options.parallel ?? availableParallelism());
  const pending: Promise<Buffer>[] = [];

  for (const piece of pieces) {
    for (let start = 0; start < piece.length; start += partBytes) {
      const part = piece.subarray(start, Math.min(piece.length, start + partBytes));
      pending.push(gzipAsync(part, { level: options.level }));
      if (pending.length > parallel) yield await (pending.shift() as Promise<Buffer>);
    }
  }
  while (pending.length > 0) yield await (pending.shift() as Promise<Buffer>);
}
