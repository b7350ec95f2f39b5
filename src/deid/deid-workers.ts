/**
 * Runs instance de-identifications for one study: inline when the study is small, else on a
 * pool of worker threads (one per core), started once the study has enough instances to pay
 * for starting them (module loading takes about 0.1 s per thread).
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { deidentifyInstance, type InstanceResult, type InstanceTask } from './deid-instance.js';

// Below this many instances a study is done on the main thread.
const WORKER_THRESHOLD = 32;

/** De-identifies instances, inline or in worker threads. */
export class DeidWorkers {
  private readonly pool: Piscina | undefined;
  /** How many tasks may be pending before the caller should take a result. */
  readonly maxInFlight: number;

  constructor(instances: number) {
    const threads = Math.max(1, availableParallelism());
    this.maxInFlight = threads * 8;
    if (instances < WORKER_THRESHOLD) return;

    this.pool = new Piscina({
      filename: new URL('./deid-worker.js', import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
      // A few tasks queued in each worker keep it busy while the main thread commits a batch.
      concurrentTasksPerWorker: 2,
    });
  }

  /** Starts de-identifying one instance. */
  run(task: InstanceTask): Promise<InstanceResult> {
    if (this.pool === undefined) return deidentifyInstance(task);
    return this.pool.run(task) as Promise<InstanceResult>;
  }

  /** Stops the worker threads. */
  async close(): Promise<void> {
    await this.pool?.destroy();
  }
}
