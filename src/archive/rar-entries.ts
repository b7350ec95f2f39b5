/**
 * Reads a RAR archive on disk through a worker thread running the wasm unrar. The worker is
 * terminated when the archive's time budget runs out, so a hostile archive that hangs the
 * extractor costs one ARCHIVE_TIMEOUT problem, not the batch.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';

import { messageOf } from '../errors.js';
import type { ArchiveLimits } from './archive-limits.js';
import { BusyClock } from './busy-clock.js';
import { isFromWorker } from './rar-messages.js';
import type { FromWorker, RarJob, ToWorker } from './rar-messages.js';
import { entryDisplayPath, problem } from './source-item.js';
import type { ArchiveEntry, SourceProblem } from './source-item.js';
import type { ArchiveSource } from './zip-entries.js';

/** What reading a RAR yields besides entries and problems: facts about multi-volume sets. */
export type RarItem =
  | ArchiveEntry
  | SourceProblem
  /** The archive is a later part of a multi-volume set; it was not read on its own. */
  | { readonly kind: 'later-part'; readonly path: string }
  /** The files of a multi-volume set read from its first part. */
  | { readonly kind: 'volumes'; readonly diskPaths: readonly string[] };

type WorkerEvent =
  | { readonly kind: 'message'; readonly message: FromWorker }
  | { readonly kind: 'failed'; readonly reason: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'aborted' };

/** A queue of worker events with one waiting reader. */
class Inbox {
  #events: WorkerEvent[] = [];
  #waiting: ((event: WorkerEvent) => void) | null = null;

  push(event: WorkerEvent): void {
    const waiting = this.#waiting;
    this.#waiting = null;
    if (waiting === null) this.#events.push(event);
    else waiting(event);
  }

  next(): Promise<WorkerEvent> {
    const event = this.#events.shift();
    if (event !== undefined) return Promise.resolve(event);
    return new Promise((resolve) => (this.#waiting = resolve));
  }
}

const WORKER_URL = new URL('./rar-worker.js', import.meta.url);

function startWorker(job: RarJob, inbox: Inbox): Worker {
  const worker = new Worker(WORKER_URL, { workerData: job });
  worker.on('message', (message: unknown) => {
    if (isFromWorker(message)) inbox.push({ kind: 'message', message });
    else inbox.push({ kind: 'failed', reason: 'the worker sent an unknown message' });
  });
  worker.on('error', (error) => inbox.push({ kind: 'failed', reason: messageOf(error) }));
  worker.on('exit', (code) =>
    inbox.push({ kind: 'failed', reason: `the worker exited (${code})` }),
  );
  return worker;
}

/** Yields the regular entries of a RAR archive (or multi-volume set) and its problems. */
export async function* readRarEntries(
  source: ArchiveSource,
  limits: ArchiveLimits,
  signal?: AbortSignal,
): AsyncGenerator<RarItem> {
  const archiveName = path.basename(source.displayPath);
  const inbox = new Inbox();
  const job: RarJob = { archivePath: path.resolve(source.diskPath), archiveName, limits };
  const worker = startWorker(job, inbox);
  const clock = new BusyClock(limits.timeoutMs, () => inbox.push({ kind: 'timeout' }));
  const onAbort = () => inbox.push({ kind: 'aborted' });
  signal?.addEventListener('abort', onAbort);
  // Thread start-up is not the archive's time: the budget starts once the worker runs.
  worker.once('online', () => clock.resume());

  try {
    for (;;) {
      const event = await inbox.next();
      if (event.kind === 'aborted') signal?.throwIfAborted();
      if (event.kind === 'timeout') {
        const limit = `${limits.timeoutMs} ms`;
        const reason = `${archiveName} took longer than the limit of ${limit} to extract: stopped`;
        yield problem(source.displayPath, 'ARCHIVE_TIMEOUT', reason);
        return;
      }
      if (event.kind === 'failed') {
        const reason = `the RAR extractor failed on ${archiveName}: ${event.reason}`;
        yield problem(source.displayPath, 'ARCHIVE_CORRUPT', reason);
        return;
      }
      if (event.kind !== 'message') continue;

      const message = event.message;
      if (message.type === 'done') return;
      if (message.type === 'later-part') yield { kind: 'later-part', path: source.displayPath };
      if (message.type === 'volumes') yield { kind: 'volumes', diskPaths: message.paths };
      if (message.type === 'problem') {
        const where =
          message.entryName === null
            ? source.displayPath
            : entryDisplayPath(source.displayPath, message.entryName);
        yield problem(where, message.code, message.reason);
      }
      if (message.type === 'entry') {
        const { data } = message;
        const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
        clock.pause();
        yield { kind: 'entry', path: entryDisplayPath(source.displayPath, message.name), bytes };
        clock.resume();
        worker.postMessage({ type: 'next' } satisfies ToWorker);
      }
    }
  } finally {
    clock.stop();
    signal?.removeEventListener('abort', onAbort);
    await worker.terminate();
  }
}
