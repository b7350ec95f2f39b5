/**
 * Entry point of the RAR worker thread (compiled to dist/, started by rar-entries.ts): reads one
 * archive with the wasm unrar and posts its entries one at a time. The main thread terminates
 * this thread when the archive's time limit runs out.
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

const send = (message: FromWorker, transfer: ArrayBuffer[] = []) =>
  port.postMessage(message, transfer);
await runRarJob(workerData, {
  send,
  nextRequested: () => new Promise((resolve) => port.once('message', () => resolve())),
});
send({ type: 'done' });
