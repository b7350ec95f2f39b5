/**
 * Entry point of the RAR worker thread (compiled to dist/, started by rar-entries.ts): reads one
 * archive with the wasm unrar and posts its entries, running ahead of the consumer by at most
 * RUN_AHEAD_BYTES so that unpacking overlaps ingest without queueing a large archive in memory.
 * The main thread terminates this thread when the archive's time limit runs out.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { CtbankError } from '../errors.js';
import { isRarJob } from './rar-messages.js';
import type { FromWorker } from './rar-messages.js';
import { runRarJob } from './rar-extraction.js';

const port = parentPort;
if (port === null || !isRarJob(workerData)) {
  throw new CtbankError('INTERNAL', 'rar-worker must be started by rar-entries with a RarJob');
}

// A few DICOM slices' worth; one entry is always allowed, however large.
const RUN_AHEAD_BYTES = 32 * 1024 * 1024;
const unconsumed: number[] = [];
let unconsumedBytes = 0;
let wake: (() => void) | undefined;

// Each 'next' from the main thread says the oldest entry sent has been consumed.
port.on('message', () => {
  unconsumedBytes -= unconsumed.shift() ?? 0;
  wake?.();
  wake = undefined;
});

const send = (message: FromWorker, transfer: ArrayBuffer[] = []): void => {
  if (message.type === 'entry') {
    unconsumed.push(message.data.byteLength);
    unconsumedBytes += message.data.byteLength;
  }
  port.postMessage(message, transfer);
};

await runRarJob(workerData, {
  send,
  nextRequested: () =>
    unconsumedBytes < RUN_AHEAD_BYTES
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          wake = resolve;
        }),
});
send({ type: 'done' });
port.close();
