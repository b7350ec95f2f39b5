/**
 * Runs instance de-identifications: inline when a study is small, else on the process's one
 * pool of worker threads (one per core). The pool is started once per process, on the first
 * study big enough to pay for it (module loading takes about 0.6 s per thread), and is kept
 * for every later study; piscina unrefs idle threads, so the pool never holds the process open.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { deidentifyInstance, type InstanceResult, type InstanceTask } from './deid-instance.js';

/** Below this many instances a study is done on the main thread. */
export const WORKER_THRESHOLD = 32;

const threads = Math.max(1, availableParallelism());
let shared: Piscina | undefined;

/** Starts the worker threads now, so that they load their modules while this thread works. */
export function warmDeidWorkers(): void {
  shared ??= new Piscina({
    filename: new URL('./deid-worker.js', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
    // A few tasks queued in each worker keep it busy while the main thread commits a batch.
    concurrentTasksPerWorker: 2,
  });
}

/** De-identifies instances, inline or in worker threads. */
export class DeidWorkers {
  private readonly pool: Piscina | undefined;
  /** How many tasks may be pending before the caller should take a result. */
  readonly maxInFlight = threads * 8;

  constructor(instances: number) {
    if (instances < WORKER_THRESHOLD) return;

    warmDeidWorkers();
    this.pool = shared;
  }

  /** Starts de-identifying one instance, on a worker thread when the study has them. */
  run(task: InstanceTask): Promise<InstanceResult> {
    if (this.pool === undefined) return deidentifyInstance(task);
    return this.pool.run(task) as Promise<InstanceResult>;
  }

  /** De-identifies one instance on this thread (while the threads may still be starting). */
  runHere(task: InstanceTask): Promise<InstanceResult> {
    return deidentifyInstance(task);
  }
}
