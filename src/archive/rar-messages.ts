/**
 * The messages between the main thread and the RAR worker. The main thread answers each entry
 * with 'next' once it is consumed; the worker runs ahead only by a bounded number of bytes, so a
 * large archive is never queued in memory ahead of its consumer.
 */
import type { ErrorCode } from '../errors.js';
import type { ArchiveLimits } from './archive-limits.js';

/** What the worker is asked to do: read one archive on disk. */
export interface RarJob {
  readonly archivePath: string;
  /** The name used in reasons (the archive's base name). */
  readonly archiveName: string;
  readonly limits: ArchiveLimits;
}

/** What the worker reports, in order; 'done' is always last unless it fails. */
export type FromWorker =
  /** The archive is a later part of a multi-volume set, not its first part. */
  | { readonly type: 'later-part' }
  /** The parts of a multi-volume set that were opened, first part included. */
  | { readonly type: 'volumes'; readonly paths: readonly string[] }
  | { readonly type: 'entry'; readonly name: string; readonly data: Uint8Array }
  /** entryName null: the problem concerns the whole archive. */
  | {
      readonly type: 'problem';
      readonly entryName: string | null;
      readonly code: ErrorCode;
      readonly reason: string;
    }
  | { readonly type: 'done' };

/** The main thread's answer to an entry: send the next one. */
export interface ToWorker {
  readonly type: 'next';
}

const TYPES = new Set(['later-part', 'volumes', 'entry', 'problem', 'done']);

/** True for a message shaped like FromWorker (the worker is ours; this guards typing only). */
export function isFromWorker(value: unknown): value is FromWorker {
  return (
    typeof value === 'object' &&
    value !== null &&
    'type' in value &&
    typeof value.type === 'string' &&
    TYPES.has(value.type)
  );
}

/** True for a value shaped like RarJob. */
export function isRarJob(value: unknown): value is RarJob {
  return (
    typeof value === 'object' &&
    value !== null &&
    'archivePath' in value &&
    typeof value.archivePath === 'string' &&
    'archiveName' in value &&
    typeof value.archiveName === 'string' &&
    'limits' in value &&
    typeof value.limits === 'object'
  );
}
